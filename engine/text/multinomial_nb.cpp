#include "engine/text/multinomial_nb.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "MultinomialNB";
// scikit-learn 1.2 raises a smaller alpha to this (force_alpha defaults to
// False), since alpha = 0 gives ln(0) for any term a class never used.
constexpr double kAlphaFloor = 1e-10;

void checkTarget(Eigen::Index rows, const Vector& y)
{
    if (rows < 1)
        throw DataError(std::string(kOwner) + ": no rows to fit on; give at least one document");
    if (y.size() != rows)
        throw DataError(std::string(kOwner) + ": X has " + std::to_string(rows) + " rows but y has "
                        + std::to_string(y.size()) + " labels; they must match");
    if (!y.allFinite())
        throw DataError(std::string(kOwner) + ": y has missing or infinite labels; drop those rows first");
}

[[noreturn]] void throwNegative()
{
    throw DataError(std::string(kOwner) + ": negative values in X; naive Bayes for counts needs counts or TF-IDF "
                    "weights (>= 0). Drop StandardScaler, or use MinMaxScaler or a vectorizer instead");
}

}  // namespace

const std::vector<ParamSpec>& MultinomialNB::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("alpha", 1.0, 0.0, 1e9,
                            "Additive (Laplace/Lidstone) smoothing: pretend every term was seen alpha more times "
                            "in every class")
            .logarithmic(),
        ParamSpec::boolean("fit_prior", true,
                           "Learn class priors from the label frequencies (off: every class equally likely)"),
    };
    return specs;
}

void MultinomialNB::fit(const SparseMatrix& X, const Vector& y)
{
    checkTarget(X.rows(), y);
    m_fitted = false;
    m_classes = sortedClasses(y);
    const std::vector<int> code = encodeClasses(y, m_classes);
    const auto K = static_cast<Eigen::Index>(m_classes.size());
    m_classCount = Vector::Zero(K);
    m_featureCount = Matrix::Zero(K, X.cols());
    for (Eigen::Index r = 0; r < X.outerSize(); ++r) {
        const int c = code[static_cast<std::size_t>(r)];
        m_classCount(c) += 1.0;
        for (SparseMatrix::InnerIterator it(X, r); it; ++it) {
            if (!std::isfinite(it.value()))
                throw DataError(std::string(kOwner) + ": X has missing or infinite values (row "
                                + std::to_string(r) + "); fill or drop them first");
            if (it.value() < 0)
                throwNegative();
            m_featureCount(c, it.col()) += it.value();
        }
    }
    finishFit();
}

void MultinomialNB::fit(const Matrix& X, const Vector& y, TrainContext&)
{
    checkTarget(X.rows(), y);
    requireFiniteFeatures(X, kOwner);
    if ((X.array() < 0).any())
        throwNegative();
    m_fitted = false;
    m_classes = sortedClasses(y);
    const std::vector<int> code = encodeClasses(y, m_classes);
    const auto K = static_cast<Eigen::Index>(m_classes.size());
    m_classCount = Vector::Zero(K);
    m_featureCount = Matrix::Zero(K, X.cols());
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
        const int c = code[static_cast<std::size_t>(r)];
        m_classCount(c) += 1.0;
        m_featureCount.row(c) += X.row(r);
    }
    finishFit();
}

void MultinomialNB::finishFit()
{
    const double alpha = std::max(paramDouble("alpha"), kAlphaFloor);
    const Matrix smoothed = m_featureCount.array() + alpha;
    const Vector totals = smoothed.rowwise().sum();
    m_featureLogProb = smoothed.array().log().colwise() - totals.array().log();
    const auto K = static_cast<double>(m_classes.size());
    if (paramBool("fit_prior"))
        m_classLogPrior = (m_classCount.array().log() - std::log(m_classCount.sum())).matrix();
    else
        m_classLogPrior = Vector::Constant(m_classCount.size(), -std::log(K));
    m_fitted = true;
}

void MultinomialNB::checkFeatures(Eigen::Index cols) const
{
    if (!m_fitted)
        throwNotFitted();
    if (cols != m_featureLogProb.cols())
        throw DataError(std::string(kOwner) + ": X has " + std::to_string(cols) + " columns but the model was fitted on "
                        + std::to_string(m_featureLogProb.cols()) + "; transform new documents with the vectorizer "
                        "fitted on the training documents (transform, not fitTransform)");
}

Matrix MultinomialNB::normaliseLogProba(Matrix jll)
{
    for (Eigen::Index r = 0; r < jll.rows(); ++r) {
        const double top = jll.row(r).maxCoeff();
        const double logSum = top + std::log((jll.row(r).array() - top).exp().sum());
        jll.row(r).array() -= logSum;
    }
    return jll;
}

Vector MultinomialNB::labelsToPredictions(const Matrix& jll) const
{
    Vector out(jll.rows());
    for (Eigen::Index r = 0; r < jll.rows(); ++r) {
        Eigen::Index best = 0;
        jll.row(r).maxCoeff(&best);  // first maximum on ties, as numpy's argmax
        out(r) = m_classes[static_cast<std::size_t>(best)];
    }
    return out;
}

Matrix MultinomialNB::predictLogProba(const SparseMatrix& X) const
{
    checkFeatures(X.cols());
    Matrix jll = X * m_featureLogProb.transpose();
    jll.rowwise() += m_classLogPrior.transpose();
    return normaliseLogProba(std::move(jll));
}

Matrix MultinomialNB::predictProba(const SparseMatrix& X) const
{
    return predictLogProba(X).array().exp();
}

Vector MultinomialNB::predict(const SparseMatrix& X) const
{
    checkFeatures(X.cols());
    Matrix jll = X * m_featureLogProb.transpose();
    jll.rowwise() += m_classLogPrior.transpose();
    return labelsToPredictions(jll);
}

Matrix MultinomialNB::predictLogProba(const Matrix& X) const
{
    checkFeatures(X.cols());
    Matrix jll = X * m_featureLogProb.transpose();
    jll.rowwise() += m_classLogPrior.transpose();
    return normaliseLogProba(std::move(jll));
}

Matrix MultinomialNB::predictProba(const Matrix& X) const
{
    return predictLogProba(X).array().exp();
}

Vector MultinomialNB::predict(const Matrix& X) const
{
    checkFeatures(X.cols());
    Matrix jll = X * m_featureLogProb.transpose();
    jll.rowwise() += m_classLogPrior.transpose();
    return labelsToPredictions(jll);
}

void MultinomialNB::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["classes"] = m_classes;
    out["class_count"] = vectorToJson(m_classCount);
    out["feature_count"] = matrixToJson(m_featureCount);
    out["class_log_prior"] = vectorToJson(m_classLogPrior);
    out["feature_log_prob"] = matrixToJson(m_featureLogProb);
}

void MultinomialNB::loadState(const nlohmann::json& in)
{
    m_fitted = false;
    if (!fittedFlagFromJson(in, kOwner))
        return;
    std::vector<double> classes = doublesFromJson(in, "classes", kOwner);
    if (classes.empty() || !std::is_sorted(classes.begin(), classes.end())
        || std::adjacent_find(classes.begin(), classes.end()) != classes.end())
        throwDamagedState(kOwner, "'classes' must be a non-empty sorted list of distinct labels");
    const auto K = static_cast<Eigen::Index>(classes.size());
    Vector classCount = vectorFromJson(in, "class_count", kOwner, K);
    Matrix featureCount = matrixFromJson(in, "feature_count", kOwner, K, -1);
    Vector classLogPrior = vectorFromJson(in, "class_log_prior", kOwner, K);
    Matrix featureLogProb = matrixFromJson(in, "feature_log_prob", kOwner, K, featureCount.cols());
    if (featureLogProb.cols() < 1 || !featureLogProb.allFinite() || !classLogPrior.allFinite()
        || (featureLogProb.array() > 0).any() || (classCount.array() < 0).any())
        throwDamagedState(kOwner, "'feature_log_prob' and 'class_log_prior' must be finite log-probabilities (<= 0)");
    m_classes = std::move(classes);
    m_classCount = std::move(classCount);
    m_featureCount = std::move(featureCount);
    m_classLogPrior = std::move(classLogPrior);
    m_featureLogProb = std::move(featureLogProb);
    m_fitted = true;
}

}  // namespace dslab
