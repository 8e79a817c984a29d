list(APPEND DSLAB_ENGINE_SOURCES
  models/neighbors/neighbor_search.cpp
  models/neighbors/k_neighbors_base.cpp
  models/neighbors/k_neighbors_classifier.cpp
  models/neighbors/k_neighbors_regressor.cpp
)
