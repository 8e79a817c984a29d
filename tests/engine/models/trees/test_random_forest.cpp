// RandomForestClassifier / RandomForestRegressor: accuracy against
// scikit-learn, determinism by seed and across thread counts, live reports in
// tree order with the OOB error, cancel, bad input and saved state.
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/regression_metrics.h"
#include "engine/models/trees/random_forest.h"
#include "tests/engine/models/trees/tree_test_data.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <cmath>
#include <numeric>

using namespace dslab;

namespace {

struct Recorder : TrainObserver {
    std::vector<TrainStep> steps;
    std::vector<std::size_t> treesSeen;
    std::shared_ptr<StopToken> cancelAt;
    int cancelStep = -1;
    void onStep(const TrainStep& step, const Predictor& model) override
    {
        steps.push_back(step);
        treesSeen.push_back(dynamic_cast<const RandomForestBase&>(model).trees().size());
        if (step.step == cancelStep && cancelAt)
            cancelAt->requestCancel();
    }
};

double aucOf(const Vector& y, const Matrix& proba)
{
    return proba.cols() == 2 ? rocAuc(y, proba.col(1)) : rocAucOvr(y, proba);
}

}  // namespace

class TestRandomForest : public QObject {
    Q_OBJECT

private slots:
    // Expected values from:
    //   /usr/bin/python3 tests/engine/models/trees/data/make_tree_reference.py
    // RandomForestClassifier(n_estimators=100, random_state=0): accuracy and
    // AUC on the test split. Our forest splits on 255-bin histograms and draws
    // its own random numbers, so it is compared within 0.01.
    void matchesScikitLearn_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<double>("accuracy");
        QTest::addColumn<double>("auc");
        QTest::newRow("breast_cancer") << "breast_cancer" << 0.958041958041958 << 0.9887840670859538;
        QTest::newRow("digits") << "digits" << 0.9822222222222222 << 0.9996525445572333;
    }
    void matchesScikitLearn()
    {
        QFETCH(QString, dataset);
        QFETCH(double, accuracy);
        QFETCH(double, auc);
        const auto d = test::loadTreeSplit(dataset.toStdString());
        RandomForestClassifier forest;
        TrainContext ctx;
        ctx.threads = 2;
        forest.fit(d.trainX, d.trainY, ctx);
        const Matrix proba = forest.predictProba(d.testX);
        const double acc = dslab::accuracy(d.testY, forest.predict(d.testX));
        const double ourAuc = aucOf(d.testY, proba);
        qInfo("%s: accuracy %.4f (scikit-learn %.4f), AUC %.4f (%.4f)", qPrintable(dataset), acc, accuracy, ourAuc, auc);
        QVERIFY(acc >= accuracy - 0.01);
        QVERIFY(ourAuc >= auc - 0.01);
        for (Eigen::Index i = 0; i < proba.rows(); ++i)
            QVERIFY(std::abs(proba.row(i).sum() - 1.0) < 1e-12);
        const auto imp = forest.featureImportances();
        QVERIFY(std::abs(std::accumulate(imp.begin(), imp.end(), 0.0) - 1.0) < 1e-12);
    }

    // RandomForestRegressor(n_estimators=100, random_state=0): R² 0.2223 on
    // the diabetes split (the lowest of seeds 0-9).
    void regressionMatchesScikitLearn()
    {
        const auto d = test::loadTreeSplit("diabetes", true);
        RandomForestRegressor forest;
        forest.setParam("oob_score", true);
        TrainContext ctx;
        forest.fit(d.trainX, d.trainY, ctx);
        const double r2 = r2Score(d.testY, forest.predict(d.testX));
        qInfo("diabetes R2 %.4f (scikit-learn 0.2223), OOB R2 %.4f", r2, forest.oobScore());
        QVERIFY(r2 >= 0.22230930793535153 - 0.02);
        QVERIFY(std::isfinite(forest.oobScore()));
        const auto imp = forest.featureImportances();
        QVERIFY(std::abs(std::accumulate(imp.begin(), imp.end(), 0.0) - 1.0) < 1e-12);
    }

    void sameSeedSameForestOnAnyThreadCount()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        auto fitWith = [&](std::uint64_t seed, int threads) {
            RandomForestClassifier forest;
            forest.setParam("n_estimators", 30LL);
            TrainContext ctx;
            ctx.seed = seed;
            ctx.threads = threads;
            forest.fit(d.trainX, d.trainY, ctx);
            return forest.predictProba(d.testX);
        };
        const Matrix one = fitWith(7, 1);
        QCOMPARE(fitWith(7, 1), one);
        QCOMPARE(fitWith(7, 2), one);
        QCOMPARE(fitWith(7, 3), one);
        QVERIFY(fitWith(8, 2) != one);
    }

    void reportsEachTreeInOrderWithOobError()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        RandomForestClassifier forest;
        forest.setParam("n_estimators", 25LL);
        forest.setParam("oob_score", true);
        Recorder recorder;
        TrainContext ctx;
        ctx.threads = 2;
        ctx.observer = &recorder;
        forest.fit(d.trainX, d.trainY, ctx);
        QCOMPARE(static_cast<int>(recorder.steps.size()), 25);
        for (int i = 0; i < 25; ++i) {
            const TrainStep& s = recorder.steps[static_cast<std::size_t>(i)];
            QCOMPARE(s.step, i + 1);
            QCOMPARE(s.totalSteps, 25);
            QCOMPARE(recorder.treesSeen[static_cast<std::size_t>(i)], static_cast<std::size_t>(i + 1));
            QVERIFY(std::isfinite(s.trainLoss));
            QVERIFY(s.metrics.count("oob_error") == 1);
        }
        const double finalOob = recorder.steps.back().metrics.at("oob_error");
        QCOMPARE(forest.oobScore(), 1.0 - finalOob);
        QVERIFY(finalOob < 0.1);
    }

    void reportsValidationLossEachTree()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        RandomForestClassifier model;
        model.setParam("n_estimators", 20LL);
        Recorder recorder;
        TrainContext ctx;
        ctx.validationX = &d.testX;
        ctx.validationY = &d.testY;
        ctx.observer = &recorder;
        model.fit(d.trainX, d.trainY, ctx);
        QCOMPARE(static_cast<int>(recorder.steps.size()), 20);
        for (const TrainStep& s : recorder.steps)
            QVERIFY(std::isfinite(s.validationLoss));
        // The last report is the fitted forest's log loss on the validation set.
        QVERIFY(std::abs(recorder.steps.back().validationLoss - model.loss(d.testX, d.testY)) < 1e-9);
        // Averaging more trees lowers the validation loss of a single deep tree.
        QVERIFY(recorder.steps.back().validationLoss < recorder.steps.front().validationLoss);
    }

    void cancelKeepsTheTreesReported()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        RandomForestClassifier forest;
        forest.setParam("n_estimators", 50LL);
        Recorder recorder;
        recorder.cancelAt = std::make_shared<StopToken>();
        recorder.cancelStep = 5;
        TrainContext ctx;
        ctx.threads = 2;
        ctx.observer = &recorder;
        ctx.stop = recorder.cancelAt;
        forest.fit(d.trainX, d.trainY, ctx);
        QCOMPARE(forest.trees().size(), std::size_t{5});
        QVERIFY(forest.isFitted());
        QCOMPARE(forest.predict(d.testX).size(), d.testX.rows());
    }

    void optionsChangeTheForest()
    {
        const auto d = test::loadTreeSplit("breast_cancer");
        TrainContext ctx;
        RandomForestClassifier shallow;
        shallow.setParam("n_estimators", 10LL);
        shallow.setParam("max_depth", 2LL);
        shallow.setParam("bootstrap", false);
        shallow.setParam("class_weight", std::string("balanced"));
        shallow.setParam("criterion", std::string("entropy"));
        shallow.fit(d.trainX, d.trainY, ctx);
        for (const auto& t : shallow.trees())
            QVERIFY(t.depth() <= 2);
        QVERIFY(dslab::accuracy(d.testY, shallow.predict(d.testX)) > 0.85);

        RandomForestClassifier leafy;
        leafy.setParam("n_estimators", 5LL);
        leafy.setParam("min_samples_leaf", 20LL);
        leafy.fit(d.trainX, d.trainY, ctx);
        for (const auto& t : leafy.trees())
            for (int n = 0; n < t.nodeCount(); ++n)
                QVERIFY(t.samples[static_cast<std::size_t>(n)] >= 20);
    }

    void saveAndLoadGiveIdenticalPredictions()
    {
        const auto d = test::loadTreeSplit("digits");
        RandomForestClassifier forest;
        forest.setParam("n_estimators", 20LL);
        forest.setParam("oob_score", true);
        TrainContext ctx;
        forest.fit(d.trainX, d.trainY, ctx);
        nlohmann::json state;
        forest.saveState(state);
        RandomForestClassifier loaded;
        loaded.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(loaded.predictProba(d.testX), forest.predictProba(d.testX));
        QCOMPARE(loaded.oobScore(), forest.oobScore());
        QCOMPARE(loaded.featureImportances(), forest.featureImportances());

        auto damaged = state;
        damaged["tree_weights"].erase(0);
        QVERIFY_THROWS_EXCEPTION(FormatError, loaded.loadState(damaged));
        damaged = state;
        damaged["trees"][3]["right"][0] = -5;
        QVERIFY_THROWS_EXCEPTION(FormatError, loaded.loadState(damaged));
    }

    void badInput()
    {
        RandomForestClassifier forest;
        Matrix X = Matrix::Random(20, 3);
        Vector y(20);
        for (int i = 0; i < 20; ++i)
            y(i) = i % 2;
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, forest.predict(X));
        X(3, 1) = std::nan("");
        try {
            forest.fit(X, y, ctx);
            QFAIL("NaN accepted");
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).contains("column 1"), e.what());
        }
        X(3, 1) = 0;
        QVERIFY_THROWS_EXCEPTION(DataError, forest.fit(X, Vector::Ones(20), ctx));
        forest.setParam("bootstrap", false);
        forest.setParam("oob_score", true);
        QVERIFY_THROWS_EXCEPTION(ParamError, forest.fit(X, y, ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, forest.setParam("n_estimators", 0LL));
        QVERIFY_THROWS_EXCEPTION(ParamError, forest.setParam("max_bins", 1LL));
        QVERIFY_THROWS_EXCEPTION(ParamError, forest.setParam("n_jobs", -2LL));
        forest.setParam("oob_score", false);
        forest.setParam("n_jobs", 0LL);
        QVERIFY_THROWS_EXCEPTION(ParamError, forest.fit(X, y, ctx));
    }
};

QTEST_GUILESS_MAIN(TestRandomForest)
#include "test_random_forest.moc"
