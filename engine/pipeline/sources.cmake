list(APPEND DSLAB_ENGINE_SOURCES
  pipeline/pipeline.cpp
  pipeline/pipeline_json.cpp
  pipeline/evaluation.cpp
  pipeline/python_export.cpp
  pipeline/pipeline_preview.cpp
)
