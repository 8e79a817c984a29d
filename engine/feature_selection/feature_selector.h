// What the feature selectors share (scikit-learn's SelectorMixin): fit
// decides which input columns to keep, transform keeps them in their
// original order, and the fitted state is the kept column indices.
#pragma once

#include "engine/core/component.h"

namespace dslab {

class FeatureSelector : public Transformer {
public:
    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    StringList featureNamesOut(const StringList& namesIn) const override;
    bool isFitted() const override { return m_fitted; }
    // Indices of the kept input columns, increasing (get_support(indices=True)).
    const std::vector<Eigen::Index>& support() const { return m_support; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

protected:
    // Returns the kept column indices; X has at least one row and column.
    virtual std::vector<Eigen::Index> selectColumns(const Matrix& X, const Vector* y, TrainContext& ctx) = 0;
    // Extra fitted attributes (scores, ranking) beside the support.
    virtual void saveExtra(nlohmann::json&) const {}
    virtual void loadExtra(const nlohmann::json&) {}
    // y as class codes, or DataError naming the selector when it is missing.
    const Vector& requireTarget(const Vector* y) const;

private:
    std::vector<Eigen::Index> m_support;
    Eigen::Index m_featuresIn = 0;
    bool m_fitted = false;
};

}  // namespace dslab
