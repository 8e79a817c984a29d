// RandomizedSearchCV: nIter candidates sampled from the distributions with
// the seed of the TrainContext (the same seed gives the same candidates).
#pragma once

#include "engine/model_selection/hyperparameter_search.h"

namespace dslab {

class RandomizedSearchCV : public HyperparameterSearch {
public:
    // Throws ParamError for nIter < 1.
    explicit RandomizedSearchCV(ParamDistributions distributions, int nIter = 10);
    std::string typeName() const override { return "RandomizedSearchCV"; }

protected:
    void checkSpace(const Pipeline& pipeline) const override;
    int defaultBudget() const override { return m_nIter; }
    std::vector<ParamMap> propose(const std::vector<SearchEvaluation>& done, int remaining, SeededRandom& rng) override;

private:
    ParamDistributions m_distributions;
    int m_nIter;
};

}  // namespace dslab
