// SVC: libsvm's / scikit-learn's C-support vector classifier (SMO, one-vs-one
// multiclass, Platt probabilities with probability=true). Training reports
// every 100 SMO iterations (dual objective, KKT violation) and can be paused or cancelled.
#pragma once

#include "engine/core/component.h"
#include "engine/models/svm/svm_kernel.h"

namespace dslab {

class SVC final : public Estimator {
public:
    std::string typeName() const override { return "SVC"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    bool isClassifier() const override { return true; }
    bool isFitted() const override { return m_fitted; }

    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    // libsvm's one-vs-one vote (ties to the smallest class), or the argmax of
    // the one-vs-rest decision function when break_ties is true.
    Vector predict(const Matrix& X) const override;
    // Platt-scaled pairwise probabilities coupled into one per class; needs
    // probability=true at fit time (throws ParamError otherwise).
    Matrix predictProba(const Matrix& X) const override;
    const std::vector<double>& classes() const override { return m_classes; }
    // Log loss with probability=true; otherwise the mean hinge loss of the
    // one-vs-one problems each sample takes part in.
    double loss(const Matrix& X, const Vector& y) const override;

    // scikit-learn's decision_function: one column for two classes (positive
    // means classes()[1]); otherwise one column per class ("ovr", the
    // default) or per pair of classes ("ovo").
    Matrix decisionFunction(const Matrix& X) const;
    // Raw libsvm decision values, one column per pair (i < j): positive means class i.
    Matrix pairwiseDecision(const Matrix& X) const;

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

    // Fitted attributes with scikit-learn's meaning.
    const std::vector<Eigen::Index>& support() const { return m_support; }  // support_
    const Matrix& supportVectors() const { return m_supportVectors; }       // support_vectors_
    const std::vector<int>& nSupport() const { return m_nSupport; }         // n_support_
    Vector intercept() const;                                               // intercept_
    double gamma() const { return m_kernel.gamma; }                         // _gamma
    const std::vector<long long>& nIter() const { return m_nIter; }        // n_iter_, per pair
    bool converged() const { return m_converged; }
    bool hasProbability() const { return m_probA.size() > 0; }

private:
    struct PairSolution;
    void resetFitted();
    void assemble(const std::vector<PairSolution>& pairs, const std::vector<int>& codes, const Matrix& X);

    bool m_fitted = false;
    SvmKernel m_kernel;
    std::vector<double> m_classes;
    std::vector<Eigen::Index> m_support;
    Matrix m_supportVectors;  // nSV x d
    std::vector<int> m_nSupport;
    Matrix m_dualCoef;        // nSV x pairs: αᵢyᵢ of each support vector in each pair (0 if absent)
    Vector m_rho;             // per pair
    Vector m_probA, m_probB;  // Platt sigmoid per pair (empty without probability)
    std::vector<long long> m_nIter;
    bool m_converged = false;
    Eigen::Index m_nFeatures = 0;
};

}  // namespace dslab
