// KNNImputer, scikit-learn's: fills a missing value with the mean of that
// column over the n_neighbors nearest training rows that have it, distance
// being scikit-learn's nan_euclidean (Euclidean over the coordinates both
// rows have, scaled up by n_features / n_present). weights "distance"
// averages with weights 1/d (a donor at distance 0 takes all the weight).
// A row that shares no coordinate with any donor gets the column mean. As
// in scikit-learn 1.2, a column entirely missing at fit time is dropped. The
// training table is kept (it is the model), so saved state grows with it.
// add_indicator appends MissingIndicator columns (missing-only, no error on
// new gaps), as scikit-learn.
#pragma once

#include "engine/core/component.h"
#include "engine/preprocessing/missing_indicator.h"

namespace dslab {

class KNNImputer : public Transformer {
public:
    std::string typeName() const override { return "KNNImputer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    StringList featureNamesOut(const StringList& namesIn) const override;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's nan_euclidean distance between two rows (NaN when they
    // share no present coordinate).
    static double nanEuclidean(const Eigen::Ref<const Eigen::RowVectorXd>& a,
                               const Eigen::Ref<const Eigen::RowVectorXd>& b);

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    Matrix m_fitX;
    MissingIndicator m_indicator;
    bool m_fitted = false;
};

}  // namespace dslab
