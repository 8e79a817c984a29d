list(APPEND DSLAB_ENGINE_SOURCES
  feature_selection/correlation_filter.cpp
  feature_selection/feature_selector.cpp
  feature_selection/model_importance.cpp
  feature_selection/register_feature_selection.cpp
  feature_selection/rfe.cpp
  feature_selection/select_from_model.cpp
  feature_selection/select_k_best.cpp
  feature_selection/univariate_scores.cpp
  feature_selection/variance_threshold.cpp
)
