#include "engine/models/svm/smo_solver.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace dslab {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTau = 1e-12;  // libsvm's TAU: replaces a non-positive curvature

// Columns of Q = diag(y) K diag(y), full length l in problem order, computed
// on demand (SMO often touches only a fraction of them) and kept in an LRU
// cache of `cacheMegabytes` (libsvm's Cache, without partial columns).
class QColumns {
public:
    QColumns(const SvmKernel& kernel, const Matrix& Xt, const std::vector<signed char>& y, double cacheMegabytes)
        : m_kernel(kernel), m_Xt(Xt), m_l(Xt.cols())
    {
        m_y.resize(m_l);
        for (Eigen::Index i = 0; i < m_l; ++i)
            m_y(i) = y[static_cast<std::size_t>(i)];
        m_norms = Xt.colwise().squaredNorm().transpose();
        m_diag.resize(m_l);
        for (Eigen::Index i = 0; i < m_l; ++i)
            m_diag(i) = kernel.diagonal(m_norms(i));
        const double budget = std::max(1.0, cacheMegabytes) * 1024.0 * 1024.0;
        const auto fit = static_cast<Eigen::Index>(budget / (8.0 * static_cast<double>(std::max<Eigen::Index>(1, m_l))));
        // At least two slots: the solver holds columns i and j at once.
        const Eigen::Index slots = std::clamp<Eigen::Index>(fit, 2, std::max<Eigen::Index>(2, m_l));
        m_slots.resize(m_l, slots);
        m_slotOf.assign(static_cast<std::size_t>(m_l), -1);
        m_owner.assign(static_cast<std::size_t>(slots), -1);
        m_stamp.assign(static_cast<std::size_t>(slots), 0);
        m_dots.resize(m_l, 1);
    }

    double diag(int i) const { return m_diag(i); }

    const double* column(int i)
    {
        const auto si = static_cast<std::size_t>(i);
        int slot = m_slotOf[si];
        if (slot < 0) {
            if (m_used < m_slots.cols()) {
                slot = static_cast<int>(m_used++);
            } else {
                slot = static_cast<int>(std::min_element(m_stamp.begin(), m_stamp.end()) - m_stamp.begin());
                m_slotOf[static_cast<std::size_t>(m_owner[static_cast<std::size_t>(slot)])] = -1;
            }
            m_owner[static_cast<std::size_t>(slot)] = i;
            m_slotOf[si] = slot;
            m_dots.noalias() = m_Xt.transpose() * m_Xt.col(i);
            m_kernel.fromDots(m_dots, m_norms, Vector::Constant(1, m_norms(i)));
            m_slots.col(slot).array() = m_dots.col(0).array() * m_y.array() * m_y(i);
        }
        m_stamp[static_cast<std::size_t>(slot)] = ++m_clock;
        return m_slots.col(slot).data();
    }

private:
    const SvmKernel& m_kernel;
    const Matrix& m_Xt;
    Eigen::Index m_l;
    Vector m_y, m_norms, m_diag;
    Matrix m_slots;
    Matrix m_dots;
    Eigen::Index m_used = 0;
    std::vector<int> m_slotOf, m_owner;
    std::vector<std::uint64_t> m_stamp;
    std::uint64_t m_clock = 0;
};

enum class Bound : unsigned char { Lower, Upper, Free };

class Solver {
public:
    Solver(const SvmKernel& kernel, const Matrix& Xt, const std::vector<signed char>& y, double Cp, double Cn,
           const SmoOptions& options)
        : m_Q(kernel, Xt, y, options.cacheMegabytes), m_y(y), m_l(static_cast<int>(Xt.cols())), m_eps(options.tol),
          m_shrinking(options.shrinking)
    {
        const auto l = static_cast<std::size_t>(m_l);
        m_alpha.assign(l, 0.0);
        m_G.assign(l, -1.0);  // gradient of ½αᵀQα − eᵀα at α = 0
        m_Gbar.assign(l, 0.0);
        m_status.assign(l, Bound::Lower);
        m_C.resize(l);
        for (std::size_t i = 0; i < l; ++i)
            m_C[i] = y[i] > 0 ? Cp : Cn;
        m_active.resize(l);
        for (int i = 0; i < m_l; ++i)
            m_active[static_cast<std::size_t>(i)] = i;
        m_isActive.assign(l, 1);
    }

    SmoResult solve(const SmoOptions& options, const SmoCallback& callback)
    {
        SmoResult result;
        const long long maxIter = options.maxIter >= 0
                                      ? options.maxIter
                                      : std::max<long long>(10000000, 100LL * m_l);
        const int every = std::max(1, options.progressEvery);
        long long iter = 0;
        int counter = std::min(m_l, 1000) + 1;
        while (iter < maxIter) {
            if (--counter == 0) {
                counter = std::min(m_l, 1000);
                if (m_shrinking)
                    doShrinking();
            }
            int i = -1, j = -1;
            if (!selectWorkingSet(i, j)) {
                reconstructGradient();
                if (!selectWorkingSet(i, j)) {
                    result.converged = true;
                    break;
                }
                counter = 1;  // shrink again at the next iteration
            }
            ++iter;
            takeStep(i, j);
            if (callback && iter % every == 0) {
                SmoProgress progress;
                progress.iterations = iter;
                progress.objective = m_objective;
                progress.kktViolation = m_violation;
                progress.rho = calculateRho();
                progress.activeSize = static_cast<int>(m_active.size());
                progress.alpha = &m_alpha;
                if (!callback(progress)) {
                    result.stopped = true;
                    break;
                }
            }
        }
        reconstructGradient();
        result.rho = calculateRho();
        double v = 0;
        for (int t = 0; t < m_l; ++t)
            v += m_alpha[static_cast<std::size_t>(t)] * (m_G[static_cast<std::size_t>(t)] - 1.0);
        result.objective = v / 2;
        result.iterations = iter;
        result.kktViolation = m_violation;
        result.alpha = std::move(m_alpha);
        return result;
    }

private:
    bool isUpper(int i) const { return m_status[static_cast<std::size_t>(i)] == Bound::Upper; }
    bool isLower(int i) const { return m_status[static_cast<std::size_t>(i)] == Bound::Lower; }
    bool isFree(int i) const { return m_status[static_cast<std::size_t>(i)] == Bound::Free; }
    double G(int i) const { return m_G[static_cast<std::size_t>(i)]; }
    int y(int i) const { return m_y[static_cast<std::size_t>(i)]; }

    void updateStatus(int i)
    {
        const auto s = static_cast<std::size_t>(i);
        m_status[s] = m_alpha[s] >= m_C[s] ? Bound::Upper : m_alpha[s] <= 0 ? Bound::Lower : Bound::Free;
    }

    // WSS 2 of Fan et al.: i maximizes −yᵢ∇ᵢf over I_up; j gives the largest
    // decrease of the objective along (i, j) using second-order information.
    bool selectWorkingSet(int& outI, int& outJ)
    {
        double Gmax = -kInf, Gmax2 = -kInf, objDiffMin = kInf;
        int GmaxIdx = -1, GminIdx = -1;
        for (int t : m_active) {
            if (y(t) == +1) {
                if (!isUpper(t) && -G(t) >= Gmax) {
                    Gmax = -G(t);
                    GmaxIdx = t;
                }
            } else if (!isLower(t) && G(t) >= Gmax) {
                Gmax = G(t);
                GmaxIdx = t;
            }
        }
        const int i = GmaxIdx;
        const double* Qi = i >= 0 ? m_Q.column(i) : nullptr;
        const double QDi = i >= 0 ? m_Q.diag(i) : 0.0;
        for (int j : m_active) {
            if (y(j) == +1) {
                if (isLower(j))
                    continue;
                const double gradDiff = Gmax + G(j);
                if (G(j) >= Gmax2)
                    Gmax2 = G(j);
                if (gradDiff > 0) {
                    const double quad = QDi + m_Q.diag(j) - 2.0 * y(i) * Qi[j];
                    const double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : kTau);
                    if (objDiff <= objDiffMin) {
                        GminIdx = j;
                        objDiffMin = objDiff;
                    }
                }
            } else {
                if (isUpper(j))
                    continue;
                const double gradDiff = Gmax - G(j);
                if (-G(j) >= Gmax2)
                    Gmax2 = -G(j);
                if (gradDiff > 0) {
                    const double quad = QDi + m_Q.diag(j) + 2.0 * y(i) * Qi[j];
                    const double objDiff = -(gradDiff * gradDiff) / (quad > 0 ? quad : kTau);
                    if (objDiff <= objDiffMin) {
                        GminIdx = j;
                        objDiffMin = objDiff;
                    }
                }
            }
        }
        m_violation = Gmax + Gmax2;
        if (Gmax + Gmax2 < m_eps || GminIdx == -1)
            return false;
        outI = GmaxIdx;
        outJ = GminIdx;
        return true;
    }

    // The analytic two-variable update of libsvm, clipped to the box.
    void takeStep(int i, int j)
    {
        const auto si = static_cast<std::size_t>(i), sj = static_cast<std::size_t>(j);
        const double* Qi = m_Q.column(i);
        const double* Qj = m_Q.column(j);
        const double Ci = m_C[si], Cj = m_C[sj];
        const double oldAi = m_alpha[si], oldAj = m_alpha[sj];
        double& ai = m_alpha[si];
        double& aj = m_alpha[sj];
        if (y(i) != y(j)) {
            double quad = m_Q.diag(i) + m_Q.diag(j) + 2 * Qi[j];
            if (quad <= 0)
                quad = kTau;
            const double delta = (-G(i) - G(j)) / quad;
            const double diff = ai - aj;
            ai += delta;
            aj += delta;
            if (diff > 0) {
                if (aj < 0) {
                    aj = 0;
                    ai = diff;
                }
            } else if (ai < 0) {
                ai = 0;
                aj = -diff;
            }
            if (diff > Ci - Cj) {
                if (ai > Ci) {
                    ai = Ci;
                    aj = Ci - diff;
                }
            } else if (aj > Cj) {
                aj = Cj;
                ai = Cj + diff;
            }
        } else {
            double quad = m_Q.diag(i) + m_Q.diag(j) - 2 * Qi[j];
            if (quad <= 0)
                quad = kTau;
            const double delta = (G(i) - G(j)) / quad;
            const double sum = ai + aj;
            ai -= delta;
            aj += delta;
            if (sum > Ci) {
                if (ai > Ci) {
                    ai = Ci;
                    aj = sum - Ci;
                }
            } else if (aj < 0) {
                aj = 0;
                ai = sum;
            }
            if (sum > Cj) {
                if (aj > Cj) {
                    aj = Cj;
                    ai = sum - Cj;
                }
            } else if (ai < 0) {
                ai = 0;
                aj = sum;
            }
        }
        const double dai = ai - oldAi, daj = aj - oldAj;
        // The objective changes by ∇ᵀΔ + ½ΔᵀQΔ over the two moved variables;
        // tracking it here keeps it exact even while variables are shrunk.
        m_objective += G(i) * dai + G(j) * daj
                       + 0.5 * (m_Q.diag(i) * dai * dai + m_Q.diag(j) * daj * daj + 2 * Qi[j] * dai * daj);
        if (static_cast<int>(m_active.size()) == m_l) {
            Eigen::Map<Vector> g(m_G.data(), m_l);
            g += dai * Eigen::Map<const Vector>(Qi, m_l) + daj * Eigen::Map<const Vector>(Qj, m_l);
        } else {
            for (int k : m_active)
                m_G[static_cast<std::size_t>(k)] += Qi[k] * dai + Qj[k] * daj;
        }
        const bool ui = isUpper(i), uj = isUpper(j);
        updateStatus(i);
        updateStatus(j);
        Eigen::Map<Vector> gbar(m_Gbar.data(), m_l);
        if (ui != isUpper(i))
            gbar += (ui ? -Ci : Ci) * Eigen::Map<const Vector>(Qi, m_l);
        if (uj != isUpper(j))
            gbar += (uj ? -Cj : Cj) * Eigen::Map<const Vector>(Qj, m_l);
    }

    bool beShrunk(int i, double Gmax1, double Gmax2) const
    {
        if (isUpper(i))
            return y(i) == +1 ? -G(i) > Gmax1 : -G(i) > Gmax2;
        if (isLower(i))
            return y(i) == +1 ? G(i) > Gmax2 : G(i) > Gmax1;
        return false;
    }

    void doShrinking()
    {
        double Gmax1 = -kInf;  // max { −yᵢ∇ᵢf | i ∈ I_up }
        double Gmax2 = -kInf;  // max {  yᵢ∇ᵢf | i ∈ I_low }
        for (int i : m_active) {
            if (y(i) == +1) {
                if (!isUpper(i))
                    Gmax1 = std::max(Gmax1, -G(i));
                if (!isLower(i))
                    Gmax2 = std::max(Gmax2, G(i));
            } else {
                if (!isUpper(i))
                    Gmax2 = std::max(Gmax2, -G(i));
                if (!isLower(i))
                    Gmax1 = std::max(Gmax1, G(i));
            }
        }
        // Close to the optimum: bring every variable back once, as libsvm does.
        if (!m_unshrink && Gmax1 + Gmax2 <= m_eps * 10) {
            m_unshrink = true;
            reconstructGradient();
        }
        std::vector<int> kept;
        kept.reserve(m_active.size());
        for (int i : m_active) {
            if (beShrunk(i, Gmax1, Gmax2))
                m_isActive[static_cast<std::size_t>(i)] = 0;
            else
                kept.push_back(i);
        }
        m_active.swap(kept);
    }

    // Brings the gradient of shrunk variables up to date from Ḡ (the part
    // due to variables at their upper bound) and the free variables.
    void reconstructGradient()
    {
        if (static_cast<int>(m_active.size()) == m_l)
            return;
        std::vector<int> inactive, freeActive;
        for (int i = 0; i < m_l; ++i) {
            if (!m_isActive[static_cast<std::size_t>(i)]) {
                inactive.push_back(i);
                m_G[static_cast<std::size_t>(i)] = m_Gbar[static_cast<std::size_t>(i)] - 1.0;
            } else if (isFree(i)) {
                freeActive.push_back(i);
            }
        }
        // Fetch whichever set of columns is smaller.
        if (inactive.size() < freeActive.size()) {
            for (int i : inactive) {
                const double* Qi = m_Q.column(i);
                double g = 0;
                for (int j : freeActive)
                    g += m_alpha[static_cast<std::size_t>(j)] * Qi[j];
                m_G[static_cast<std::size_t>(i)] += g;
            }
        } else {
            for (int j : freeActive) {
                const double* Qj = m_Q.column(j);
                const double aj = m_alpha[static_cast<std::size_t>(j)];
                for (int i : inactive)
                    m_G[static_cast<std::size_t>(i)] += aj * Qj[i];
            }
        }
        m_active.resize(static_cast<std::size_t>(m_l));
        for (int i = 0; i < m_l; ++i)
            m_active[static_cast<std::size_t>(i)] = i;
        m_isActive.assign(static_cast<std::size_t>(m_l), 1);
    }

    double calculateRho() const
    {
        double ub = kInf, lb = -kInf, sumFree = 0;
        int nrFree = 0;
        for (int i : m_active) {
            const double yG = y(i) * G(i);
            if (isUpper(i)) {
                if (y(i) == -1)
                    ub = std::min(ub, yG);
                else
                    lb = std::max(lb, yG);
            } else if (isLower(i)) {
                if (y(i) == +1)
                    ub = std::min(ub, yG);
                else
                    lb = std::max(lb, yG);
            } else {
                ++nrFree;
                sumFree += yG;
            }
        }
        return nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
    }

    QColumns m_Q;
    const std::vector<signed char>& m_y;
    int m_l;
    double m_eps;
    bool m_shrinking;
    bool m_unshrink = false;
    std::vector<double> m_alpha, m_G, m_Gbar, m_C;
    std::vector<Bound> m_status;
    std::vector<int> m_active;
    std::vector<unsigned char> m_isActive;
    double m_objective = 0;
    double m_violation = kInf;
};

}  // namespace

SmoResult solveSmo(const SvmKernel& kernel, const Matrix& Xt, const std::vector<signed char>& y, double Cp, double Cn,
                   const SmoOptions& options, const SmoCallback& callback)
{
    if (Xt.cols() == 0)
        return {};
    Solver solver(kernel, Xt, y, Cp, Cn, options);
    return solver.solve(options, callback);
}

}  // namespace dslab
