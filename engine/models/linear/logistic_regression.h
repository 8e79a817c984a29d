// LogisticRegression as scikit-learn defines it: binary or multinomial, minimizing
// C * sum_i w_i log_loss_i + penalty(W). Solvers lbfgs and saga match scikit-learn;
// gd and sgd are the teaching solvers, one observable step per iteration or epoch.
// Sparse features (a text vectorizer's output in a Pipeline) are fitted with
// lbfgs without densifying them.
#pragma once

#include "engine/core/component.h"
#include "engine/core/sparse_estimator.h"

#include <string>
#include <vector>

namespace dslab {

class LogisticLoss;

class LogisticRegression : public Estimator, public SparseEstimator {
public:
    std::string typeName() const override { return "LogisticRegression"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    // Throws ParamError for an unsupported solver/penalty pair, DataError for
    // missing values or a single class, DivergenceError when gd/sgd blow up.
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    bool isFitted() const override { return m_fitted; }
    bool isClassifier() const override { return true; }
    Vector predict(const Matrix& X) const override;
    Matrix predictProba(const Matrix& X) const override;
    // Decision values X * coef^T + intercept: one column (binary) or K.
    Matrix decisionFunction(const Matrix& X) const;
    // Sparse features: solver lbfgs only (ParamError for the others).
    void fitSparse(const SparseMatrix& X, const Vector& y, TrainContext& ctx) override;
    Vector predictSparse(const SparseMatrix& X) const override;
    Matrix predictProbaSparse(const SparseMatrix& X) const override;
    Matrix decisionFunctionSparse(const SparseMatrix& X) const;
    const std::vector<double>& classes() const override { return m_classes; }

    // Fitted attributes in scikit-learn's layout: coef is 1 x d for a binary
    // problem and K x d otherwise; intercept has as many entries as coef rows.
    const Matrix& coef() const { return m_coef; }
    const Vector& intercept() const { return m_intercept; }
    // Iterations (lbfgs, gd) or epochs (sgd, saga) run by the last fit.
    int nIter() const { return m_nIter; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    struct Problem;
    std::vector<double> checkedClasses(const Vector& y) const;
    void solve(const Problem& problem, std::vector<double> classList, TrainContext& ctx);
    Vector labelsOf(const Matrix& scores) const;
    static Matrix probabilitiesOf(Matrix scores);
    void fitLbfgs(const Problem& problem, TrainContext& ctx);
    void fitGradientDescent(const Problem& problem, TrainContext& ctx);
    void fitStochasticGradient(const Problem& problem, TrainContext& ctx);
    void fitSaga(const Problem& problem, TrainContext& ctx);
    // Copies the solver's W (d x columns) and b into the fitted attributes.
    void publish(const Matrix& W, const Vector& b);
    // Tells the observer about a finished step; computes metrics only when someone listens.
    void reportStep(const Problem& problem, TrainContext& ctx, int step, int totalSteps, bool finalStep) const;
    [[noreturn]] void throwDiverged(const Problem& problem, int step, double loss, double initialLoss) const;
    void checkDivergence(const Problem& problem, int step, double loss, double initialLoss, const Matrix& W,
                         const Vector& b) const;

    Matrix m_coef;
    Vector m_intercept;
    std::vector<double> m_classes;
    int m_nIter = 0;
    bool m_fitted = false;
};

}  // namespace dslab
