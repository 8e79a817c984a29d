#include "engine/models/decomposition/pca.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

// scikit-learn's svd_flip (u-based): each component's sign makes the largest
// |score| over the training samples positive, so results do not depend on
// the sign a particular SVD routine happens to return.
double flipSign(const Eigen::Ref<const Vector>& scores)
{
    Eigen::Index at = 0;
    scores.cwiseAbs().maxCoeff(&at);  // first maximum, as numpy's argmax
    return scores(at) < 0 ? -1.0 : 1.0;
}

}  // namespace

const std::vector<ParamSpec>& PCA::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s;
        ParamSpec k = ParamSpec::floating("n_components", 2, 0.0, 1e9,
                                          "Components to keep: None = all; an integer k keeps the first k; a "
                                          "fraction in (0, 1) keeps as many as needed to explain that share of "
                                          "the variance");
        k.defaultValue = std::monostate{};
        s.push_back(k.exclusiveMin().orNone());
        s.push_back(ParamSpec::boolean("whiten", false,
                                       "Scale each component to unit variance (loses the relative variances)"));
        s.push_back(ParamSpec::choice("svd_solver", "auto", {"auto", "full", "covariance_eigh"},
                                      "full: exact SVD of the centred data; covariance_eigh: eigenvectors of the "
                                      "covariance matrix (faster when samples far outnumber features); auto "
                                      "chooses"));
        return s;
    }();
    return specs;
}

void PCA::resetFitted()
{
    m_fitted = false;
    m_whiten = false;
    m_components.resize(0, 0);
    m_explainedVariance.resize(0);
    m_explainedVarianceRatio.resize(0);
    m_singularValues.resize(0);
    m_mean.resize(0);
    m_noiseVariance = 0;
    m_solverUsed.clear();
}

void PCA::fit(const Matrix& X, const Vector* /*y: unsupervised*/, TrainContext& ctx)
{
    resetFitted();
    const std::string owner = typeName();
    requireSamples(X, owner, 2);
    requireFiniteFeatures(X, owner);
    const Eigen::Index n = X.rows(), d = X.cols();
    const Eigen::Index rank = std::min(n, d);

    // Resolve n_components before the heavy work so a bad value fails fast.
    long long wanted = -1;  // -1: all; 0: chosen from the fraction later
    double fraction = 0;
    if (!paramIsNone("n_components")) {
        const double v = paramDouble("n_components");
        if (v < 1) {
            fraction = v;
            wanted = 0;
        } else if (v != std::floor(v)) {
            throw ParamError("PCA: n_components = " + std::to_string(v)
                             + " must be a whole number of components (1, 2, ...) or a fraction of the variance "
                               "between 0 and 1");
        } else {
            wanted = static_cast<long long>(v);
            if (wanted > rank)
                throw DataError("PCA: n_components = " + std::to_string(wanted) + " is more than min(n_samples, "
                                "n_features) = " + std::to_string(rank) + "; there are only that many directions");
        }
    }
    if (!ctx.checkpoint())
        return;

    std::string solver = paramString("svd_solver");
    if (solver == "auto")
        solver = d <= 1000 && n >= 10 * d ? "covariance_eigh" : "full";  // scikit-learn 1.5's rule

    const Vector mean = X.colwise().mean().transpose();
    const Matrix Xc = X.rowwise() - mean.transpose();
    Vector S;   // singular values of Xc, descending (length rank)
    Matrix V;   // d x rank, right singular vectors (columns)
    Matrix U;   // n x rank (full solver only)
    if (solver == "full") {
        Eigen::BDCSVD<Matrix> svd(Xc, Eigen::ComputeThinU | Eigen::ComputeThinV);
        S = svd.singularValues();
        V = svd.matrixV();
        U = svd.matrixU();
    } else {
        // XcᵀXc = V S² Vᵀ: a d x d problem however many samples there are.
        Matrix C = Matrix::Zero(d, d);
        C.selfadjointView<Eigen::Lower>().rankUpdate(Xc.transpose());
        Eigen::SelfAdjointEigenSolver<Matrix> eig(C);
        // d eigenpairs; when n < d (only if asked for explicitly) the ones
        // past the rank are ~0 and only the first min(n, d) are used.
        const Eigen::Index m = d;
        S.resize(m);
        V.resize(d, m);
        for (Eigen::Index j = 0; j < m; ++j) {  // eigenvalues come ascending
            S(j) = std::sqrt(std::max(0.0, eig.eigenvalues()(m - 1 - j)));
            V.col(j) = eig.eigenvectors().col(m - 1 - j);
        }
    }

    const Vector ev = S.array().square() / static_cast<double>(n - 1);
    const double total = ev.sum();
    const Vector ratio = total > 0 ? Vector(ev / total) : Vector(Vector::Zero(ev.size()));
    Eigen::Index k = wanted < 0 ? rank : static_cast<Eigen::Index>(wanted);
    if (wanted == 0) {
        // numpy.searchsorted(cumsum(ratio), fraction, side="right") + 1
        double running = 0;
        k = 0;
        while (k < rank && (running += ratio(k)) <= fraction)
            ++k;
        k = std::min<Eigen::Index>(k + 1, rank);
    }

    m_components.resize(k, d);
    for (Eigen::Index j = 0; j < k; ++j) {
        const double sign = solver == "full" ? flipSign(U.col(j)) : flipSign(Xc * V.col(j));
        m_components.row(j) = sign * V.col(j).transpose();
    }
    m_explainedVariance = ev.head(k);
    m_explainedVarianceRatio = ratio.head(k);
    m_singularValues = S.head(k);
    m_mean = mean;
    m_noiseVariance = k < rank ? ev.tail(rank - k).mean() : 0.0;
    m_whiten = paramBool("whiten");
    m_solverUsed = solver;
    m_fitted = true;
}

Matrix PCA::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_mean.size(), typeName());
    requireFiniteFeatures(X, typeName());
    Matrix Z = (X.rowwise() - m_mean.transpose()) * m_components.transpose();
    if (m_whiten)
        for (Eigen::Index j = 0; j < Z.cols(); ++j)
            if (m_explainedVariance(j) > 0)  // a zero-variance direction stays 0 instead of becoming NaN
                Z.col(j) /= std::sqrt(m_explainedVariance(j));
    return Z;
}

Matrix PCA::inverseTransform(const Matrix& Z) const
{
    if (!m_fitted)
        throwNotFitted();
    if (Z.cols() != m_components.rows())
        throw DataError("PCA.inverse_transform expects " + std::to_string(m_components.rows())
                        + " columns (one per component) but got " + std::to_string(Z.cols()));
    Matrix X;
    if (m_whiten)
        X = Z * (m_explainedVariance.cwiseSqrt().asDiagonal() * m_components);
    else
        X = Z * m_components;
    X.rowwise() += m_mean.transpose();
    return X;
}

StringList PCA::featureNamesOut(const StringList&) const
{
    StringList names;
    for (Eigen::Index j = 0; j < m_components.rows(); ++j)
        names.push_back("pca" + std::to_string(j));
    return names;
}

void PCA::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["components"] = matrixToJson(m_components);
    out["explained_variance"] = vectorToJson(m_explainedVariance);
    out["explained_variance_ratio"] = vectorToJson(m_explainedVarianceRatio);
    out["singular_values"] = vectorToJson(m_singularValues);
    out["mean"] = vectorToJson(m_mean);
    out["noise_variance"] = m_noiseVariance;
    out["whiten"] = m_whiten;
    out["svd_solver"] = m_solverUsed;
}

void PCA::loadState(const nlohmann::json& in)
{
    const std::string owner = typeName();
    resetFitted();
    if (!fittedFlagFromJson(in, owner))
        return;
    const Matrix components = matrixFromJson(in, "components", owner);
    const Eigen::Index k = components.rows(), d = components.cols();
    const Vector ev = vectorFromJson(in, "explained_variance", owner, k);
    const Vector ratio = vectorFromJson(in, "explained_variance_ratio", owner, k);
    const Vector sv = vectorFromJson(in, "singular_values", owner, k);
    const Vector mean = vectorFromJson(in, "mean", owner, d);
    const double noise = numberFromJson(in, "noise_variance", owner);
    const std::string solver = stringFromJson(in, "svd_solver", owner);
    const bool whiten = booleanFromJson(in, "whiten", owner);
    if (k == 0 || d == 0 || !components.allFinite() || !ev.allFinite() || !mean.allFinite() || (ev.array() < 0).any())
        throwDamagedState(owner, "components, variances or mean are empty or invalid");
    m_components = components;
    m_explainedVariance = ev;
    m_explainedVarianceRatio = ratio;
    m_singularValues = sv;
    m_mean = mean;
    m_noiseVariance = noise;
    m_whiten = whiten;
    m_solverUsed = solver;
    m_fitted = true;
}

}  // namespace dslab
