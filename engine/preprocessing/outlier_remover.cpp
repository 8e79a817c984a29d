#include "engine/preprocessing/outlier_remover.h"

#include "engine/core/errors.h"
#include "engine/preprocessing/outlier_clipper.h"

#include <cmath>

namespace dslab {

const std::vector<ParamSpec>& OutlierRemover::paramSpecs() const
{
    // The same rule as clipping, so the two can be compared knob for knob.
    static const std::vector<ParamSpec> specs = OutlierClipper().paramSpecs();
    return specs;
}

void OutlierRemover::fitResample(const Matrix& X, const Vector& y, TrainContext& ctx, Matrix& Xout, Vector& yOut)
{
    OutlierClipper bounds;
    for (const char* name : {"method", "factor", "threshold"})
        bounds.setParam(name, param(name));
    bounds.fit(X, nullptr, ctx);
    const Vector& lower = bounds.lowerBounds();
    const Vector& upper = bounds.upperBounds();
    IndexList kept;
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        bool inside = true;
        for (Eigen::Index j = 0; j < X.cols() && inside; ++j) {
            const double v = X(i, j);
            inside = std::isnan(v) || std::isnan(lower(j)) || (v >= lower(j) && v <= upper(j));
        }
        if (inside)
            kept.push_back(i);
    }
    if (kept.empty())
        throw DataError("OutlierRemover: every training row has a value beyond the bounds; raise factor or threshold");
    Xout = selectRows(X, kept);
    yOut = selectRows(y, kept);
    m_removed = X.rows() - static_cast<Eigen::Index>(kept.size());
    markFitted();
}

}  // namespace dslab
