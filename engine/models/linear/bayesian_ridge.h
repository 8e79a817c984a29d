// BayesianRidge, scikit-learn 1.2's: ridge regression whose penalty is
// learned from the data. The weights have a Gaussian prior of precision
// lambda and the noise a precision alpha, both with Gamma hyperpriors
// (alpha_1 = alpha_2 = lambda_1 = lambda_2 = 1e-6); alpha and lambda are
// re-estimated by MacKay's evidence updates until the weights move less
// than tol (sum of absolute changes) or n_iter rounds. It is the default
// estimator of IterativeImputer, which is why it is here.
#pragma once

#include "engine/models/linear/linear_model.h"

namespace dslab {

class BayesianRidge : public LinearModel {
public:
    std::string typeName() const override { return "BayesianRidge"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;

    // scikit-learn's alpha_ (noise precision) and lambda_ (weight precision).
    double noisePrecision() const { return m_alpha; }
    double weightPrecision() const { return m_lambda; }

private:
    double m_alpha = 0;
    double m_lambda = 0;
};

}  // namespace dslab
