// Shared base of the linear regressors (LinearRegression, Ridge, Lasso,
// ElasticNet): predictions X w + b. It holds and saves the fitted coef and
// intercept and checks inputs; each subclass only says how it finds w and b.
#pragma once

#include "engine/core/component.h"

#include <map>
#include <string>

namespace dslab {

class LinearModel : public Estimator {
public:
    bool isFitted() const override { return m_fitted; }
    bool isClassifier() const override { return false; }
    Vector predict(const Matrix& X) const override;

    // scikit-learn's coef_ (one weight per feature) and intercept_.
    const Vector& coef() const { return m_coef; }
    double intercept() const { return m_intercept; }
    // Coordinate-descent sweeps of the last fit (1 for closed-form models).
    int nIter() const { return m_nIter; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

protected:
    // The training data with the column means (and the mean of y) removed
    // when an intercept is fitted, as scikit-learn's _preprocess_data does:
    // the intercept then follows from the means and needs no penalty.
    struct CenteredData {
        Matrix X;
        Vector y;
        Vector xMean;
        double yMean = 0;
    };
    // Checks X and y (DataError for missing values, mismatched lengths) and centers them.
    CenteredData centeredTrainingData(const Matrix& X, const Vector& y, bool fitIntercept) const;

    void setFitted(Vector coef, double intercept, int nIter);
    // Intercept for weights fitted on centered data.
    static double interceptFor(const CenteredData& data, const Vector& coef);
    // Reports a finished step: mean squared error on the training (and
    // validation) data plus `metrics`. trainMse < 0 means "compute it".
    void reportStep(TrainContext& ctx, const Matrix& X, const Vector& y, int step, int totalSteps, bool finalStep,
                    double trainMse, std::map<std::string, double> metrics) const;

private:
    Vector m_coef;
    double m_intercept = 0;
    int m_nIter = 0;
    bool m_fitted = false;
};

}  // namespace dslab
