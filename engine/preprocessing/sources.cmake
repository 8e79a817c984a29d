list(APPEND DSLAB_ENGINE_SOURCES
  preprocessing/register_preprocessing.cpp
  preprocessing/standard_scaler.cpp
  preprocessing/polynomial_features.cpp
  preprocessing/simple_imputer.cpp
)
