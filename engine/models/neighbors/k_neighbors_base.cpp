#include "engine/models/neighbors/k_neighbors_base.h"

#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <nlohmann/json.hpp>

namespace dslab {

namespace {

NeighborAlgorithm algorithmFromName(const std::string& name)
{
    if (name == "brute")
        return NeighborAlgorithm::Brute;
    if (name == "kd_tree")
        return NeighborAlgorithm::KdTree;
    return NeighborAlgorithm::Auto;
}

std::string algorithmName(NeighborAlgorithm a)
{
    switch (a) {
    case NeighborAlgorithm::Brute: return "brute";
    case NeighborAlgorithm::KdTree: return "kd_tree";
    case NeighborAlgorithm::Auto: return "auto";
    }
    return "auto";
}

}  // namespace

const std::vector<ParamSpec>& KNeighborsBase::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s;
        s.push_back(ParamSpec::integer("n_neighbors", 5, 1, 100000,
                                       "Number of neighbours that vote (or are averaged); small k follows the data "
                                       "closely (high variance), large k smooths (high bias)"));
        s.push_back(ParamSpec::choice("weights", "uniform", {"uniform", "distance"},
                                      "uniform: every neighbour counts the same; distance: closer neighbours count "
                                      "more (weight 1/distance)"));
        s.push_back(ParamSpec::choice("algorithm", "auto", {"auto", "kd_tree", "brute"},
                                      "How neighbours are searched: a k-d tree (fast in few dimensions) or brute "
                                      "force; the answer is the same"));
        s.push_back(ParamSpec::integer("leaf_size", 30, 1, 100000,
                                       "Points per leaf of the k-d tree; affects speed only"));
        s.push_back(ParamSpec::floating("p", 2.0, 1.0, 1e6,
                                        "Power of the Minkowski distance: 2 = Euclidean, 1 = Manhattan")
                        .logarithmic());
        s.push_back(ParamSpec::choice("metric", "minkowski", {"minkowski", "euclidean", "manhattan"},
                                      "Distance between samples; minkowski uses p. Scale the features first: "
                                      "distances mix their units"));
        ParamSpec jobs = ParamSpec::integer("n_jobs", 1, -1, 1024,
                                            "Threads for predictions (None = 1, -1 = all cores); results do not "
                                            "depend on it");
        jobs.defaultValue = std::monostate{};
        s.push_back(jobs.orNone());
        return s;
    }();
    return specs;
}

int KNeighborsBase::predictThreads() const
{
    if (paramIsNone("n_jobs"))
        return 1;
    const long long jobs = paramInt("n_jobs");
    return jobs < 0 ? hardwareThreads() : static_cast<int>(std::max<long long>(1, jobs));
}

void KNeighborsBase::buildIndex(const Matrix& X)
{
    m_search.build(X, m_p, m_algorithm, m_leafSize);
}

void KNeighborsBase::fitNeighbors(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    // A failed or cancelled fit leaves the model unfitted, not half old, half new.
    m_search = NeighborSearch();
    m_y.resize(0);
    onTargetSet();
    const std::string owner = typeName();
    requireSamples(X, owner);
    requireMatchingTarget(X, y, owner);
    requireFiniteFeatures(X, owner);
    const long long k = paramInt("n_neighbors");
    if (k > X.rows())
        throw DataError(owner + ": n_neighbors = " + std::to_string(k) + " is more than the "
                        + std::to_string(X.rows()) + " training samples; lower n_neighbors to at most "
                        + std::to_string(X.rows()) + " or train on more rows");
    if (!ctx.checkpoint())
        return;
    const std::string metric = paramString("metric");
    m_k = static_cast<int>(k);
    m_distanceWeights = paramString("weights") == "distance";
    m_p = metric == "euclidean" ? 2.0 : metric == "manhattan" ? 1.0 : paramDouble("p");
    m_algorithm = algorithmFromName(paramString("algorithm"));
    m_leafSize = static_cast<int>(paramInt("leaf_size"));
    m_y = y;
    buildIndex(X);
    onTargetSet();
    // Fitting only stores the data: one step, so a live view can draw the boundary.
    TrainStep step;
    step.step = 1;
    step.totalSteps = 1;
    ctx.report(step, *this);
}

void KNeighborsBase::kneighbors(const Matrix& X, Matrix& distances, IndexMatrix& indices, int nNeighbors) const
{
    if (!isFitted())
        throwNotFitted();
    const std::string owner = typeName();
    requireFeatureCount(X, nFeaturesIn(), owner);
    requireFiniteFeatures(X, owner);
    const int k = nNeighbors > 0 ? nNeighbors : m_k;
    if (k > m_search.size())
        throw DataError(owner + ": asked for " + std::to_string(k) + " neighbours but only "
                        + std::to_string(m_search.size()) + " training samples are stored");
    m_search.query(X, k, distances, indices, predictThreads());
}

Matrix KNeighborsBase::neighborWeights(const Matrix& distances) const
{
    if (!m_distanceWeights)
        return Matrix::Ones(distances.rows(), distances.cols());
    Matrix w(distances.rows(), distances.cols());
    for (Eigen::Index i = 0; i < distances.rows(); ++i) {
        const bool exact = (distances.row(i).array() == 0.0).any();
        for (Eigen::Index j = 0; j < distances.cols(); ++j) {
            const double d = distances(i, j);
            w(i, j) = exact ? (d == 0.0 ? 1.0 : 0.0) : 1.0 / d;
        }
    }
    return w;
}

void KNeighborsBase::saveState(nlohmann::json& out) const
{
    out["fitted"] = isFitted();
    if (!isFitted())
        return;
    out["n_neighbors"] = m_k;
    out["weights"] = m_distanceWeights ? "distance" : "uniform";
    out["p"] = m_p;
    out["algorithm"] = algorithmName(m_algorithm);
    out["leaf_size"] = m_leafSize;
    out["X"] = matrixToJson(m_search.data());
    out["y"] = vectorToJson(m_y);
}

void KNeighborsBase::loadState(const nlohmann::json& in)
{
    const std::string owner = typeName();
    if (!fittedFlagFromJson(in, owner)) {
        m_search = NeighborSearch();
        m_y.resize(0);
        onTargetSet();
        return;
    }
    const Matrix X = matrixFromJson(in, "X", owner);
    const Vector y = vectorFromJson(in, "y", owner, X.rows());
    const long long k = integerFromJson(in, "n_neighbors", owner, 1, std::max<Eigen::Index>(1, X.rows()));
    const std::string weights = stringFromJson(in, "weights", owner);
    const double p = numberFromJson(in, "p", owner);
    const std::string algorithm = stringFromJson(in, "algorithm", owner);
    const long long leaf = integerFromJson(in, "leaf_size", owner, 1, 100000);
    if (weights != "uniform" && weights != "distance")
        throwDamagedState(owner, "unknown weights '" + weights + "'");
    if (!(p >= 1))
        throwDamagedState(owner, "p must be at least 1");
    if (X.rows() == 0 || X.cols() == 0 || !X.allFinite() || !y.allFinite())
        throwDamagedState(owner, "the stored training set is empty or not finite");
    m_k = static_cast<int>(k);
    m_distanceWeights = weights == "distance";
    m_p = p;
    m_algorithm = algorithmFromName(algorithm);
    m_leafSize = static_cast<int>(leaf);
    m_y = y;
    buildIndex(X);
    onTargetSet();
}

}  // namespace dslab
