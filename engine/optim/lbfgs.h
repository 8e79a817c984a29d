// L-BFGS for smooth unconstrained problems, reusable by any model: two-loop
// recursion, a More-Thuente strong-Wolfe line search, and SciPy L-BFGS-B's
// stopping rules, so a `tol` means what it means in scikit-learn.
#pragma once

#include "engine/core/types.h"

#include <functional>
#include <string>

namespace dslab {

// Returns f(x) and writes its gradient into `gradient` (already sized like x).
using ObjectiveFunction = std::function<double(const Vector& x, Vector& gradient)>;

struct LbfgsOptions {
    int maxIterations = 100;
    int memory = 10;                  // (s, y) pairs kept, SciPy's maxcor
    double gradientTolerance = 1e-5;  // stop when max |g_i| <= this (SciPy's gtol / pgtol)
    // Stop when (f_old - f) <= this * max(|f_old|, |f|, 1): SciPy's ftol (factr 1e7 * eps).
    double relativeDecreaseTolerance = 2.220446049250313e-09;
    int maxLineSearchSteps = 20;  // SciPy's maxls
    // Line-search constants of L-BFGS-B: Armijo c1, curvature c2, interval width tolerance.
    double sufficientDecrease = 1e-3;
    double curvature = 0.9;
    double stepTolerance = 0.1;
};

enum class LbfgsStatus {
    GradientConverged,  // max |g_i| <= gradientTolerance
    DecreaseConverged,  // relative decrease of f <= relativeDecreaseTolerance
    MaxIterations,
    StoppedByCallback,
    LineSearchFailed,  // no acceptable step even from steepest descent (often: already at the optimum in floating point)
    NonFinite,         // f or its gradient became NaN or infinite
};

// What the per-iteration callback sees: the accepted point after an iteration.
struct LbfgsIterate {
    int iteration = 0;    // 1-based
    int evaluations = 0;  // objective calls so far
    double value = 0;
    double gradientMaxNorm = 0;
    double step = 0;    // line-search step length along the search direction
    bool last = false;  // the minimizer stops after this iteration (converged or out of iterations)
    const Vector* x = nullptr;
    const Vector* gradient = nullptr;
};

// Return false to stop the minimizer (the current point is kept). The
// callback runs before the stopping tests, so it sees every accepted point.
using LbfgsCallback = std::function<bool(const LbfgsIterate&)>;

struct LbfgsResult {
    Vector x;
    Vector gradient;
    double value = 0;
    int iterations = 0;
    int evaluations = 0;
    LbfgsStatus status = LbfgsStatus::MaxIterations;
    bool converged() const
    {
        return status == LbfgsStatus::GradientConverged || status == LbfgsStatus::DecreaseConverged;
    }
    std::string message() const;
};

class LbfgsMinimizer {
public:
    explicit LbfgsMinimizer(LbfgsOptions options = {});
    const LbfgsOptions& options() const { return m_options; }
    LbfgsResult minimize(const ObjectiveFunction& objective, Vector x0, const LbfgsCallback& callback = {}) const;

private:
    LbfgsOptions m_options;
};

LbfgsResult minimizeLbfgs(const ObjectiveFunction& objective, Vector x0, const LbfgsOptions& options = {},
                          const LbfgsCallback& callback = {});

}  // namespace dslab
