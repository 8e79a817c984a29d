#include "engine/explain/lime_tabular_explainer.h"

#include "engine/core/component.h"
#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace dslab {

namespace {

struct RidgeFit {
    Vector coef;
    double intercept = 0;
    double score = 0;
};

// Weighted ridge with an unpenalized intercept (centre by the weighted means),
// as scikit-learn's Ridge with sample_weight, which lime fits.
RidgeFit weightedRidge(const Matrix& Z, const Vector& y, const Vector& w, double alpha)
{
    const double wsum = w.sum();
    const Vector zMean = (Z.transpose() * w) / wsum;
    const double yMean = w.dot(y) / wsum;
    const Matrix Zc = Z.rowwise() - zMean.transpose();
    const Vector yc = y.array() - yMean;
    Matrix gram = Zc.transpose() * w.asDiagonal() * Zc;
    gram.diagonal().array() += alpha;
    RidgeFit fit;
    fit.coef = gram.ldlt().solve(Zc.transpose() * (w.asDiagonal() * yc));
    fit.intercept = yMean - zMean.dot(fit.coef);
    const Vector residual = yc - Zc * fit.coef;
    const double ssRes = w.dot(residual.cwiseAbs2());
    const double ssTot = w.dot(yc.cwiseAbs2());
    fit.score = ssTot > 0 ? 1.0 - ssRes / ssTot : 1.0;
    return fit;
}

}  // namespace

LimeTabularExplainer::LimeTabularExplainer(const Matrix& trainingData)
{
    if (trainingData.rows() == 0)
        throw DataError("LIME: the training data is empty; pass the rows the model was fitted on");
    if (!trainingData.allFinite())
        throw DataError("LIME: the training data holds missing or infinite values; impute them first");
    m_mean = trainingData.colwise().mean();
    m_scale.resize(trainingData.cols());
    for (Eigen::Index j = 0; j < trainingData.cols(); ++j) {
        const double sd = std::sqrt((trainingData.col(j).array() - m_mean(j)).square().mean());
        m_scale(j) = sd > 0 ? sd : 1.0;  // a constant feature: sampling around the mean gives it
    }
}

LimeExplanation LimeTabularExplainer::explain(const Predictor& model, const Vector& row, const LimeOptions& options) const
{
    const Eigen::Index m = m_mean.size();
    if (row.size() != m)
        throw DataError("LIME: the row has " + std::to_string(row.size()) + " features but the training data had "
                        + std::to_string(m));
    if (options.nSamples < 2)
        throw ParamError("LIME: num_samples must be at least 2, got " + std::to_string(options.nSamples));
    if (options.nFeatures < 1)
        throw ParamError("LIME: num_features must be at least 1, got " + std::to_string(options.nFeatures));

    // Row 0 is the explained row itself; the others come from the training distribution.
    SeededRandom rng(options.seed);
    Matrix samples(options.nSamples, m);
    samples.row(0) = row.transpose();
    for (Eigen::Index i = 1; i < samples.rows(); ++i)
        for (Eigen::Index j = 0; j < m; ++j)
            samples(i, j) = m_mean(j) + m_scale(j) * rng.normal();
    const Matrix standardized = (samples.rowwise() - m_mean.transpose()).array().rowwise() / m_scale.transpose().array();

    const double width = options.kernelWidth > 0 ? options.kernelWidth : 0.75 * std::sqrt(static_cast<double>(m));
    Vector w(samples.rows());
    for (Eigen::Index i = 0; i < samples.rows(); ++i) {
        const double d2 = (standardized.row(i) - standardized.row(0)).squaredNorm();
        w(i) = std::sqrt(std::exp(-d2 / (width * width)));
    }
    // A kernel much narrower than the typical distance between samples gives
    // the row itself all the weight: the local fit would be noise. Say so.
    const double effectiveSamples = w.sum() * w.sum() / std::max(1e-300, w.squaredNorm());
    if (effectiveSamples < 10.0)
        throw DataError("LIME: with kernel_width " + std::to_string(width) + " almost no perturbed sample is near the row "
                        "(effective sample size " + std::to_string(effectiveSamples) + " of " + std::to_string(samples.rows())
                        + "); use a wider kernel, e.g. lime's default 0.75 * sqrt(" + std::to_string(m) + " features) = "
                        + std::to_string(0.75 * std::sqrt(static_cast<double>(m))));

    LimeExplanation out;
    Vector target;
    if (model.isClassifier()) {
        const Matrix proba = model.predictProba(samples);
        int column = options.outputColumn;
        if (column < 0)
            proba.row(0).maxCoeff(&column);
        if (column >= proba.cols())
            throw ParamError("LIME: class index " + std::to_string(column) + " is out of range; the model has "
                             + std::to_string(proba.cols()) + " classes");
        out.outputColumn = column;
        target = proba.col(column);
    } else {
        target = model.predict(samples);
    }
    out.modelPrediction = target(0);

    // Keep the features with the largest weights in a ridge on all of them
    // (lime's "highest_weights"), then refit on those alone.
    const RidgeFit all = weightedRidge(standardized, target, w, options.ridgeAlpha);
    std::vector<int> order(static_cast<std::size_t>(m));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return std::abs(all.coef(a)) > std::abs(all.coef(b)); });
    order.resize(static_cast<std::size_t>(std::min<Eigen::Index>(options.nFeatures, m)));
    Matrix chosen(samples.rows(), static_cast<Eigen::Index>(order.size()));
    for (std::size_t k = 0; k < order.size(); ++k)
        chosen.col(static_cast<Eigen::Index>(k)) = standardized.col(order[k]);
    const RidgeFit local = weightedRidge(chosen, target, w, options.ridgeAlpha);

    std::vector<std::size_t> byWeight(order.size());
    std::iota(byWeight.begin(), byWeight.end(), std::size_t{0});
    std::stable_sort(byWeight.begin(), byWeight.end(), [&](std::size_t a, std::size_t b) {
        return std::abs(local.coef(static_cast<Eigen::Index>(a))) > std::abs(local.coef(static_cast<Eigen::Index>(b)));
    });
    for (std::size_t k : byWeight) {
        out.features.push_back(order[k]);
        out.weights.push_back(local.coef(static_cast<Eigen::Index>(k)));
    }
    out.intercept = local.intercept;
    out.score = local.score;
    out.localPrediction = local.intercept + chosen.row(0).dot(local.coef);
    return out;
}

}  // namespace dslab
