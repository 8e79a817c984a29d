// Model-agnostic inspection: permutation importance (noise ~0, signal > 0,
// seeded), partial dependence and ICE (exactly linear for a linear model,
// with the coefficient as slope; scikit-learn's grid and values), and LIME (recovers a
// linear model's standardized weights with a local R² near 1).
#include "engine/core/errors.h"
#include "engine/explain/lime_tabular_explainer.h"
#include "engine/explain/partial_dependence.h"
#include "engine/explain/permutation_importance.h"
#include "engine/models/linear/linear_regression.h"
#include "engine/models/trees/decision_tree.h"
#include "tests/engine/explain/explain_test_data.h"
#include "tests/support/reference_values.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace dslab;

namespace {

// y = 3 x0 - 2 x2 + small noise; x1 and x3 are noise.
void signalAndNoise(Matrix& X, Vector& y)
{
    X = test::explainFeatures(400, 4, 41);
    SeededRandom rng(42);
    y.resize(X.rows());
    for (Eigen::Index i = 0; i < X.rows(); ++i)
        y(i) = 3 * X(i, 0) - 2 * X(i, 2) + 0.05 * rng.normal();
}

}  // namespace

class TestModelInspection : public QObject {
    Q_OBJECT

private slots:
    void permutationImportanceFindsTheSignal()
    {
        Matrix X;
        Vector y;
        signalAndNoise(X, y);
        LinearRegression model;
        TrainContext ctx;
        model.fit(X, y, ctx);
        PermutationImportanceOptions options;
        options.nRepeats = 5;
        options.seed = 7;
        const PermutationImportance pi = permutationImportance(model, X, y, options);
        qInfo("R2 %.4f, importances %.4f %.4f %.4f %.4f", pi.baselineScore, pi.mean(0), pi.mean(1), pi.mean(2), pi.mean(3));
        QVERIFY(pi.baselineScore > 0.99);
        QVERIFY(pi.mean(0) > 1.0);
        QVERIFY(pi.mean(2) > 0.5);
        QVERIFY(std::abs(pi.mean(1)) < 0.005);
        QVERIFY(std::abs(pi.mean(3)) < 0.005);
        QCOMPARE(pi.importances.cols(), Eigen::Index{5});
        QVERIFY(pi.std(0) > 0);

        // Same seed, same result, on any thread count; another seed differs.
        options.threads = 2;
        const PermutationImportance again = permutationImportance(model, X, y, options);
        QVERIFY(again.importances == pi.importances);
        options.seed = 8;
        QVERIFY(permutationImportance(model, X, y, options).importances != pi.importances);
    }

    void permutationImportanceOfAClassifierUsesAccuracy()
    {
        Matrix X;
        Vector y;
        signalAndNoise(X, y);
        Vector labels(y.size());
        for (Eigen::Index i = 0; i < y.size(); ++i)
            labels(i) = X(i, 0) > 0 ? 1 : 0;
        DecisionTreeClassifier model;
        model.setParam("max_depth", 3LL);
        TrainContext ctx;
        model.fit(X, labels, ctx);
        const PermutationImportance pi = permutationImportance(model, X, labels);
        QCOMPARE(pi.baselineScore, 1.0);
        QVERIFY(pi.mean(0) > 0.3);
        for (int j : {1, 2, 3})
            QCOMPARE(pi.mean(j), 0.0);  // the tree never looks at them
        // A custom scorer is used as given.
        PermutationImportanceOptions options;
        options.scorer = [](const Predictor&, const Matrix&, const Vector&) { return 1.0; };
        QCOMPARE(permutationImportance(model, X, labels, options).mean.cwiseAbs().maxCoeff(), 0.0);
        QVERIFY_THROWS_EXCEPTION(DataError, permutationImportance(model, X, labels.head(3)));
    }

    void partialDependenceOfALinearModelIsItsCoefficient()
    {
        Matrix X;
        Vector y;
        signalAndNoise(X, y);
        LinearRegression model;
        TrainContext ctx;
        model.fit(X, y, ctx);
        const PartialDependence pd = partialDependence(model, X, {0});
        QCOMPARE(pd.grid[0].size(), Eigen::Index{100});
        QCOMPARE(pd.average.rows(), Eigen::Index{1});
        double worst = 0;
        for (Eigen::Index g = 1; g < pd.grid[0].size(); ++g) {
            const double slope = (pd.average(0, g) - pd.average(0, g - 1)) / (pd.grid[0](g) - pd.grid[0](g - 1));
            worst = std::max(worst, std::abs(slope - model.coef()(0)));
        }
        // The curve is the prediction at the mean of the other features.
        Vector at = X.colwise().mean().transpose();
        at(0) = pd.grid[0](10);
        QVERIFY(std::abs(pd.average(0, 10) - (model.intercept() + model.coef().dot(at))) < 1e-9);
        qInfo("PD slope vs coefficient: max difference %.3g", worst);
        QVERIFY(worst < 1e-9);
        // ICE: one curve per row, averaging to the PD curve.
        QCOMPARE(pd.individual[0].rows(), X.rows());
        QVERIFY((pd.individual[0].colwise().mean() - pd.average.row(0)).cwiseAbs().maxCoeff() < 1e-12);

        // A pair: a plane with both coefficients as slopes.
        PartialDependenceOptions small;
        small.gridResolution = 5;
        const PartialDependence pair = partialDependence(model, X, {0, 2}, small);
        QCOMPARE(pair.average.cols(), Eigen::Index{25});
        const double d0 = pair.average(0, 5) - pair.average(0, 0);
        const double d2 = pair.average(0, 1) - pair.average(0, 0);
        QVERIFY(std::abs(d0 / (pair.grid[0](1) - pair.grid[0](0)) - model.coef()(0)) < 1e-9);
        QVERIFY(std::abs(d2 / (pair.grid[1](1) - pair.grid[1](0)) - model.coef()(2)) < 1e-9);
    }

    // The grid's ends are scipy's mquantiles (alphap = betap = 0.4) of the
    // column at 5% and 95%: for 0..99, m = 0.4 + 0.2 p, so the 5% end is
    // x[4] + 0.41 (x[5] - x[4]) = 4.41 and the 95% end is 94.59.
    void gridMatchesScikitLearn()
    {
        Vector column(100);
        for (int i = 0; i < 100; ++i)
            column(i) = 99 - i;
        PartialDependenceOptions options;
        options.gridResolution = 10;
        const Vector grid = partialDependenceGrid(column, options);
        QCOMPARE(grid.size(), Eigen::Index{10});
        QVERIFY(std::abs(grid(0) - 4.41) < 1e-12);
        QVERIFY(std::abs(grid(9) - 94.59) < 1e-12);
        // Fewer distinct values than the resolution: the values themselves.
        Vector few(6);
        few << 3, 1, 2, 3, 1, 2;
        QVERIFY(partialDependenceGrid(few) == (Vector(3) << 1, 2, 3).finished());
        QVERIFY_THROWS_EXCEPTION(ParamError, partialDependence(LinearRegression(), few, {2}));
    }

    // Expected values from:
    //   /usr/bin/python3 tests/engine/explain/data/make_pd_reference.py
    // scikit-learn 1.2.1 partial_dependence(kind="both", method="brute") of a
    // LinearRegression on diabetes: a continuous feature, a two-valued one, a pair.
    void partialDependenceMatchesScikitLearn()
    {
        std::ifstream in(test::resourceDir() + "/tests/engine/explain/data/pd_expected.json");
        QVERIFY(in.good());
        const nlohmann::json expected = nlohmann::json::parse(in);
        const Dataset data = test::builtin("diabetes");
        const Matrix X = data.featureMatrix();
        LinearRegression model;
        TrainContext ctx;
        model.fit(X, data.targetValues(), ctx);
        for (const auto& c : expected.at("cases")) {
            PartialDependenceOptions options;
            options.gridResolution = c.at("grid_resolution").get<int>();
            const auto features = c.at("features").get<std::vector<int>>();
            const PartialDependence pd = partialDependence(model, X, features, options);
            for (std::size_t f = 0; f < features.size(); ++f)
                QVERIFY2(test::sameValues(pd.grid[f], test::toVector(c.at("grid").at(f)), 1e-12), "grid");
            QVERIFY2(test::sameValues(pd.average.row(0).transpose(), test::toVector(c.at("average")), 1e-9), "average");
            QVERIFY2(test::sameValues(pd.individual[0].row(0).transpose(), test::toVector(c.at("individual_row0")), 1e-9),
                     "individual");
        }
    }

    void limeRecoversALinearModel()
    {
        Matrix X;
        Vector y;
        signalAndNoise(X, y);
        LinearRegression model;
        TrainContext ctx;
        model.fit(X, y, ctx);
        const LimeTabularExplainer explainer(X);
        LimeOptions options;
        options.nFeatures = 2;
        options.seed = 3;
        const LimeExplanation e = explainer.explain(model, X.row(5).transpose(), options);
        QCOMPARE(e.features.size(), std::size_t{2});
        QCOMPARE(e.features[0], 0);
        QCOMPARE(e.features[1], 2);
        // Standardized weights are coef * std; ridge's alpha = 1 barely shrinks them.
        for (std::size_t k = 0; k < 2; ++k) {
            const int f = e.features[k];
            const double expected = model.coef()(f) * explainer.scale()(f);
            qInfo("LIME weight of x%d: %.5f (coef * std %.5f)", f, e.weights[k], expected);
            QVERIFY(std::abs(e.weights[k] - expected) < 0.01 * std::abs(expected));
        }
        qInfo("LIME score %.6f, local prediction %.4f, model %.4f", e.score, e.localPrediction, e.modelPrediction);
        QVERIFY(e.score > 0.99);
        QVERIFY(std::abs(e.localPrediction - e.modelPrediction) < 0.05);
        // Seeded.
        const LimeExplanation again = explainer.explain(model, X.row(5).transpose(), options);
        QCOMPARE(again.weights, e.weights);
        QVERIFY_THROWS_EXCEPTION(DataError, explainer.explain(model, Vector::Zero(3), options));
        // A kernel so narrow that only the row itself counts is refused with the advice to widen it.
        options.kernelWidth = 0.01;
        try {
            explainer.explain(model, X.row(5).transpose(), options);
            QFAIL("a degenerate kernel was accepted");
        } catch (const DataError& error) {
            QVERIFY(QString(error.what()).contains("wider kernel"));
        }
    }

private:
};

QTEST_GUILESS_MAIN(TestModelInspection)
#include "test_model_inspection.moc"
