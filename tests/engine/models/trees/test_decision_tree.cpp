// DecisionTreeClassifier / DecisionTreeRegressor: scikit-learn's trees on
// iris and diabetes, a tree small enough to check by hand, stopping rules,
// bad input and saved state.
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/regression_metrics.h"
#include "engine/models/trees/decision_tree.h"
#include "tests/engine/models/trees/tree_test_data.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <cmath>
#include <numeric>

using namespace dslab;

namespace {

TrainContext seeded(std::uint64_t seed)
{
    TrainContext ctx;
    ctx.seed = seed;
    return ctx;
}

// Six rows on one feature; the best splits are x <= 2.5, then x <= 5.5 (see tinyTree).
void tinyData(Matrix& X, Vector& y)
{
    X.resize(6, 1);
    X << 1, 2, 3, 4, 5, 6;
    y.resize(6);
    y << 0, 0, 1, 1, 1, 0;
}

}  // namespace

class TestDecisionTree : public QObject {
    Q_OBJECT

private slots:
    // Expected values from:
    //   /usr/bin/python3 tests/engine/models/trees/data/make_tree_reference.py
    // DecisionTreeClassifier(max_depth=4, random_state=s) on the iris split;
    // the engine draws features like scikit-learn, so seed s gives its tree.
    void irisDepth4MatchesScikitLearn_data()
    {
        QTest::addColumn<int>("seed");
        QTest::addColumn<double>("accuracy");
        QTest::addColumn<QVector<double>>("importances");
        QTest::newRow("seed 0") << 0 << 0.9736842105263158
                                << QVector<double>{0.017858566531132904, 0.0, 0.029556581768971135, 0.952584851699896};
        QTest::newRow("seed 1") << 1 << 0.9473684210526315
                                << QVector<double>{0.008185176326769258, 0.0, 0.039229971973334776, 0.952584851699896};
        QTest::newRow("seed 2") << 2 << 0.9736842105263158
                                << QVector<double>{0.008185176326769258, 0.017858566531132904, 0.02137140544220188,
                                                   0.952584851699896};
    }
    void irisDepth4MatchesScikitLearn()
    {
        QFETCH(int, seed);
        QFETCH(double, accuracy);
        QFETCH(QVector<double>, importances);
        const auto d = test::loadTreeSplit("iris");
        DecisionTreeClassifier tree;
        tree.setParam("max_depth", 4LL);
        TrainContext ctx = seeded(static_cast<std::uint64_t>(seed));
        tree.fit(d.trainX, d.trainY, ctx);
        QCOMPARE(dslab::accuracy(d.testY, tree.predict(d.testX)), accuracy);
        const auto imp = tree.featureImportances();
        QCOMPARE(static_cast<int>(imp.size()), 4);
        for (int f = 0; f < 4; ++f)
            QVERIFY2(std::abs(imp[static_cast<std::size_t>(f)] - importances[f]) < 1e-12, qPrintable(QString::number(f)));
        QCOMPARE(tree.tree().depth(), 4);
    }

    void handComputedTree()
    {
        // Root gini 0.5. Best root split x <= 2.5: left {0,0} is pure, right
        // {1,1,1,0} has gini 1 - (9+1)/16 = 0.375 (weighted 0.25, against
        // 0.333 for x <= 4.5 and 0.4 or more elsewhere). In the right node
        // x <= 5.5 isolates the 0: children pure.
        Matrix X;
        Vector y;
        tinyData(X, y);
        DecisionTreeClassifier model;
        TrainContext ctx;
        model.fit(X, y, ctx);
        const TreeArrays& t = model.tree();
        QCOMPARE(t.nodeCount(), 5);
        QCOMPARE(t.feature, (std::vector<int>{0, -1, 0, -1, -1}));
        QCOMPARE(t.threshold, (std::vector<double>{2.5, 0, 5.5, 0, 0}));
        QCOMPARE(t.left, (std::vector<int>{1, -1, 3, -1, -1}));
        QCOMPARE(t.right, (std::vector<int>{2, -1, 4, -1, -1}));
        QCOMPARE(t.samples, (std::vector<int>{6, 2, 4, 3, 1}));
        QCOMPARE(t.cover, (std::vector<double>{6, 2, 4, 3, 1}));
        QCOMPARE(t.impurity, (std::vector<double>{0.5, 0, 0.375, 0, 0}));
        QCOMPARE(t.value, (std::vector<double>{0.5, 0.5, 1, 0, 0.25, 0.75, 0, 1, 1, 0}));
        // gains: 6 * 0.5 - 4 * 0.375 = 1.5, and 4 * 0.375 = 1.5
        QCOMPARE(t.gain, (std::vector<double>{1.5, 0, 1.5, 0, 0}));
        QCOMPARE(model.featureImportances(), std::vector<double>{1.0});
        Matrix probe(4, 1);
        probe << 2.5, 2.6, 5.5, 5.6;  // thresholds go left
        const Matrix p = model.predictProba(probe);
        QCOMPARE(p(0, 0), 1.0);
        QCOMPARE(p(1, 1), 1.0);
        QCOMPARE(p(2, 1), 1.0);
        QCOMPARE(p(3, 0), 1.0);
    }

    void handComputedRegressionTree()
    {
        // y = 1, 1, 3, 3: one split at 2.5 into two pure leaves (means 1 and 3);
        // root impurity = variance = 1.
        Matrix X(4, 1);
        X << 1, 2, 3, 4;
        Vector y(4);
        y << 1, 1, 3, 3;
        DecisionTreeRegressor model;
        TrainContext ctx;
        model.fit(X, y, ctx);
        const TreeArrays& t = model.tree();
        QCOMPARE(t.nodeCount(), 3);
        QCOMPARE(t.threshold[0], 2.5);
        QCOMPARE(t.impurity[0], 1.0);
        QCOMPARE(t.value, (std::vector<double>{2, 1, 3}));
        QCOMPARE(model.predict(X), y);
    }

    void stoppingRules()
    {
        Matrix X;
        Vector y;
        tinyData(X, y);
        TrainContext ctx;
        DecisionTreeClassifier stump;
        stump.setParam("max_depth", 1LL);
        stump.fit(X, y, ctx);
        QCOMPARE(stump.tree().nodeCount(), 3);

        DecisionTreeClassifier leafy;
        leafy.setParam("min_samples_leaf", 2LL);  // the single 0 at x = 6 cannot be cut off
        leafy.fit(X, y, ctx);
        for (int n = 0; n < leafy.tree().nodeCount(); ++n)
            QVERIFY(leafy.tree().samples[static_cast<std::size_t>(n)] >= 2);

        DecisionTreeClassifier split;
        split.setParam("min_samples_split", 5LL);  // the 4-row right node stays a leaf
        split.fit(X, y, ctx);
        QCOMPARE(split.tree().nodeCount(), 3);

        // The second split improves impurity by 1.5 / 6 = 0.25 of the total weight.
        DecisionTreeClassifier decrease;
        decrease.setParam("min_impurity_decrease", 0.26);
        decrease.fit(X, y, ctx);
        QCOMPARE(decrease.tree().nodeCount(), 1);
        decrease.setParam("min_impurity_decrease", 0.24);
        decrease.fit(X, y, ctx);
        QCOMPARE(decrease.tree().nodeCount(), 5);
    }

    void entropyAndClassWeight()
    {
        Matrix X;
        Vector y;
        tinyData(X, y);
        TrainContext ctx;
        DecisionTreeClassifier tree;
        tree.setParam("criterion", std::string("entropy"));
        tree.fit(X, y, ctx);
        QVERIFY(std::abs(tree.tree().impurity[0] - 1.0) < 1e-12);  // 50/50: one bit

        // Three 0s and one 1 on the same x: balanced weights make the 1 count
        // as much as the three 0s, so the leaf is a tie.
        Matrix Xi(4, 1);
        Xi << 1, 1, 1, 1;
        Vector yi(4);
        yi << 0, 0, 0, 1;
        DecisionTreeClassifier balanced;
        balanced.setParam("class_weight", std::string("balanced"));
        balanced.fit(Xi, yi, ctx);
        QCOMPARE(balanced.predictProba(Xi)(0, 1), 0.5);
        DecisionTreeClassifier plain;
        plain.fit(Xi, yi, ctx);
        QCOMPARE(plain.predictProba(Xi)(0, 1), 0.25);
    }

    void maxFeaturesUsesTheSeed()
    {
        const auto d = test::loadTreeSplit("digits");
        DecisionTreeClassifier a, b;
        a.setParam("max_features", std::string("sqrt"));
        b.setParam("max_features", std::string("sqrt"));
        TrainContext c1 = seeded(3), c2 = seeded(3);
        a.fit(d.trainX, d.trainY, c1);
        b.fit(d.trainX, d.trainY, c2);
        QCOMPARE(a.tree().threshold, b.tree().threshold);
        QCOMPARE(a.tree().feature, b.tree().feature);
        DecisionTreeClassifier fraction;
        fraction.setParam("max_features", std::string("fraction"));
        fraction.setParam("max_features_fraction", 0.25);
        TrainContext c3 = seeded(4);
        fraction.fit(d.trainX, d.trainY, c3);
        QVERIFY(dslab::accuracy(d.testY, fraction.predict(d.testX)) > 0.7);
    }

    // DecisionTreeRegressor(max_depth=4, random_state=0) on the diabetes split.
    void diabetesRegressionMatchesScikitLearn()
    {
        const auto d = test::loadTreeSplit("diabetes", true);
        DecisionTreeRegressor tree;
        tree.setParam("max_depth", 4LL);
        TrainContext ctx;
        tree.fit(d.trainX, d.trainY, ctx);
        const double r2 = r2Score(d.testY, tree.predict(d.testX));
        QVERIFY2(std::abs(r2 - 0.08407514204445954) < 1e-9, qPrintable(QString::number(r2, 'g', 17)));
        const auto imp = tree.featureImportances();
        QVERIFY(std::abs(std::accumulate(imp.begin(), imp.end(), 0.0) - 1.0) < 1e-12);
    }

    void saveAndLoadGiveIdenticalPredictions()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        DecisionTreeClassifier tree;
        TrainContext ctx;
        tree.fit(d.trainX, d.trainY, ctx);
        nlohmann::json state;
        tree.saveState(state);
        DecisionTreeClassifier loaded;
        loaded.loadState(nlohmann::json::parse(state.dump()));
        QVERIFY(loaded.isFitted());
        QCOMPARE(loaded.predictProba(d.testX), tree.predictProba(d.testX));
        QCOMPARE(loaded.featureImportances(), tree.featureImportances());
        QCOMPARE(loaded.classes(), tree.classes());
    }

    void damagedStateThrowsFormatError()
    {
        Matrix X;
        Vector y;
        tinyData(X, y);
        DecisionTreeClassifier tree;
        TrainContext ctx;
        tree.fit(X, y, ctx);
        nlohmann::json state;
        tree.saveState(state);
        auto expectFormatError = [](nlohmann::json s) {
            DecisionTreeClassifier t;
            QVERIFY_THROWS_EXCEPTION(FormatError, t.loadState(s));
            QVERIFY(!t.isFitted());
        };
        auto s = state;
        s["trees"][0]["left"][0] = 7;  // out of range
        expectFormatError(s);
        s = state;
        s["trees"][0]["left"][2] = 0;  // a cycle back to the root
        expectFormatError(s);
        s = state;
        s["trees"][0]["feature"][0] = 3;  // the model has one feature
        expectFormatError(s);
        s = state;
        s["trees"][0]["value"].erase(0);
        expectFormatError(s);
        s = state;
        s["trees"][0]["threshold"][0] = "high";
        expectFormatError(s);
        s = state;
        s.erase("classes");
        expectFormatError(s);
        expectFormatError(nlohmann::json::array());
    }

    void badInput()
    {
        DecisionTreeClassifier tree;
        Matrix X;
        Vector y;
        tinyData(X, y);
        QVERIFY_THROWS_EXCEPTION(NotFittedError, tree.predict(X));
        QVERIFY_THROWS_EXCEPTION(NotFittedError, tree.predictProba(X));

        Matrix withNaN(6, 3);
        withNaN.setOnes();
        withNaN(4, 2) = std::nan("");
        TrainContext ctx;
        try {
            tree.fit(withNaN, y, ctx);
            QFAIL("NaN accepted");
        } catch (const DataError& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("column 2") && message.contains("SimpleImputer"), e.what());
        }

        Vector oneClass = Vector::Zero(6);
        QVERIFY_THROWS_EXCEPTION(DataError, tree.fit(X, oneClass, ctx));
        QVERIFY_THROWS_EXCEPTION(DataError, tree.fit(X, Vector::Zero(5), ctx));

        QVERIFY_THROWS_EXCEPTION(ParamError, tree.setParam("max_depth", 0LL));
        QVERIFY_THROWS_EXCEPTION(ParamError, tree.setParam("min_samples_split", 1LL));
        QVERIFY_THROWS_EXCEPTION(ParamError, tree.setParam("min_samples_leaf", 0LL));
        QVERIFY_THROWS_EXCEPTION(ParamError, tree.setParam("criterion", std::string("squared_error")));
        QVERIFY_THROWS_EXCEPTION(ParamError, tree.setParam("max_features", std::string("half")));
        QVERIFY_THROWS_EXCEPTION(ParamError, tree.setParam("max_features_fraction", 0.0));
        QVERIFY_THROWS_EXCEPTION(ParamError, tree.setParam("min_impurity_decrease", -1.0));
        tree.setParam("max_depth", ParamValue{});  // None is allowed

        tree.fit(X, y, ctx);
        QVERIFY_THROWS_EXCEPTION(DataError, tree.predict(Matrix::Zero(2, 3)));  // 3 columns, fitted on 1
    }
};

QTEST_GUILESS_MAIN(TestDecisionTree)
#include "test_decision_tree.moc"
