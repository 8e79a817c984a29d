// IterativeImputer, scikit-learn 1.2's (sample_posterior false,
// n_nearest_features None): fills the gaps with a SimpleImputer first
// (initial_strategy), then, round after round, regresses each feature on all
// the others over the rows where it was observed and replaces its missing
// entries with the regression's predictions. Features are visited in
// imputation_order (ascending: fewest missing first, stable). It stops after
// max_iter rounds or when a round moves no filled value by more than
// tol * max|observed value|. The fitted state is the sequence of (feature,
// weights, intercept) regressions, which transform replays on new rows.
// The regressor is BayesianRidge (scikit-learn's default), Ridge or
// LinearRegression, each with its defaults. A column entirely missing at fit
// time is dropped, as SimpleImputer does; add_indicator appends
// MissingIndicator columns.
#pragma once

#include "engine/core/component.h"
#include "engine/preprocessing/missing_indicator.h"
#include "engine/preprocessing/simple_imputer.h"

#include <vector>

namespace dslab {

class IterativeImputer : public Transformer {
public:
    std::string typeName() const override { return "IterativeImputer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Matrix& X, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Matrix& X) const override;
    // The fit's own result (scikit-learn's fit_transform); equal to transform(X).
    Matrix fitTransform(const Matrix& X, TrainContext& ctx);
    StringList featureNamesOut(const StringList& namesIn) const override;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's n_iter_: rounds run (0 when nothing needed imputing).
    int nIter() const { return m_nIter; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    struct Regression {
        Eigen::Index feature = 0;  // among the kept columns
        Vector coef;               // over every other kept column, in order
        double intercept = 0;
    };
    // Fills the kept columns' gaps of X (already initially imputed) in place.
    void imputeOne(Matrix& filled, const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>& missing,
                   const Regression& r) const;
    Matrix initialFill(const Matrix& X, Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>& missing) const;

    SimpleImputer m_initial;
    MissingIndicator m_indicator;
    std::vector<Eigen::Index> m_kept;
    std::vector<Regression> m_sequence;
    Eigen::Index m_inputColumns = 0;
    int m_nIter = 0;
    bool m_fitted = false;
};

}  // namespace dslab
