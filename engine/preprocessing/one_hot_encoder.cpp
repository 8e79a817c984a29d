#include "engine/preprocessing/one_hot_encoder.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"

#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "OneHotEncoder";

}  // namespace

const std::vector<ParamSpec>& OneHotEncoder::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s = {
            ParamSpec::choice("handle_unknown", "error", {"error", "ignore", "infrequent_if_exist"},
                              "A category not seen in training: an error, all zeros, or the infrequent column if there is one"),
            ParamSpec::choice("drop", "first", {"first", "if_binary"},
                              "Drop the first column of every feature (first) or of two-category features (if_binary); None keeps all"),
            ParamSpec::floating("min_frequency", 1.0, 0.0, 1e12,
                                "Categories rarer than this (a count, or a share of the rows when below 1) are grouped as infrequent")
                .exclusiveMin()
                .orNone(),
            ParamSpec::boolean("sparse_output", false,
                               "scikit-learn's sparse matrix output; only false (dense) here, as the pipelines are dense"),
        };
        s[1].defaultValue = std::monostate{};
        s[1].nullable = true;
        s[2].defaultValue = std::monostate{};
        return s;
    }();
    return specs;
}

void OneHotEncoder::layout(Feature& f) const
{
    const std::size_t n = f.table.size();
    std::vector<bool> infrequent(n, false);
    f.hasInfrequent = false;
    if (!paramIsNone("min_frequency")) {
        const double minFrequency = paramDouble("min_frequency");
        double total = 0;
        for (double c : f.table.counts)
            total += c;
        const double threshold = minFrequency < 1 ? minFrequency * total : minFrequency;
        for (std::size_t i = 0; i < n; ++i)
            if (f.table.counts[i] < threshold) {
                infrequent[i] = true;
                f.hasInfrequent = true;
            }
    }
    // Grouped space: frequent categories in order, then the infrequent group.
    std::vector<int> grouped(n, -1);
    int width = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (!infrequent[i])
            grouped[i] = width++;
    const int infrequentGrouped = f.hasInfrequent ? width++ : -1;
    for (std::size_t i = 0; i < n; ++i)
        if (infrequent[i])
            grouped[i] = infrequentGrouped;
    int dropped = -1;
    if (!paramIsNone("drop")) {
        const std::string drop = paramString("drop");
        if (drop == "first" || (drop == "if_binary" && width == 2))
            dropped = 0;
    }
    auto shift = [dropped](int g) { return g == dropped ? -1 : (dropped >= 0 && g > dropped ? g - 1 : g); };
    f.outIndex.assign(n, -1);
    for (std::size_t i = 0; i < n; ++i)
        f.outIndex[i] = shift(grouped[i]);
    f.infrequentOut = f.hasInfrequent ? shift(infrequentGrouped) : -1;
    f.width = width - (dropped >= 0 ? 1 : 0);
    f.names.assign(static_cast<std::size_t>(f.width), std::string());
    for (std::size_t i = 0; i < n; ++i)
        if (!infrequent[i] && f.outIndex[i] >= 0)
            f.names[static_cast<std::size_t>(f.outIndex[i])] = f.table.column + "_" + f.table.label(i);
    if (f.infrequentOut >= 0)
        f.names[static_cast<std::size_t>(f.infrequentOut)] = f.table.column + "_infrequent_sklearn";
}

void OneHotEncoder::fit(const Dataset& data, const Vector* /*y*/, TrainContext& /*ctx*/)
{
    const StringList columns = data.featureNames();
    if (columns.empty())
        throw DataError(std::string(kOwner) + ": there are no columns to encode");
    if (data.rowCount() == 0)
        throw DataError(std::string(kOwner) + ": there are no training rows");
    if (paramBool("sparse_output"))
        throw ParamError(std::string(kOwner) + ": sparse_output=true is not supported (the engine's pipelines are dense); set it to false");
    std::vector<Feature> features;
    for (const auto& name : columns) {
        Feature f;
        f.table = learnCategories(data.column(name));
        layout(f);
        features.push_back(std::move(f));
    }
    m_features = std::move(features);
    m_fitted = true;
}

Matrix OneHotEncoder::transform(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    Eigen::Index width = 0;
    for (const auto& f : m_features)
        width += f.width;
    const std::size_t rows = data.rowCount();
    Matrix out = Matrix::Zero(static_cast<Eigen::Index>(rows), width);
    const std::string unknown = paramString("handle_unknown");
    Eigen::Index offset = 0;
    for (const auto& f : m_features) {
        const Column& col = requireColumn(data, f.table.column, kOwner);
        for (std::size_t r = 0; r < rows; ++r) {
            const int c = f.table.code(col, r);
            int target = -1;
            if (c == CategoryTable::kUnknown) {
                if (unknown == "error")
                    throw DataError(std::string(kOwner) + ": column '" + f.table.column + "' has the category "
                                    + cellForMessage(col, r) + " (row " + std::to_string(r + 1)
                                    + ") that was not in the training data; set handle_unknown to \"ignore\" to encode it as all zeros");
                if (unknown == "infrequent_if_exist")
                    target = f.infrequentOut;
            } else {
                target = f.outIndex[static_cast<std::size_t>(c)];
            }
            if (target >= 0)
                out(static_cast<Eigen::Index>(r), offset + target) = 1.0;
        }
        offset += f.width;
    }
    return out;
}

StringList OneHotEncoder::featureNamesOut() const
{
    if (!m_fitted)
        throwNotFitted();
    StringList names;
    for (const auto& f : m_features)
        names.insert(names.end(), f.names.begin(), f.names.end());
    return names;
}

StringList OneHotEncoder::inputColumns() const
{
    StringList names;
    for (const auto& f : m_features)
        names.push_back(f.table.column);
    return names;
}

std::vector<StringList> OneHotEncoder::categories() const
{
    std::vector<StringList> out;
    for (const auto& f : m_features) {
        StringList cats = f.table.values;
        if (f.table.hasMissing)
            cats.push_back("nan");
        out.push_back(std::move(cats));
    }
    return out;
}

void OneHotEncoder::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    nlohmann::json cats = nlohmann::json::array();
    for (const auto& f : m_features)
        cats.push_back(f.table.toJson());
    out["categories"] = cats;
}

void OneHotEncoder::loadState(const nlohmann::json& in)
{
    try {
        std::vector<Feature> features;
        if (in.at("fitted").get<bool>())
            for (const auto& c : in.at("categories")) {
                Feature f;
                f.table = CategoryTable::fromJson(c);
                layout(f);
                features.push_back(std::move(f));
            }
        m_features = std::move(features);
        m_fitted = in.at("fitted").get<bool>();
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
