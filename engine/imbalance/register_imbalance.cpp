#include "engine/core/catalog.h"
#include "engine/imbalance/random_over_sampler.h"
#include "engine/imbalance/random_under_sampler.h"
#include "engine/imbalance/smote.h"

#include <memory>

namespace dslab {

void registerImbalance(Catalog& catalog)
{
    const std::string category = "Imbalanced classes";
    catalog.add({"RandomOverSampler", category, ComponentKind::Sampler,
                 "Repeats random rows of the smaller classes while training (never when predicting)",
                 [] { return std::make_unique<RandomOverSampler>(); }});
    catalog.add({"RandomUnderSampler", category, ComponentKind::Sampler,
                 "Drops random rows of the larger classes while training (never when predicting)",
                 [] { return std::make_unique<RandomUnderSampler>(); }});
    catalog.add({"SMOTE", category, ComponentKind::Sampler,
                 "Adds synthetic minority rows between neighbours while training (never when predicting)",
                 [] { return std::make_unique<Smote>(); }});
}

}  // namespace dslab
