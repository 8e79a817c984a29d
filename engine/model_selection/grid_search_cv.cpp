#include "engine/model_selection/grid_search_cv.h"

namespace dslab {

void GridSearchCV::checkSpace(const Pipeline& pipeline) const
{
    checkGridOn(pipeline, m_grid);
}

int GridSearchCV::defaultBudget() const
{
    return static_cast<int>(expandGrid(m_grid).size());
}

std::vector<ParamMap> GridSearchCV::propose(const std::vector<SearchEvaluation>& done, int remaining, SeededRandom&)
{
    // The grid is proposed once, whole (or its first `remaining` points).
    if (!done.empty())
        return {};
    std::vector<ParamMap> all = expandGrid(m_grid);
    if (static_cast<int>(all.size()) > remaining)
        all.resize(static_cast<std::size_t>(remaining));
    return all;
}

}  // namespace dslab
