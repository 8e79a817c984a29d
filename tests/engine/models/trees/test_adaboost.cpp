// AdaBoostClassifier (SAMME): accuracy against scikit-learn, hand-checked
// first round, per-round reports, bad input and saved state.
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/models/trees/adaboost.h"
#include "tests/engine/models/trees/tree_test_data.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <cmath>
#include <numeric>

using namespace dslab;

namespace {
struct Recorder : TrainObserver {
    std::vector<TrainStep> steps;
    void onStep(const TrainStep& step, const Predictor&) override { steps.push_back(step); }
};
}  // namespace

class TestAdaBoost : public QObject {
    Q_OBJECT

private slots:
    // Expected values from:
    //   /usr/bin/python3 tests/engine/models/trees/data/make_tree_reference.py
    // AdaBoostClassifier(n_estimators=50, algorithm="SAMME", random_state=0)
    // with its default stumps: accuracy 0.9580, AUC 0.9937.
    void matchesScikitLearn()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        AdaBoostClassifier model;
        Recorder recorder;
        TrainContext ctx;
        ctx.observer = &recorder;
        model.fit(d.trainX, d.trainY, ctx);
        const double acc = dslab::accuracy(d.testY, model.predict(d.testX));
        const double auc = rocAuc(d.testY, model.predictProba(d.testX).col(1));
        qInfo("breast_cancer: accuracy %.4f (scikit-learn 0.9580), AUC %.4f (0.9937)", acc, auc);
        QVERIFY(acc >= 0.958041958041958 - 0.01);
        QVERIFY(auc >= 0.9937106918238994 - 0.01);
        QCOMPARE(static_cast<int>(recorder.steps.size()), 50);
        QCOMPARE(static_cast<int>(model.trees().size()), 50);
        for (const auto& t : model.trees())
            QCOMPARE(t.depth(), 1);
        for (const auto& s : recorder.steps) {
            QVERIFY(s.metrics.count("estimator_error") == 1);
            QVERIFY(s.metrics.at("estimator_weight") > 0);
        }
        QVERIFY(recorder.steps.back().metrics.at("train_accuracy") > 0.97);
        const auto imp = model.featureImportances();
        QVERIFY(std::abs(std::accumulate(imp.begin(), imp.end(), 0.0) - 1.0) < 1e-12);
    }

    void firstRoundByHand()
    {
        // One stump cannot fit x = 1..5 with labels 0 0 1 1 0: the best split
        // x <= 2.5 gets the last row wrong, error 1/5, so its vote weighs
        // ln((1 - 0.2) / 0.2) = ln 4.
        Matrix X(5, 1);
        X << 1, 2, 3, 4, 5;
        Vector y(5);
        y << 0, 0, 1, 1, 0;
        AdaBoostClassifier model;
        model.setParam("n_estimators", 1LL);
        TrainContext ctx;
        model.fit(X, y, ctx);
        QCOMPARE(model.estimatorErrors(), std::vector<double>{0.2});
        QVERIFY(std::abs(model.treeWeight(0) - std::log(4.0)) < 1e-15);
        QCOMPARE(model.trees()[0].threshold[0], 2.5);
        // Two classes: decision = +-1 (the normalized vote), P = softmax(-d/2, d/2).
        const Matrix p = model.predictProba(X);
        QVERIFY(std::abs(p(0, 1) - 1.0 / (1.0 + std::exp(1.0))) < 1e-15);
        QCOMPARE(model.predict(X)(4), 1.0);
    }

    void perfectLearnerStopsEarly()
    {
        Matrix X(4, 1);
        X << 1, 2, 3, 4;
        Vector y(4);
        y << 0, 0, 1, 1;
        AdaBoostClassifier model;
        TrainContext ctx;
        model.fit(X, y, ctx);
        QCOMPARE(model.trees().size(), std::size_t{1});
        QCOMPARE(model.treeWeight(0), 1.0);
        QCOMPARE(model.predict(X), y);
    }

    void multiclassAndSaveLoad()
    {
        const auto d = test::loadTreeSplit("iris");
        AdaBoostClassifier model;
        model.setParam("max_depth", 2LL);
        model.setParam("learning_rate", 0.5);
        TrainContext ctx;
        model.fit(d.trainX, d.trainY, ctx);
        QVERIFY(dslab::accuracy(d.testY, model.predict(d.testX)) > 0.9);
        QCOMPARE(model.decisionFunction(d.testX).cols(), Eigen::Index{3});
        nlohmann::json state;
        model.saveState(state);
        AdaBoostClassifier loaded;
        loaded.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(loaded.predictProba(d.testX), model.predictProba(d.testX));
        QCOMPARE(loaded.estimatorErrors(), model.estimatorErrors());
        state["estimator_errors"].erase(0);
        QVERIFY_THROWS_EXCEPTION(FormatError, loaded.loadState(state));
    }

    void badInput()
    {
        AdaBoostClassifier model;
        Matrix X = Matrix::Random(10, 2);
        QVERIFY_THROWS_EXCEPTION(NotFittedError, model.predict(X));
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(DataError, model.fit(X, Vector::Ones(10), ctx));
        X(2, 0) = std::nan("");
        QVERIFY_THROWS_EXCEPTION(DataError, model.fit(X, Vector::LinSpaced(10, 0, 1).array().round(), ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("learning_rate", 0.0));
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("max_depth", 0LL));
    }
};

QTEST_GUILESS_MAIN(TestAdaBoost)
#include "test_adaboost.moc"
