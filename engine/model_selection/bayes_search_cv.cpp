#include "engine/model_selection/bayes_search_cv.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/model_selection/gaussian_process.h"

#include <algorithm>
#include <cmath>

namespace dslab {

namespace {

double normalPdf(double z)
{
    return std::exp(-0.5 * z * z) / std::sqrt(2 * 3.141592653589793);
}

double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

}  // namespace

BayesSearchCV::BayesSearchCV(ParamDistributions space, int nIter, int nInitial)
    : m_space(std::move(space)), m_nIter(nIter), m_nInitial(nInitial)
{
    if (nIter < 1)
        throw ParamError("BayesSearchCV: n_iter must be at least 1, not " + std::to_string(nIter));
    if (nInitial < 1)
        throw ParamError("BayesSearchCV: n_initial_points must be at least 1, not " + std::to_string(nInitial));
}

void BayesSearchCV::checkSpace(const Pipeline& pipeline) const
{
    checkDistributionsOn(pipeline, m_space);
}

ParamMap BayesSearchCV::decode(const Vector& u) const
{
    ParamMap out;
    Eigen::Index k = 0;
    for (const auto& [name, d] : m_space)
        out[name] = d.fromUnit(u(k++));
    return out;
}

Vector BayesSearchCV::encode(const ParamMap& params) const
{
    Vector u(static_cast<Eigen::Index>(m_space.size()));
    Eigen::Index k = 0;
    for (const auto& [name, d] : m_space)
        u(k++) = d.toUnit(params.at(name));
    return u;
}

std::vector<ParamMap> BayesSearchCV::propose(const std::vector<SearchEvaluation>& done, int remaining,
                                             SeededRandom& rng)
{
    const auto d = static_cast<Eigen::Index>(m_space.size());
    auto randomPoint = [&] {
        Vector u(d);
        for (Eigen::Index k = 0; k < d; ++k)
            u(k) = rng.uniform();
        return u;
    };
    // The random start, all at once so its folds run in parallel.
    if (done.empty()) {
        std::vector<ParamMap> out;
        for (int i = 0; i < std::min(m_nInitial, remaining); ++i)
            out.push_back(decode(randomPoint()));
        return out;
    }

    Matrix X(static_cast<Eigen::Index>(done.size()), d);
    Vector y(static_cast<Eigen::Index>(done.size()));
    for (std::size_t i = 0; i < done.size(); ++i) {
        X.row(static_cast<Eigen::Index>(i)) = encode(done[i].params).transpose();
        y(static_cast<Eigen::Index>(i)) = done[i].meanScore;
    }
    GaussianProcess gp;
    gp.fit(X, y);
    Eigen::Index bestRow = 0;
    const double best = y.maxCoeff(&bestRow);

    // Candidates: uniform over the cube, plus local steps around the best
    // point (where the optimum usually is once the start has found the area).
    const int local = m_candidatePoints / 4;
    Matrix candidates(m_candidatePoints, d);
    for (int i = 0; i < m_candidatePoints; ++i) {
        if (i < local) {
            for (Eigen::Index k = 0; k < d; ++k)
                candidates(i, k) = std::clamp(X(bestRow, k) + 0.05 * rng.normal(), 0.0, 1.0);
        } else {
            candidates.row(i) = randomPoint().transpose();
        }
    }
    Vector mu, sigma;
    gp.predict(candidates, mu, sigma);
    // Expected improvement with a small margin xi (in score units relative to
    // the spread of scores) that keeps some exploration.
    const double xi = 0.01 * std::max(1e-12, y.maxCoeff() - y.minCoeff());
    std::vector<std::pair<double, Eigen::Index>> ranked;
    for (Eigen::Index i = 0; i < candidates.rows(); ++i) {
        const double gain = mu(i) - best - xi;
        const double z = gain / sigma(i);
        ranked.emplace_back(gain * normalCdf(z) + sigma(i) * normalPdf(z), i);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    // The best candidate that is not a repeat (integer and choice
    // parameters map many points to the same values).
    for (const auto& [ei, i] : ranked) {
        ParamMap params = decode(candidates.row(i).transpose());
        const bool seen = std::any_of(done.begin(), done.end(), [&](const SearchEvaluation& e) { return e.params == params; });
        if (!seen)
            return {params};
    }
    // Every candidate repeats an evaluation: the (small, discrete) space is exhausted.
    return {};
}

}  // namespace dslab
