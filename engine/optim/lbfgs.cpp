#include "engine/optim/lbfgs.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

namespace {

// More and Thuente's line search (ACM TOMS 20, 1994), as in MINPACK-2's
// dcsrch/dcstep which L-BFGS-B uses: it finds a step satisfying the strong
// Wolfe conditions by safeguarded cubic/quadratic interpolation. Driven by
// reverse communication so that the caller owns the objective calls.
class MoreThuenteSearch {
public:
    enum class Action { Evaluate, Converged, Warning };

    MoreThuenteSearch(double ftol, double gtol, double xtol, double stpmin, double stpmax)
        : m_ftol(ftol), m_gtol(gtol), m_xtol(xtol), m_stpmin(stpmin), m_stpmax(stpmax)
    {
    }

    // f0, g0: value and directional derivative (< 0) at step 0.
    void start(double f0, double g0, double stp)
    {
        m_brackt = false;
        m_stage = 1;
        m_finit = f0;
        m_ginit = g0;
        m_gtest = m_ftol * g0;
        m_width = m_stpmax - m_stpmin;
        m_width1 = 2 * m_width;
        m_stx = 0;
        m_fx = f0;
        m_gx = g0;
        m_sty = 0;
        m_fy = f0;
        m_gy = g0;
        m_stmin = 0;
        m_stmax = stp + kXtrapU * stp;
    }

    // f, g: value and directional derivative at `stp`. Returns whether to
    // evaluate at the updated `stp`, or that the search ended there.
    Action next(double f, double g, double& stp)
    {
        const double ftest = m_finit + stp * m_gtest;
        if (m_stage == 1 && f <= ftest && g >= 0)
            m_stage = 2;
        if (m_brackt && (stp <= m_stmin || stp >= m_stmax))
            return Action::Warning;  // rounding errors prevent progress
        if (m_brackt && m_stmax - m_stmin <= m_xtol * m_stmax)
            return Action::Warning;  // interval of uncertainty below xtol
        if (stp == m_stpmax && f <= ftest && g <= m_gtest)
            return Action::Warning;
        if (stp == m_stpmin && (f > ftest || g >= m_gtest))
            return Action::Warning;
        if (f <= ftest && std::abs(g) <= m_gtol * (-m_ginit))
            return Action::Converged;

        // In the first stage, a modified function (with the sufficient
        // decrease line subtracted) gives better interpolation while the
        // step has not yet reached the region where psi <= 0.
        if (m_stage == 1 && f <= m_fx && f > ftest) {
            const double fm = f - stp * m_gtest;
            double fxm = m_fx - m_stx * m_gtest;
            double fym = m_fy - m_sty * m_gtest;
            const double gm = g - m_gtest;
            double gxm = m_gx - m_gtest;
            double gym = m_gy - m_gtest;
            step(m_stx, fxm, gxm, m_sty, fym, gym, stp, fm, gm);
            m_fx = fxm + m_stx * m_gtest;
            m_fy = fym + m_sty * m_gtest;
            m_gx = gxm + m_gtest;
            m_gy = gym + m_gtest;
        } else {
            step(m_stx, m_fx, m_gx, m_sty, m_fy, m_gy, stp, f, g);
        }

        if (m_brackt) {
            // Force sufficient shrinking of the interval (bisection fallback).
            if (std::abs(m_sty - m_stx) >= kP66 * m_width1)
                stp = m_stx + 0.5 * (m_sty - m_stx);
            m_width1 = m_width;
            m_width = std::abs(m_sty - m_stx);
            m_stmin = std::min(m_stx, m_sty);
            m_stmax = std::max(m_stx, m_sty);
        } else {
            m_stmin = stp + kXtrapL * (stp - m_stx);
            m_stmax = stp + kXtrapU * (stp - m_stx);
        }
        stp = std::clamp(stp, m_stpmin, m_stpmax);
        if (m_brackt && (stp <= m_stmin || stp >= m_stmax || m_stmax - m_stmin <= m_xtol * m_stmax))
            stp = m_stx;  // best step so far when no further progress is possible
        return Action::Evaluate;
    }

private:
    static constexpr double kP66 = 0.66;
    static constexpr double kXtrapL = 1.1;
    static constexpr double kXtrapU = 4.0;

    // dcstep: updates the interval [stx, sty] and computes the next trial step.
    void step(double& stx, double& fx, double& dx, double& sty, double& fy, double& dy, double& stp, double fp,
              double dp)
    {
        const double sgnd = dp * (dx / std::abs(dx));
        double stpf = 0;
        if (fp > fx) {
            // Higher function value: the minimum is bracketed; cubic or quadratic step.
            const double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            const double s = std::max({std::abs(theta), std::abs(dx), std::abs(dp)});
            double gamma = s * std::sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            if (stp < stx)
                gamma = -gamma;
            const double p = (gamma - dx) + theta;
            const double q = ((gamma - dx) + gamma) + dp;
            const double r = p / q;
            const double stpc = stx + r * (stp - stx);
            const double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx);
            stpf = std::abs(stpc - stx) < std::abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            m_brackt = true;
        } else if (sgnd < 0) {
            // Derivatives of opposite sign: bracketed; cubic or secant step.
            const double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            const double s = std::max({std::abs(theta), std::abs(dx), std::abs(dp)});
            double gamma = s * std::sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
            if (stp > stx)
                gamma = -gamma;
            const double p = (gamma - dp) + theta;
            const double q = ((gamma - dp) + gamma) + dx;
            const double r = p / q;
            const double stpc = stp + r * (stx - stp);
            const double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            stpf = std::abs(stpc - stp) > std::abs(stpq - stp) ? stpc : stpq;
            m_brackt = true;
        } else if (std::abs(dp) < std::abs(dx)) {
            // Same sign, derivative magnitude decreases.
            const double theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            const double s = std::max({std::abs(theta), std::abs(dx), std::abs(dp)});
            double gamma = s * std::sqrt(std::max(0.0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
            if (stp > stx)
                gamma = -gamma;
            const double p = (gamma - dp) + theta;
            const double q = (gamma + (dx - dp)) + gamma;
            const double r = p / q;
            double stpc = 0;
            if (r < 0 && gamma != 0)
                stpc = stp + r * (stx - stp);
            else if (stp > stx)
                stpc = m_stmax;
            else
                stpc = m_stmin;
            const double stpq = stp + (dp / (dp - dx)) * (stx - stp);
            if (m_brackt) {
                stpf = std::abs(stpc - stp) < std::abs(stpq - stp) ? stpc : stpq;
                if (stp > stx)
                    stpf = std::min(stp + kP66 * (sty - stp), stpf);
                else
                    stpf = std::max(stp + kP66 * (sty - stp), stpf);
            } else {
                stpf = std::abs(stpc - stp) > std::abs(stpq - stp) ? stpc : stpq;
                stpf = std::clamp(stpf, m_stmin, m_stmax);
            }
        } else {
            // Same sign, derivative magnitude does not decrease.
            if (m_brackt) {
                const double theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
                const double s = std::max({std::abs(theta), std::abs(dy), std::abs(dp)});
                double gamma = s * std::sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
                if (stp > sty)
                    gamma = -gamma;
                const double p = (gamma - dp) + theta;
                const double q = ((gamma - dp) + gamma) + dy;
                const double r = p / q;
                stpf = stp + r * (sty - stp);
            } else {
                stpf = stp > stx ? m_stmax : m_stmin;
            }
        }

        if (fp > fx) {
            sty = stp;
            fy = fp;
            dy = dp;
        } else {
            if (sgnd < 0) {
                sty = stx;
                fy = fx;
                dy = dx;
            }
            stx = stp;
            fx = fp;
            dx = dp;
        }
        stp = stpf;
    }

    double m_ftol, m_gtol, m_xtol, m_stpmin, m_stpmax;
    bool m_brackt = false;
    int m_stage = 1;
    double m_finit = 0, m_ginit = 0, m_gtest = 0, m_width = 0, m_width1 = 0;
    double m_stx = 0, m_fx = 0, m_gx = 0, m_sty = 0, m_fy = 0, m_gy = 0, m_stmin = 0, m_stmax = 0;
};

bool allFinite(double f, const Vector& g)
{
    return std::isfinite(f) && g.allFinite();
}

}  // namespace

std::string LbfgsResult::message() const
{
    switch (status) {
    case LbfgsStatus::GradientConverged: return "converged: gradient below tolerance";
    case LbfgsStatus::DecreaseConverged: return "converged: relative decrease of the objective below tolerance";
    case LbfgsStatus::MaxIterations: return "stopped: maximum number of iterations reached";
    case LbfgsStatus::StoppedByCallback: return "stopped by the caller";
    case LbfgsStatus::LineSearchFailed: return "stopped: the line search found no acceptable step";
    case LbfgsStatus::NonFinite: return "stopped: the objective or its gradient became NaN or infinite";
    }
    return {};
}

LbfgsMinimizer::LbfgsMinimizer(LbfgsOptions options)
    : m_options(options)
{
}

LbfgsResult LbfgsMinimizer::minimize(const ObjectiveFunction& objective, Vector x0, const LbfgsCallback& callback) const
{
    const LbfgsOptions& opt = m_options;
    const Eigen::Index n = x0.size();
    const int m = std::max(1, opt.memory);
    // SciPy's L-BFGS-B uses 1e10 as the largest step for unbounded problems.
    constexpr double kMaxStep = 1e10;
    const double eps = std::numeric_limits<double>::epsilon();

    LbfgsResult result;
    result.x = std::move(x0);
    result.gradient.setZero(n);
    Vector& x = result.x;
    Vector& g = result.gradient;
    double f = objective(x, g);
    result.evaluations = 1;
    result.value = f;
    if (!allFinite(f, g)) {
        result.status = LbfgsStatus::NonFinite;
        return result;
    }
    if (n == 0 || g.lpNorm<Eigen::Infinity>() <= opt.gradientTolerance) {
        result.status = LbfgsStatus::GradientConverged;
        return result;
    }

    // Correction pairs in a ring buffer: column (head + k) % m is the k-th oldest.
    Matrix S(n, m), Y(n, m);
    Vector rho(m), alpha(m);
    int count = 0, head = 0;
    Vector d(n), xPrev(n), gPrev(n), sNew(n), yNew(n);
    MoreThuenteSearch search(opt.sufficientDecrease, opt.curvature, opt.stepTolerance, 0.0, kMaxStep);

    int iteration = 0;
    while (iteration < opt.maxIterations) {
        // Search direction by the two-loop recursion, H0 = (s'y / y'y) I.
        d = g;
        for (int k = count - 1; k >= 0; --k) {
            const int c = (head + k) % m;
            alpha(c) = rho(c) * S.col(c).dot(d);
            d.noalias() -= alpha(c) * Y.col(c);
        }
        if (count > 0) {
            const int newest = (head + count - 1) % m;
            d *= S.col(newest).dot(Y.col(newest)) / Y.col(newest).squaredNorm();
        }
        for (int k = 0; k < count; ++k) {
            const int c = (head + k) % m;
            const double beta = rho(c) * Y.col(c).dot(d);
            d.noalias() += (alpha(c) - beta) * S.col(c);
        }
        d = -d;
        double slope = g.dot(d);
        if (!(slope < 0)) {
            // Not a descent direction (curvature information gone stale): restart from steepest descent.
            count = 0;
            d = -g;
            slope = -g.squaredNorm();
        }
        // Without curvature information the gradient's length sets the first step, as in L-BFGS-B.
        double stp = count == 0 ? std::min(1.0 / d.norm(), kMaxStep) : 1.0;

        xPrev = x;
        gPrev = g;
        const double fPrev = f;
        search.start(fPrev, slope, stp);
        bool accepted = false;
        for (int ls = 0; ls < opt.maxLineSearchSteps; ++ls) {
            x = xPrev + stp * d;
            f = objective(x, g);
            ++result.evaluations;
            if (!allFinite(f, g)) {
                // Overflow along the direction: restart the search with a shorter step.
                stp *= 0.5;
                search.start(fPrev, slope, stp);
                continue;
            }
            const auto action = search.next(f, g.dot(d), stp);
            if (action == MoreThuenteSearch::Action::Converged) {
                accepted = true;
                break;
            }
            if (action == MoreThuenteSearch::Action::Warning) {
                // The search cannot improve the step further; keep it if it decreased f.
                accepted = f <= fPrev;
                break;
            }
        }
        if (!accepted) {
            x = xPrev;
            g = gPrev;
            f = fPrev;
            if (count == 0) {
                result.status = LbfgsStatus::LineSearchFailed;
                break;
            }
            count = 0;  // forget the curvature pairs and retry from steepest descent
            continue;
        }
        ++iteration;
        result.iterations = iteration;
        result.value = f;

        // Store the new pair unless its curvature is too small to keep H positive definite.
        sNew = x - xPrev;
        yNew = g - gPrev;
        const double sy = sNew.dot(yNew);
        if (sy > eps * yNew.squaredNorm()) {
            const int slot = count < m ? (head + count) % m : head;
            S.col(slot) = sNew;
            Y.col(slot) = yNew;
            rho(slot) = 1.0 / sy;
            if (count < m)
                ++count;
            else
                head = (head + 1) % m;
        }

        const double gmax = g.lpNorm<Eigen::Infinity>();
        bool stopping = true;
        if (gmax <= opt.gradientTolerance)
            result.status = LbfgsStatus::GradientConverged;
        else if (fPrev - f <= opt.relativeDecreaseTolerance * std::max({std::abs(fPrev), std::abs(f), 1.0}))
            result.status = LbfgsStatus::DecreaseConverged;
        else if (iteration >= opt.maxIterations)
            result.status = LbfgsStatus::MaxIterations;
        else
            stopping = false;
        if (callback) {
            LbfgsIterate it;
            it.iteration = iteration;
            it.evaluations = result.evaluations;
            it.value = f;
            it.gradientMaxNorm = gmax;
            it.step = stp;
            it.last = stopping;
            it.x = &x;
            it.gradient = &g;
            if (!callback(it) && !stopping) {
                result.status = LbfgsStatus::StoppedByCallback;
                break;
            }
        }
        if (stopping)
            break;
    }
    result.value = f;
    return result;
}

LbfgsResult minimizeLbfgs(const ObjectiveFunction& objective, Vector x0, const LbfgsOptions& options,
                          const LbfgsCallback& callback)
{
    return LbfgsMinimizer(options).minimize(objective, std::move(x0), callback);
}

}  // namespace dslab
