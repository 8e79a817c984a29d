// libsvm's SMO solver for one binary C-SVC dual, min ½αᵀQα − eᵀα s.t. yᵀα = 0,
// 0 ≤ αᵢ ≤ Cᵢ: second-order working-set selection, shrinking, LRU kernel cache,
// and a progress callback that can stop it (pause, cancel, live charts).
#pragma once

#include "engine/core/types.h"
#include "engine/models/svm/svm_kernel.h"

#include <functional>
#include <vector>

namespace dslab {

struct SmoOptions {
    double tol = 1e-3;          // stop when the maximal KKT violation is below tol (libsvm's eps)
    bool shrinking = true;
    long long maxIter = -1;     // -1: libsvm's safety cap max(10⁷, 100·l)
    double cacheMegabytes = 200;
    int progressEvery = 100;    // iterations between callback calls
};

struct SmoProgress {
    long long iterations = 0;
    double objective = 0;        // ½ αᵀQα − eᵀα, decreasing
    double kktViolation = 0;     // m(α) − M(α); the solver stops below tol
    double rho = 0;              // current intercept estimate (decision = Σ αᵢyᵢK − ρ)
    int activeSize = 0;          // variables not shrunk
    const std::vector<double>* alpha = nullptr;
};

struct SmoResult {
    std::vector<double> alpha;  // in problem order, 0 ≤ αᵢ ≤ Cᵢ
    double rho = 0;
    double objective = 0;
    long long iterations = 0;
    double kktViolation = 0;    // at the last working-set selection
    bool converged = false;     // false when stopped by the callback or max_iter
    bool stopped = false;       // the callback asked to stop
};

// Returns false to stop the solver early (the result is then the current α).
using SmoCallback = std::function<bool(const SmoProgress&)>;

// Xt: d x l, one column per sample; y: +1 / -1; Cp / Cn: bounds of the
// positive / negative samples.
SmoResult solveSmo(const SvmKernel& kernel, const Matrix& Xt, const std::vector<signed char>& y, double Cp, double Cn,
                   const SmoOptions& options, const SmoCallback& callback = {});

}  // namespace dslab
