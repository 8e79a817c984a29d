#include "engine/models/neighbors/neighbor_search.h"

#include "engine/core/parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace dslab {

namespace {

enum class MetricKind { Euclidean, Manhattan, General };

using Candidate = std::pair<double, Eigen::Index>;  // (reduced distance, training index)

// The reduced distance (no root): sum of |a-b|^p, summed in feature order.
// Every path computes final distances with this one function, so brute force
// and the tree agree bit for bit and ties are real ties. The metric is a
// template argument so that the tree's inner loops carry no switch.
template <MetricKind Kind>
inline double reducedDistance(const double* a, const double* b, Eigen::Index d, double p)
{
    double r = 0;
    for (Eigen::Index f = 0; f < d; ++f) {
        const double t = a[f] - b[f];
        if constexpr (Kind == MetricKind::Euclidean)
            r += t * t;
        else if constexpr (Kind == MetricKind::Manhattan)
            r += std::abs(t);
        else
            r += std::pow(std::abs(t), p);
    }
    return r;
}

inline double reducedDistance(const double* a, const double* b, Eigen::Index d, MetricKind kind, double p)
{
    switch (kind) {
    case MetricKind::Euclidean: return reducedDistance<MetricKind::Euclidean>(a, b, d, p);
    case MetricKind::Manhattan: return reducedDistance<MetricKind::Manhattan>(a, b, d, p);
    case MetricKind::General: return reducedDistance<MetricKind::General>(a, b, d, p);
    }
    return 0;
}

// Keeps the k smallest (distance, index) pairs seen: a max-heap on the pair
// whose top is replaced in one sift-down (half the work of pop + push).
class KBest {
public:
    explicit KBest(int k) : m_k(static_cast<std::size_t>(k)) { m_heap.reserve(m_k); }
    bool full() const { return m_heap.size() == m_k; }
    double worst() const { return m_heap.front().first; }
    void offer(double r, Eigen::Index index)
    {
        const Candidate c{r, index};
        if (m_heap.size() < m_k) {
            m_heap.push_back(c);
            std::push_heap(m_heap.begin(), m_heap.end());
        } else if (c < m_heap.front()) {
            replaceTop(c);
        }
    }
    std::vector<Candidate>& sorted()
    {
        std::sort_heap(m_heap.begin(), m_heap.end());
        return m_heap;
    }
    void clear() { m_heap.clear(); }

private:
    void replaceTop(const Candidate& c)
    {
        const std::size_t n = m_heap.size();
        std::size_t i = 0;
        for (;;) {
            std::size_t child = 2 * i + 1;
            if (child >= n)
                break;
            if (child + 1 < n && m_heap[child] < m_heap[child + 1])
                ++child;
            if (!(c < m_heap[child]))
                break;
            m_heap[i] = m_heap[child];
            i = child;
        }
        m_heap[i] = c;
    }

    std::size_t m_k;
    std::vector<Candidate> m_heap;
};

struct Node {
    Eigen::Index begin = 0;
    Eigen::Index end = 0;
    int left = -1;  // -1: leaf
    int right = -1;
};

}  // namespace

struct NeighborSearch::Impl {
    Matrix X;       // n x d, for column-wise brute force
    Matrix Xt;      // d x n, each training row contiguous
    Vector norms;   // squared norms of the training rows (Euclidean brute force)
    MetricKind kind = MetricKind::Euclidean;
    double p = 2;
    bool tree = false;
    // k-d tree: points reordered so that every node is a contiguous range.
    std::vector<Node> nodes;
    std::vector<Eigen::Index> order;  // tree position -> training index
    Matrix treePoints;                // d x n, columns in tree order
    Matrix boxLow, boxHigh;           // d x nodes, tight bounding boxes
    int leafSize = 30;

    Eigen::Index n() const { return X.rows(); }
    Eigen::Index d() const { return X.cols(); }

    double toDistance(double r) const
    {
        switch (kind) {
        case MetricKind::Euclidean: return std::sqrt(r);
        case MetricKind::Manhattan: return r;
        case MetricKind::General: return std::pow(r, 1.0 / p);
        }
        return r;
    }

    int buildNode(Eigen::Index begin, Eigen::Index end)
    {
        const int id = static_cast<int>(nodes.size());
        nodes.push_back({begin, end, -1, -1});
        Vector lo = Vector::Constant(d(), std::numeric_limits<double>::infinity());
        Vector hi = Vector::Constant(d(), -std::numeric_limits<double>::infinity());
        for (Eigen::Index c = begin; c < end; ++c) {
            lo = lo.cwiseMin(Xt.col(order[static_cast<std::size_t>(c)]));
            hi = hi.cwiseMax(Xt.col(order[static_cast<std::size_t>(c)]));
        }
        if (boxLow.cols() <= id) {
            boxLow.conservativeResize(d(), std::max<Eigen::Index>(16, 2 * boxLow.cols()));
            boxHigh.conservativeResize(d(), boxLow.cols());
        }
        boxLow.col(id) = lo;
        boxHigh.col(id) = hi;
        Eigen::Index dim = 0;
        const double spread = (hi - lo).maxCoeff(&dim);
        if (end - begin <= leafSize || spread <= 0)
            return id;
        const Eigen::Index mid = begin + (end - begin) / 2;
        // Ordering ties by index keeps the tree shape independent of the
        // standard library's nth_element.
        std::nth_element(order.begin() + begin, order.begin() + mid, order.begin() + end,
                         [&](Eigen::Index a, Eigen::Index b) {
                             const double xa = X(a, dim), xb = X(b, dim);
                             return xa < xb || (xa == xb && a < b);
                         });
        const int left = buildNode(begin, mid);
        const int right = buildNode(mid, end);
        nodes[static_cast<std::size_t>(id)].left = left;
        nodes[static_cast<std::size_t>(id)].right = right;
        return id;
    }

    // A lower bound of the reduced distance from q to any point in the box;
    // floating-point rounding is monotone, so it never exceeds a computed one.
    template <MetricKind Kind>
    double boxBound(int node, const double* q) const
    {
        const double* lo = boxLow.col(node).data();
        const double* hi = boxHigh.col(node).data();
        double r = 0;
        for (Eigen::Index f = 0; f < d(); ++f) {
            const double t = q[f] < lo[f] ? lo[f] - q[f] : q[f] > hi[f] ? q[f] - hi[f] : 0.0;
            if constexpr (Kind == MetricKind::Euclidean)
                r += t * t;
            else if constexpr (Kind == MetricKind::Manhattan)
                r += t;
            else
                r += std::pow(t, p);
        }
        // std::pow is not guaranteed monotone to the last bit: keep a margin.
        return Kind == MetricKind::General ? r * (1 - 1e-12) : r;
    }

    template <MetricKind Kind>
    void searchTree(int id, const double* q, KBest& best) const
    {
        const Node& node = nodes[static_cast<std::size_t>(id)];
        if (node.left < 0) {
            const Eigen::Index dim = d();
            const double* points = treePoints.data();
            for (Eigen::Index c = node.begin; c < node.end; ++c)
                best.offer(reducedDistance<Kind>(q, points + c * dim, dim, p), order[static_cast<std::size_t>(c)]);
            return;
        }
        const double bl = boxBound<Kind>(node.left, q);
        const double br = boxBound<Kind>(node.right, q);
        const int first = bl <= br ? node.left : node.right;
        const int second = bl <= br ? node.right : node.left;
        const double b1 = std::min(bl, br), b2 = std::max(bl, br);
        // `<=` (not `<`): a point at exactly the worst distance but with a
        // smaller index must still replace the current worst.
        if (!best.full() || b1 <= best.worst())
            searchTree<Kind>(first, q, best);
        if (!best.full() || b2 <= best.worst())
            searchTree<Kind>(second, q, best);
    }

    void queryTree(const Matrix& QbT, Eigen::Index row0, int k, Matrix& D, IndexMatrix& I) const
    {
        KBest best(k);
        for (Eigen::Index i = 0; i < QbT.cols(); ++i) {
            best.clear();
            switch (kind) {
            case MetricKind::Euclidean: searchTree<MetricKind::Euclidean>(0, QbT.col(i).data(), best); break;
            case MetricKind::Manhattan: searchTree<MetricKind::Manhattan>(0, QbT.col(i).data(), best); break;
            case MetricKind::General: searchTree<MetricKind::General>(0, QbT.col(i).data(), best); break;
            }
            const auto& s = best.sorted();
            for (int j = 0; j < k; ++j) {
                D(row0 + i, j) = toDistance(s[static_cast<std::size_t>(j)].first);
                I(row0 + i, j) = s[static_cast<std::size_t>(j)].second;
            }
        }
    }

    // Euclidean: |q|^2 + |x|^2 - 2 q.x for the whole block in one product,
    // then the exact distance only for the few rows that can be among the k.
    void queryBruteEuclidean(const Matrix& QbT, Eigen::Index row0, int k, Matrix& D, IndexMatrix& I) const
    {
        const Eigen::Index bs = QbT.cols();
        Matrix G(n(), bs);
        G.noalias() = X * QbT;
        const double maxNorm = norms.size() ? norms.maxCoeff() : 0.0;
        std::vector<double> approx(static_cast<std::size_t>(n()));
        std::vector<double> scratch(static_cast<std::size_t>(n()));
        std::vector<Candidate> cand;
        for (Eigen::Index i = 0; i < bs; ++i) {
            const double qn = QbT.col(i).squaredNorm();
            for (Eigen::Index j = 0; j < n(); ++j)
                approx[static_cast<std::size_t>(j)] = qn + norms(j) - 2.0 * G(j, i);
            scratch = approx;
            std::nth_element(scratch.begin(), scratch.begin() + (k - 1), scratch.end());
            const double kth = scratch[static_cast<std::size_t>(k - 1)];
            // Bound on |approx - exact| from the rounding of both formulas
            // (dot products of length d): a generous multiple of d * eps.
            const double slack = 2e-15 * static_cast<double>(d() + 2) * (qn + maxNorm);
            const double limit = kth + 2 * slack;
            cand.clear();
            const double* q = QbT.col(i).data();
            for (Eigen::Index j = 0; j < n(); ++j)
                if (approx[static_cast<std::size_t>(j)] <= limit)
                    cand.emplace_back(reducedDistance(q, Xt.col(j).data(), d(), kind, p), j);
            std::partial_sort(cand.begin(), cand.begin() + k, cand.end());
            for (int j = 0; j < k; ++j) {
                D(row0 + i, j) = toDistance(cand[static_cast<std::size_t>(j)].first);
                I(row0 + i, j) = cand[static_cast<std::size_t>(j)].second;
            }
        }
    }

    // Other metrics: accumulate |x_f - q_f|^p column by column, which is
    // vectorized and sums features in the same order as reducedDistance.
    void queryBruteGeneral(const Matrix& QbT, Eigen::Index row0, int k, Matrix& D, IndexMatrix& I) const
    {
        const Eigen::Index bs = QbT.cols();
        Matrix R = Matrix::Zero(n(), bs);
        for (Eigen::Index i = 0; i < bs; ++i) {
            auto r = R.col(i).array();
            for (Eigen::Index f = 0; f < d(); ++f) {
                const double qf = QbT(f, i);
                if (kind == MetricKind::Manhattan)
                    r += (X.col(f).array() - qf).abs();
                else
                    r += (X.col(f).array() - qf).abs().pow(p);
            }
        }
        std::vector<Eigen::Index> idx(static_cast<std::size_t>(n()));
        for (Eigen::Index i = 0; i < bs; ++i) {
            for (Eigen::Index j = 0; j < n(); ++j)
                idx[static_cast<std::size_t>(j)] = j;
            auto less = [&](Eigen::Index a, Eigen::Index b) {
                const double ra = R(a, i), rb = R(b, i);
                return ra < rb || (ra == rb && a < b);
            };
            std::nth_element(idx.begin(), idx.begin() + (k - 1), idx.end(), less);
            std::sort(idx.begin(), idx.begin() + k, less);
            for (int j = 0; j < k; ++j) {
                const Eigen::Index t = idx[static_cast<std::size_t>(j)];
                D(row0 + i, j) = toDistance(R(t, i));
                I(row0 + i, j) = t;
            }
        }
    }
};

NeighborSearch::NeighborSearch() = default;
NeighborSearch::~NeighborSearch() = default;
NeighborSearch::NeighborSearch(NeighborSearch&&) noexcept = default;
NeighborSearch& NeighborSearch::operator=(NeighborSearch&&) noexcept = default;

void NeighborSearch::build(const Matrix& X, double p, NeighborAlgorithm algorithm, int leafSize)
{
    auto impl = std::make_unique<Impl>();
    impl->X = X;
    impl->Xt = X.transpose();
    impl->p = p;
    impl->kind = p == 2 ? MetricKind::Euclidean : p == 1 ? MetricKind::Manhattan : MetricKind::General;
    impl->leafSize = std::max(1, leafSize);
    if (impl->kind == MetricKind::Euclidean)
        impl->norms = impl->Xt.colwise().squaredNorm().transpose();
    // As scikit-learn's "auto": trees pay off in low dimensions only.
    impl->tree = algorithm == NeighborAlgorithm::KdTree
                 || (algorithm == NeighborAlgorithm::Auto && X.cols() <= 15 && X.rows() > 2 * impl->leafSize);
    if (impl->tree && X.rows() > 0) {
        impl->order.resize(static_cast<std::size_t>(X.rows()));
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            impl->order[static_cast<std::size_t>(i)] = i;
        impl->buildNode(0, X.rows());
        impl->treePoints.resize(X.cols(), X.rows());
        for (Eigen::Index c = 0; c < X.rows(); ++c)
            impl->treePoints.col(c) = impl->Xt.col(impl->order[static_cast<std::size_t>(c)]);
    }
    m_impl = std::move(impl);
}

bool NeighborSearch::isBuilt() const
{
    return m_impl != nullptr;
}

bool NeighborSearch::usesTree() const
{
    return m_impl && m_impl->tree;
}

Eigen::Index NeighborSearch::size() const
{
    return m_impl ? m_impl->n() : 0;
}

const Matrix& NeighborSearch::data() const
{
    static const Matrix empty;
    return m_impl ? m_impl->X : empty;
}

void NeighborSearch::query(const Matrix& Q, int k, Matrix& distances, IndexMatrix& indices, int threads) const
{
    const Impl& impl = *m_impl;
    const Eigen::Index m = Q.rows();
    distances.resize(m, k);
    indices.resize(m, k);
    if (m == 0 || k <= 0)
        return;
    // The brute-force scratch matrix is n x block: keep it near 8 MB. A tree
    // is not worth it when half the training set is wanted (scikit-learn's rule).
    const bool tree = impl.tree && 2 * static_cast<Eigen::Index>(k) < impl.n();
    const Eigen::Index block = tree ? 256 : std::clamp<Eigen::Index>((1 << 20) / std::max<Eigen::Index>(1, impl.n()), 8, 256);
    const auto blocks = static_cast<std::size_t>((m + block - 1) / block);
    parallelFor(0, blocks, threads, [&](std::size_t b) {
        const Eigen::Index row0 = static_cast<Eigen::Index>(b) * block;
        const Eigen::Index rows = std::min(block, m - row0);
        const Matrix QbT = Q.middleRows(row0, rows).transpose();
        if (tree)
            impl.queryTree(QbT, row0, k, distances, indices);
        else if (impl.kind == MetricKind::Euclidean)
            impl.queryBruteEuclidean(QbT, row0, k, distances, indices);
        else
            impl.queryBruteGeneral(QbT, row0, k, distances, indices);
    });
}

}  // namespace dslab
