list(APPEND DSLAB_ENGINE_SOURCES
  models/linear/register_linear.cpp
  models/linear/logistic_loss.cpp
  models/linear/logistic_regression.cpp
  models/linear/linear_model.cpp
  models/linear/linear_regression.cpp
  models/linear/ridge.cpp
  models/linear/bayesian_ridge.cpp
  models/linear/elastic_net.cpp
  models/linear/lasso.cpp
)
