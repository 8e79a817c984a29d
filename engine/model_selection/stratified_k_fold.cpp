#include "engine/model_selection/stratified_k_fold.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace dslab {

StratifiedKFold::StratifiedKFold(int nSplits, bool shuffle, std::uint64_t seed)
    : m_splits(nSplits), m_shuffle(shuffle), m_seed(seed)
{
    if (nSplits < 2)
        throw ParamError("StratifiedKFold: n_splits must be at least 2, not " + std::to_string(nSplits));
}

std::vector<SplitIndices> StratifiedKFold::split(Eigen::Index rows, const Vector* y) const
{
    if (!y)
        throw DataError("StratifiedKFold needs the class labels (y) to keep their shares in every fold");
    if (y->size() != rows)
        throw DataError("StratifiedKFold: y has " + std::to_string(y->size()) + " values for " + std::to_string(rows)
                        + " rows");
    if (!y->allFinite())
        throw DataError("StratifiedKFold: y has missing or infinite labels; drop those rows first");
    // Classes numbered by first appearance, as scikit-learn's y_encoded.
    std::map<double, int> codeOf;
    std::vector<int> encoded(static_cast<std::size_t>(rows));
    std::vector<Eigen::Index> counts;
    std::vector<double> labelOf;
    for (Eigen::Index i = 0; i < rows; ++i) {
        auto [it, added] = codeOf.emplace((*y)(i), static_cast<int>(counts.size()));
        if (added) {
            counts.push_back(0);
            labelOf.push_back((*y)(i));
        }
        encoded[static_cast<std::size_t>(i)] = it->second;
        ++counts[static_cast<std::size_t>(it->second)];
    }
    const auto classes = counts.size();
    for (std::size_t k = 0; k < classes; ++k)
        if (counts[k] < m_splits) {
            std::ostringstream msg;
            msg << "StratifiedKFold: class " << labelOf[k] << " has only " << counts[k] << " row(s), fewer than the "
                << m_splits << " folds, so some test folds would lack it; use at most " << counts[k]
                << " folds (n_splits) or merge rare classes";
            throw DataError(msg.str());
        }
    // allocation[f][k]: rows of class k in fold f = counts of y_sorted[f::k].
    std::vector<int> sorted(encoded);
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::vector<Eigen::Index>> allocation(static_cast<std::size_t>(m_splits),
                                                      std::vector<Eigen::Index>(classes, 0));
    for (std::size_t i = 0; i < sorted.size(); ++i)
        ++allocation[i % static_cast<std::size_t>(m_splits)][static_cast<std::size_t>(sorted[i])];

    SeededRandom rng(m_seed);
    std::vector<int> testFold(static_cast<std::size_t>(rows));
    for (std::size_t k = 0; k < classes; ++k) {
        std::vector<int> folds;
        for (int f = 0; f < m_splits; ++f)
            folds.insert(folds.end(), static_cast<std::size_t>(allocation[static_cast<std::size_t>(f)][k]), f);
        if (m_shuffle)
            rng.shuffle(folds);
        std::size_t next = 0;
        for (std::size_t i = 0; i < encoded.size(); ++i)
            if (encoded[i] == static_cast<int>(k))
                testFold[i] = folds[next++];
    }
    std::vector<SplitIndices> out(static_cast<std::size_t>(m_splits));
    for (Eigen::Index i = 0; i < rows; ++i)
        for (int f = 0; f < m_splits; ++f)
            (testFold[static_cast<std::size_t>(i)] == f ? out[static_cast<std::size_t>(f)].test
                                                        : out[static_cast<std::size_t>(f)].train)
                .push_back(i);
    return out;
}

}  // namespace dslab
