#include "engine/core/param.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dslab {

ParamSpec ParamSpec::floating(std::string name, double def, double lo, double hi, std::string doc)
{
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Float;
    s.defaultValue = def;
    s.minValue = lo;
    s.maxValue = hi;
    s.doc = std::move(doc);
    return s;
}

ParamSpec ParamSpec::integer(std::string name, long long def, long long lo, long long hi, std::string doc)
{
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Int;
    s.defaultValue = def;
    s.minValue = static_cast<double>(lo);
    s.maxValue = static_cast<double>(hi);
    s.doc = std::move(doc);
    return s;
}

ParamSpec ParamSpec::boolean(std::string name, bool def, std::string doc)
{
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Bool;
    s.defaultValue = def;
    s.doc = std::move(doc);
    return s;
}

ParamSpec ParamSpec::choice(std::string name, std::string def, std::vector<std::string> choices, std::string doc)
{
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::Choice;
    s.defaultValue = std::move(def);
    s.choices = std::move(choices);
    s.doc = std::move(doc);
    return s;
}

ParamSpec ParamSpec::intList(std::string name, std::vector<long long> def, std::string doc)
{
    ParamSpec s;
    s.name = std::move(name);
    s.type = ParamType::IntList;
    s.defaultValue = std::move(def);
    s.minValue = 1;
    s.doc = std::move(doc);
    return s;
}

std::string paramTypeName(ParamType type)
{
    switch (type) {
    case ParamType::Bool: return "a boolean (true or false)";
    case ParamType::Int: return "an integer";
    case ParamType::Float: return "a number";
    case ParamType::Choice: return "one of the listed choices";
    case ParamType::String: return "a string";
    case ParamType::IntList: return "a list of integers";
    }
    return "a value";
}

std::string paramToString(const ParamValue& value)
{
    struct Visitor {
        std::string operator()(std::monostate) const { return "None"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(long long i) const { return std::to_string(i); }
        std::string operator()(double d) const
        {
            std::ostringstream os;
            os << d;
            return os.str();
        }
        std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
        std::string operator()(const std::vector<long long>& v) const
        {
            std::string out = "[";
            for (size_t i = 0; i < v.size(); ++i)
                out += (i ? ", " : "") + std::to_string(v[i]);
            return out + "]";
        }
    };
    return std::visit(Visitor{}, value);
}

namespace {

std::string rangeText(const ParamSpec& spec)
{
    std::ostringstream os;
    const bool hasLo = std::isfinite(spec.minValue);
    const bool hasHi = std::isfinite(spec.maxValue);
    if (hasLo && hasHi)
        os << "between " << spec.minValue << (spec.minExclusive ? " (excluded)" : "") << " and " << spec.maxValue;
    else if (hasLo)
        os << (spec.minExclusive ? "greater than " : "at least ") << spec.minValue;
    else if (hasHi)
        os << "at most " << spec.maxValue;
    return os.str();
}

void checkRange(const std::string& owner, const ParamSpec& spec, double v)
{
    const bool belowMin = spec.minExclusive ? v <= spec.minValue : v < spec.minValue;
    if (!std::isfinite(v) || belowMin || v > spec.maxValue) {
        std::ostringstream os;
        os << owner << ": " << spec.name << " = " << v << " is out of range; it must be " << rangeText(spec);
        throw ParamError(os.str());
    }
}

[[noreturn]] void wrongType(const std::string& owner, const ParamSpec& spec, const ParamValue& value)
{
    throw ParamError(owner + ": " + spec.name + " = " + paramToString(value) + " has the wrong type; it must be "
                     + paramTypeName(spec.type) + (spec.nullable ? " or null" : ""));
}

}  // namespace

ParamValue validateParam(const std::string& owner, const ParamSpec& spec, const ParamValue& value)
{
    if (std::holds_alternative<std::monostate>(value)) {
        if (spec.nullable)
            return value;
        wrongType(owner, spec, value);
    }
    switch (spec.type) {
    case ParamType::Bool:
        if (!std::holds_alternative<bool>(value))
            wrongType(owner, spec, value);
        return value;
    case ParamType::Int: {
        long long v = 0;
        if (const auto* i = std::get_if<long long>(&value))
            v = *i;
        else if (const auto* d = std::get_if<double>(&value); d && std::floor(*d) == *d && std::isfinite(*d))
            v = static_cast<long long>(*d);
        else
            wrongType(owner, spec, value);
        checkRange(owner, spec, static_cast<double>(v));
        return v;
    }
    case ParamType::Float: {
        double v = 0;
        if (const auto* d = std::get_if<double>(&value))
            v = *d;
        else if (const auto* i = std::get_if<long long>(&value))
            v = static_cast<double>(*i);
        else
            wrongType(owner, spec, value);
        checkRange(owner, spec, v);
        return v;
    }
    case ParamType::Choice: {
        const auto* s = std::get_if<std::string>(&value);
        if (!s)
            wrongType(owner, spec, value);
        if (std::find(spec.choices.begin(), spec.choices.end(), *s) == spec.choices.end()) {
            std::string list;
            for (const auto& c : spec.choices)
                list += (list.empty() ? "" : ", ") + c;
            throw ParamError(owner + ": " + spec.name + " = \"" + *s + "\" is not allowed; choose one of: " + list);
        }
        return value;
    }
    case ParamType::String:
        if (!std::holds_alternative<std::string>(value))
            wrongType(owner, spec, value);
        return value;
    case ParamType::IntList: {
        const auto* v = std::get_if<std::vector<long long>>(&value);
        if (!v)
            wrongType(owner, spec, value);
        for (long long x : *v)
            checkRange(owner, spec, static_cast<double>(x));
        return value;
    }
    }
    return value;
}

}  // namespace dslab
