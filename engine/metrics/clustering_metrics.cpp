#include "engine/metrics/clustering_metrics.h"

#include "engine/core/errors.h"

#include <map>
#include <utility>

namespace dslab {

double adjustedRandScore(const Vector& labelsTrue, const Vector& labelsPred)
{
    if (labelsTrue.size() != labelsPred.size())
        throw DataError("adjusted_rand_score: the two labelings have different lengths ("
                        + std::to_string(labelsTrue.size()) + " and " + std::to_string(labelsPred.size()) + ")");
    // Pair counts from the contingency table (scikit-learn's pair_confusion_matrix):
    // pairs together in both, in one only, or in neither.
    std::map<std::pair<double, double>, double> cells;
    std::map<double, double> rows, cols;
    for (Eigen::Index i = 0; i < labelsTrue.size(); ++i) {
        cells[{labelsTrue(i), labelsPred(i)}] += 1;
        rows[labelsTrue(i)] += 1;
        cols[labelsPred(i)] += 1;
    }
    const double n = static_cast<double>(labelsTrue.size());
    double sumSquares = 0, rowSquares = 0, colSquares = 0;
    for (const auto& [key, count] : cells)
        sumSquares += count * count;
    for (const auto& [key, count] : rows)
        rowSquares += count * count;
    for (const auto& [key, count] : cols)
        colSquares += count * count;
    // Ordered pairs, as scikit-learn counts them (each unordered pair twice).
    const double together = sumSquares - n;              // same cluster in both
    const double onlyPred = colSquares - sumSquares;     // together in pred only
    const double onlyTrue = rowSquares - sumSquares;     // together in true only
    const double apart = n * n - onlyPred - onlyTrue - sumSquares;  // apart in both
    // Identical partitions, including the degenerate all-one-cluster and
    // all-singletons cases where the formula below would divide by zero.
    if (onlyPred == 0 && onlyTrue == 0)
        return 1.0;
    return 2.0 * (together * apart - onlyTrue * onlyPred)
           / ((together + onlyTrue) * (onlyTrue + apart) + (together + onlyPred) * (onlyPred + apart));
}

}  // namespace dslab
