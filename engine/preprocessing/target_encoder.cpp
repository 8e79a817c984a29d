#include "engine/preprocessing/target_encoder.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/stratified_k_fold.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

namespace dslab {

namespace {

const char* const kOwner = "TargetEncoder";

// Smoothed means of y per category over the given rows; categories absent
// from them get the rows' mean.
std::vector<double> encode(const std::vector<int>& codes, std::size_t categories, const Vector& y,
                           const IndexList& rows, bool autoSmooth, double smooth, double& mean)
{
    double sum = 0, sumSq = 0;
    std::vector<double> count(categories, 0.0), total(categories, 0.0);
    for (Eigen::Index r : rows) {
        const double v = y(r);
        sum += v;
        sumSq += v * v;
        const int c = codes[static_cast<std::size_t>(r)];
        count[static_cast<std::size_t>(c)] += 1;
        total[static_cast<std::size_t>(c)] += v;
    }
    const double n = static_cast<double>(rows.size());
    mean = sum / n;
    std::vector<double> out(categories, mean);
    if (!autoSmooth) {
        for (std::size_t c = 0; c < categories; ++c)
            out[c] = (total[c] + smooth * mean) / (count[c] + smooth);
        return out;
    }
    // Population variances, as numpy's var: of y, and of y within each category.
    double variance = 0;
    for (Eigen::Index r : rows)
        variance += (y(r) - mean) * (y(r) - mean);
    variance /= n;
    std::vector<double> within(categories, 0.0);
    for (Eigen::Index r : rows) {
        const auto c = static_cast<std::size_t>(codes[static_cast<std::size_t>(r)]);
        const double d = y(r) - total[c] / count[c];
        within[c] += d * d;
    }
    for (std::size_t c = 0; c < categories; ++c) {
        if (count[c] == 0)
            continue;
        const double lambda = variance * count[c] / (variance * count[c] + within[c] / count[c]);
        out[c] = std::isnan(lambda) ? mean : lambda * (total[c] / count[c]) + (1 - lambda) * mean;
    }
    return out;
}

}  // namespace

const std::vector<ParamSpec>& TargetEncoder::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s = {
            ParamSpec::choice("target_type", "auto", {"auto", "binary", "continuous"},
                              "binary (two values: the share of the larger) or continuous; auto picks binary for two distinct values"),
            ParamSpec::floating("smooth", 10.0, 0.0, 1e12,
                                "Shrinkage toward the target mean, in rows; None (\"auto\") estimates it per category (empirical Bayes)")
                .orNone(),
            ParamSpec::integer("cv", 5, 2, 1000, "Folds of the cross-fitting in fit_transform"),
            ParamSpec::boolean("shuffle", true, "Shuffle the rows before cutting the folds"),
            ParamSpec::integer("random_state", 0, 0, 4'294'967'295LL, "Seed of the shuffle (None: the training seed)").orNone(),
        };
        s[1].defaultValue = std::monostate{};
        s[4].defaultValue = std::monostate{};
        return s;
    }();
    return specs;
}

bool TargetEncoder::setConfig(const std::string& key, const nlohmann::json& value)
{
    if (key == "smooth" && value.is_string()) {
        if (value.get<std::string>() != "auto")
            throw ParamError(std::string(kOwner) + ": smooth must be \"auto\" or a number, got " + value.dump());
        setParam("smooth", std::monostate{});
        return true;
    }
    return false;
}

Vector TargetEncoder::targetFor(const Vector* y, std::size_t rows, bool& binary) const
{
    if (!y)
        throw DataError(std::string(kOwner) + " learns from the target: fit it inside a pipeline with a target column");
    if (static_cast<std::size_t>(y->size()) != rows)
        throw DataError(std::string(kOwner) + ": the target has " + std::to_string(y->size()) + " values for "
                        + std::to_string(rows) + " rows");
    if (!y->allFinite())
        throw DataError(std::string(kOwner) + ": the target has missing or infinite values");
    std::set<double> distinct(y->data(), y->data() + y->size());
    std::string type = paramString("target_type");
    if (type == "auto")
        type = distinct.size() == 2 ? "binary" : "continuous";
    binary = type == "binary";
    if (binary) {
        if (distinct.size() != 2)
            throw DataError(std::string(kOwner) + ": target_type is binary but the target has "
                            + std::to_string(distinct.size()) + " distinct values");
        const double positive = *distinct.rbegin();
        return (y->array() == positive).cast<double>();
    }
    return *y;
}

Matrix TargetEncoder::fitTransform(const Dataset& data, const Vector* y, TrainContext& ctx)
{
    const StringList columns = data.featureNames();
    if (columns.empty())
        throw DataError(std::string(kOwner) + ": there are no columns to encode");
    const std::size_t rows = data.rowCount();
    if (rows == 0)
        throw DataError(std::string(kOwner) + ": there are no training rows");
    bool binary = false;
    const Vector target = targetFor(y, rows, binary);
    const bool autoSmooth = paramIsNone("smooth");
    const double smooth = autoSmooth ? 0.0 : paramDouble("smooth");
    const auto seed = paramIsNone("random_state") ? ctx.seed : static_cast<std::uint64_t>(paramInt("random_state"));
    const int folds = static_cast<int>(paramInt("cv"));
    std::vector<SplitIndices> splits;
    if (binary)
        splits = StratifiedKFold(folds, paramBool("shuffle"), seed).split(static_cast<Eigen::Index>(rows), &target);
    else
        splits = KFold(folds, paramBool("shuffle"), seed).split(static_cast<Eigen::Index>(rows));

    IndexList all(rows);
    for (std::size_t r = 0; r < rows; ++r)
        all[r] = static_cast<Eigen::Index>(r);
    std::vector<CategoryTable> tables;
    std::vector<std::vector<double>> encodings;
    Matrix out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(columns.size()));
    double mean = 0;
    for (std::size_t j = 0; j < columns.size(); ++j) {
        const Column& col = data.column(columns[j]);
        CategoryTable t = learnCategories(col);
        std::vector<int> codes(rows);
        for (std::size_t r = 0; r < rows; ++r)
            codes[r] = t.code(col, r);
        for (const auto& split : splits) {
            double foldMean = 0;
            const auto enc = encode(codes, t.size(), target, split.train, autoSmooth, smooth, foldMean);
            for (Eigen::Index r : split.test)
                out(r, static_cast<Eigen::Index>(j)) = enc[static_cast<std::size_t>(codes[static_cast<std::size_t>(r)])];
        }
        encodings.push_back(encode(codes, t.size(), target, all, autoSmooth, smooth, mean));
        tables.push_back(std::move(t));
    }
    m_tables = std::move(tables);
    m_encodings = std::move(encodings);
    m_targetMean = mean;
    m_fitted = true;
    return out;
}

void TargetEncoder::fit(const Dataset& data, const Vector* y, TrainContext& ctx)
{
    fitTransform(data, y, ctx);
}

Matrix TargetEncoder::transform(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    const std::size_t rows = data.rowCount();
    Matrix out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(m_tables.size()));
    for (std::size_t j = 0; j < m_tables.size(); ++j) {
        const CategoryTable& t = m_tables[j];
        const Column& col = requireColumn(data, t.column, kOwner);
        for (std::size_t r = 0; r < rows; ++r) {
            const int c = t.code(col, r);
            out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) =
                c == CategoryTable::kUnknown ? m_targetMean : m_encodings[j][static_cast<std::size_t>(c)];
        }
    }
    return out;
}

StringList TargetEncoder::inputColumns() const
{
    return columnsOf(m_tables);
}

void TargetEncoder::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    out["categories"] = categoryTablesToJson(m_tables);
    out["encodings"] = m_encodings;
    out["target_mean"] = m_targetMean;
}

void TargetEncoder::loadState(const nlohmann::json& in)
{
    try {
        std::vector<CategoryTable> tables = categoryTablesFromJson(in.at("categories"));
        auto encodings = in.at("encodings").get<std::vector<std::vector<double>>>();
        if (encodings.size() != tables.size())
            throw FormatError(std::string(kOwner) + ": saved state has encodings for " + std::to_string(encodings.size())
                              + " columns but categories for " + std::to_string(tables.size()));
        for (std::size_t j = 0; j < tables.size(); ++j)
            if (encodings[j].size() != tables[j].size())
                throw FormatError(std::string(kOwner) + ": saved encodings of column '" + tables[j].column + "' are damaged");
        m_targetMean = in.at("target_mean").get<double>();
        m_tables = std::move(tables);
        m_encodings = std::move(encodings);
        m_fitted = in.at("fitted").get<bool>();
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
