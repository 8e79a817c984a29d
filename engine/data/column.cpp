#include "engine/data/column.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <system_error>

namespace dslab {

std::string columnTypeName(ColumnType type)
{
    switch (type) {
    case ColumnType::Numeric:
        return "numeric";
    case ColumnType::Categorical:
        return "categorical";
    case ColumnType::Text:
        return "text";
    case ColumnType::Datetime:
        return "datetime";
    }
    return "unknown";
}

std::size_t Column::size() const
{
    return type == ColumnType::Numeric ? numbers.size() : strings.size();
}

bool Column::isMissing(std::size_t row) const
{
    if (type == ColumnType::Numeric)
        return std::isnan(numbers[row]);
    return row < missing.size() && missing[row] != 0;
}

std::size_t Column::missingCount() const
{
    if (type == ColumnType::Numeric)
        return static_cast<std::size_t>(std::count_if(numbers.begin(), numbers.end(), [](double v) { return std::isnan(v); }));
    return static_cast<std::size_t>(std::count(missing.begin(), missing.end(), static_cast<unsigned char>(1)));
}

std::vector<std::string> Column::distinctValues() const
{
    std::vector<std::string> out;
    if (type == ColumnType::Numeric) {
        // Sort as numbers first so "10" comes after "9".
        std::vector<double> values;
        values.reserve(numbers.size());
        for (double v : numbers)
            if (!std::isnan(v))
                values.push_back(v);
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        out.reserve(values.size());
        for (double v : values)
            out.push_back(formatNumber(v));
        return out;
    }
    for (std::size_t i = 0; i < strings.size(); ++i)
        if (!isMissing(i))
            out.push_back(strings[i]);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string Column::cellText(std::size_t row) const
{
    if (isMissing(row))
        return {};
    if (type == ColumnType::Numeric)
        return formatNumber(numbers[row]);
    return strings[row];
}

std::string formatNumber(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    if (value == 0.0)
        return "0";  // also for -0.0, which would print as "-0"
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return std::string(buffer, result.ptr);
}

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && isBlank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isBlank(text.back()))
        text.remove_suffix(1);
    return text;
}

// from_chars leaves the value untouched when it is out of range; pandas and
// strtod give +-inf for huge magnitudes and +-0 for tiny ones, and so do we.
double outOfRangeValue(std::string_view text)
{
    const bool negative = !text.empty() && text.front() == '-';
    const auto e = text.find_first_of("eE");
    const bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
    const double magnitude = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    return negative ? -magnitude : magnitude;
}

bool readDigits(std::string_view text, std::size_t pos, std::size_t count, int& value)
{
    if (pos + count > text.size())
        return false;
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil), exact for every year without relying on timegm, which
// Windows lacks.
std::int64_t daysFromCivil(std::int64_t y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

namespace {

// Clinger's fast path for plain decimals ("-12.375"): with at most 19 digits,
// a mantissa below 2^53 and at most 22 decimals, mantissa / 10^k is one
// correctly rounded IEEE division, so the result equals from_chars' exactly.
// Most CSV numbers take it; anything else returns false.
bool parsePlainDecimal(const char* p, const char* end, double& value)
{
    static constexpr double powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const bool negative = p < end && *p == '-';
    if (negative)
        ++p;
    std::uint64_t mantissa = 0;
    int digits = 0;
    const char* start = p;
    while (p < end && static_cast<unsigned>(*p - '0') < 10) {
        mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
        ++p;
    }
    digits = static_cast<int>(p - start);
    int decimals = 0;
    if (p < end && *p == '.') {
        const char* fractionStart = ++p;
        while (p < end && static_cast<unsigned>(*p - '0') < 10) {
            mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
            ++p;
        }
        decimals = static_cast<int>(p - fractionStart);
        if (decimals == 0)
            return false;
        digits += decimals;
    }
    if (p != end || p == start || digits > 19 || decimals > 22 || mantissa > (std::uint64_t(1) << 53))
        return false;
    const double magnitude = static_cast<double>(mantissa) / powers[decimals];
    value = negative ? -magnitude : magnitude;
    return true;
}

}  // namespace

bool parseNumberCell(std::string_view text, double& value)
{
    if (!text.empty() && !isBlank(text.front()) && !isBlank(text.back())
        && parsePlainDecimal(text.data(), text.data() + text.size(), value))
        return true;
    text = trimmed(text);
    if (text.empty())
        return false;
    if (text.front() == '+') {
        text.remove_prefix(1);
        if (text.empty() || text.front() == '-' || text.front() == '+')
            return false;
    }
    const char* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    if (result.ptr != end)
        return false;
    if (result.ec == std::errc::result_out_of_range) {
        value = outOfRangeValue(text);
        return true;
    }
    return result.ec == std::errc();
}

bool parseDatetimeCell(std::string_view text, double& secondsSinceEpoch)
{
    text = trimmed(text);
    int year = 0, month = 0, day = 0;
    if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !readDigits(text, 0, 4, year)
        || !readDigits(text, 5, 2, month) || !readDigits(text, 8, 2, day))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return false;
    int hour = 0, minute = 0, second = 0;
    double fraction = 0.0;
    std::size_t pos = 10;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ')
            return false;
        if (!readDigits(text, pos + 1, 2, hour) || pos + 3 >= text.size() || text[pos + 3] != ':'
            || !readDigits(text, pos + 4, 2, minute))
            return false;
        pos += 6;
        if (pos < text.size() && text[pos] == ':') {
            if (!readDigits(text, pos + 1, 2, second))
                return false;
            pos += 3;
            if (pos < text.size() && text[pos] == '.') {
                double scale = 0.1;
                std::size_t digits = 0;
                for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits) {
                    fraction += (text[pos] - '0') * scale;
                    scale /= 10;
                }
                if (digits == 0)
                    return false;
            }
        }
        if (pos < text.size() && text[pos] == 'Z')
            ++pos;
        if (pos != text.size() || hour > 23 || minute > 59 || second > 60)
            return false;
    }
    const std::int64_t days = daysFromCivil(year, month, day);
    secondsSinceEpoch = static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second) + fraction;
    return true;
}

}  // namespace dslab
