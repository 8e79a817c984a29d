// BayesSearchCV: Bayesian optimisation of the cross-validated score. After a
// few random candidates, a Gaussian process (Matérn 5/2) is fitted to the
// scores over the parameter space mapped to the unit cube (log-scaled for
// log-uniform ranges), and the next candidate is the one of many random and
// local points with the largest expected improvement over the best score so
// far. It usually needs far fewer evaluations than a grid.
#pragma once

#include "engine/model_selection/hyperparameter_search.h"

namespace dslab {

class BayesSearchCV : public HyperparameterSearch {
public:
    // nIter: candidates in all; nInitial: random ones before the model is
    // used. Throws ParamError for nIter < 1 or nInitial < 1.
    explicit BayesSearchCV(ParamDistributions space, int nIter = 20, int nInitial = 5);
    std::string typeName() const override { return "BayesSearchCV"; }
    // Random points scored by expected improvement per proposal.
    void setCandidatePoints(int n) { m_candidatePoints = n; }

protected:
    void checkSpace(const Pipeline& pipeline) const override;
    int defaultBudget() const override { return m_nIter; }
    std::vector<ParamMap> propose(const std::vector<SearchEvaluation>& done, int remaining, SeededRandom& rng) override;

private:
    ParamMap decode(const Vector& u) const;
    Vector encode(const ParamMap& params) const;
    ParamDistributions m_space;
    int m_nIter;
    int m_nInitial;
    int m_candidatePoints = 2000;
};

}  // namespace dslab
