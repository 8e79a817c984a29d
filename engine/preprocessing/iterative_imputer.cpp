#include "engine/preprocessing/iterative_imputer.h"

#include "engine/core/errors.h"
#include "engine/models/linear/bayesian_ridge.h"
#include "engine/models/linear/linear_regression.h"
#include "engine/models/linear/ridge.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"
#include "engine/preprocessing/column_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>

namespace dslab {

namespace {

const char* const kOwner = "IterativeImputer";
using MissingMask = Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>;

std::unique_ptr<LinearModel> makeRegressor(const std::string& name)
{
    if (name == "Ridge")
        return std::make_unique<Ridge>();
    if (name == "LinearRegression")
        return std::make_unique<LinearRegression>();
    return std::make_unique<BayesianRidge>();
}

MissingIndicator indicatorForImputer()
{
    MissingIndicator indicator;
    indicator.setParams({{"features", std::string("missing-only")}, {"error_on_new", false}});
    return indicator;
}

// Every kept column except `feature`, in order (scikit-learn's neighbor_feat_idx).
std::vector<Eigen::Index> othersThan(Eigen::Index feature, Eigen::Index columns)
{
    std::vector<Eigen::Index> others;
    for (Eigen::Index j = 0; j < columns; ++j)
        if (j != feature)
            others.push_back(j);
    return others;
}

}  // namespace

const std::vector<ParamSpec>& IterativeImputer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("estimator", "BayesianRidge", {"BayesianRidge", "Ridge", "LinearRegression"},
                          "The regression that predicts each feature from the others (with its defaults)"),
        ParamSpec::integer("max_iter", 10, 0, 1000000, "Most rounds over all the features"),
        ParamSpec::floating("tol", 1e-3, 0.0, std::numeric_limits<double>::infinity(),
                            "Stop when a round moves no filled value by more than tol times the largest observed |value|"),
        ParamSpec::choice("initial_strategy", "mean", {"mean", "median", "most_frequent", "constant"},
                          "The SimpleImputer fill that the first round starts from"),
        ParamSpec::choice("imputation_order", "ascending", {"ascending", "descending", "roman", "arabic"},
                          "Order of the features in a round: fewest missing first, most first, left to right, right to left"),
        ParamSpec::boolean("add_indicator", false,
                           "Append a 0/1 column per feature that had missing values during fit"),
    };
    return specs;
}

Matrix IterativeImputer::initialFill(const Matrix& X, MissingMask& missing) const
{
    const Matrix filled = m_initial.transform(X);  // kept columns only
    missing.resize(X.rows(), static_cast<Eigen::Index>(m_kept.size()));
    for (std::size_t k = 0; k < m_kept.size(); ++k)
        missing.col(static_cast<Eigen::Index>(k)) = X.col(m_kept[k]).array().isNaN();
    return filled;
}

void IterativeImputer::imputeOne(Matrix& filled, const MissingMask& missing, const Regression& r) const
{
    const auto others = othersThan(r.feature, filled.cols());
    for (Eigen::Index i = 0; i < filled.rows(); ++i) {
        if (!missing(i, r.feature))
            continue;
        double value = r.intercept;
        for (std::size_t k = 0; k < others.size(); ++k)
            value += r.coef(static_cast<Eigen::Index>(k)) * filled(i, others[k]);
        filled(i, r.feature) = value;
    }
}

void IterativeImputer::fit(const Matrix& X, const Vector*, TrainContext& ctx)
{
    fitTransform(X, ctx);
}

Matrix IterativeImputer::fitTransform(const Matrix& X, TrainContext& ctx)
{
    requireSamples(X, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    m_fitted = false;
    m_inputColumns = X.cols();
    m_sequence.clear();
    m_nIter = 0;
    m_initial = SimpleImputer();
    m_initial.setParams({{"strategy", paramString("initial_strategy")}});
    m_initial.fit(X, nullptr, ctx);
    m_kept.clear();
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        if (!std::isnan(m_initial.statistics()(j)))
            m_kept.push_back(j);
    m_indicator = indicatorForImputer();
    m_indicator.fit(X, nullptr, ctx);
    m_fitted = true;

    MissingMask missing;
    Matrix filled = initialFill(X, missing);
    const Eigen::Index d = filled.cols();
    const int maxIter = static_cast<int>(paramInt("max_iter"));
    if (maxIter == 0 || missing.all() || d == 1)
        return transform(X);

    // The order of the features in a round.
    std::vector<Eigen::Index> order(static_cast<std::size_t>(d));
    std::iota(order.begin(), order.end(), 0);
    const std::string how = paramString("imputation_order");
    const Eigen::ArrayXd share = missing.cast<double>().colwise().mean().transpose();
    if (how == "ascending")
        std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return share(a) < share(b); });
    else if (how == "descending")  // scikit-learn reverses a stable ascending sort
    {
        std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return share(a) < share(b); });
        std::reverse(order.begin(), order.end());
    } else if (how == "arabic")
        std::reverse(order.begin(), order.end());

    double largestObserved = 0;
    for (Eigen::Index i = 0; i < filled.rows(); ++i)
        for (Eigen::Index j = 0; j < d; ++j)
            if (!missing(i, j))
                largestObserved = std::max(largestObserved, std::abs(filled(i, j)));
    const double tolerance = paramDouble("tol") * largestObserved;
    const std::string estimator = paramString("estimator");

    Matrix previous = filled;
    for (int round = 1; round <= maxIter; ++round) {
        if (!ctx.checkpoint())
            break;
        for (Eigen::Index feature : order) {
            const auto others = othersThan(feature, d);
            std::vector<Eigen::Index> observed;
            for (Eigen::Index i = 0; i < filled.rows(); ++i)
                if (!missing(i, feature))
                    observed.push_back(i);
            Matrix trainX(static_cast<Eigen::Index>(observed.size()), static_cast<Eigen::Index>(others.size()));
            Vector trainY(static_cast<Eigen::Index>(observed.size()));
            for (std::size_t r = 0; r < observed.size(); ++r) {
                for (std::size_t k = 0; k < others.size(); ++k)
                    trainX(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(k)) = filled(observed[r], others[k]);
                trainY(static_cast<Eigen::Index>(r)) = filled(observed[r], feature);
            }
            auto model = makeRegressor(estimator);
            TrainContext quiet;  // the inner fits report nothing
            quiet.seed = ctx.seed;
            model->fit(trainX, trainY, quiet);
            Regression r{feature, model->coef(), model->intercept()};
            imputeOne(filled, missing, r);
            m_sequence.push_back(std::move(r));
        }
        m_nIter = round;
        const double change = (filled - previous).cwiseAbs().rowwise().sum().maxCoeff();  // numpy's inf-norm of a matrix
        if (change < tolerance)
            break;
        previous = filled;
    }
    return transform(X);
}

Matrix IterativeImputer::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_inputColumns, kOwner);
    preprocessing::rejectInfinite(X, kOwner);
    MissingMask missing;
    Matrix filled = initialFill(X, missing);
    if (missing.any())
        for (const Regression& r : m_sequence)
            imputeOne(filled, missing, r);
    if (!paramBool("add_indicator"))
        return filled;
    const Matrix flags = m_indicator.transform(X);
    Matrix both(filled.rows(), filled.cols() + flags.cols());
    both << filled, flags;
    return both;
}

StringList IterativeImputer::featureNamesOut(const StringList& namesIn) const
{
    if (!m_fitted || static_cast<Eigen::Index>(namesIn.size()) != m_inputColumns)
        return namesIn;
    StringList out;
    for (Eigen::Index j : m_kept)
        out.push_back(namesIn[static_cast<std::size_t>(j)]);
    if (paramBool("add_indicator"))
        for (auto& name : m_indicator.featureNamesOut(namesIn))
            out.push_back(std::move(name));
    return out;
}

void IterativeImputer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    nlohmann::json initial;
    m_initial.saveState(initial);
    out["initial_imputer"] = std::move(initial);
    out["n_features_in"] = m_inputColumns;
    out["n_iter"] = m_nIter;
    nlohmann::json sequence = nlohmann::json::array();
    for (const Regression& r : m_sequence)
        sequence.push_back({{"feat_idx", r.feature}, {"coef", vectorToJson(r.coef)}, {"intercept", r.intercept}});
    out["imputation_sequence"] = std::move(sequence);
    nlohmann::json indicator;
    m_indicator.saveState(indicator);
    out["indicator"] = std::move(indicator);
}

void IterativeImputer::loadState(const nlohmann::json& in)
{
    m_fitted = false;
    m_sequence.clear();
    m_kept.clear();
    if (!fittedFlagFromJson(in, kOwner))
        return;
    const auto initial = in.find("initial_imputer");
    const auto sequence = in.find("imputation_sequence");
    const auto indicator = in.find("indicator");
    if (initial == in.end() || sequence == in.end() || !sequence->is_array() || indicator == in.end())
        throwDamagedState(kOwner, "'initial_imputer', 'imputation_sequence' and 'indicator' are required");
    SimpleImputer first;
    first.setParams({{"strategy", paramString("initial_strategy")}});
    first.loadState(*initial);
    const auto inputs = integerFromJson(in, "n_features_in", kOwner, 1, 1LL << 40);
    if (!first.isFitted() || first.statistics().size() != inputs)
        throwDamagedState(kOwner, "the initial imputer does not match 'n_features_in'");
    std::vector<Eigen::Index> kept;
    for (Eigen::Index j = 0; j < first.statistics().size(); ++j)
        if (!std::isnan(first.statistics()(j)))
            kept.push_back(j);
    std::vector<Regression> steps;
    for (const auto& s : *sequence) {
        Regression r;
        r.feature = static_cast<Eigen::Index>(integerFromJson(s, "feat_idx", kOwner, 0, 1LL << 40));
        r.coef = vectorFromJson(s, "coef", kOwner);
        r.intercept = numberFromJson(s, "intercept", kOwner);
        if (r.feature < 0 || r.feature >= static_cast<Eigen::Index>(kept.size())
            || r.coef.size() != static_cast<Eigen::Index>(kept.size()) - 1)
            throwDamagedState(kOwner, "a regression in 'imputation_sequence' does not fit the kept columns");
        steps.push_back(std::move(r));
    }
    MissingIndicator flags = indicatorForImputer();
    flags.loadState(*indicator);
    m_initial = std::move(first);
    m_kept = std::move(kept);
    m_sequence = std::move(steps);
    m_indicator = std::move(flags);
    m_inputColumns = static_cast<Eigen::Index>(inputs);
    m_nIter = static_cast<int>(integerFromJson(in, "n_iter", kOwner, 0, 1LL << 30));
    m_fitted = true;
}

}  // namespace dslab
