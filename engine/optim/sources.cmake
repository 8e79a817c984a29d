list(APPEND DSLAB_ENGINE_SOURCES
  optim/lbfgs.cpp
)
