list(APPEND DSLAB_ENGINE_SOURCES
  compose/column_transformer.cpp
  compose/register_compose.cpp
)
