list(APPEND DSLAB_ENGINE_SOURCES
  models/other/register_other.cpp
  models/other/model_input.cpp
  models/other/state_json.cpp
)
