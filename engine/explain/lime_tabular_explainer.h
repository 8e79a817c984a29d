// LIME for tables (Ribeiro et al. 2016), continuous features without
// discretization: perturbed rows are drawn from each feature's training
// distribution (normal with the training mean and standard deviation), weighted
// by closeness to the explained row (exponential kernel on the standardized
// distance), and a weighted ridge regression on the standardized features
// gives the local explanation. Its R² on the weighted samples says how far
// the linear story can be trusted.
#pragma once

#include "engine/core/types.h"

#include <cstdint>
#include <vector>

namespace dslab {

class Predictor;

struct LimeOptions {
    int nSamples = 5000;
    // Features kept in the explanation (the largest ridge weights).
    int nFeatures = 10;
    // <= 0: 0.75 * sqrt(number of features), lime's default.
    double kernelWidth = 0;
    double ridgeAlpha = 1.0;
    std::uint64_t seed = 0;
    // Output column explained: a class index for classifiers (-1: the class
    // predicted for the row); ignored for regressors.
    int outputColumn = -1;
};

struct LimeExplanation {
    int outputColumn = 0;
    double intercept = 0;
    std::vector<int> features;    // by decreasing |weight|
    std::vector<double> weights;  // per standardized feature ((x - mean) / std)
    double score = 0;             // weighted R² of the local model on the samples
    double localPrediction = 0;   // the local model at the explained row
    double modelPrediction = 0;   // the model at the explained row
};

class LimeTabularExplainer {
public:
    // Training rows give each feature's mean and standard deviation.
    explicit LimeTabularExplainer(const Matrix& trainingData);
    LimeExplanation explain(const Predictor& model, const Vector& row, const LimeOptions& options = {}) const;

    const Vector& mean() const { return m_mean; }
    const Vector& scale() const { return m_scale; }

private:
    Vector m_mean;
    Vector m_scale;  // standard deviation, 1 for a constant feature
};

}  // namespace dslab
