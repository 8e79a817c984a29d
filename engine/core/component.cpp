#include "engine/core/component.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>

namespace dslab {

void Component::ensureDefaults() const
{
    if (m_defaultsSet)
        return;
    for (const auto& spec : paramSpecs())
        m_params.emplace(spec.name, spec.defaultValue);
    m_defaultsSet = true;
}

const ParamMap& Component::params() const
{
    ensureDefaults();
    return m_params;
}

const ParamSpec* Component::findSpec(const std::string& name) const
{
    const auto& specs = paramSpecs();
    auto it = std::find_if(specs.begin(), specs.end(), [&](const ParamSpec& s) { return s.name == name; });
    return it == specs.end() ? nullptr : &*it;
}

const ParamValue& Component::param(const std::string& name) const
{
    ensureDefaults();
    auto it = m_params.find(name);
    if (it == m_params.end())
        throw ParamError(typeName() + " has no parameter '" + name + "'");
    return it->second;
}

void Component::setParam(const std::string& name, const ParamValue& value)
{
    ensureDefaults();
    const ParamSpec* spec = findSpec(name);
    if (!spec) {
        std::string known;
        for (const auto& s : paramSpecs())
            known += (known.empty() ? "" : ", ") + s.name;
        throw ParamError(typeName() + " has no parameter '" + name + "'; its parameters are: " + known);
    }
    m_params[name] = validateParam(typeName(), *spec, value);
}

void Component::setParams(const ParamMap& values)
{
    for (const auto& [name, value] : values)
        setParam(name, value);
}

double Component::paramDouble(const std::string& name) const
{
    const ParamValue& v = param(name);
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* i = std::get_if<long long>(&v))
        return static_cast<double>(*i);
    throw ParamError(typeName() + ": parameter '" + name + "' is not a number");
}

long long Component::paramInt(const std::string& name) const
{
    const ParamValue& v = param(name);
    if (const auto* i = std::get_if<long long>(&v))
        return *i;
    if (const auto* d = std::get_if<double>(&v))
        return static_cast<long long>(std::llround(*d));
    throw ParamError(typeName() + ": parameter '" + name + "' is not an integer");
}

bool Component::paramBool(const std::string& name) const
{
    const ParamValue& v = param(name);
    if (const auto* b = std::get_if<bool>(&v))
        return *b;
    throw ParamError(typeName() + ": parameter '" + name + "' is not a boolean");
}

std::string Component::paramString(const std::string& name) const
{
    const ParamValue& v = param(name);
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    throw ParamError(typeName() + ": parameter '" + name + "' is not a string");
}

std::vector<long long> Component::paramIntList(const std::string& name) const
{
    const ParamValue& v = param(name);
    if (const auto* l = std::get_if<std::vector<long long>>(&v))
        return *l;
    throw ParamError(typeName() + ": parameter '" + name + "' is not a list of integers");
}

bool Component::paramIsNone(const std::string& name) const
{
    return std::holds_alternative<std::monostate>(param(name));
}

void Component::throwNotFitted() const
{
    throw NotFittedError(typeName() + " is not fitted yet: call fit (press Train) before predicting");
}

Matrix Transformer::fitTransform(const Matrix& X, const Vector* y, TrainContext& ctx)
{
    fit(X, y, ctx);
    return transform(X);
}

StringList Transformer::featureNamesOut(const StringList& namesIn) const
{
    return namesIn;
}

const std::vector<double>& Estimator::classes() const
{
    static const std::vector<double> none;
    return none;
}

Matrix Estimator::predictProba(const Matrix&) const
{
    throw Error(typeName() + " is a regressor: it predicts numbers, not class probabilities");
}

double Estimator::loss(const Matrix& X, const Vector& y) const
{
    if (!isClassifier()) {
        const Vector pred = predict(X);
        return (pred - y).squaredNorm() / static_cast<double>(std::max<Eigen::Index>(1, y.size()));
    }
    const Matrix proba = predictProba(X);
    const auto& cls = classes();
    double total = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        auto it = std::lower_bound(cls.begin(), cls.end(), y(i));
        double p = 0;
        if (it != cls.end() && *it == y(i))
            p = proba(i, static_cast<Eigen::Index>(it - cls.begin()));
        total -= std::log(std::clamp(p, 1e-15, 1.0));
    }
    return total / static_cast<double>(std::max<Eigen::Index>(1, y.size()));
}

bool Component::setConfig(const std::string& /*key*/, const nlohmann::json& /*value*/)
{
    return false;
}

void Component::writeConfig(nlohmann::json& /*step*/) const {}

}  // namespace dslab
