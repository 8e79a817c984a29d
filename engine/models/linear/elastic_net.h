// ElasticNet, scikit-learn's: 1/(2n) ||y - Xw - b||^2 + alpha l1_ratio ||w||_1
// + alpha (1 - l1_ratio) / 2 ||w||^2, by scikit-learn's cyclic coordinate descent and
// duality-gap stop; one sweep is one observable step. Lasso (lasso.h) is l1_ratio = 1.
#pragma once

#include "engine/models/linear/linear_model.h"

namespace dslab {

class ElasticNet : public LinearModel {
public:
    std::string typeName() const override { return "ElasticNet"; }
    const std::vector<ParamSpec>& paramSpecs() const override;
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    // Duality gap at the end of the last fit (scikit-learn's dual_gap_).
    double dualGap() const { return m_dualGap; }

protected:
    virtual double l1Ratio() const;

private:
    double m_dualGap = 0;
};

}  // namespace dslab
