// Deterministic sample data for the chart tests and the chart bench: a
// made-up churn model whose SHAP values are additive (linear terms plus one
// planted interaction between tenure_months and monthly_charges), so the
// pictures look like real ones and the expected answers are known.
#pragma once

#include <Eigen/Core>
#include <QStringList>
#include <cmath>
#include <random>

namespace dslab::samples {

struct ShapSample {
    Eigen::MatrixXd X;     // samples x features
    Eigen::MatrixXd shap;  // samples x features
    QStringList names;
    double expected = 0;   // E[f(X)] in log-odds
};

inline QStringList churnFeatureNames(int features)
{
    static const char* names[] = {"tenure_months", "monthly_charges", "contract_length", "support_calls",
                                  "age", "total_charges", "num_products", "late_payments",
                                  "has_partner", "paperless_billing", "streaming_tv", "online_security",
                                  "tech_support", "device_protection", "dependents", "senior_citizen",
                                  "payment_method_code", "region_code", "referrals", "satisfaction_score"};
    QStringList out;
    for (int j = 0; j < features; ++j)
        out << (j < 20 ? QString::fromLatin1(names[j]) : QStringLiteral("extra_%1").arg(j));
    return out;
}

// Feature 0 (tenure) interacts with feature 1 (monthly charges): the effect of
// tenure on the prediction depends on the charges.
inline ShapSample shapSample(int rows, int features, unsigned seed = 7)
{
    ShapSample s;
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    s.X.resize(rows, features);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < features; ++j)
            s.X(i, j) = normal(rng);
    // Weights deliberately not in column order, so sorting has work to do.
    Eigen::VectorXd w(features);
    for (int j = 0; j < features; ++j)
        w[j] = (j % 2 ? -1.0 : 1.0) * 1.6 / (1.0 + ((j * 7) % features));
    s.shap.resize(rows, features);
    const Eigen::RowVectorXd mean = s.X.colwise().mean();
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < features; ++j)
            s.shap(i, j) = w[j] * (s.X(i, j) - mean[j]);
    if (features > 1) {
        Eigen::VectorXd inter(rows);
        for (int i = 0; i < rows; ++i)
            inter[i] = 0.9 * s.X(i, 0) * s.X(i, 1);
        s.shap.col(0).array() += inter.array() - inter.mean();
    }
    s.names = churnFeatureNames(features);
    s.expected = -1.2;
    return s;
}

}  // namespace dslab::samples
