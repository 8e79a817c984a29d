#include "engine/feature_selection/univariate_scores.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

namespace dslab {

namespace {

// Continued fraction of the regularized incomplete beta function I_x(a, b),
// evaluated with the modified Lentz method (converges for x < (a+1)/(a+b+2)).
double betaContinuedFraction(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    d = std::abs(d) < tiny ? tiny : d;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1.0 + num * d;
        d = std::abs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = std::abs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1.0 + num * d;
        d = std::abs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = std::abs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        const double step = d * c;
        h *= step;
        if (std::abs(step - 1.0) < 1e-16)
            break;
    }
    return h;
}

double regularizedBeta(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const double logFront = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    // Use the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges faster.
    if (x < (a + 1) / (a + b + 2))
        return std::exp(logFront) * betaContinuedFraction(a, b, x) / a;
    return 1.0 - std::exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b;
}

// Regularized upper incomplete gamma Q(a, x): series below a + 1, continued fraction above.
double upperGamma(double a, double x)
{
    if (x <= 0)
        return 1;
    const double logFront = -x + a * std::log(x) - std::lgamma(a);
    if (x < a + 1) {
        double term = 1.0 / a, sum = term;
        for (int n = 1; n < 100000; ++n) {
            term *= x / (a + n);
            sum += term;
            if (std::abs(term) < std::abs(sum) * 1e-17)
                break;
        }
        return 1.0 - std::exp(logFront) * sum;
    }
    const double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 100000; ++i) {
        const double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        d = std::abs(d) < tiny ? tiny : d;
        c = b + an / c;
        c = std::abs(c) < tiny ? tiny : c;
        d = 1 / d;
        const double step = d * c;
        h *= step;
        if (std::abs(step - 1) < 1e-16)
            break;
    }
    return std::exp(logFront) * h;
}

struct Classes {
    std::vector<double> labels;
    std::vector<int> code;  // per row, index into labels
};

Classes classesOf(const Matrix& X, const Vector& y, const char* who)
{
    if (X.rows() != y.size())
        throw DataError(std::string(who) + ": the target has " + std::to_string(y.size()) + " values but X has "
                        + std::to_string(X.rows()) + " rows");
    if (!X.allFinite() || !y.allFinite())
        throw DataError(std::string(who) + ": the data has missing or infinite values; impute them first");
    std::map<double, int> index;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        index.emplace(y(i), 0);
    Classes c;
    for (auto& [label, k] : index) {
        k = static_cast<int>(c.labels.size());
        c.labels.push_back(label);
    }
    if (c.labels.size() < 2)
        throw DataError(std::string(who) + ": the target has a single class; feature scores need at least two");
    for (Eigen::Index i = 0; i < y.size(); ++i)
        c.code.push_back(index.at(y(i)));
    return c;
}

}  // namespace

double fSurvival(double f, double d1, double d2)
{
    if (std::isnan(f))
        return std::nan("");
    if (f <= 0)
        return 1;
    if (std::isinf(f))
        return 0;
    // P(F > f) = I_{d2 / (d2 + d1 f)}(d2 / 2, d1 / 2)
    return regularizedBeta(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
}

double chi2Survival(double x, double dof)
{
    if (std::isnan(x))
        return std::nan("");
    return upperGamma(dof / 2, x / 2);
}

FeatureScores fClassif(const Matrix& X, const Vector& y)
{
    const Classes c = classesOf(X, y, "f_classif");
    const auto k = static_cast<Eigen::Index>(c.labels.size());
    const auto n = static_cast<double>(X.rows());
    FeatureScores out;
    out.scores.resize(X.cols());
    out.pValues.resize(X.cols());
    Vector counts = Vector::Zero(k);
    for (int code : c.code)
        counts(code) += 1;
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        Vector sums = Vector::Zero(k);
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            sums(c.code[static_cast<std::size_t>(i)]) += X(i, j);
        const double grand = X.col(j).mean();
        double between = 0, within = 0;
        for (Eigen::Index g = 0; g < k; ++g) {
            const double m = sums(g) / counts(g);
            between += counts(g) * (m - grand) * (m - grand);
        }
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            const int g = c.code[static_cast<std::size_t>(i)];
            const double d = X(i, j) - sums(g) / counts(g);
            within += d * d;
        }
        const double dfBetween = static_cast<double>(k - 1), dfWithin = n - static_cast<double>(k);
        // 0 / 0 for a constant feature gives NaN, as scikit-learn (which warns).
        const double f = (between / dfBetween) / (within / dfWithin);
        out.scores(j) = f;
        out.pValues(j) = fSurvival(f, dfBetween, dfWithin);
    }
    return out;
}

FeatureScores chi2(const Matrix& X, const Vector& y)
{
    const Classes c = classesOf(X, y, "chi2");
    if ((X.array() < 0).any())
        throw DataError("chi2: features must be non-negative (counts or frequencies); use f_classif for other data");
    const auto k = static_cast<Eigen::Index>(c.labels.size());
    // observed(g, j): sum of feature j over class g; expected from class
    // shares times the feature totals, as scikit-learn's chi2.
    Matrix observed = Matrix::Zero(k, X.cols());
    Vector classCount = Vector::Zero(k);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        const int g = c.code[static_cast<std::size_t>(i)];
        observed.row(g) += X.row(i);
        classCount(g) += 1;
    }
    const Vector classShare = classCount / static_cast<double>(X.rows());
    const Vector featureTotal = X.colwise().sum().transpose();
    FeatureScores out;
    out.scores.resize(X.cols());
    out.pValues.resize(X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        double stat = 0;
        for (Eigen::Index g = 0; g < k; ++g) {
            const double expected = classShare(g) * featureTotal(j);
            const double d = observed(g, j) - expected;
            stat += d * d / expected;  // 0 / 0 = NaN for an all-zero feature, as scikit-learn
        }
        out.scores(j) = stat;
        out.pValues(j) = chi2Survival(stat, static_cast<double>(k - 1));
    }
    return out;
}

FeatureScores mutualInfoClassif(const Matrix& X, const Vector& y, int neighbors, std::uint64_t seed)
{
    const Classes c = classesOf(X, y, "mutual_info_classif");
    const Eigen::Index n = X.rows();
    SeededRandom rng(seed);
    auto digamma = [](double x) {
        double result = 0;
        while (x < 6) {
            result -= 1 / x;
            x += 1;
        }
        const double f = 1 / (x * x);
        return result + std::log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    };
    FeatureScores out;
    out.scores.resize(X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
        // Scaled to unit variance (no centering) plus 1e-10 * max(1, mean |x|) noise, as scikit-learn.
        Vector x = X.col(j);
        const double sd = std::sqrt((x.array() - x.mean()).square().mean());
        if (sd > 0)
            x /= sd;
        const double meanAbs = std::max(1.0, x.array().abs().mean());
        for (Eigen::Index i = 0; i < n; ++i)
            x(i) += 1e-10 * meanAbs * rng.normal();
        // Ross (2014): for each row, the distance to its k-th neighbour within
        // its class, then how many rows lie within that distance. Rows of a
        // class with a single row have no neighbour and are left out, as in
        // scikit-learn.
        std::vector<int> classSize(c.labels.size(), 0);
        for (int code : c.code)
            ++classSize[static_cast<std::size_t>(code)];
        auto usable = [&](Eigen::Index r) { return classSize[static_cast<std::size_t>(c.code[static_cast<std::size_t>(r)])] > 1; };
        double sumPsiM = 0, sumPsiLabel = 0, sumPsiK = 0;
        Eigen::Index used = 0;
        std::vector<double> classDistances;
        for (Eigen::Index i = 0; i < n; ++i) {
            if (!usable(i))
                continue;
            const int g = c.code[static_cast<std::size_t>(i)];
            const int size = classSize[static_cast<std::size_t>(g)];
            const int k = std::min(neighbors, size - 1);
            classDistances.clear();
            for (Eigen::Index r = 0; r < n; ++r)
                if (r != i && c.code[static_cast<std::size_t>(r)] == g)
                    classDistances.push_back(std::abs(x(r) - x(i)));
            std::nth_element(classDistances.begin(), classDistances.begin() + (k - 1), classDistances.end());
            // The radius is shrunk to the next float below, so rows exactly at it do not count.
            const double radius = std::nextafter(classDistances[static_cast<std::size_t>(k - 1)], 0.0);
            Eigen::Index m = 0;  // includes the row itself
            for (Eigen::Index r = 0; r < n; ++r)
                if (usable(r) && std::abs(x(r) - x(i)) <= radius)
                    ++m;
            sumPsiM += digamma(static_cast<double>(m));
            sumPsiLabel += digamma(static_cast<double>(size));
            sumPsiK += digamma(static_cast<double>(k));
            used += 1;
        }
        double mi = 0;
        if (used > 0) {
            const auto u = static_cast<double>(used);
            mi = digamma(u) + sumPsiK / u - sumPsiLabel / u - sumPsiM / u;
        }
        out.scores(j) = std::max(0.0, mi);
    }
    return out;
}

}  // namespace dslab
