list(APPEND DSLAB_ENGINE_SOURCES
  models/decomposition/pca.cpp
)
