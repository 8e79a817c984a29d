// Registers the neighbors, SVM, clustering, decomposition and baseline (dummy) components.
#include "engine/core/catalog.h"
#include "engine/models/cluster/k_means.h"
#include "engine/models/decomposition/pca.h"
#include "engine/models/dummy/dummy_classifier.h"
#include "engine/models/neighbors/k_neighbors_classifier.h"
#include "engine/models/neighbors/k_neighbors_regressor.h"
#include "engine/models/svm/svc.h"

namespace dslab {

void registerOtherModels(Catalog& catalog)
{
    catalog.add({"KNeighborsClassifier", "Neighbors", ComponentKind::Classifier,
                 "Predicts the majority class of the k nearest training samples",
                 [] { return std::make_unique<KNeighborsClassifier>(); }});
    catalog.add({"KNeighborsRegressor", "Neighbors", ComponentKind::Regressor,
                 "Predicts the mean target of the k nearest training samples",
                 [] { return std::make_unique<KNeighborsRegressor>(); }});
    catalog.add({"SVC", "Support vector machines", ComponentKind::Classifier,
                 "Maximum-margin classifier with kernels (linear, RBF, poly), trained by SMO",
                 [] { return std::make_unique<SVC>(); }});
    catalog.add({"KMeans", "Clustering", ComponentKind::Clusterer,
                 "Groups samples into k clusters around centres (Lloyd iterations, k-means++ start)",
                 [] { return std::make_unique<KMeans>(); }});
    catalog.add({"DummyClassifier", "Baselines", ComponentKind::Classifier,
                 "Ignores the features: predicts class frequencies, the majority class or random draws (a baseline)",
                 [] { return std::make_unique<DummyClassifier>(); }});
    catalog.add({"PCA", "Decomposition", ComponentKind::Transformer,
                 "Projects data onto the directions of largest variance (principal components)",
                 [] { return std::make_unique<PCA>(); }});
}

}  // namespace dslab
