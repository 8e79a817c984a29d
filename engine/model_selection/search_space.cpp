#include "engine/model_selection/search_space.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/pipeline/pipeline.h"

#include <algorithm>
#include <cmath>

namespace dslab {

namespace {

void checkRange(double low, double high, const char* kind)
{
    if (!std::isfinite(low) || !std::isfinite(high) || !(low < high))
        throw ParamError(std::string(kind) + " distribution needs finite bounds with low < high, not [" + std::to_string(low)
                         + ", " + std::to_string(high) + "]");
}

double clampUnit(double u)
{
    return std::min(1.0, std::max(0.0, u));
}

}  // namespace

ParamDistribution ParamDistribution::uniform(double low, double high)
{
    checkRange(low, high, "a uniform");
    return {Kind::Uniform, low, high, {}};
}

ParamDistribution ParamDistribution::logUniform(double low, double high)
{
    checkRange(low, high, "a log-uniform");
    if (low <= 0)
        throw ParamError("a log-uniform distribution needs positive bounds (it samples the logarithm), not low = "
                         + std::to_string(low));
    return {Kind::LogUniform, low, high, {}};
}

ParamDistribution ParamDistribution::integer(long long low, long long high)
{
    if (low > high)
        throw ParamError("an integer distribution needs low <= high, not " + std::to_string(low) + " > "
                         + std::to_string(high));
    return {Kind::Integer, static_cast<double>(low), static_cast<double>(high), {}};
}

ParamDistribution ParamDistribution::choice(std::vector<ParamValue> choices)
{
    if (choices.empty())
        throw ParamError("a choice distribution needs at least one value to choose from");
    ParamDistribution d;
    d.kind = Kind::Choice;
    d.choices = std::move(choices);
    return d;
}

ParamValue ParamDistribution::sample(SeededRandom& rng) const
{
    switch (kind) {
    case Kind::Uniform:
        return rng.uniform(low, high);
    case Kind::LogUniform:
        return std::exp(rng.uniform(std::log(low), std::log(high)));
    case Kind::Integer:
        return static_cast<long long>(low) + static_cast<long long>(rng.below(static_cast<std::uint64_t>(high - low) + 1));
    case Kind::Choice:
        return choices[static_cast<std::size_t>(rng.below(choices.size()))];
    }
    return {};
}

double ParamDistribution::toUnit(const ParamValue& value) const
{
    switch (kind) {
    case Kind::Uniform:
        return clampUnit((std::get<double>(value) - low) / (high - low));
    case Kind::LogUniform:
        return clampUnit((std::log(std::get<double>(value)) - std::log(low)) / (std::log(high) - std::log(low)));
    case Kind::Integer:
        return clampUnit((static_cast<double>(std::get<long long>(value)) - low + 0.5) / (high - low + 1));
    case Kind::Choice: {
        const auto it = std::find(choices.begin(), choices.end(), value);
        const auto k = static_cast<double>(it - choices.begin());
        return clampUnit((k + 0.5) / static_cast<double>(choices.size()));
    }
    }
    return 0;
}

ParamValue ParamDistribution::fromUnit(double u) const
{
    u = clampUnit(u);
    switch (kind) {
    case Kind::Uniform:
        return low + u * (high - low);
    case Kind::LogUniform:
        return std::exp(std::log(low) + u * (std::log(high) - std::log(low)));
    case Kind::Integer:
        return std::min(static_cast<long long>(high), static_cast<long long>(low) + static_cast<long long>(u * (high - low + 1)));
    case Kind::Choice: {
        const auto k = std::min(choices.size() - 1, static_cast<std::size_t>(u * static_cast<double>(choices.size())));
        return choices[k];
    }
    }
    return {};
}

std::vector<ParamMap> expandGrid(const ParamGrid& grid)
{
    if (grid.empty())
        throw ParamError("the search space is empty: give at least one parameter with values to try");
    for (const auto& [name, values] : grid)
        if (values.empty())
            throw ParamError("parameter '" + name + "' has no values to try; list at least one");
    std::vector<ParamMap> out(1);
    // std::map iterates by sorted name; extending every partial combination
    // by each value makes the last name vary fastest.
    for (const auto& [name, values] : grid) {
        std::vector<ParamMap> next;
        next.reserve(out.size() * values.size());
        for (const auto& partial : out)
            for (const auto& v : values) {
                ParamMap m = partial;
                m[name] = v;
                next.push_back(std::move(m));
            }
        out = std::move(next);
    }
    return out;
}

void checkGridOn(const Pipeline& pipeline, const ParamGrid& grid)
{
    if (grid.empty())
        throw ParamError("the search space is empty: give at least one parameter with values to try");
    Pipeline probe = pipeline.cloneUnfitted();
    for (const auto& [name, values] : grid) {
        if (values.empty())
            throw ParamError("parameter '" + name + "' has no values to try; list at least one");
        for (const auto& v : values)
            probe.setParam(name, v);
    }
}

void checkDistributionsOn(const Pipeline& pipeline, const ParamDistributions& distributions)
{
    if (distributions.empty())
        throw ParamError("the search space is empty: give at least one parameter with a distribution to sample");
    Pipeline probe = pipeline.cloneUnfitted();
    for (const auto& [name, d] : distributions) {
        // Both ends (and every choice) must be accepted, so a float range on
        // an integer or choice parameter fails here, not halfway through.
        if (d.kind == ParamDistribution::Kind::Choice) {
            for (const auto& v : d.choices)
                probe.setParam(name, v);
        } else {
            probe.setParam(name, d.fromUnit(0.0));
            probe.setParam(name, d.fromUnit(1.0));
            const bool continuous = d.kind != ParamDistribution::Kind::Integer;
            if (continuous && !std::holds_alternative<double>(probe.param(name)))
                throw ParamError("parameter '" + name
                                 + "' takes whole numbers; sample it with an integer distribution, not a "
                                   "(log-)uniform one");
        }
    }
}

}  // namespace dslab
