#include "engine/compose/column_transformer.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/preprocessing/category_table.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

namespace dslab {

using nlohmann::json;

namespace {

const char* const kOwner = "ColumnTransformer";

bool isTypeName(const std::string& name)
{
    for (ColumnType t : {ColumnType::Numeric, ColumnType::Categorical, ColumnType::Text, ColumnType::Datetime})
        if (columnTypeName(t) == name)
            return true;
    return false;
}

// Checks a column selection: a name, a list of names, or {"dtype": type or [types]}.
void validateSelection(const std::string& entry, const json& columns)
{
    const std::string where = std::string(kOwner) + ": transformer '" + entry + "': ";
    if (columns.is_string())
        return;
    if (columns.is_array()) {
        for (const auto& c : columns)
            if (!c.is_string())
                throw ParamError(where + "columns must be names (strings), got " + c.dump());
        return;
    }
    if (columns.is_object() && columns.size() == 1 && columns.contains("dtype")) {
        const json& d = columns.at("dtype");
        const json list = d.is_array() ? d : json::array({d});
        for (const auto& t : list)
            if (!t.is_string() || !isTypeName(t.get<std::string>()))
                throw ParamError(where + "dtype must be \"numeric\", \"categorical\", \"text\" or \"datetime\", got " + t.dump());
        return;
    }
    throw ParamError(where + "columns must be a list of column names or a selector such as {\"dtype\": \"numeric\"}, got "
                     + columns.dump());
}

}  // namespace

struct ColumnTransformer::Entry {
    std::string name;
    json spec;      // "drop", "passthrough", a step object or {"type": "Pipeline", "steps": [...]}
    json columns;   // as given
    bool drop = false;
    bool passthrough = false;
    std::vector<std::unique_ptr<Component>> steps;
    // Index of the step that reads a table; SimpleImputers before it fill
    // the table's missing cells with each column's most frequent category.
    std::size_t tableIndex = std::string::npos;
    // Fitted:
    StringList fills;     // per selected column, the fill of those imputers ("" none)
    StringList selected;
    StringList namesOut;  // without the "<name>__" prefix
};

ColumnTransformer::ColumnTransformer() = default;
ColumnTransformer::~ColumnTransformer() = default;

const std::vector<ParamSpec>& ColumnTransformer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::choice("remainder", "drop", {"drop", "passthrough"},
                          "Feature columns no transformer selects: dropped, or passed through unchanged (numeric only)"),
        ParamSpec::boolean("verbose_feature_names_out", true,
                           "Prefix each output name with its transformer's name (\"num__age\")"),
    };
    return specs;
}

bool ColumnTransformer::setConfig(const std::string& key, const json& value)
{
    if (key != "transformers")
        return false;
    if (!value.is_array())
        throw ParamError(std::string(kOwner) + ": transformers must be a list of [name, transformer, columns]");
    std::vector<std::unique_ptr<Entry>> entries;
    std::set<std::string> names;
    for (const auto& t : value) {
        if (!t.is_array() || t.size() != 3 || !t[0].is_string())
            throw ParamError(std::string(kOwner) + ": each transformer must be [name, transformer, columns], got " + t.dump());
        auto e = std::make_unique<Entry>();
        e->name = t[0].get<std::string>();
        const std::string where = std::string(kOwner) + ": transformer '" + e->name + "': ";
        if (e->name.empty() || e->name.find("__") != std::string::npos || e->name == "remainder")
            throw ParamError(where + "the name must be non-empty, must not contain \"__\" and must not be \"remainder\"");
        if (!names.insert(e->name).second)
            throw ParamError(where + "the name is used twice");
        e->spec = t[1];
        e->columns = t[2];
        validateSelection(e->name, e->columns);
        if (e->spec.is_string()) {
            const std::string s = e->spec.get<std::string>();
            if (s == "drop")
                e->drop = true;
            else if (s == "passthrough")
                e->passthrough = true;
            else
                throw ParamError(where + "a transformer given as text must be \"drop\" or \"passthrough\", got \"" + s + "\"");
        } else {
            const bool nested = e->spec.is_object() && e->spec.value("type", std::string()) == "Pipeline";
            json steps = nested ? e->spec.value("steps", json()) : json::array({e->spec});
            if (nested && (!steps.is_array() || steps.empty()))
                throw ParamError(where + "a Pipeline needs a non-empty \"steps\" list");
            for (std::size_t i = 0; i < steps.size(); ++i) {
                std::unique_ptr<Component> c;
                try {
                    c = componentFromJson(steps[i]);
                } catch (const ParamError& err) {
                    throw ParamError(where + err.what());
                }
                const bool table = dynamic_cast<TableTransformer*>(c.get()) != nullptr;
                if (table && e->tableIndex != std::string::npos)
                    throw ParamError(where + "'" + c->typeName() + "' reads a table, so it must be the first step of its pipeline");
                if (table) {
                    for (std::size_t k = 0; k < i; ++k)
                        if (e->steps[k]->typeName() != "SimpleImputer")
                            throw ParamError(where + "'" + c->typeName() + "' reads a table, so only SimpleImputer (most_frequent) may come before it");
                    e->tableIndex = i;
                }
                if (!table && !dynamic_cast<Transformer*>(c.get()))
                    throw ParamError(where + "'" + c->typeName() + "' is not a transformer; a ColumnTransformer holds transformers only");
                if (e->tableIndex != std::string::npos && e->tableIndex < i
                    && dynamic_cast<const TableTransformer&>(*e->steps[e->tableIndex]).sparseOutput())
                    throw ParamError(where + "'" + c->typeName() + "' cannot take the sparse output of "
                                     + e->steps[e->tableIndex]->typeName()
                                     + " (one column per word, mostly zeros): end this transformer with the vectorizer");
                e->steps.push_back(std::move(c));
            }
        }
        entries.push_back(std::move(e));
    }
    m_entries = std::move(entries);
    m_fitted = false;
    return true;
}

void ColumnTransformer::writeConfig(json& step) const
{
    json list = json::array();
    for (const auto& e : m_entries) {
        json spec;
        if (e->drop || e->passthrough) {
            spec = e->drop ? "drop" : "passthrough";
        } else {
            const bool nested = e->spec.is_object() && e->spec.value("type", std::string()) == "Pipeline";
            json steps = json::array();
            for (const auto& c : e->steps)
                steps.push_back(componentToJson(*c));
            spec = nested ? json{{"type", "Pipeline"}, {"steps", steps}} : steps.at(0);
        }
        list.push_back(json::array({e->name, spec, e->columns}));
    }
    step["transformers"] = list;
}

Component* ColumnTransformer::nestedComponent(const std::string& address, std::string& paramName) const
{
    const auto lower = [](std::string text) {
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        return text;
    };
    const auto sep = address.find("__");
    const std::string entryName = address.substr(0, sep);
    const std::string rest = sep == std::string::npos ? std::string() : address.substr(sep + 2);
    const Entry* entry = nullptr;
    std::string names;
    for (const auto& e : m_entries) {
        names += (names.empty() ? "" : ", ") + e->name;
        if (e->name == entryName)
            entry = e.get();
    }
    const std::string where = std::string(kOwner) + ": ";
    if (!entry)
        throw ParamError(where + "no transformer named '" + entryName + "'; its transformers are: " + names);
    if (entry->steps.empty() || rest.empty())
        throw ParamError(where + "transformer '" + entryName + "' has no parameters to set (it is \"" +
                         (entry->drop ? "drop" : entry->passthrough ? "passthrough" : "empty") + "\")");
    const bool nested = entry->spec.is_object() && entry->spec.value("type", std::string()) == "Pipeline";
    if (!nested) {
        paramName = rest;
        return entry->steps.front().get();
    }
    const auto stepSep = rest.find("__");
    if (stepSep == std::string::npos)
        throw ParamError(where + "transformer '" + entryName + "' is a Pipeline: address its steps' parameters as '" +
                         entryName + "__<step>__" + rest + "'");
    const std::string stepName = lower(rest.substr(0, stepSep));
    std::string stepNames;
    for (const auto& c : entry->steps) {
        stepNames += (stepNames.empty() ? "" : ", ") + lower(c->typeName());
        if (lower(c->typeName()) == stepName) {
            paramName = rest.substr(stepSep + 2);
            return c.get();
        }
    }
    throw ParamError(where + "transformer '" + entryName + "' has no step '" + rest.substr(0, stepSep) +
                     "'; its steps are: " + stepNames);
}

std::size_t ColumnTransformer::transformerCount() const
{
    return m_entries.size();
}

const StringList& ColumnTransformer::selectedColumns(std::size_t i) const
{
    return m_entries.at(i)->selected;
}

namespace {

// The selected columns' numbers; DataError names a column that is not numeric.
Matrix numericColumns(const Dataset& data, const StringList& columns, const std::string& entry)
{
    for (const auto& name : columns) {
        const Column& c = data.column(name);
        if (c.type != ColumnType::Numeric)
            throw DataError(std::string(kOwner) + ": transformer '" + entry + "' gets column '" + name + "', which is "
                            + columnTypeName(c.type)
                            + ", but its steps need numbers: start its pipeline with an encoder such as OneHotEncoder");
    }
    return data.featureMatrix(columns);
}

// The most frequent category of each column (ties: the smallest, as
// scikit-learn), learned by the SimpleImputers before a table step; only
// strategy most_frequent works on categories.
StringList learnFillsFor(const std::string& entry, const std::vector<std::unique_ptr<Component>>& steps,
                         std::size_t tableIndex, const Dataset& sub)
{
    if (tableIndex == 0)
        return {};
    for (std::size_t k = 0; k < tableIndex; ++k)
        if (const auto* strategy = std::get_if<std::string>(&steps[k]->param("strategy")); !strategy || *strategy != "most_frequent")
            throw ParamError(std::string(kOwner) + ": transformer '" + entry
                             + "': a SimpleImputer before an encoder fills categories, so its strategy must be most_frequent");
    StringList fills;
    for (const auto& c : sub.columns()) {
        const CategoryTable t = learnCategories(c);
        std::size_t best = 0;
        for (std::size_t i = 1; i < t.values.size(); ++i)
            if (t.counts[i] > t.counts[best])
                best = i;
        fills.push_back(t.values.empty() ? std::string() : t.values[best]);
    }
    return fills;
}

void applyFills(const StringList& fills, Dataset& sub)
{
    if (fills.empty())
        return;
    for (std::size_t j = 0; j < fills.size() && j < sub.columnCount(); ++j) {
        if (fills[j].empty())
            continue;
        Column& c = sub.mutableColumn(sub.column(j).name);
        double number = 0;
        const bool numeric = c.type == ColumnType::Numeric && parseNumberCell(fills[j], number);
        for (std::size_t r = 0; r < c.size(); ++r) {
            if (!c.isMissing(r))
                continue;
            if (numeric) {
                c.numbers[r] = number;
            } else if (c.type != ColumnType::Numeric) {
                c.strings[r] = fills[j];
                c.missing[r] = 0;
            }
        }
    }
}

void checkColumnsPresent(const Dataset& data, const StringList& columns, const std::string& entry)
{
    std::string missing;
    for (const auto& name : columns)
        if (!data.hasColumn(name))
            missing += (missing.empty() ? "'" : ", '") + name + "'";
    if (!missing.empty())
        throw DataError(std::string(kOwner) + ": transformer '" + entry + "' uses column(s) " + missing
                        + " that the data lacks");
}

}  // namespace

void ColumnTransformer::fit(const Dataset& data, const Vector* y, TrainContext& ctx)
{
    fitTransform(data, y, ctx);
}

// One transformer's output: dense, or sparse for a text vectorizer.
struct ColumnTransformer::Block {
    Matrix dense;
    SparseMatrix sparse;
    bool isSparse = false;
    Eigen::Index cols() const { return isSparse ? sparse.cols() : dense.cols(); }
};

namespace {

Matrix hstack(const std::vector<ColumnTransformer::Block>& blocks, std::size_t rows)
{
    Eigen::Index width = 0;
    for (const auto& b : blocks)
        width += b.cols();
    Matrix out(static_cast<Eigen::Index>(rows), width);
    Eigen::Index offset = 0;
    for (const auto& b : blocks) {
        if (b.isSparse)
            out.middleCols(offset, b.cols()) = Matrix(b.sparse);
        else
            out.middleCols(offset, b.cols()) = b.dense;
        offset += b.cols();
    }
    return out;
}

// scipy.sparse.hstack of the blocks, row by row (the dense ones' non-zeros).
SparseMatrix hstackSparse(const std::vector<ColumnTransformer::Block>& blocks, std::size_t rows)
{
    Eigen::Index width = 0;
    std::size_t nonZeros = 0;
    for (const auto& b : blocks) {
        width += b.cols();
        nonZeros += b.isSparse ? static_cast<std::size_t>(b.sparse.nonZeros()) : static_cast<std::size_t>(b.dense.size());
    }
    std::vector<Eigen::Triplet<double, int>> entries;
    entries.reserve(nonZeros);
    Eigen::Index offset = 0;
    for (const auto& b : blocks) {
        if (b.isSparse) {
            for (Eigen::Index r = 0; r < b.sparse.outerSize(); ++r)
                for (SparseMatrix::InnerIterator it(b.sparse, r); it; ++it)
                    entries.emplace_back(static_cast<int>(r), static_cast<int>(offset + it.col()), it.value());
        } else {
            for (Eigen::Index r = 0; r < b.dense.rows(); ++r)
                for (Eigen::Index c = 0; c < b.dense.cols(); ++c)
                    if (b.dense(r, c) != 0)
                        entries.emplace_back(static_cast<int>(r), static_cast<int>(offset + c), b.dense(r, c));
        }
        offset += b.cols();
    }
    SparseMatrix out(static_cast<Eigen::Index>(rows), width);
    out.setFromTriplets(entries.begin(), entries.end());
    return out;
}

ColumnTransformer::Block denseBlock(Matrix X)
{
    ColumnTransformer::Block b;
    b.dense = std::move(X);
    return b;
}

}  // namespace

Matrix ColumnTransformer::fitTransform(const Dataset& data, const Vector* y, TrainContext& ctx)
{
    return hstack(fitBlocks(data, y, ctx), data.rowCount());
}

SparseMatrix ColumnTransformer::fitTransformSparse(const Dataset& data, const Vector* y, TrainContext& ctx)
{
    return hstackSparse(fitBlocks(data, y, ctx), data.rowCount());
}

Matrix ColumnTransformer::transform(const Dataset& data) const
{
    return hstack(transformBlocks(data), data.rowCount());
}

SparseMatrix ColumnTransformer::transformSparse(const Dataset& data) const
{
    return hstackSparse(transformBlocks(data), data.rowCount());
}

bool ColumnTransformer::sparseOutput() const
{
    for (const auto& e : m_entries)
        if (e->tableIndex != std::string::npos
            && dynamic_cast<const TableTransformer&>(*e->steps[e->tableIndex]).sparseOutput())
            return true;
    return false;
}

std::vector<ColumnTransformer::Block> ColumnTransformer::fitBlocks(const Dataset& data, const Vector* y, TrainContext& ctx)
{
    auto learnFills = [](const Entry& e, const Dataset& sub) { return learnFillsFor(e.name, e.steps, e.tableIndex, sub); };
    const StringList features = data.featureNames();
    std::set<std::string> selectedSomewhere, read;
    for (auto& e : m_entries) {
        StringList selected;
        if (e->columns.is_object()) {
            const json& d = e->columns.at("dtype");
            const json list = d.is_array() ? d : json::array({d});
            for (const auto& name : features) {
                const std::string type = columnTypeName(data.column(name).type);
                for (const auto& t : list)
                    if (t.get<std::string>() == type)
                        selected.push_back(name);
            }
        } else {
            selected = e->columns.is_string() ? StringList{e->columns.get<std::string>()} : e->columns.get<StringList>();
            checkColumnsPresent(data, selected, e->name);
            for (const auto& name : selected)
                if (data.hasTarget() && name == data.targetName())
                    throw DataError(std::string(kOwner) + ": transformer '" + e->name + "' uses the target column '" + name
                                    + "' as a feature");
        }
        e->selected = std::move(selected);
        for (const auto& name : e->selected) {
            selectedSomewhere.insert(name);
            if (!e->drop)
                read.insert(name);
        }
    }
    m_remainderColumns.clear();
    if (paramString("remainder") == "passthrough")
        for (const auto& name : features)
            if (!selectedSomewhere.count(name)) {
                m_remainderColumns.push_back(name);
                read.insert(name);
            }
    m_inputColumns.clear();
    for (const auto& name : features)
        if (read.count(name))
            m_inputColumns.push_back(name);

    std::vector<Block> blocks;
    for (auto& e : m_entries) {
        e->namesOut.clear();
        e->fills.clear();
        if (e->drop || e->selected.empty())
            continue;
        if (e->passthrough) {
            blocks.push_back(denseBlock(numericColumns(data, e->selected, e->name)));
            e->namesOut = e->selected;
            continue;
        }
        Matrix X;
        StringList names;
        std::size_t first = 0;
        if (e->tableIndex != std::string::npos) {
            Dataset sub = data.selectColumns(e->selected);
            e->fills = learnFills(*e, sub);
            applyFills(e->fills, sub);
            auto& table = dynamic_cast<TableTransformer&>(*e->steps[e->tableIndex]);
            if (table.sparseOutput()) {
                // A text vectorizer is the entry's last step (setConfig checks it).
                Block b;
                b.sparse = table.fitTransformSparse(sub, y, ctx);
                b.isSparse = true;
                e->namesOut = table.featureNamesOut();
                blocks.push_back(std::move(b));
                continue;
            }
            X = table.fitTransform(sub, y, ctx);
            names = table.featureNamesOut();
            first = e->tableIndex + 1;
        } else {
            X = numericColumns(data, e->selected, e->name);
            names = e->selected;
        }
        for (std::size_t i = first; i < e->steps.size(); ++i) {
            auto& tr = dynamic_cast<Transformer&>(*e->steps[i]);
            X = tr.fitTransform(X, y, ctx);
            names = tr.featureNamesOut(names);
        }
        e->namesOut = std::move(names);
        blocks.push_back(denseBlock(std::move(X)));
    }
    if (!m_remainderColumns.empty())
        blocks.push_back(denseBlock(numericColumns(data, m_remainderColumns, "remainder")));

    StringList out;
    const bool verbose = paramBool("verbose_feature_names_out");
    for (const auto& e : m_entries)
        for (const auto& n : e->namesOut)
            out.push_back(verbose ? e->name + "__" + n : n);
    for (const auto& n : m_remainderColumns)
        out.push_back(verbose ? "remainder__" + n : n);
    if (!verbose) {
        StringList sorted = out;
        std::sort(sorted.begin(), sorted.end());
        const auto dup = std::adjacent_find(sorted.begin(), sorted.end());
        if (dup != sorted.end())
            throw DataError(std::string(kOwner) + ": the output name '" + *dup
                            + "' is not unique; turn verbose_feature_names_out on to prefix names with their transformer");
    }
    m_namesOut = std::move(out);
    m_fitted = true;
    return blocks;
}

std::vector<ColumnTransformer::Block> ColumnTransformer::transformBlocks(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    std::vector<Block> blocks;
    for (const auto& e : m_entries) {
        if (e->drop || e->selected.empty())
            continue;
        checkColumnsPresent(data, e->selected, e->name);
        Matrix X;
        std::size_t first = 0;
        if (e->passthrough) {
            X = numericColumns(data, e->selected, e->name);
        } else if (e->tableIndex != std::string::npos) {
            Dataset sub = data.selectColumns(e->selected);
            applyFills(e->fills, sub);
            const auto& table = dynamic_cast<const TableTransformer&>(*e->steps[e->tableIndex]);
            if (table.sparseOutput()) {
                Block b;
                b.sparse = table.transformSparse(sub);
                b.isSparse = true;
                blocks.push_back(std::move(b));
                continue;
            }
            X = table.transform(sub);
            first = e->tableIndex + 1;
        } else {
            X = numericColumns(data, e->selected, e->name);
        }
        if (!e->passthrough)
            for (std::size_t i = first; i < e->steps.size(); ++i)
                X = dynamic_cast<const Transformer&>(*e->steps[i]).transform(X);
        blocks.push_back(denseBlock(std::move(X)));
    }
    if (!m_remainderColumns.empty()) {
        checkColumnsPresent(data, m_remainderColumns, "remainder");
        blocks.push_back(denseBlock(numericColumns(data, m_remainderColumns, "remainder")));
    }
    return blocks;
}

StringList ColumnTransformer::featureNamesOut() const
{
    if (!m_fitted)
        throwNotFitted();
    return m_namesOut;
}

void ColumnTransformer::saveState(json& out) const
{
    out["fitted"] = m_fitted;
    json list = json::array();
    for (const auto& e : m_entries) {
        json steps = json::array();
        for (const auto& c : e->steps) {
            json state = json::object();
            c->saveState(state);
            steps.push_back(state);
        }
        list.push_back({{"name", e->name}, {"selected", e->selected}, {"names_out", e->namesOut}, {"steps", steps},
                        {"fills", e->fills}});
    }
    out["transformers"] = list;
    out["remainder_columns"] = m_remainderColumns;
    out["input_columns"] = m_inputColumns;
    out["feature_names_out"] = m_namesOut;
}

void ColumnTransformer::loadState(const json& in)
{
    try {
        const bool fitted = in.at("fitted").get<bool>();
        const json& list = in.at("transformers");
        if (!list.is_array() || list.size() != m_entries.size())
            throw FormatError(std::string(kOwner) + ": saved state has " + std::to_string(list.size())
                              + " transformer(s) but the settings list " + std::to_string(m_entries.size()));
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            Entry& e = *m_entries[i];
            const json& s = list[i];
            if (s.at("name").get<std::string>() != e.name || s.at("steps").size() != e.steps.size())
                throw FormatError(std::string(kOwner) + ": saved state of transformer '" + e.name + "' does not match its settings");
            e.selected = s.at("selected").get<StringList>();
            e.namesOut = s.at("names_out").get<StringList>();
            e.fills = s.value("fills", StringList{});
            for (std::size_t k = 0; k < e.steps.size(); ++k)
                e.steps[k]->loadState(s.at("steps")[k]);
        }
        m_remainderColumns = in.at("remainder_columns").get<StringList>();
        m_inputColumns = in.at("input_columns").get<StringList>();
        m_namesOut = in.at("feature_names_out").get<StringList>();
        m_fitted = fitted;
    } catch (const json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
