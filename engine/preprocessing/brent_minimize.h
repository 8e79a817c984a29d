// Brent's method for a one-dimensional minimum, step for step as SciPy's
// optimize.brent with a two-point bracket (the bracket is grown first as
// optimize.bracket does). PowerTransformer uses it with bracket (-2, 2) to
// find each column's lambda, so its lambdas agree with scikit-learn's.
#pragma once

#include <functional>

namespace dslab::preprocessing {

// The x that minimises f, to relative tolerance 1.48e-8 (SciPy's default).
double brentMinimize(const std::function<double(double)>& f, double xa, double xb);

}  // namespace dslab::preprocessing
