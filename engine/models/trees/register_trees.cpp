#include "engine/core/catalog.h"
#include "engine/models/trees/adaboost.h"
#include "engine/models/trees/decision_tree.h"
#include "engine/models/trees/gradient_boosting.h"
#include "engine/models/trees/random_forest.h"

namespace dslab {

void registerTreeModels(Catalog& catalog)
{
    const std::string category = "Trees and ensembles";
    catalog.add({"DecisionTreeClassifier", category, ComponentKind::Classifier,
                 "One CART tree: readable if-then splits on the features; overfits when grown deep",
                 [] { return std::make_unique<DecisionTreeClassifier>(); }});
    catalog.add({"DecisionTreeRegressor", category, ComponentKind::Regressor,
                 "One CART regression tree: predicts the mean target of the leaf a row falls in",
                 [] { return std::make_unique<DecisionTreeRegressor>(); }});
    catalog.add({"RandomForestClassifier", category, ComponentKind::Classifier,
                 "Many deep trees on bootstrap samples and random features, voting: low variance, little tuning",
                 [] { return std::make_unique<RandomForestClassifier>(); }});
    catalog.add({"RandomForestRegressor", category, ComponentKind::Regressor,
                 "Many deep regression trees on bootstrap samples, averaged",
                 [] { return std::make_unique<RandomForestRegressor>(); }});
    catalog.add({"GradientBoostingClassifier", category, ComponentKind::Classifier,
                 "XGBoost-style boosting: each shallow tree corrects the previous ones using gradients and "
                 "hessians",
                 [] { return std::make_unique<GradientBoostingClassifier>(); }});
    catalog.add({"GradientBoostingRegressor", category, ComponentKind::Regressor,
                 "XGBoost-style boosting of shallow regression trees on the residuals (squared error)",
                 [] { return std::make_unique<GradientBoostingRegressor>(); }});
    catalog.add({"AdaBoostClassifier", category, ComponentKind::Classifier,
                 "AdaBoost (SAMME): decision stumps trained in turn on the rows the previous ones got wrong",
                 [] { return std::make_unique<AdaBoostClassifier>(); }});
}

}  // namespace dslab
