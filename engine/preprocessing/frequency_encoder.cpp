#include "engine/preprocessing/frequency_encoder.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"

#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "FrequencyEncoder";

}  // namespace

const std::vector<ParamSpec>& FrequencyEncoder::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("unknown_value", 0.0, 0.0, 1.0, "The value of a category not seen in training"),
    };
    return specs;
}

void FrequencyEncoder::fit(const Dataset& data, const Vector* /*y*/, TrainContext& /*ctx*/)
{
    const StringList columns = data.featureNames();
    if (columns.empty())
        throw DataError(std::string(kOwner) + ": there are no columns to encode");
    if (data.rowCount() == 0)
        throw DataError(std::string(kOwner) + ": there are no training rows");
    std::vector<CategoryTable> tables;
    for (const auto& name : columns)
        tables.push_back(learnCategories(data.column(name)));
    m_tables = std::move(tables);
    m_fitted = true;
}

Matrix FrequencyEncoder::transform(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    const double unknown = paramDouble("unknown_value");
    const std::size_t rows = data.rowCount();
    Matrix out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(m_tables.size()));
    for (std::size_t j = 0; j < m_tables.size(); ++j) {
        const CategoryTable& t = m_tables[j];
        double total = 0;
        for (double c : t.counts)
            total += c;
        const Column& col = requireColumn(data, t.column, kOwner);
        for (std::size_t r = 0; r < rows; ++r) {
            const int c = t.code(col, r);
            out(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) =
                c == CategoryTable::kUnknown ? unknown : t.counts[static_cast<std::size_t>(c)] / total;
        }
    }
    return out;
}

StringList FrequencyEncoder::inputColumns() const
{
    return columnsOf(m_tables);
}

void FrequencyEncoder::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    out["categories"] = categoryTablesToJson(m_tables);
}

void FrequencyEncoder::loadState(const nlohmann::json& in)
{
    try {
        std::vector<CategoryTable> tables = categoryTablesFromJson(in.at("categories"));
        m_tables = std::move(tables);
        m_fitted = in.at("fitted").get<bool>();
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
