#include "engine/core/catalog.h"
#include "engine/feature_selection/correlation_filter.h"
#include "engine/feature_selection/rfe.h"
#include "engine/feature_selection/select_from_model.h"
#include "engine/feature_selection/select_k_best.h"
#include "engine/feature_selection/variance_threshold.h"

#include <memory>

namespace dslab {

void registerFeatureSelection(Catalog& catalog)
{
    const std::string category = "Feature selection";
    catalog.add({"VarianceThreshold", category, ComponentKind::Transformer,
                 "Drops columns whose variance is at most a threshold (constant columns by default)",
                 [] { return std::make_unique<VarianceThreshold>(); }});
    catalog.add({"SelectKBest", category, ComponentKind::Transformer,
                 "Keeps the k features that score best against the target (ANOVA F, chi-squared, mutual information)",
                 [] { return std::make_unique<SelectKBest>(); }});
    catalog.add({"CorrelationFilter", category, ComponentKind::Transformer,
                 "Drops a column that is strongly correlated with one already kept",
                 [] { return std::make_unique<CorrelationFilter>(); }});
    catalog.add({"RFE", category, ComponentKind::Transformer,
                 "Recursive feature elimination: refit a model and drop its least important features until k remain",
                 [] { return std::make_unique<Rfe>(); }});
    catalog.add({"SelectFromModel", category, ComponentKind::Transformer,
                 "Keeps the features a fitted model finds important (|coef| or importances above a threshold)",
                 [] { return std::make_unique<SelectFromModel>(); }});
}

}  // namespace dslab
