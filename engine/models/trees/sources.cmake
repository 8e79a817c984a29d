list(APPEND DSLAB_ENGINE_SOURCES
  models/trees/register_trees.cpp
  models/trees/tree_arrays.cpp
  models/trees/tree_predictor.cpp
  models/trees/tree_estimator.cpp
  models/trees/tree_input.cpp
  models/trees/tree_params.cpp
  models/trees/feature_bins.cpp
  models/trees/worker_team.cpp
  models/trees/cart_builder.cpp
  models/trees/forest_tree_builder.cpp
  models/trees/boosting_tree_builder.cpp
  models/trees/decision_tree.cpp
  models/trees/random_forest.cpp
  models/trees/gradient_boosting.cpp
  models/trees/adaboost.cpp
)
