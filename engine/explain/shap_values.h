// Shapley-value explanations have one shape whatever computed them (TreeSHAP,
// KernelSHAP), so the CLI, charts and tests read them the same way.
#pragma once

#include "engine/core/types.h"

#include <vector>

namespace dslab {

struct ShapValues {
    // values[k](row, feature): the feature's contribution to output column k
    // of that row (one matrix per class for multiclass models).
    std::vector<Matrix> values;
    // The output when no feature is known, per output column. For every row,
    // expectedValue[k] + values[k].row(i).sum() is the model's output k.
    std::vector<double> expectedValue;
};

}  // namespace dslab
