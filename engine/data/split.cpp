#include "engine/data/split.h"

#include "engine/core/errors.h"
#include "engine/data/column.h"
#include "engine/data/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace dslab {

namespace {

std::string countText(std::size_t n, const char* noun)
{
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// How many test rows each class gets: proportional shares rounded down, the
// rows left over go to the largest remainders (scikit-learn's
// _approximate_mode, with ties broken by class order instead of at random),
// then every class is given at least one row in each part.
std::vector<std::size_t> testShares(const std::vector<std::size_t>& counts, std::size_t rows, std::size_t testRows)
{
    const std::size_t classes = counts.size();
    std::vector<std::size_t> shares(classes);
    std::vector<double> remainders(classes);
    std::size_t assigned = 0;
    for (std::size_t k = 0; k < classes; ++k) {
        const double exact = static_cast<double>(counts[k]) * static_cast<double>(testRows) / static_cast<double>(rows);
        shares[k] = static_cast<std::size_t>(std::floor(exact));
        remainders[k] = exact - static_cast<double>(shares[k]);
        assigned += shares[k];
    }
    std::vector<std::size_t> order(classes);
    for (std::size_t k = 0; k < classes; ++k)
        order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
    for (std::size_t i = 0; assigned < testRows; i = (i + 1) % classes) {
        const std::size_t k = order[i];
        if (shares[k] < counts[k]) {
            ++shares[k];
            ++assigned;
        }
    }
    // A class with no test row (or no train row) borrows from the class that
    // can best spare one, keeping both totals.
    for (std::size_t k = 0; k < classes; ++k) {
        if (shares[k] == 0) {
            std::size_t donor = classes;
            for (std::size_t j = 0; j < classes; ++j)
                if (shares[j] > 1 && (donor == classes || shares[j] > shares[donor]))
                    donor = j;
            if (donor != classes) {
                --shares[donor];
                ++shares[k];
            }
        }
        if (shares[k] == counts[k]) {
            std::size_t taker = classes;
            for (std::size_t j = 0; j < classes; ++j)
                if (j != k && counts[j] - shares[j] > 1 && (taker == classes || counts[j] - shares[j] > counts[taker] - shares[taker]))
                    taker = j;
            if (taker != classes) {
                --shares[k];
                ++shares[taker];
            }
        }
    }
    return shares;
}

}  // namespace

SplitIndices trainTestSplit(Eigen::Index rows, double testSize, std::uint64_t seed, const Vector* stratify)
{
    if (!(testSize > 0.0 && testSize < 1.0))
        throw ParamError("test_size must be between 0 and 1 (exclusive), got " + formatNumber(testSize));
    if (rows < 2)
        throw DataError("train_test_split needs at least 2 rows, got " + std::to_string(rows));
    const auto n = static_cast<std::size_t>(rows);
    // scikit-learn rounds the test part up: ceil(test_size * n).
    const auto testRows = static_cast<std::size_t>(std::ceil(testSize * static_cast<double>(n) - 1e-9));
    if (testRows == 0 || testRows >= n)
        throw DataError("with " + countText(n, "row") + " and test_size " + formatNumber(testSize) + " the "
                        + (testRows == 0 ? "test" : "training") + " part would be empty; change test_size");

    SeededRandom rng(seed);
    SplitIndices out;
    if (!stratify) {
        IndexList order(n);
        for (std::size_t i = 0; i < n; ++i)
            order[i] = static_cast<Eigen::Index>(i);
        rng.shuffle(order);
        out.test.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(testRows));
        out.train.assign(order.begin() + static_cast<std::ptrdiff_t>(testRows), order.end());
        return out;
    }

    if (stratify->size() != rows)
        throw DataError("the stratify labels have " + std::to_string(stratify->size()) + " values for "
                        + countText(n, "row"));
    std::map<double, IndexList> byClass;
    for (Eigen::Index i = 0; i < rows; ++i) {
        const double label = (*stratify)(i);
        if (std::isnan(label))
            throw DataError("the stratify labels have a missing value in row " + std::to_string(i)
                            + "; drop rows with a missing target first");
        byClass[label].push_back(i);
    }
    for (const auto& [label, members] : byClass)
        if (members.size() < 2)
            throw DataError("class " + formatNumber(label) + " has only 1 sample; a stratified split needs at least 2 "
                            "per class (one for each part); drop that class or split without stratify");
    const std::size_t classes = byClass.size();
    if (testRows < classes || n - testRows < classes)
        throw DataError("a stratified split puts every one of the " + std::to_string(classes)
                        + " classes in both parts, but the " + (testRows < classes ? "test" : "training") + " part has only "
                        + countText(testRows < classes ? testRows : n - testRows, "row") + "; change test_size");

    std::vector<std::size_t> counts;
    for (const auto& [label, members] : byClass)
        counts.push_back(members.size());
    const std::vector<std::size_t> shares = testShares(counts, n, testRows);
    std::size_t k = 0;
    for (auto& [label, members] : byClass) {
        rng.shuffle(members);
        const auto cut = static_cast<std::ptrdiff_t>(shares[k++]);
        out.test.insert(out.test.end(), members.begin(), members.begin() + cut);
        out.train.insert(out.train.end(), members.begin() + cut, members.end());
    }
    // Mix the classes, which were appended one after another.
    rng.shuffle(out.train);
    rng.shuffle(out.test);
    return out;
}

}  // namespace dslab
