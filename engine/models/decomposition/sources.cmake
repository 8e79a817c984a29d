list(APPEND DSLAB_ENGINE_SOURCES
  models/decomposition/pca.cpp
  models/decomposition/trustworthiness.cpp
  models/decomposition/tsne.cpp
)
