list(APPEND DSLAB_ENGINE_SOURCES
  metrics/classification_metrics.cpp
  metrics/probability_metrics.cpp
  metrics/regression_metrics.cpp
  metrics/clustering_metrics.cpp
)
