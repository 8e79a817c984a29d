list(APPEND DSLAB_ENGINE_SOURCES
  models/cluster/k_means.cpp
  models/cluster/silhouette.cpp
)
