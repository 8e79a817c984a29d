#include "engine/model_selection/k_fold.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"

#include <numeric>

namespace dslab {

KFold::KFold(int nSplits, bool shuffle, std::uint64_t seed) : m_splits(nSplits), m_shuffle(shuffle), m_seed(seed)
{
    if (nSplits < 2)
        throw ParamError("KFold: n_splits must be at least 2 (one fold to test, the rest to train), not "
                         + std::to_string(nSplits));
}

std::vector<SplitIndices> KFold::split(Eigen::Index rows, const Vector*) const
{
    if (rows < m_splits)
        throw DataError("KFold: cannot split " + std::to_string(rows) + " rows into " + std::to_string(m_splits)
                        + " folds; use fewer folds or more data");
    IndexList order(static_cast<std::size_t>(rows));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    if (m_shuffle) {
        SeededRandom rng(m_seed);
        rng.shuffle(order);
    }
    std::vector<SplitIndices> out;
    Eigen::Index start = 0;
    for (int f = 0; f < m_splits; ++f) {
        const Eigen::Index size = rows / m_splits + (f < rows % m_splits ? 1 : 0);
        SplitIndices s;
        // Index sets are sorted, as scikit-learn returns them.
        std::vector<bool> inTest(static_cast<std::size_t>(rows), false);
        for (Eigen::Index k = start; k < start + size; ++k)
            inTest[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])] = true;
        for (Eigen::Index i = 0; i < rows; ++i)
            (inTest[static_cast<std::size_t>(i)] ? s.test : s.train).push_back(i);
        out.push_back(std::move(s));
        start += size;
    }
    return out;
}

}  // namespace dslab
