// A feature's reference distribution as a deployed model keeps it: the
// training values binned at their deciles, so the drift of live data can be
// measured from the saved model alone, long after the training table is gone.
// populationStabilityIndex(train, fresh) is exactly psi(referenceBins(train), fresh).
#pragma once

#include "engine/core/types.h"

#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace dslab {

struct ReferenceBins {
    // Inner edges, ascending and distinct; a value equal to an edge belongs to
    // the bin above it. The outer bins are open-ended, so there are
    // edges.size() + 1 bins.
    std::vector<double> edges;
    std::vector<double> shares;  // share of the reference values in each bin
    std::size_t count = 0;       // non-missing reference values

    // Share of `values` (missing ones ignored) in each bin. Throws DataError if none is present.
    std::vector<double> sharesOf(const Vector& values) const;
    // PSI = sum (actual - expected) * ln(actual / expected), shares floored at 1e-4.
    double psi(const Vector& fresh) const;

    nlohmann::json toJson() const;
    // Throws FormatError naming what is wrong.
    static ReferenceBins fromJson(const nlohmann::json& doc);
};

// Bins at the quantiles 1/bins .. (bins-1)/bins of the non-missing values
// (numpy's linear quantile), repeated edges merged. Throws ParamError for
// bins < 2 and DataError when no value is present.
ReferenceBins referenceBins(const Vector& values, int bins = 10);

}  // namespace dslab
