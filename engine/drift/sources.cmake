list(APPEND DSLAB_ENGINE_SOURCES
  drift/drift_report.cpp
  drift/production_batch.cpp
  drift/reference_distribution.cpp
)
