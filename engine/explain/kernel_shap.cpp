#include "engine/explain/kernel_shap.h"

#include "engine/core/component.h"
#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/data/seeded_random.h"
#include "engine/models/cluster/k_means.h"

#include <Eigen/QR>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <unordered_map>

namespace dslab {

namespace {

// Coalitions as 0/1 rows (1: the feature takes the explained row's value)
// with their kernel weights, normalized to sum to 1.
struct Coalitions {
    std::vector<std::vector<std::uint8_t>> masks;
    std::vector<double> weights;
    std::unordered_map<std::string, std::size_t> index;  // mask as bytes -> position

    void add(const std::vector<std::uint8_t>& mask, double weight)
    {
        auto [it, inserted] = index.emplace(std::string(mask.begin(), mask.end()), masks.size());
        if (inserted) {
            masks.push_back(mask);
            weights.push_back(weight);
        } else {
            weights[it->second] += weight;  // a sampled coalition drawn again counts twice
        }
    }
};

double choose(int n, int k)
{
    double r = 1;
    for (int i = 1; i <= k; ++i)
        r = r * (n - k + i) / i;
    return r;
}

// Every subset of {0..m-1} of the given size, in lexicographic order.
template <typename Visit>
void forEachSubset(int m, int size, Visit visit)
{
    std::vector<int> pick(static_cast<std::size_t>(size));
    std::iota(pick.begin(), pick.end(), 0);
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(m));
    while (true) {
        std::fill(mask.begin(), mask.end(), std::uint8_t{0});
        for (int p : pick)
            mask[static_cast<std::size_t>(p)] = 1;
        visit(mask);
        int i = size - 1;
        while (i >= 0 && pick[static_cast<std::size_t>(i)] == m - size + i)
            --i;
        if (i < 0)
            return;
        ++pick[static_cast<std::size_t>(i)];
        for (int j = i + 1; j < size; ++j)
            pick[static_cast<std::size_t>(j)] = pick[static_cast<std::size_t>(j - 1)] + 1;
    }
}

std::vector<std::uint8_t> complementOf(std::vector<std::uint8_t> mask)
{
    for (auto& b : mask)
        b = b ? 0 : 1;
    return mask;
}

// The Shapley kernel gives all subsets of size s together (M-1) / (s (M-s));
// a subset size and its complement's are handled as one group.
double groupMass(int m, int s)
{
    const double perSize = static_cast<double>(m - 1) / (static_cast<double>(s) * (m - s));
    return 2 * s == m ? perSize : 2 * perSize;
}

Coalitions enumerateCoalitions(int m)
{
    Coalitions c;
    for (int s = 1; s < m; ++s) {
        const double w = static_cast<double>(m - 1) / (choose(m, s) * s * (m - s));
        forEachSubset(m, s, [&](const std::vector<std::uint8_t>& mask) { c.add(mask, w); });
    }
    return c;
}

// Whole subset sizes (smallest first) while the budget covers them, as
// shap does, then random subsets drawn with the kernel's size distribution,
// each with its complement (paired sampling halves the variance).
Coalitions sampleCoalitions(int m, int budget, std::uint64_t seed)
{
    Coalitions c;
    const int groups = m / 2;
    std::vector<double> mass(static_cast<std::size_t>(groups + 1), 0.0);
    double total = 0;
    for (int s = 1; s <= groups; ++s)
        total += mass[static_cast<std::size_t>(s)] = groupMass(m, s);
    for (auto& v : mass)
        v /= total;

    double remainingMass = 1;
    double left = budget;
    int firstSampled = 1;
    for (int s = 1; s <= groups; ++s) {
        const bool paired = 2 * s != m;
        const double count = choose(m, s) * (paired ? 2 : 1);
        if (count > left * mass[static_cast<std::size_t>(s)] / remainingMass)
            break;
        const double w = mass[static_cast<std::size_t>(s)] / count;
        forEachSubset(m, s, [&](const std::vector<std::uint8_t>& mask) {
            c.add(mask, w);
            if (paired)
                c.add(complementOf(mask), w);
        });
        left -= count;
        remainingMass -= mass[static_cast<std::size_t>(s)];
        firstSampled = s + 1;
    }
    const int pairs = static_cast<int>(left) / 2;
    if (firstSampled > groups || pairs <= 0 || remainingMass <= 1e-12)
        return c;

    SeededRandom rng(seed);
    std::vector<int> order(static_cast<std::size_t>(m));
    const double w = remainingMass / (2.0 * pairs);
    for (int draw = 0; draw < pairs; ++draw) {
        double u = rng.uniform() * remainingMass;
        int s = firstSampled;
        while (s < groups && u >= mass[static_cast<std::size_t>(s)]) {
            u -= mass[static_cast<std::size_t>(s)];
            ++s;
        }
        std::iota(order.begin(), order.end(), 0);
        std::vector<std::uint8_t> mask(static_cast<std::size_t>(m), 0);
        for (int i = 0; i < s; ++i) {
            const auto j = static_cast<std::size_t>(i) + static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(m - i)));
            std::swap(order[static_cast<std::size_t>(i)], order[j]);
            mask[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = 1;
        }
        c.add(mask, w);
        c.add(complementOf(mask), w);
    }
    return c;
}

Matrix modelOutput(const Predictor& model, const Matrix& X)
{
    if (model.isClassifier())
        return model.predictProba(X);
    const Vector p = model.predict(X);
    return Matrix(p);
}

}  // namespace

ShapBackground summarizeBackground(const Matrix& data, int k, std::uint64_t seed)
{
    if (data.rows() == 0)
        throw DataError("SHAP background: there are no rows to summarize; pass some training rows");
    if (k < 1)
        throw ParamError("SHAP background: the number of background rows must be at least 1, got " + std::to_string(k));
    ShapBackground b;
    if (data.rows() <= k) {
        b.rows = data;
        b.weights = Vector::Constant(data.rows(), 1.0 / static_cast<double>(data.rows()));
        return b;
    }
    KMeans kmeans;
    kmeans.setParam("n_clusters", static_cast<long long>(k));
    kmeans.setParam("n_init", 3LL);
    TrainContext ctx;
    ctx.seed = seed;
    kmeans.fit(data, Vector(), ctx);
    b.rows = kmeans.clusterCenters();
    b.weights = Vector::Zero(k);
    for (Eigen::Index i = 0; i < kmeans.labels().size(); ++i)
        b.weights(static_cast<Eigen::Index>(kmeans.labels()(i))) += 1;
    b.weights /= b.weights.sum();
    return b;
}

ShapValues kernelShap(const Predictor& model, const Matrix& X, const ShapBackground& background,
                      const KernelShapOptions& options)
{
    const Eigen::Index m = X.cols();
    const Eigen::Index nb = background.rows.rows();
    if (X.rows() == 0 || m == 0)
        throw DataError("KernelSHAP: there are no rows or no features to explain");
    if (nb == 0 || background.weights.size() != nb)
        throw DataError("KernelSHAP: the background needs at least one row and one weight per row");
    if (background.rows.cols() != m)
        throw DataError("KernelSHAP: the background rows have " + std::to_string(background.rows.cols())
                        + " columns but the rows to explain have " + std::to_string(m));
    if (options.nSamples < 2 && m > options.exactMaxFeatures)
        throw ParamError("KernelSHAP: nsamples must be at least 2, got " + std::to_string(options.nSamples));
    if (m > 62 && options.exactMaxFeatures >= m)
        throw ParamError("KernelSHAP: too many features (" + std::to_string(m) + ") to enumerate every coalition");

    const Vector weights = background.weights / background.weights.sum();
    const Matrix backgroundOut = modelOutput(model, background.rows);
    const Matrix rowOut = modelOutput(model, X);
    const Eigen::Index outputs = backgroundOut.cols();
    ShapValues result;
    result.values.assign(static_cast<std::size_t>(outputs), Matrix::Zero(X.rows(), m));
    result.expectedValue.resize(static_cast<std::size_t>(outputs));
    const Vector expected = backgroundOut.transpose() * weights;
    for (Eigen::Index k = 0; k < outputs; ++k)
        result.expectedValue[static_cast<std::size_t>(k)] = expected(k);
    if (m == 1) {
        for (Eigen::Index k = 0; k < outputs; ++k)
            result.values[static_cast<std::size_t>(k)].col(0) = rowOut.col(k).array() - expected(k);
        return result;
    }

    // The same coalitions serve every row, so the least-squares factorization is shared.
    const Coalitions c = m <= options.exactMaxFeatures
                             ? enumerateCoalitions(static_cast<int>(m))
                             : sampleCoalitions(static_cast<int>(m), options.nSamples, options.seed);
    const auto nc = static_cast<Eigen::Index>(c.masks.size());
    // Efficiency: phi_last = delta - sum(others), so the fit has M - 1 unknowns:
    //   v(z) - E - z_last * delta = sum_j (z_j - z_last) phi_j.
    Matrix A(nc, m - 1);
    Vector sqrtW(nc);
    for (Eigen::Index r = 0; r < nc; ++r) {
        const auto& mask = c.masks[static_cast<std::size_t>(r)];
        sqrtW(r) = std::sqrt(c.weights[static_cast<std::size_t>(r)]);
        const double last = mask[static_cast<std::size_t>(m - 1)];
        for (Eigen::Index j = 0; j + 1 < m; ++j)
            A(r, j) = sqrtW(r) * (mask[static_cast<std::size_t>(j)] - last);
    }
    const Eigen::ColPivHouseholderQR<Matrix> qr(A);

    // Model calls are batched over coalitions, about 64k rows at a time.
    const Eigen::Index perBatch = std::max<Eigen::Index>(1, 65536 / nb);
    parallelFor(0, static_cast<std::size_t>(X.rows()), options.threads, [&](std::size_t row) {
        const auto i = static_cast<Eigen::Index>(row);
        Matrix value(nc, outputs);  // v(z): weighted mean output over the background
        for (Eigen::Index first = 0; first < nc; first += perBatch) {
            const Eigen::Index count = std::min(perBatch, nc - first);
            Matrix batch(count * nb, m);
            for (Eigen::Index r = 0; r < count; ++r) {
                const auto& mask = c.masks[static_cast<std::size_t>(first + r)];
                batch.middleRows(r * nb, nb) = background.rows;
                for (Eigen::Index j = 0; j < m; ++j)
                    if (mask[static_cast<std::size_t>(j)])
                        batch.block(r * nb, j, nb, 1).setConstant(X(i, j));
            }
            const Matrix out = modelOutput(model, batch);
            for (Eigen::Index r = 0; r < count; ++r)
                value.row(first + r) = weights.transpose() * out.middleRows(r * nb, nb);
        }
        Matrix rhs(nc, outputs);
        for (Eigen::Index r = 0; r < nc; ++r) {
            const double last = c.masks[static_cast<std::size_t>(r)][static_cast<std::size_t>(m - 1)];
            for (Eigen::Index k = 0; k < outputs; ++k)
                rhs(r, k) = sqrtW(r) * (value(r, k) - expected(k) - last * (rowOut(i, k) - expected(k)));
        }
        const Matrix head = qr.solve(rhs);
        for (Eigen::Index k = 0; k < outputs; ++k) {
            Matrix& phi = result.values[static_cast<std::size_t>(k)];
            phi.row(i).head(m - 1) = head.col(k).transpose();
            phi(i, m - 1) = rowOut(i, k) - expected(k) - head.col(k).sum();
        }
    });
    return result;
}

}  // namespace dslab
