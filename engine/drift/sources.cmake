list(APPEND DSLAB_ENGINE_SOURCES
  drift/drift_report.cpp
)
