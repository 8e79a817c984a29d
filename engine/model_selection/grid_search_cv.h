// GridSearchCV: every combination of the listed values, in scikit-learn's
// order, so cv_results_ rows and the tie-breaking of best_params_ agree.
#pragma once

#include "engine/model_selection/hyperparameter_search.h"

namespace dslab {

class GridSearchCV : public HyperparameterSearch {
public:
    explicit GridSearchCV(ParamGrid grid) : m_grid(std::move(grid)) {}
    std::string typeName() const override { return "GridSearchCV"; }

protected:
    void checkSpace(const Pipeline& pipeline) const override;
    int defaultBudget() const override;
    std::vector<ParamMap> propose(const std::vector<SearchEvaluation>& done, int remaining, SeededRandom& rng) override;

private:
    ParamGrid m_grid;
};

}  // namespace dslab
