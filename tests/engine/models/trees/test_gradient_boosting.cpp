// GradientBoostingClassifier / GradientBoostingRegressor (XGBoost-style):
// accuracy against XGBoost 1.7, early stopping on a hand-computable case,
// per-round reports, determinism across thread counts, bad input, saved state.
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/regression_metrics.h"
#include "engine/models/trees/gradient_boosting.h"
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

double aucOf(const Vector& y, const Matrix& proba)
{
    return proba.cols() == 2 ? rocAuc(y, proba.col(1)) : rocAucOvr(y, proba);
}

// Ten rows at x = 0 (y = 0) and ten at x = 1 (y = 1). With base_score 0.5,
// reg_lambda 0 and learning_rate 0.25 every round moves both leaves a quarter
// of the way to their target: the x = 1 prediction after t rounds is
// 1 - 0.5 * 0.75^t = 0.625, 0.71875, 0.7890625, 0.841796875, 0.8813...
void earlyStoppingData(Matrix& X, Vector& y, Matrix& Xv, Vector& yv)
{
    X.resize(20, 1);
    y.resize(20);
    for (int i = 0; i < 20; ++i) {
        X(i, 0) = i < 10 ? 0 : 1;
        y(i) = i < 10 ? 0 : 1;
    }
    // Validation targets 0.2 and 0.8: the closest prediction is after round 3.
    Xv.resize(2, 1);
    Xv << 0, 1;
    yv.resize(2);
    yv << 0.2, 0.8;
}

}  // namespace

class TestGradientBoosting : public QObject {
    Q_OBJECT

private slots:
    // Expected values from:
    //   /usr/bin/python3 tests/engine/models/trees/data/make_tree_reference.py
    // XGBClassifier(n_estimators=100, learning_rate=0.3, max_depth=6,
    // tree_method="hist", max_bin=256): our defaults.
    void matchesXgboost_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<double>("accuracy");
        QTest::addColumn<double>("auc");
        QTest::newRow("breast_cancer") << "breast_cancer" << 0.958041958041958 << 0.9930817610062893;
        QTest::newRow("digits") << "digits" << 0.9666666666666667 << 0.999365526332675;
    }
    void matchesXgboost()
    {
        QFETCH(QString, dataset);
        QFETCH(double, accuracy);
        QFETCH(double, auc);
        const auto d = test::loadTreeSplit(dataset.toStdString());
        GradientBoostingClassifier model;
        TrainContext ctx;
        ctx.threads = 2;
        model.fit(d.trainX, d.trainY, ctx);
        const Matrix proba = model.predictProba(d.testX);
        const double acc = dslab::accuracy(d.testY, model.predict(d.testX));
        const double ourAuc = aucOf(d.testY, proba);
        qInfo("%s: accuracy %.4f (XGBoost %.4f), AUC %.4f (%.4f)", qPrintable(dataset), acc, accuracy, ourAuc, auc);
        QVERIFY(acc >= accuracy - 0.01);
        QVERIFY(ourAuc >= auc - 0.01);
        const int k = static_cast<int>(model.classes().size());
        QCOMPARE(static_cast<int>(model.trees().size()), 100 * (k == 2 ? 1 : k));
        QCOMPARE(model.outputLink(), k == 2 ? TreeOutputLink::Logistic : TreeOutputLink::Softmax);
        for (Eigen::Index i = 0; i < proba.rows(); ++i)
            QVERIFY(std::abs(proba.row(i).sum() - 1.0) < 1e-12);
        const auto imp = model.featureImportances();
        QVERIFY(std::abs(std::accumulate(imp.begin(), imp.end(), 0.0) - 1.0) < 1e-12);
    }

    // XGBRegressor(n_estimators=100, learning_rate=0.1, max_depth=3,
    // tree_method="hist", max_bin=256): R² 0.2224 on the diabetes split.
    void regressionMatchesXgboost()
    {
        const auto d = test::loadTreeSplit("diabetes", true);
        GradientBoostingRegressor model;
        model.setParam("learning_rate", 0.1);
        model.setParam("max_depth", 3LL);
        TrainContext ctx;
        model.fit(d.trainX, d.trainY, ctx);
        const double r2 = r2Score(d.testY, model.predict(d.testX));
        qInfo("diabetes R2 %.4f (XGBoost 0.2224)", r2);
        QVERIFY(r2 >= 0.2223543154170773 - 0.02);
        QCOMPARE(model.baseValue(), std::vector<double>{0.5});  // XGBoost 1.7's base_score
    }

    void earlyStoppingKeepsTheBestRound()
    {
        Matrix X, Xv;
        Vector y, yv;
        earlyStoppingData(X, y, Xv, yv);
        GradientBoostingRegressor model;
        model.setParam("n_estimators", 50LL);
        model.setParam("learning_rate", 0.25);
        model.setParam("reg_lambda", 0.0);
        model.setParam("min_child_weight", 0.0);
        model.setParam("max_depth", 1LL);
        model.setParam("early_stopping_rounds", 2LL);
        Recorder recorder;
        TrainContext ctx;
        ctx.validationX = &Xv;
        ctx.validationY = &yv;
        ctx.observer = &recorder;
        model.fit(X, y, ctx);
        // Validation MSE falls until round 3 (index 2) and rises in rounds 4
        // and 5; two rounds without improvement stop the training after round 5.
        QCOMPARE(static_cast<int>(recorder.steps.size()), 5);
        QCOMPARE(model.bestIteration(), 2);
        QCOMPARE(recorder.steps.back().metrics.at("best_iteration"), 2.0);
        QCOMPARE(static_cast<int>(model.trees().size()), 3);
        const Vector p = model.predict(Xv);
        QCOMPARE(p(1), 0.7890625);
        QCOMPARE(p(0), 1 - 0.7890625);
        QCOMPARE(recorder.steps[0].validationLoss, 0.175 * 0.175);
        for (const auto& s : recorder.steps) {
            QVERIFY(std::isfinite(s.trainLoss));
            QVERIFY(std::isfinite(s.validationLoss));
            QCOMPARE(s.totalSteps, 50);
        }
        // The same model without early stopping reports every round.
        model.setParam("early_stopping_rounds", ParamValue{});
        model.setParam("n_estimators", 8LL);
        recorder.steps.clear();
        model.fit(X, y, ctx);
        QCOMPARE(static_cast<int>(recorder.steps.size()), 8);
        QCOMPARE(static_cast<int>(model.trees().size()), 8);
    }

    void classifierReportsTrainAndValidationLoss()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        GradientBoostingClassifier model;
        model.setParam("n_estimators", 30LL);
        model.setParam("learning_rate", 0.1);
        Recorder recorder;
        TrainContext ctx;
        ctx.validationX = &d.testX;
        ctx.validationY = &d.testY;
        ctx.observer = &recorder;
        model.fit(d.trainX, d.trainY, ctx);
        QCOMPARE(static_cast<int>(recorder.steps.size()), 30);
        // Training log loss falls every round; the reported value is the model's loss.
        for (std::size_t i = 1; i < recorder.steps.size(); ++i)
            QVERIFY(recorder.steps[i].trainLoss < recorder.steps[i - 1].trainLoss);
        QVERIFY(std::abs(recorder.steps.back().trainLoss - model.loss(d.trainX, d.trainY)) < 1e-9);
        QVERIFY(std::abs(recorder.steps.back().validationLoss - model.loss(d.testX, d.testY)) < 1e-9);
    }

    void sameSeedSameModelOnAnyThreadCount()
    {
        const auto d = test::loadTreeSplit("digits");
        auto fitWith = [&](std::uint64_t seed, int threads) {
            GradientBoostingClassifier model;
            model.setParam("n_estimators", 15LL);
            model.setParam("subsample", 0.7);
            model.setParam("colsample_bytree", 0.5);
            TrainContext ctx;
            ctx.seed = seed;
            ctx.threads = threads;
            model.fit(d.trainX, d.trainY, ctx);
            return model.predictProba(d.testX);
        };
        const Matrix one = fitWith(1, 1);
        QCOMPARE(fitWith(1, 1), one);
        QCOMPARE(fitWith(1, 2), one);
        QCOMPARE(fitWith(1, 3), one);
        QVERIFY(fitWith(2, 2) != one);
    }

    void regularizationShrinksTrees()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        TrainContext ctx;
        auto leaves = [&](const char* name, double value) {
            GradientBoostingClassifier model;
            model.setParam("n_estimators", 5LL);
            model.setParam(name, value);
            model.fit(d.trainX, d.trainY, ctx);
            int count = 0;
            for (const auto& t : model.trees())
                count += t.leafCount();
            return count;
        };
        const int plain = leaves("gamma", 0.0);
        QVERIFY(leaves("gamma", 5.0) < plain);
        QVERIFY(leaves("min_child_weight", 10.0) < plain);
        QVERIFY(leaves("reg_alpha", 5.0) <= plain);
    }

    void saveAndLoadGiveIdenticalPredictions()
    {
        const auto d = test::loadTreeSplit("digits");
        GradientBoostingClassifier model;
        model.setParam("n_estimators", 10LL);
        TrainContext ctx;
        model.fit(d.trainX, d.trainY, ctx);
        nlohmann::json state;
        model.saveState(state);
        GradientBoostingClassifier loaded;
        loaded.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(loaded.predictProba(d.testX), model.predictProba(d.testX));
        QCOMPARE(loaded.bestIteration(), model.bestIteration());
        QCOMPARE(loaded.objective(), BoostingObjective::Softmax);

        auto damaged = state;
        damaged["objective"] = "rank:pairwise";
        QVERIFY_THROWS_EXCEPTION(FormatError, loaded.loadState(damaged));
        damaged = state;
        damaged["trees"][0]["value"] = "none";
        QVERIFY_THROWS_EXCEPTION(FormatError, loaded.loadState(damaged));
        GradientBoostingRegressor regressor;  // a classifier's state is not a regressor's
        QVERIFY_THROWS_EXCEPTION(FormatError, regressor.loadState(state));
    }

    void badInput()
    {
        Matrix X, Xv;
        Vector y, yv;
        earlyStoppingData(X, y, Xv, yv);
        TrainContext ctx;
        GradientBoostingClassifier model;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, model.predictProba(X));
        model.setParam("early_stopping_rounds", 3LL);
        QVERIFY_THROWS_EXCEPTION(ParamError, model.fit(X, y, ctx));  // no validation set
        model.setParam("early_stopping_rounds", ParamValue{});
        QVERIFY_THROWS_EXCEPTION(DataError, model.fit(X, Vector::Zero(20), ctx));
        Vector badLabels(2);
        badLabels << 0, 7;  // 7 is not a training class
        ctx.validationX = &Xv;
        ctx.validationY = &badLabels;
        QVERIFY_THROWS_EXCEPTION(DataError, model.fit(X, y, ctx));
        ctx = TrainContext{};
        X(0, 0) = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(DataError, model.fit(X, y, ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("learning_rate", 0.0));
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("subsample", 1.5));
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("max_bin", 300LL));
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("base_score", 1.5));
        QVERIFY_THROWS_EXCEPTION(ParamError, model.setParam("reg_lambda", -1.0));
    }
};

QTEST_GUILESS_MAIN(TestGradientBoosting)
#include "test_gradient_boosting.moc"
