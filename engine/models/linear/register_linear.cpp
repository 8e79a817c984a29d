#include "engine/core/catalog.h"
#include "engine/models/linear/bayesian_ridge.h"
#include "engine/models/linear/elastic_net.h"
#include "engine/models/linear/lasso.h"
#include "engine/models/linear/linear_regression.h"
#include "engine/models/linear/logistic_regression.h"
#include "engine/models/linear/ridge.h"

#include <memory>

namespace dslab {

void registerLinearModels(Catalog& catalog)
{
    const std::string category = "Linear models";
    catalog.add({"LogisticRegression", category, ComponentKind::Classifier,
                 "Linear classifier of the log-odds (sigmoid or softmax) with l2, l1 or elastic-net penalty",
                 [] { return std::make_unique<LogisticRegression>(); }});
    catalog.add({"LinearRegression", category, ComponentKind::Regressor,
                 "Ordinary least squares: the straight line (hyperplane) with the smallest squared error",
                 [] { return std::make_unique<LinearRegression>(); }});
    catalog.add({"Ridge", category, ComponentKind::Regressor,
                 "Least squares with an l2 penalty that shrinks coefficients toward 0",
                 [] { return std::make_unique<Ridge>(); }});
    catalog.add({"BayesianRidge", category, ComponentKind::Regressor,
                 "Ridge regression whose penalty strength is estimated from the data (evidence maximisation)",
                 [] { return std::make_unique<BayesianRidge>(); }});
    catalog.add({"Lasso", category, ComponentKind::Regressor,
                 "Least squares with an l1 penalty that sets some coefficients exactly to 0",
                 [] { return std::make_unique<Lasso>(); }});
    catalog.add({"ElasticNet", category, ComponentKind::Regressor,
                 "Least squares with a mix of l1 and l2 penalties (sparse yet stable with correlated features)",
                 [] { return std::make_unique<ElasticNet>(); }});
}

}  // namespace dslab
