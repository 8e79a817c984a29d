// Hyperparameters shared by the tree models, declared once (name, default,
// range, doc) and read the same way everywhere: max_depth, the sample limits,
// max_features (a choice plus a fraction), class_weight and n_jobs.
#pragma once

#include "engine/core/param.h"
#include "engine/models/trees/cart_builder.h"

#include <string>
#include <vector>

namespace dslab {

class Component;

namespace treeparams {

// max_depth: None (grow until pure) or a depth.
ParamSpec maxDepth(ParamValue def);
ParamSpec minSamplesSplit();
ParamSpec minSamplesLeaf();
ParamSpec minImpurityDecrease();
// max_features: None (all features), "sqrt", "log2" or "fraction" (then
// max_features_fraction gives the share of features). scikit-learn's float
// max_features=0.3 is max_features="fraction", max_features_fraction=0.3.
ParamSpec maxFeatures(ParamValue def);
ParamSpec maxFeaturesFraction();
ParamSpec classWeight();
ParamSpec nJobs();
ParamSpec classificationCriterion();
ParamSpec regressionCriterion();

}  // namespace treeparams

// The features scored per node for a model's max_features / max_features_fraction.
int resolveMaxFeatures(const Component& model, int nFeatures);

// n_jobs: None or -1 means the context's thread count; 0 is rejected with a ParamError.
int resolveThreads(const Component& model, int contextThreads);

// Threads used for prediction after loading a saved model.
int defaultPredictThreads();

// Reads criterion, max_depth, min_samples_split, min_samples_leaf,
// max_features and min_impurity_decrease from a model's parameters.
TreeGrowthParams readGrowthParams(const Component& model, int nFeatures);

bool balancedClassWeight(const Component& model);

}  // namespace dslab
