#include "engine/preprocessing/regex_extractor.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"
#include "engine/preprocessing/category_table.h"

#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

namespace dslab {

namespace {

const char* const kOwner = "RegexExtractor";

ParamSpec textParam(const char* name, const char* def, const char* doc)
{
    ParamSpec s;
    s.name = name;
    s.type = ParamType::String;
    s.defaultValue = std::string(def);
    s.doc = doc;
    return s;
}

}  // namespace

const std::vector<ParamSpec>& RegexExtractor::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        textParam("pattern", "(\\w+)", "Regular expression (ECMAScript) searched in each cell, e.g. ,\\s*([^.]+)\\. for a title"),
        ParamSpec::integer("group", 1, 0, 99, "Capture group to keep (0 = the whole match)"),
        ParamSpec::integer("group_rare_below", 0, 0, 1000000000,
                           "Values seen in fewer training rows than this become \"Rare\" (0 = keep all)"),
        textParam("fill", "", "Value for a missing cell or a cell without a match (empty: leave it missing)"),
        ParamSpec::choice("encode", "onehot", {"onehot", "ordinal"},
                          "Output one 0/1 column per category, or the category's index"),
    };
    return specs;
}

StringList RegexExtractor::rawExtract(const Column& c) const
{
    std::regex re;
    const std::string pattern = paramString("pattern");
    try {
        re = std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        throw ParamError(std::string(kOwner) + ": pattern '" + pattern + "' is not a valid regular expression (" + e.what() + ")");
    }
    const auto group = static_cast<std::size_t>(paramInt("group"));
    if (group > re.mark_count())
        throw ParamError(std::string(kOwner) + ": group " + std::to_string(group) + " does not exist: pattern '" + pattern
                         + "' has " + std::to_string(re.mark_count()) + " capture group(s)");
    const std::string fill = paramString("fill");
    StringList out(c.size());
    for (std::size_t r = 0; r < c.size(); ++r) {
        std::smatch m;
        const std::string cell = c.cellText(r);
        if (!c.isMissing(r) && std::regex_search(cell, m, re) && m[group].matched)
            out[r] = m[group].str();
        if (out[r].empty())
            out[r] = fill;
    }
    return out;
}

std::string RegexExtractor::categoryOf(const Feature& f, const std::string& raw) const
{
    if (raw.empty())
        return raw;
    if (std::binary_search(f.frequent.begin(), f.frequent.end(), raw))
        return raw;
    return f.hasRare ? std::string(kRare) : raw;
}

void RegexExtractor::fit(const Dataset& data, const Vector* /*y*/, TrainContext& /*ctx*/)
{
    const StringList columns = data.featureNames();
    if (columns.empty())
        throw DataError(std::string(kOwner) + ": there are no columns to extract from");
    const auto rareBelow = static_cast<double>(paramInt("group_rare_below"));
    std::vector<Feature> features;
    for (const auto& name : columns) {
        const Column& c = data.column(name);
        const StringList raw = rawExtract(c);
        std::map<std::string, double> counts;
        for (const auto& v : raw)
            if (!v.empty())
                counts[v] += 1;
        Feature f;
        f.column = name;
        for (const auto& [value, count] : counts)
            if (count >= rareBelow)
                f.frequent.push_back(value);  // map order: already sorted
            else
                f.hasRare = true;
        if (f.hasRare && std::binary_search(f.frequent.begin(), f.frequent.end(), std::string(kRare)))
            throw DataError(std::string(kOwner) + ": column '" + name + "' already has the value \"Rare\"; group_rare_below would merge rare values into it");
        StringList cats = f.frequent;
        if (f.hasRare)
            cats.push_back(kRare);
        std::sort(cats.begin(), cats.end());
        if (std::any_of(raw.begin(), raw.end(), [](const std::string& v) { return v.empty(); }))
            cats.push_back("");
        f.categories = std::move(cats);
        features.push_back(std::move(f));
    }
    m_features = std::move(features);
    m_fitted = true;
}

StringList RegexExtractor::extract(const Dataset& data, const std::string& column) const
{
    if (!m_fitted)
        throwNotFitted();
    for (const auto& f : m_features)
        if (f.column == column) {
            StringList out = rawExtract(requireColumn(data, column, kOwner));
            for (auto& v : out)
                v = categoryOf(f, v);
            return out;
        }
    throw DataError(std::string(kOwner) + ": it was not fitted on a column '" + column + "'");
}

StringList RegexExtractor::categories(const std::string& column) const
{
    for (const auto& f : m_features)
        if (f.column == column) {
            StringList out = f.categories;
            for (auto& v : out)
                if (v.empty())
                    v = "nan";
            return out;
        }
    return {};
}

Matrix RegexExtractor::transform(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    const bool onehot = paramString("encode") == "onehot";
    const auto rows = static_cast<Eigen::Index>(data.rowCount());
    Eigen::Index width = 0;
    for (const auto& f : m_features)
        width += onehot ? static_cast<Eigen::Index>(f.categories.size()) : 1;
    Matrix out = Matrix::Zero(rows, width);
    Eigen::Index offset = 0;
    for (const auto& f : m_features) {
        const StringList values = extract(data, f.column);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const std::string& v = values[static_cast<std::size_t>(r)];
            auto it = std::find(f.categories.begin(), f.categories.end(), v);
            const Eigen::Index code = it == f.categories.end() ? -1 : static_cast<Eigen::Index>(it - f.categories.begin());
            if (onehot) {
                if (code >= 0)
                    out(r, offset + code) = 1.0;
            } else {
                out(r, offset) = static_cast<double>(code);
            }
        }
        offset += onehot ? static_cast<Eigen::Index>(f.categories.size()) : 1;
    }
    return out;
}

StringList RegexExtractor::featureNamesOut() const
{
    if (!m_fitted)
        throwNotFitted();
    const bool onehot = paramString("encode") == "onehot";
    StringList names;
    for (const auto& f : m_features) {
        if (!onehot) {
            names.push_back(f.column);
            continue;
        }
        for (const auto& c : f.categories)
            names.push_back(f.column + "_" + (c.empty() ? std::string("nan") : c));
    }
    return names;
}

StringList RegexExtractor::inputColumns() const
{
    StringList names;
    for (const auto& f : m_features)
        names.push_back(f.column);
    return names;
}

void RegexExtractor::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& f : m_features)
        list.push_back({{"column", f.column}, {"categories", f.categories}, {"frequent", f.frequent}, {"has_rare", f.hasRare}});
    out["features"] = list;
}

void RegexExtractor::loadState(const nlohmann::json& in)
{
    try {
        std::vector<Feature> features;
        for (const auto& j : in.at("features")) {
            Feature f;
            f.column = j.at("column").get<std::string>();
            f.categories = j.at("categories").get<StringList>();
            f.frequent = j.at("frequent").get<StringList>();
            f.hasRare = j.at("has_rare").get<bool>();
            features.push_back(std::move(f));
        }
        m_features = std::move(features);
        m_fitted = in.at("fitted").get<bool>();
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
