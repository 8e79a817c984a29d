list(APPEND DSLAB_ENGINE_SOURCES
  data/column.cpp
  data/dataset.cpp
  data/csv_reader.cpp
  data/seeded_random.cpp
  data/synthetic.cpp
  data/split.cpp
  data/builtin_datasets.cpp
  data/column_profile.cpp
  data/table_import.cpp
)
