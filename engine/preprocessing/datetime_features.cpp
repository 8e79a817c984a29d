#include "engine/preprocessing/datetime_features.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"
#include "engine/preprocessing/category_table.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "DateTimeFeatures";
const char* const kParts[] = {"year", "month", "day", "weekday", "hour", "is_weekend"};

struct CivilTime {
    long long year;
    int month, day, weekday, hour;
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
CivilTime civilFromSeconds(double seconds)
{
    const auto total = static_cast<long long>(std::floor(seconds));
    long long days = total / 86400;
    long long rest = total % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    CivilTime t{};
    t.hour = static_cast<int>(rest / 3600);
    // 1970-01-01 was a Thursday (weekday 3 with Monday 0).
    t.weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);
    const long long z = days + 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    t.year = yoe + era * 400 + (t.month <= 2 ? 1 : 0);
    return t;
}

// The column's instants in seconds (NaN missing); DataError at the first cell that is not a date.
std::vector<double> secondsOf(const Column& c)
{
    if (c.type == ColumnType::Datetime || c.type == ColumnType::Numeric)
        return c.numbers;  // numbers are Unix time, as datetime columns store them
    std::vector<double> out(c.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t r = 0; r < c.size(); ++r) {
        if (c.isMissing(r))
            continue;
        if (!parseDatetimeCell(c.strings[r], out[r]))
            throw DataError(std::string(kOwner) + ": column '" + c.name + "', row " + std::to_string(r + 1) + ": "
                            + cellForMessage(c, r) + " is not a date (expected YYYY-MM-DD, optionally followed by HH:MM[:SS])");
    }
    return out;
}

}  // namespace

const std::vector<ParamSpec>& DateTimeFeatures::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::boolean("year", true, "The year, e.g. 2024"),
        ParamSpec::boolean("month", true, "The month, 1 to 12"),
        ParamSpec::boolean("day", true, "The day of the month, 1 to 31"),
        ParamSpec::boolean("weekday", true, "The day of the week, Monday 0 to Sunday 6"),
        ParamSpec::boolean("hour", false, "The hour, 0 to 23"),
        ParamSpec::boolean("is_weekend", true, "1 on Saturday and Sunday, else 0"),
    };
    return specs;
}

StringList DateTimeFeatures::parts() const
{
    StringList out;
    for (const char* p : kParts)
        if (paramBool(p))
            out.push_back(p);
    return out;
}

void DateTimeFeatures::fit(const Dataset& data, const Vector* /*y*/, TrainContext& /*ctx*/)
{
    if (parts().empty())
        throw ParamError(std::string(kOwner) + ": every part is switched off; switch on at least one of year, month, day, weekday, hour, is_weekend");
    const StringList columns = data.featureNames();
    if (columns.empty())
        throw DataError(std::string(kOwner) + ": there are no columns to read dates from");
    for (const auto& name : columns)
        secondsOf(data.column(name));  // every cell must be a date
    m_columns = columns;
    m_fitted = true;
}

Matrix DateTimeFeatures::transform(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    const StringList ps = parts();
    const auto rows = static_cast<Eigen::Index>(data.rowCount());
    const auto width = static_cast<Eigen::Index>(ps.size());
    Matrix out(rows, width * static_cast<Eigen::Index>(m_columns.size()));
    for (std::size_t j = 0; j < m_columns.size(); ++j) {
        const std::vector<double> seconds = secondsOf(requireColumn(data, m_columns[j], kOwner));
        const Eigen::Index offset = static_cast<Eigen::Index>(j) * width;
        for (Eigen::Index r = 0; r < rows; ++r) {
            const double s = seconds[static_cast<std::size_t>(r)];
            if (std::isnan(s)) {
                out.row(r).segment(offset, width).setConstant(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            const CivilTime t = civilFromSeconds(s);
            for (Eigen::Index k = 0; k < width; ++k) {
                const std::string& p = ps[static_cast<std::size_t>(k)];
                double v = 0;
                if (p == "year") v = static_cast<double>(t.year);
                else if (p == "month") v = t.month;
                else if (p == "day") v = t.day;
                else if (p == "weekday") v = t.weekday;
                else if (p == "hour") v = t.hour;
                else v = t.weekday >= 5 ? 1.0 : 0.0;
                out(r, offset + k) = v;
            }
        }
    }
    return out;
}

StringList DateTimeFeatures::featureNamesOut() const
{
    if (!m_fitted)
        throwNotFitted();
    StringList names;
    for (const auto& c : m_columns)
        for (const auto& p : parts())
            names.push_back(c + "_" + p);
    return names;
}

void DateTimeFeatures::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    out["columns"] = m_columns;
}

void DateTimeFeatures::loadState(const nlohmann::json& in)
{
    try {
        m_columns = in.at("columns").get<StringList>();
        m_fitted = in.at("fitted").get<bool>();
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
