#include "engine/preprocessing/knn_imputer.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>

namespace dslab {

namespace {
const char* const kOwner = "KNNImputer";

Matrix appendColumns(const Matrix& left, const Matrix& right)
{
    Matrix out(left.rows(), left.cols() + right.cols());
    out << left, right;
    return out;
}
}  // namespace

const std::vector<ParamSpec>& KNNImputer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::integer("n_neighbors", 5, 1, 1000000, "How many nearest training rows fill a missing value"),
        ParamSpec::choice("weights", "uniform", {"uniform", "distance"},
                          "Plain mean of the neighbours, or weighted by 1 / distance"),
        ParamSpec::boolean("add_indicator", false,
                           "Append a 0/1 column per feature that had missing values during fit"),
    };
    return specs;
}

double KNNImputer::nanEuclidean(const Eigen::Ref<const Eigen::RowVectorXd>& a,
                                const Eigen::Ref<const Eigen::RowVectorXd>& b)
{
    double sum = 0;
    Eigen::Index present = 0;
    for (Eigen::Index k = 0; k < a.size(); ++k)
        if (!std::isnan(a(k)) && !std::isnan(b(k))) {
            sum += (a(k) - b(k)) * (a(k) - b(k));
            ++present;
        }
    if (present == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return std::sqrt(sum * static_cast<double>(a.size()) / static_cast<double>(present));
}

void KNNImputer::fit(const Matrix& X, const Vector*, TrainContext& ctx)
{
    requireSamples(X, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    m_fitX = X;
    m_indicator = MissingIndicator();
    m_indicator.setParams({{"features", std::string("missing-only")}, {"error_on_new", false}});
    m_indicator.fit(X, nullptr, ctx);
    m_fitted = true;
}

Matrix KNNImputer::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_fitX.cols(), kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    const auto k = static_cast<std::size_t>(paramInt("n_neighbors"));
    const bool byDistance = paramString("weights") == "distance";
    const Eigen::Index d = X.cols(), nFit = m_fitX.rows();

    Matrix filled = X;
    std::vector<double> dist(static_cast<std::size_t>(nFit));
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        if (!X.row(i).array().isNaN().any())
            continue;
        for (Eigen::Index r = 0; r < nFit; ++r)
            dist[static_cast<std::size_t>(r)] = nanEuclidean(X.row(i), m_fitX.row(r));
        for (Eigen::Index j = 0; j < d; ++j) {
            if (!std::isnan(X(i, j)))
                continue;
            std::vector<Eigen::Index> donors;
            for (Eigen::Index r = 0; r < nFit; ++r)
                if (!std::isnan(m_fitX(r, j)))
                    donors.push_back(r);
            if (donors.empty())
                continue;  // an all-missing column: dropped below
            const bool anyDistance = std::any_of(donors.begin(), donors.end(), [&](Eigen::Index r) {
                return !std::isnan(dist[static_cast<std::size_t>(r)]);
            });
            if (!anyDistance) {  // nothing in common with any donor: the column mean
                double sum = 0;
                for (Eigen::Index r : donors)
                    sum += m_fitX(r, j);
                filled(i, j) = sum / static_cast<double>(donors.size());
                continue;
            }
            // Nearest first; NaN distances last; ties by row order.
            const std::size_t take = std::min(k, donors.size());
            std::stable_sort(donors.begin(), donors.end(), [&](Eigen::Index a, Eigen::Index b) {
                const double da = dist[static_cast<std::size_t>(a)], db = dist[static_cast<std::size_t>(b)];
                if (std::isnan(da) || std::isnan(db))
                    return !std::isnan(da) && std::isnan(db);
                return da < db;
            });
            double num = 0, den = 0;
            if (byDistance) {
                // scikit-learn's _get_weights: 1/d, but donors at distance 0 take all the weight.
                const bool anyZero = std::any_of(donors.begin(), donors.begin() + static_cast<std::ptrdiff_t>(take),
                                                 [&](Eigen::Index r) { return dist[static_cast<std::size_t>(r)] == 0.0; });
                for (std::size_t n = 0; n < take; ++n) {
                    const double dr = dist[static_cast<std::size_t>(donors[n])];
                    double w = anyZero ? (dr == 0.0 ? 1.0 : 0.0) : 1.0 / dr;
                    if (std::isnan(w))
                        w = 0.0;
                    num += w * m_fitX(donors[n], j);
                    den += w;
                }
            } else {
                for (std::size_t n = 0; n < take; ++n)
                    num += m_fitX(donors[n], j);
                den = static_cast<double>(take);
            }
            filled(i, j) = num / den;
        }
    }
    std::vector<Eigen::Index> valid;
    for (Eigen::Index j = 0; j < d; ++j)
        if (!m_fitX.col(j).array().isNaN().all())
            valid.push_back(j);
    Matrix out(X.rows(), static_cast<Eigen::Index>(valid.size()));
    for (std::size_t c = 0; c < valid.size(); ++c)
        out.col(static_cast<Eigen::Index>(c)) = filled.col(valid[c]);
    if (paramBool("add_indicator"))
        return appendColumns(out, m_indicator.transform(X));
    return out;
}

StringList KNNImputer::featureNamesOut(const StringList& namesIn) const
{
    if (!m_fitted || static_cast<Eigen::Index>(namesIn.size()) != m_fitX.cols())
        return namesIn;
    StringList out;
    for (std::size_t j = 0; j < namesIn.size(); ++j)
        if (!m_fitX.col(static_cast<Eigen::Index>(j)).array().isNaN().all())
            out.push_back(namesIn[j]);
    if (paramBool("add_indicator"))
        for (auto& name : m_indicator.featureNamesOut(namesIn))
            out.push_back(std::move(name));
    return out;
}

void KNNImputer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["fit_X"] = matrixToJson(m_fitX);  // NaN is written as null
    nlohmann::json indicator;
    m_indicator.saveState(indicator);
    out["indicator"] = std::move(indicator);
}

void KNNImputer::loadState(const nlohmann::json& in)
{
    if (!fittedFlagFromJson(in, kOwner)) {
        m_fitted = false;
        m_fitX.resize(0, 0);
        m_indicator = MissingIndicator();
        return;
    }
    Matrix fitX = matrixFromJson(in, "fit_X", kOwner);
    if (fitX.rows() < 1 || fitX.cols() < 1 || fitX.array().isInf().any())
        throwDamagedState(kOwner, "'fit_X' must be a non-empty table of numbers (null for missing)");
    const auto it = in.find("indicator");
    if (it == in.end())
        throwDamagedState(kOwner, "'indicator' is missing");
    MissingIndicator indicator;
    indicator.setParams({{"features", std::string("missing-only")}, {"error_on_new", false}});
    indicator.loadState(*it);
    if (!indicator.isFitted())
        throwDamagedState(kOwner, "'indicator' is not fitted");
    m_fitX = std::move(fitX);
    m_indicator = std::move(indicator);
    m_fitted = true;
}

}  // namespace dslab
