// What a hyperparameter search may try. A grid lists values per parameter
// (scikit-learn's param_grid); distributions describe ranges to sample
// (param_distributions). Parameters are addressed as on a Pipeline:
// "<step>__<param>", e.g. "LogisticRegression__C".
#pragma once

#include "engine/core/param.h"

#include <map>
#include <string>
#include <vector>

namespace dslab {

class Pipeline;
class SeededRandom;

using ParamGrid = std::map<std::string, std::vector<ParamValue>>;

struct ParamDistribution {
    enum class Kind {
        Uniform,     // doubles in [low, high]
        LogUniform,  // doubles whose logarithm is uniform in [log low, log high] (C, alpha, gamma)
        Integer,     // whole numbers low..high, both included
        Choice,      // one of `choices`, equally likely
    };
    Kind kind = Kind::Uniform;
    double low = 0;
    double high = 1;
    std::vector<ParamValue> choices;

    // Throw ParamError for low >= high, low <= 0 on a log scale or no choices.
    static ParamDistribution uniform(double low, double high);
    static ParamDistribution logUniform(double low, double high);
    static ParamDistribution integer(long long low, long long high);
    static ParamDistribution choice(std::vector<ParamValue> choices);

    ParamValue sample(SeededRandom& rng) const;
    // The unit interval <-> values, for searches that model the space
    // (log-scaled for LogUniform; bins of equal width for Integer and Choice).
    double toUnit(const ParamValue& value) const;
    ParamValue fromUnit(double u) const;
};

using ParamDistributions = std::map<std::string, ParamDistribution>;

// Every combination, in scikit-learn's ParameterGrid order: parameters by
// sorted name, the last one varying fastest, values in the order given.
// Throws ParamError for an empty grid or a parameter without values.
std::vector<ParamMap> expandGrid(const ParamGrid& grid);

// Checks that every address exists on the pipeline and accepts the values
// (a copy is used); throws ParamError naming the parameter and what is wrong.
void checkGridOn(const Pipeline& pipeline, const ParamGrid& grid);
void checkDistributionsOn(const Pipeline& pipeline, const ParamDistributions& distributions);

}  // namespace dslab
