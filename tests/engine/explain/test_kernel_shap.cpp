// KernelSHAP: with every coalition enumerated it gives the exact Shapley
// values of the interventional game (checked against a brute force and
// against interventional TreeSHAP), it is additive, sampling recovers an
// additive model's values, the background summary is weighted k-means.
#include "engine/core/errors.h"
#include "engine/explain/kernel_shap.h"
#include "engine/explain/tree_shap.h"
#include "engine/models/linear/linear_regression.h"
#include "engine/models/trees/gradient_boosting.h"
#include "tests/engine/explain/explain_test_data.h"

#include <QtTest>

using namespace dslab;

namespace {

constexpr int kFeatures = 6;

// The brute-force value of a coalition: weighted mean output over the
// background with the coalition's features taken from x.
Vector interventionalValue(const Predictor& model, const Vector& x, const ShapBackground& bg, unsigned s)
{
    Matrix mixed = bg.rows;
    for (int f = 0; f < static_cast<int>(x.size()); ++f)
        if (s & (1u << f))
            mixed.col(f).setConstant(x(f));
    const Matrix out = model.isClassifier() ? model.predictProba(mixed) : Matrix(model.predict(mixed));
    return out.transpose() * (bg.weights / bg.weights.sum());
}

// f(x) = x0 * x1 + x2: x3 plays no part, x0 and x1 play the same part.
class ProductModel final : public Predictor {
public:
    bool isClassifier() const override { return false; }
    Vector predict(const Matrix& X) const override
    {
        return X.col(0).cwiseProduct(X.col(1)) + X.col(2);
    }
    Matrix predictProba(const Matrix&) const override { throw ParamError("a regressor has no probabilities"); }
};

}  // namespace

class TestKernelShap : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_X = test::explainFeatures(300, kFeatures, 21);
        const Vector target = test::explainTarget(m_X, 22);
        TrainContext ctx;
        m_classifier.setParam("n_estimators", 20LL);
        m_classifier.setParam("max_depth", 3LL);
        m_classifier.fit(m_X, test::explainClasses(target, 3), ctx);
        m_regressor.setParam("n_estimators", 20LL);
        m_regressor.setParam("max_depth", 4LL);
        m_regressor.fit(m_X, target, ctx);
        m_rows = test::explainFeatures(6, kFeatures, 23);
    }

    void exactEnumerationEqualsBruteForce()
    {
        const ShapBackground bg = summarizeBackground(m_X, 5, 1);
        double worst = 0, worstAdd = 0;
        for (const Predictor* model : {static_cast<const Predictor*>(&m_classifier), static_cast<const Predictor*>(&m_regressor)}) {
            const ShapValues shap = kernelShap(*model, m_rows, bg);
            const Matrix out = model->isClassifier() ? model->predictProba(m_rows) : Matrix(model->predict(m_rows));
            QCOMPARE(static_cast<Eigen::Index>(shap.values.size()), out.cols());
            for (Eigen::Index i = 0; i < m_rows.rows(); ++i) {
                const Vector x = m_rows.row(i).transpose();
                const Matrix phi = test::bruteForceShapley(kFeatures, [&](unsigned s) { return interventionalValue(*model, x, bg, s); });
                for (Eigen::Index k = 0; k < out.cols(); ++k) {
                    const auto kk = static_cast<std::size_t>(k);
                    for (int f = 0; f < kFeatures; ++f)
                        worst = std::max(worst, std::abs(phi(k, f) - shap.values[kk](i, f)));
                    worstAdd = std::max(worstAdd, std::abs(shap.expectedValue[kk] + shap.values[kk].row(i).sum() - out(i, k)));
                }
            }
        }
        qInfo("KernelSHAP exact: max additivity error %.3g, max difference vs brute force %.3g", worstAdd, worst);
        QVERIFY(worstAdd < 1e-8);
        QVERIFY(worst < 1e-8);
    }

    // A regressor's predict is its raw output, so both algorithms solve the same game.
    void agreesWithInterventionalTreeShap()
    {
        const Matrix background = m_X.topRows(9);
        ShapBackground bg{background, Vector::Constant(9, 1.0 / 9)};
        const ShapValues kernel = kernelShap(m_regressor, m_rows, bg);
        const ShapValues tree = interventionalTreeShap(m_regressor, m_rows, background);
        const double diff = (kernel.values[0] - tree.values[0]).cwiseAbs().maxCoeff();
        qInfo("KernelSHAP vs interventional TreeSHAP: %.3g", diff);
        QVERIFY(diff < 1e-8);
        QVERIFY(std::abs(kernel.expectedValue[0] - tree.expectedValue[0]) < 1e-12);
    }

    // For a linear model the Shapley values are coef_j (x_j - E[x_j]) whatever
    // coalitions are used, so the sampled path must find them too.
    void samplingRecoversALinearModel()
    {
        const int m = 30;
        const Matrix X = test::explainFeatures(200, m, 31);
        Vector coef(m);
        for (int j = 0; j < m; ++j)
            coef(j) = (j % 5) - 2.0 + 0.1 * j;
        const Vector y = X * coef + Vector::Constant(200, 4.0);
        LinearRegression model;
        TrainContext ctx;
        model.fit(X, y, ctx);
        const ShapBackground bg = summarizeBackground(X, 10, 2);
        QCOMPARE(bg.rows.rows(), Eigen::Index{10});
        QVERIFY(std::abs(bg.weights.sum() - 1.0) < 1e-12);
        KernelShapOptions options;
        options.nSamples = 2048;
        options.seed = 5;
        const Matrix rows = X.topRows(3);
        const ShapValues shap = kernelShap(model, rows, bg, options);
        const Vector mean = bg.rows.transpose() * bg.weights;
        double err = 0;
        for (Eigen::Index i = 0; i < rows.rows(); ++i) {
            for (int j = 0; j < m; ++j)
                err = std::max(err, std::abs(shap.values[0](i, j) - coef(j) * (rows(i, j) - mean(j))));
        }
        qInfo("KernelSHAP sampled (30 features, 2048 coalitions) on a linear model: max error %.3g", err);
        QVERIFY(err < 1e-6);
        // The same seed gives the same values.
        const ShapValues again = kernelShap(model, rows, bg, options);
        QVERIFY(again.values[0] == shap.values[0]);
    }

    void samplingIsCloseOnANonlinearModel()
    {
        const ShapBackground bg = summarizeBackground(m_X, 5, 1);
        KernelShapOptions exact;
        KernelShapOptions sampled;
        sampled.exactMaxFeatures = 0;
        sampled.nSamples = 40;
        const ShapValues a = kernelShap(m_regressor, m_rows, bg, exact);
        const ShapValues b = kernelShap(m_regressor, m_rows, bg, sampled);
        const Vector out = m_regressor.predict(m_rows);
        for (Eigen::Index i = 0; i < m_rows.rows(); ++i)
            QVERIFY(std::abs(b.expectedValue[0] + b.values[0].row(i).sum() - out(i)) < 1e-9);
        const double diff = (a.values[0] - b.values[0]).cwiseAbs().maxCoeff();
        qInfo("KernelSHAP 40 sampled coalitions vs exact (6 features): max difference %.3g", diff);
        QVERIFY(diff < 0.2 * a.values[0].cwiseAbs().maxCoeff());
    }

    void dummyAndSymmetricFeatures()
    {
        // A background symmetric in x0 and x1: (a, b) and (b, a) with equal weights.
        Matrix rows(4, 4);
        rows << 0.5, -1.0, 0.2, 3.0,  //
            -1.0, 0.5, -0.4, -2.0,    //
            2.0, 1.5, 0.0, 1.0,       //
            1.5, 2.0, 1.0, 0.5;
        const ShapBackground bg{rows, Vector::Constant(4, 0.25)};
        Matrix x(1, 4);
        x << 1.25, 1.25, -0.5, 7.0;
        for (int exactMax : {12, 0}) {
            KernelShapOptions options;
            options.exactMaxFeatures = exactMax;
            options.nSamples = 10;
            const ShapValues shap = kernelShap(ProductModel(), x, bg, options);
            QVERIFY(std::abs(shap.values[0](0, 3)) < 1e-12);
            QVERIFY(std::abs(shap.values[0](0, 0) - shap.values[0](0, 1)) < 1e-12);
        }
    }

    void badInputIsRejected()
    {
        const ShapBackground bg = summarizeBackground(m_X, 3, 0);
        QVERIFY_THROWS_EXCEPTION(DataError, kernelShap(m_regressor, Matrix(2, 3), bg));
        QVERIFY_THROWS_EXCEPTION(DataError, summarizeBackground(Matrix(0, 3), 2));
        QVERIFY_THROWS_EXCEPTION(ParamError, summarizeBackground(m_X, 0));
    }

private:
    Matrix m_X, m_rows;
    GradientBoostingClassifier m_classifier;
    GradientBoostingRegressor m_regressor;
};

QTEST_GUILESS_MAIN(TestKernelShap)
#include "test_kernel_shap.moc"
