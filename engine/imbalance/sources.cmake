list(APPEND DSLAB_ENGINE_SOURCES
  imbalance/random_over_sampler.cpp
  imbalance/random_under_sampler.cpp
  imbalance/register_imbalance.cpp
  imbalance/sampler.cpp
  imbalance/smote.cpp
)
