// Hyperparameters described once: name, type, default, bounds or choices and a
// one-line doc. The UI builds its knobs from these specs, the JSON loader and
// the CLI validate against them, and tooltips show the doc.
#pragma once

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dslab {

// None (std::monostate) stands for scikit-learn's None, e.g. max_depth=None.
using ParamValue = std::variant<std::monostate, bool, long long, double, std::string, std::vector<long long>>;
using ParamMap = std::map<std::string, ParamValue>;

enum class ParamType { Bool, Int, Float, Choice, String, IntList };

struct ParamSpec {
    std::string name;
    ParamType type = ParamType::Float;
    ParamValue defaultValue;
    double minValue = -std::numeric_limits<double>::infinity();
    double maxValue = std::numeric_limits<double>::infinity();
    bool minExclusive = false;  // true when the bound itself is not allowed (C > 0)
    bool nullable = false;      // accepts None
    bool logScale = false;      // UI hint: spans orders of magnitude
    std::vector<std::string> choices;
    std::string doc;

    static ParamSpec floating(std::string name, double def, double lo, double hi, std::string doc);
    static ParamSpec integer(std::string name, long long def, long long lo, long long hi, std::string doc);
    static ParamSpec boolean(std::string name, bool def, std::string doc);
    static ParamSpec choice(std::string name, std::string def, std::vector<std::string> choices, std::string doc);
    static ParamSpec intList(std::string name, std::vector<long long> def, std::string doc);
    ParamSpec& exclusiveMin() { minExclusive = true; return *this; }
    ParamSpec& orNone() { nullable = true; return *this; }
    ParamSpec& logarithmic() { logScale = true; return *this; }
};

// Checks a value against its spec and returns it converted to the spec's type
// (an integer given for a float becomes a double). Throws ParamError naming
// the owner, the parameter and what is allowed.
ParamValue validateParam(const std::string& owner, const ParamSpec& spec, const ParamValue& value);

std::string paramToString(const ParamValue& value);
std::string paramTypeName(ParamType type);

}  // namespace dslab
