#include "engine/models/linear/lasso.h"

#include <limits>

namespace dslab {

const std::vector<ParamSpec>& Lasso::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("alpha", 1.0, 0.0, std::numeric_limits<double>::infinity(),
                            "Strength of the l1 penalty: larger alpha sets more coefficients exactly to 0")
            .logarithmic(),
        ParamSpec::boolean("fit_intercept", true, "Learn an unpenalized intercept (bias) term"),
        ParamSpec::integer("max_iter", 1000, 1, 10'000'000, "Maximum coordinate-descent sweeps over the features"),
        ParamSpec::floating("tol", 1e-4, 0.0, std::numeric_limits<double>::infinity(),
                            "Stop when the duality gap falls below tol * ||y - mean(y)||^2")
            .logarithmic(),
    };
    return specs;
}

}  // namespace dslab
