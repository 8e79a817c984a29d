list(APPEND DSLAB_ENGINE_SOURCES
  core/types.cpp
  core/param.cpp
  core/train_context.cpp
  core/component.cpp
  core/catalog.cpp
  core/parallel.cpp
)
