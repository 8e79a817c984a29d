list(APPEND DSLAB_ENGINE_SOURCES
  models/dummy/dummy_classifier.cpp
)
