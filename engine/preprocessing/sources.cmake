list(APPEND DSLAB_ENGINE_SOURCES
  preprocessing/register_preprocessing.cpp
  preprocessing/standard_scaler.cpp
  preprocessing/polynomial_features.cpp
  preprocessing/simple_imputer.cpp
  preprocessing/column_stats.cpp
  preprocessing/min_max_scaler.cpp
  preprocessing/max_abs_scaler.cpp
  preprocessing/robust_scaler.cpp
  preprocessing/normalizer.cpp
  preprocessing/brent_minimize.cpp
  preprocessing/power_transformer.cpp
  preprocessing/kbins_discretizer.cpp
  preprocessing/missing_indicator.cpp
  preprocessing/knn_imputer.cpp
  preprocessing/function_transformer.cpp
  preprocessing/outlier_clipper.cpp
)
