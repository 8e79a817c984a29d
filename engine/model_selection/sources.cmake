list(APPEND DSLAB_ENGINE_SOURCES
  model_selection/bayes_search_cv.cpp
  model_selection/bias_variance.cpp
  model_selection/cross_validation.cpp
  model_selection/decision_threshold.cpp
  model_selection/gaussian_process.cpp
  model_selection/grid_search_cv.cpp
  model_selection/hyperparameter_search.cpp
  model_selection/k_fold.cpp
  model_selection/learning_curve.cpp
  model_selection/randomized_search_cv.cpp
  model_selection/scorer.cpp
  model_selection/search_space.cpp
  model_selection/shuffle_split.cpp
  model_selection/stratified_k_fold.cpp
  model_selection/time_series_split.cpp
  model_selection/validation_curve.cpp
)
