#include "engine/preprocessing/polynomial_features.h"

#include "engine/core/errors.h"
#include "engine/models/other/model_input.h"
#include "engine/models/other/state_json.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "PolynomialFeatures";
// Beyond this many output columns the matrix stops fitting in memory for
// any real dataset; say so instead of allocating.
constexpr double kMaxOutputs = 1e6;

}  // namespace

const std::vector<ParamSpec>& PolynomialFeatures::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::integer("degree", 2, 0, 20, "Highest total degree of the products"),
        ParamSpec::boolean("interaction_only", false,
                           "Only products of distinct features (x0 x1), no powers (x0^2)"),
        ParamSpec::boolean("include_bias", true, "Add a column of ones (the degree-0 term)"),
    };
    return specs;
}

void PolynomialFeatures::buildTerms(Eigen::Index inputs)
{
    const int degree = static_cast<int>(paramInt("degree"));
    const bool interactionOnly = paramBool("interaction_only");
    const bool includeBias = paramBool("include_bias");
    if (degree == 0 && !includeBias)
        throw ParamError(std::string(kOwner) + ": degree 0 with include_bias false would output no columns; "
                         + "raise the degree or include the bias");
    // Count first: C(n + degree, degree) grows fast.
    double count = includeBias ? 1 : 0;
    double perDegree = 1;
    for (int k = 1; k <= degree; ++k) {
        const double n = static_cast<double>(inputs);
        perDegree = interactionOnly ? perDegree * (n - k + 1) / k : perDegree * (n + k - 1) / k;
        count += std::max(perDegree, 0.0);
    }
    if (count > kMaxOutputs)
        throw DataError(std::string(kOwner) + ": degree " + std::to_string(degree) + " on "
                        + std::to_string(inputs) + " features would make " + std::to_string(static_cast<long long>(count))
                        + " columns; lower the degree, use interaction_only, or select fewer features first");

    // scikit-learn's order: by degree, then combinations (with replacement
    // unless interaction_only) in lexicographic order, as itertools yields them.
    m_terms.clear();
    if (includeBias)
        m_terms.push_back({});
    std::vector<int> combo;
    for (int k = 1; k <= degree; ++k) {
        if (interactionOnly && k > inputs)
            break;  // no k distinct columns to multiply
        // First combination: (0, 0, ..., 0), or (0, 1, ..., k-1) without repeats.
        combo.assign(static_cast<std::size_t>(k), 0);
        if (interactionOnly)
            for (int i = 0; i < k; ++i)
                combo[static_cast<std::size_t>(i)] = i;
        for (;;) {
            m_terms.push_back(combo);
            // Next combination: bump the rightmost position that can grow.
            int pos = k - 1;
            while (pos >= 0) {
                const int limit = interactionOnly ? static_cast<int>(inputs) - (k - pos) : static_cast<int>(inputs) - 1;
                if (combo[static_cast<std::size_t>(pos)] < limit)
                    break;
                --pos;
            }
            if (pos < 0)
                break;
            ++combo[static_cast<std::size_t>(pos)];
            for (int i = pos + 1; i < k; ++i)
                combo[static_cast<std::size_t>(i)] =
                    combo[static_cast<std::size_t>(i - 1)] + (interactionOnly ? 1 : 0);
        }
    }
    m_inputs = inputs;
}

void PolynomialFeatures::fit(const Matrix& X, const Vector*, TrainContext&)
{
    requireSamples(X, kOwner);
    requireFiniteFeatures(X, kOwner);
    buildTerms(X.cols());
    m_fitted = true;
}

Matrix PolynomialFeatures::transform(const Matrix& X) const
{
    if (!m_fitted)
        throwNotFitted();
    requireFeatureCount(X, m_inputs, kOwner);
    requireFiniteFeatures(X, kOwner);
    Matrix out(X.rows(), outputFeatures());
    // Every term of degree k is a term of degree k-1 (listed earlier) times
    // one more column, so each output column costs one vector product.
    std::map<std::vector<int>, Eigen::Index> position;
    for (std::size_t t = 0; t < m_terms.size(); ++t) {
        const std::vector<int>& term = m_terms[t];
        const auto col = static_cast<Eigen::Index>(t);
        if (term.empty()) {
            out.col(col).setOnes();
        } else if (term.size() == 1) {
            out.col(col) = X.col(term[0]);
        } else {
            const std::vector<int> prefix(term.begin(), term.end() - 1);
            out.col(col) = out.col(position.at(prefix)).cwiseProduct(X.col(term.back()));
        }
        position.emplace(term, col);
    }
    return out;
}

StringList PolynomialFeatures::featureNamesOut(const StringList& namesIn) const
{
    StringList names;
    names.reserve(m_terms.size());
    // Built with append: GCC 12 reports a false -Wrestrict on "literal" + std::string temporaries.
    auto appendInputName = [&](std::string& name, int j) {
        if (static_cast<Eigen::Index>(namesIn.size()) == m_inputs) {
            name.append(namesIn[static_cast<std::size_t>(j)]);
        } else {
            name.push_back('x');
            name.append(std::to_string(j));
        }
    };
    for (const auto& term : m_terms) {
        if (term.empty()) {
            names.emplace_back("1");
            continue;
        }
        std::string name;
        for (std::size_t i = 0; i < term.size();) {
            std::size_t k = i;
            while (k < term.size() && term[k] == term[i])
                ++k;
            if (!name.empty())
                name.push_back(' ');
            appendInputName(name, term[i]);
            if (k - i > 1) {
                name.push_back('^');
                name.append(std::to_string(k - i));
            }
            i = k;
        }
        names.push_back(name);
    }
    return names;
}

Eigen::MatrixXi PolynomialFeatures::powers() const
{
    Eigen::MatrixXi p = Eigen::MatrixXi::Zero(outputFeatures(), m_inputs);
    for (std::size_t t = 0; t < m_terms.size(); ++t)
        for (int j : m_terms[t])
            ++p(static_cast<Eigen::Index>(t), j);
    return p;
}

void PolynomialFeatures::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    out["fitted"] = m_fitted;
    if (m_fitted)
        out["n_features_in"] = m_inputs;
}

void PolynomialFeatures::loadState(const nlohmann::json& in)
{
    m_fitted = false;
    m_terms.clear();
    m_inputs = 0;
    if (!fittedFlagFromJson(in, kOwner))
        return;
    // The terms follow from the parameters and the input width alone.
    const long long inputs = integerFromJson(in, "n_features_in", kOwner, 1, 1'000'000);
    try {
        buildTerms(static_cast<Eigen::Index>(inputs));
    } catch (const Error& e) {
        throwDamagedState(kOwner, e.what());
    }
    m_fitted = true;
}

}  // namespace dslab
