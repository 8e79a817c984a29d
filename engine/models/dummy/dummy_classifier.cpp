#include "engine/models/dummy/dummy_classifier.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <sstream>

namespace dslab {

const std::vector<ParamSpec>& DummyClassifier::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s;
        s.push_back(ParamSpec::choice("strategy", "prior", {"prior", "most_frequent", "stratified", "uniform", "constant"},
                                      "How to predict without looking at the features: class frequencies (prior), "
                                      "the majority class, random draws, or a fixed label"));
        auto constant = ParamSpec::floating("constant", 0.0, -1e300, 1e300,
                                            "The label strategy=constant always predicts (must be a training label)")
                            .orNone();
        constant.defaultValue = std::monostate{};
        s.push_back(constant);
        auto seed = ParamSpec::integer("random_state", 0, 0, 2147483647,
                                       "Seed of the stratified and uniform draws (None: the training seed)")
                        .orNone();
        seed.defaultValue = std::monostate{};
        s.push_back(seed);
        return s;
    }();
    return specs;
}

void DummyClassifier::fit(const Matrix& X, const Vector& y, TrainContext& ctx)
{
    requireSamples(X, typeName());
    requireMatchingTarget(X, y, typeName());
    const std::string strategy = paramString("strategy");
    std::vector<double> classes = sortedClasses(y);
    const std::vector<int> codes = encodeClasses(y, classes);
    Vector prior = Vector::Zero(static_cast<Eigen::Index>(classes.size()));
    for (int code : codes)
        prior(code) += 1;
    prior /= static_cast<double>(y.size());
    double constant = 0;
    if (strategy == "constant") {
        if (paramIsNone("constant"))
            throw ParamError("DummyClassifier: strategy='constant' needs the label to predict: set constant");
        constant = paramDouble("constant");
        if (std::find(classes.begin(), classes.end(), constant) == classes.end()) {
            std::ostringstream msg;
            msg << "DummyClassifier: constant=" << constant << " is not a label of the training data; the labels are";
            for (double c : classes)
                msg << ' ' << c;
            throw ParamError(msg.str());
        }
    }
    m_classes = std::move(classes);
    m_prior = std::move(prior);
    m_strategy = strategy;
    m_constant = constant;
    m_seed = paramIsNone("random_state") ? ctx.seed : static_cast<std::uint64_t>(paramInt("random_state"));
    m_fitted = true;
}

Eigen::Index DummyClassifier::mostFrequent() const
{
    Eigen::Index best = 0;
    m_prior.maxCoeff(&best);  // the first maximum: ties go to the smallest label, as numpy's argmax
    return best;
}

Matrix DummyClassifier::drawnRows(Eigen::Index rows) const
{
    SeededRandom rng(m_seed);
    Matrix out = Matrix::Zero(rows, m_prior.size());
    for (Eigen::Index i = 0; i < rows; ++i) {
        const double u = rng.uniform();
        double cumulative = 0;
        Eigen::Index k = 0;
        for (; k + 1 < m_prior.size(); ++k) {
            cumulative += m_prior(k);
            if (u < cumulative)
                break;
        }
        out(i, k) = 1.0;
    }
    return out;
}

Matrix DummyClassifier::predictProba(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    const Eigen::Index n = X.rows();
    const auto k = m_prior.size();
    if (m_strategy == "prior")
        return m_prior.transpose().replicate(n, 1);
    if (m_strategy == "stratified")
        return drawnRows(n);
    if (m_strategy == "uniform")
        return Matrix::Constant(n, k, 1.0 / static_cast<double>(k));
    Matrix out = Matrix::Zero(n, k);
    Eigen::Index column = mostFrequent();
    if (m_strategy == "constant")
        column = std::find(m_classes.begin(), m_classes.end(), m_constant) - m_classes.begin();
    out.col(column).setOnes();
    return out;
}

Vector DummyClassifier::predict(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    const Eigen::Index n = X.rows();
    Vector out(n);
    if (m_strategy == "stratified") {
        // The class of each drawn one-hot row, so predict agrees with predict_proba.
        const Matrix drawn = drawnRows(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            Eigen::Index k = 0;
            drawn.row(i).maxCoeff(&k);
            out(i) = m_classes[static_cast<std::size_t>(k)];
        }
    } else if (m_strategy == "uniform") {
        SeededRandom rng(m_seed);
        for (Eigen::Index i = 0; i < n; ++i)
            out(i) = m_classes[static_cast<std::size_t>(rng.below(m_classes.size()))];
    } else if (m_strategy == "constant") {
        out.setConstant(m_constant);
    } else {
        out.setConstant(m_classes[static_cast<std::size_t>(mostFrequent())]);
    }
    return out;
}

void DummyClassifier::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    if (!m_fitted)
        return;
    out["classes"] = vectorToJson(Eigen::Map<const Vector>(m_classes.data(), static_cast<Eigen::Index>(m_classes.size())));
    out["class_prior"] = vectorToJson(m_prior);
    out["strategy"] = m_strategy;
    out["constant"] = m_constant;
    // As text: a 64-bit seed does not survive a JSON double.
    out["seed"] = std::to_string(m_seed);
}

void DummyClassifier::loadState(const nlohmann::json& in)
{
    const std::string owner = typeName();
    if (!fittedFlagFromJson(in, owner)) {
        m_fitted = false;
        m_classes.clear();
        m_prior.resize(0);
        return;
    }
    std::vector<double> classes = doublesFromJson(in, "classes", owner);
    Vector prior = vectorFromJson(in, "class_prior", owner, static_cast<Eigen::Index>(classes.size()));
    const std::string strategy = stringFromJson(in, "strategy", owner);
    const double constant = numberFromJson(in, "constant", owner);
    const std::string seedText = stringFromJson(in, "seed", owner);
    if (classes.empty() || !prior.allFinite() || (prior.array() < 0).any() || std::abs(prior.sum() - 1.0) > 1e-9)
        throwDamagedState(owner, "the class prior is empty or not a distribution");
    const auto& choices = paramSpecs().front().choices;
    if (std::find(choices.begin(), choices.end(), strategy) == choices.end())
        throwDamagedState(owner, "unknown strategy '" + strategy + "'");
    if (strategy == "constant" && std::find(classes.begin(), classes.end(), constant) == classes.end())
        throwDamagedState(owner, "the constant is not one of the classes");
    std::uint64_t seed = 0;
    try {
        std::size_t used = 0;
        seed = std::stoull(seedText, &used);
        if (used != seedText.size())
            throw std::invalid_argument("trailing characters");
    } catch (const std::exception&) {
        throwDamagedState(owner, "the seed is not a whole number");
    }
    m_classes = std::move(classes);
    m_prior = std::move(prior);
    m_strategy = strategy;
    m_constant = constant;
    m_seed = seed;
    m_fitted = true;
}

}  // namespace dslab
