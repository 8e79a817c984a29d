list(APPEND DSLAB_ENGINE_SOURCES
  explain/tree_shap.cpp
  explain/kernel_shap.cpp
  explain/permutation_importance.cpp
  explain/lime_tabular_explainer.cpp
  explain/partial_dependence.cpp
)
