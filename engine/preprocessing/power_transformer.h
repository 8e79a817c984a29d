// PowerTransformer, scikit-learn's: a per-column power transform that makes
// the data more Gaussian-like. Yeo-Johnson (default) works for any sign;
// Box-Cox needs strictly positive data (a DataError names the column
// otherwise, at fit and at transform). Each column's lambda maximises the
// Gaussian log-likelihood of the transformed column, found with Brent's
// method from the bracket (-2, 2), as scikit-learn and SciPy do. With
// standardize (default) the output is then scaled to zero mean, unit
// variance by an inner StandardScaler. NaN is ignored when fitting and stays
// NaN; a column with no value at all is a DataError.
#pragma once

#include "engine/core/component.h"
#include "engine/preprocessing/standard_scaler.h"

namespace dslab {

class PowerTransformer : public Transformer {
public:
    std::string typeName() const override { return "PowerTransformer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    Matrix inverseTransform(const Matrix& X) const;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's lambdas_.
    const Vector& lambdas() const { return m_lambdas; }

    // The transforms for one value, as scikit-learn's _yeo_johnson_transform
    // and SciPy's special.boxcox.
    static double yeoJohnson(double x, double lambda);
    static double boxCox(double x, double lambda);

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    void checkInput(const Matrix& X) const;
    Matrix powerTransform(const Matrix& X) const;
    Vector m_lambdas;
    StandardScaler m_scaler;  // fitted on the transformed data when standardize is on
    bool m_fitted = false;
};

}  // namespace dslab
