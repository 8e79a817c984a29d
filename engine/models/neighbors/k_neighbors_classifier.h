// KNeighborsClassifier: the class of a sample is the (optionally
// distance-weighted) vote of its k nearest training samples, with
// scikit-learn's parameters, tie rules and predict_proba.
#pragma once

#include "engine/models/neighbors/k_neighbors_base.h"

namespace dslab {

class KNeighborsClassifier final : public KNeighborsBase {
public:
    std::string typeName() const override { return "KNeighborsClassifier"; }
    bool isClassifier() const override { return true; }
    void fit(const Matrix& X, const Vector& y, TrainContext& ctx) override;
    // The class with the largest vote; ties go to the smallest class, as in scikit-learn.
    Vector predict(const Matrix& X) const override;
    // Vote shares: neighbour counts (or weights) per class divided by their total.
    Matrix predictProba(const Matrix& X) const override;
    const std::vector<double>& classes() const override { return m_classes; }

private:
    void onTargetSet() override;

    std::vector<double> m_classes;
    std::vector<int> m_codes;  // class index of each training row
};

}  // namespace dslab
