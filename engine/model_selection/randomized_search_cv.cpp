#include "engine/model_selection/randomized_search_cv.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"

namespace dslab {

RandomizedSearchCV::RandomizedSearchCV(ParamDistributions distributions, int nIter)
    : m_distributions(std::move(distributions)), m_nIter(nIter)
{
    if (nIter < 1)
        throw ParamError("RandomizedSearchCV: n_iter must be at least 1, not " + std::to_string(nIter));
}

void RandomizedSearchCV::checkSpace(const Pipeline& pipeline) const
{
    checkDistributionsOn(pipeline, m_distributions);
}

std::vector<ParamMap> RandomizedSearchCV::propose(const std::vector<SearchEvaluation>& done, int remaining,
                                                  SeededRandom& rng)
{
    if (!done.empty())
        return {};
    std::vector<ParamMap> out(static_cast<std::size_t>(remaining));
    // Candidate by candidate, parameters by sorted name: a fixed order of draws.
    for (auto& candidate : out)
        for (const auto& [name, d] : m_distributions)
            candidate[name] = d.sample(rng);
    return out;
}

}  // namespace dslab
