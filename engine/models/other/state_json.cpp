#include "engine/models/other/state_json.h"

#include "engine/core/errors.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

using json = nlohmann::json;

void throwDamagedState(const std::string& owner, const std::string& detail)
{
    throw FormatError(owner + ": the saved fitted state is damaged (" + detail + "); train the model again");
}

namespace {

const json& field(const json& state, const std::string& name, const std::string& owner)
{
    if (!state.is_object())
        throwDamagedState(owner, "it is not a JSON object");
    auto it = state.find(name);
    if (it == state.end())
        throwDamagedState(owner, "'" + name + "' is missing");
    return *it;
}

// NaN and infinities are written by nlohmann as null; read them back as NaN
// so a state with a legitimately non-finite value (none today) still loads.
double numberAt(const json& value, const std::string& name, const std::string& owner)
{
    if (value.is_number())
        return value.get<double>();
    if (value.is_null())
        return std::nan("");
    throwDamagedState(owner, "'" + name + "' holds a non-number");
}

}  // namespace

json matrixToJson(const Matrix& m)
{
    json data = json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            data.push_back(m(i, j));
    return {{"rows", m.rows()}, {"cols", m.cols()}, {"data", std::move(data)}};
}

json vectorToJson(const Vector& v)
{
    json data = json::array();
    for (Eigen::Index i = 0; i < v.size(); ++i)
        data.push_back(v(i));
    return data;
}

Matrix matrixFromJson(const json& state, const std::string& name, const std::string& owner, Eigen::Index rows,
                      Eigen::Index cols)
{
    const json& m = field(state, name, owner);
    if (!m.is_object() || !m.contains("rows") || !m.contains("cols") || !m.contains("data")
        || !m.at("rows").is_number_integer() || !m.at("cols").is_number_integer() || !m.at("data").is_array())
        throwDamagedState(owner, "'" + name + "' is not a matrix");
    const long long r = m.at("rows").get<long long>();
    const long long c = m.at("cols").get<long long>();
    const json& data = m.at("data");
    if (r < 0 || c < 0 || static_cast<long long>(data.size()) != r * c)
        throwDamagedState(owner, "'" + name + "' has a size that does not match its data");
    if ((rows >= 0 && r != rows) || (cols >= 0 && c != cols))
        throwDamagedState(owner, "'" + name + "' is " + std::to_string(r) + "x" + std::to_string(c) + ", expected "
                                     + (rows >= 0 ? std::to_string(rows) : std::string("any")) + "x"
                                     + (cols >= 0 ? std::to_string(cols) : std::string("any")));
    Matrix out(r, c);
    std::size_t k = 0;
    for (Eigen::Index i = 0; i < r; ++i)
        for (Eigen::Index j = 0; j < c; ++j)
            out(i, j) = numberAt(data[k++], name, owner);
    return out;
}

Vector vectorFromJson(const json& state, const std::string& name, const std::string& owner, Eigen::Index size)
{
    const json& v = field(state, name, owner);
    if (!v.is_array())
        throwDamagedState(owner, "'" + name + "' is not a list of numbers");
    if (size >= 0 && static_cast<Eigen::Index>(v.size()) != size)
        throwDamagedState(owner, "'" + name + "' has " + std::to_string(v.size()) + " values, expected "
                                     + std::to_string(size));
    Vector out(static_cast<Eigen::Index>(v.size()));
    for (std::size_t i = 0; i < v.size(); ++i)
        out(static_cast<Eigen::Index>(i)) = numberAt(v[i], name, owner);
    return out;
}

std::vector<double> doublesFromJson(const json& state, const std::string& name, const std::string& owner)
{
    const Vector v = vectorFromJson(state, name, owner);
    return std::vector<double>(v.data(), v.data() + v.size());
}

long long integerFromJson(const json& state, const std::string& name, const std::string& owner, long long minValue,
                          long long maxValue)
{
    const json& v = field(state, name, owner);
    if (!v.is_number_integer())
        throwDamagedState(owner, "'" + name + "' is not an integer");
    const long long value = v.get<long long>();
    if (value < minValue || value > maxValue)
        throwDamagedState(owner, "'" + name + "' = " + std::to_string(value) + " is out of range");
    return value;
}

double numberFromJson(const json& state, const std::string& name, const std::string& owner)
{
    return numberAt(field(state, name, owner), name, owner);
}

std::string stringFromJson(const json& state, const std::string& name, const std::string& owner)
{
    const json& v = field(state, name, owner);
    if (!v.is_string())
        throwDamagedState(owner, "'" + name + "' is not a string");
    return v.get<std::string>();
}

bool booleanFromJson(const json& state, const std::string& name, const std::string& owner)
{
    const json& v = field(state, name, owner);
    if (!v.is_boolean())
        throwDamagedState(owner, "'" + name + "' is not true or false");
    return v.get<bool>();
}

bool fittedFlagFromJson(const json& state, const std::string& owner)
{
    return booleanFromJson(state, "fitted", owner);
}

}  // namespace dslab
