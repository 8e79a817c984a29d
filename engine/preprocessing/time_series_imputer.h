// TimeSeriesImputer (not scikit-learn: pandas' fills for time-ordered data).
// Each column is a series in row order, and its gaps are filled from its
// own neighbours in time:
//   ffill          the last observed value (pandas Series.ffill); leading gaps stay
//   bfill          the next observed value (Series.bfill); trailing gaps stay
//   interpolate    a straight line between the observed neighbours
//                  (Series.interpolate(), method linear, limit_direction forward:
//                  leading gaps stay, trailing ones take the last value)
//   rolling_mean   the mean of the observed values in a window of `window` rows
//                  ending at the gap (Series.rolling(window, min_periods=1,
//                  center).mean()); centred with center; a window with no
//                  observed value leaves the gap
//   seasonal       not pandas: the value `period` rows earlier times the growth of
//                  the last observed value over its own period (seasonal naive
//                  with growth); the gap stays when one of those is missing
// limit (> 0) fills at most that many consecutive gaps per run (ffill, bfill,
// interpolate), as pandas' limit. Nothing is learned: the fill of a row depends
// on the rows around it, so this step suits a whole series, not shuffled rows.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class TimeSeriesImputer : public Transformer {
public:
    std::string typeName() const override { return "TimeSeriesImputer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    bool isFitted() const override { return m_inputs > 0; }

    // One series filled with the current parameters.
    Vector fillSeries(const Vector& series) const;

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Eigen::Index m_inputs = 0;
};

}  // namespace dslab
