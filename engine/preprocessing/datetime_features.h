// DateTimeFeatures (not scikit-learn: pandas' .dt accessor in a pipeline
// step): numeric parts of a date or time column: year, month (1-12), day
// (1-31), weekday (Monday 0 to Sunday 6, as pandas' dt.weekday), hour (0-23)
// and is_weekend (1 on Saturday and Sunday), each switched on or off. Reads
// datetime columns, numeric columns of Unix time (seconds since
// 1970-01-01), or categorical/text columns holding ISO dates
// (YYYY-MM-DD, optionally with [T ]HH:MM[:SS]); a cell that is not a date is
// a DataError naming the column, the row (counting from 1) and the text. A
// missing cell gives NaN parts. Times are read as UTC. Output names
// "<col>_<part>", parts in the order above.
#pragma once

#include "engine/pipeline/table_transformer.h"

namespace dslab {

class DateTimeFeatures : public TableTransformer {
public:
    std::string typeName() const override { return "DateTimeFeatures"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    StringList featureNamesOut() const override;
    StringList inputColumns() const override { return m_columns; }
    bool isFitted() const override { return m_fitted; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    StringList parts() const;
    StringList m_columns;
    bool m_fitted = false;
};

}  // namespace dslab
