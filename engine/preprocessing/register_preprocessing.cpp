#include "engine/core/catalog.h"
#include "engine/preprocessing/polynomial_features.h"
#include "engine/preprocessing/simple_imputer.h"
#include "engine/preprocessing/standard_scaler.h"

#include <memory>

namespace dslab {

void registerPreprocessing(Catalog& catalog)
{
    const std::string category = "Preprocessing";
    catalog.add({"StandardScaler", category, ComponentKind::Transformer,
                 "Centers each column and scales it to unit variance (z-scores)",
                 [] { return std::make_unique<StandardScaler>(); }});
    catalog.add({"PolynomialFeatures", category, ComponentKind::Transformer,
                 "Adds powers and products of the features so a linear model can fit curves",
                 [] { return std::make_unique<PolynomialFeatures>(); }});
    catalog.add({"SimpleImputer", category, ComponentKind::Transformer,
                 "Fills missing values with each column's mean, median, most frequent value or a constant",
                 [] { return std::make_unique<SimpleImputer>(); }});
}

}  // namespace dslab
