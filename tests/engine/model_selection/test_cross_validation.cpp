// cross_validate, validation_curve and learning_curve against scikit-learn
// 1.2.1 (StandardScaler + LogisticRegression on breast_cancer, KFold(5)
// without shuffle; reference.h names the command that produced the numbers),
// the same numbers whatever the thread count, and the bootstrap
// bias-variance decomposition's identities.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/model_selection/bias_variance.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/learning_curve.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/model_selection/validation_curve.h"
#include "tests/engine/model_selection/reference.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <cmath>

using namespace dslab;
using dslab::test::modelSelectionReference;
using dslab::test::scaledLogistic;

namespace {

bool close(const std::vector<double>& ours, const std::vector<double>& reference, double rtol = 1e-12)
{
    if (ours.size() != reference.size())
        return false;
    for (std::size_t i = 0; i < ours.size(); ++i)
        if (!(std::abs(ours[i] - reference[i]) <= rtol * std::max(1.0, std::abs(reference[i]))))
            return false;
    return true;
}

struct Data {
    Matrix X;
    Vector y;
};

const Data& breastCancer()
{
    static const Data data = [] {
        const Dataset d = dslab::test::builtin("breast_cancer");
        return Data{d.featureMatrix(), d.targetCodes()};
    }();
    return data;
}

Pipeline single(const std::string& type)
{
    Pipeline p;
    p.addStep(Catalog::builtin().create(type));
    return p;
}

}  // namespace

class TestCrossValidation : public QObject {
    Q_OBJECT

private slots:
    void crossValidateMatchesScikitLearn()
    {
        const auto& ref = modelSelectionReference().at("cross_validate_accuracy");
        TrainContext ctx;
        CrossValidationOptions options;
        options.scoring = "accuracy";
        options.returnTrainScore = true;
        const auto r = crossValidate(scaledLogistic(), breastCancer().X, breastCancer().y, KFold(5), ctx, options);
        QVERIFY(close(r.testScores, ref.at("test").get<std::vector<double>>()));
        QVERIFY(close(r.trainScores, ref.at("train").get<std::vector<double>>()));
        QCOMPARE(r.fitSeconds.size(), std::size_t{5});
        QVERIFY(!r.cancelled);

        const auto auc = crossValidate(scaledLogistic(), breastCancer().X, breastCancer().y, StratifiedKFold(5), ctx,
                                       {"roc_auc", false});
        QVERIFY(close(auc.testScores, modelSelectionReference().at("cross_validate_roc_auc_stratified").at("test").get<std::vector<double>>(), 1e-6));
        QVERIFY(auc.trainScores.empty());
    }

    void threadsDoNotChangeTheScores()
    {
        TrainContext one, two;
        two.threads = 2;
        const auto a = crossValidate(scaledLogistic(), breastCancer().X, breastCancer().y, KFold(5), one, {"neg_log_loss", true});
        const auto b = crossValidate(scaledLogistic(), breastCancer().X, breastCancer().y, KFold(5), two, {"neg_log_loss", true});
        QCOMPARE(a.testScores, b.testScores);
        QCOMPARE(a.trainScores, b.trainScores);
    }

    void badInputsAreClearErrors()
    {
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(ParamError, crossValidate(scaledLogistic(), breastCancer().X, breastCancer().y,
                                                           KFold(5), ctx, {"r2", false}));
        QVERIFY_THROWS_EXCEPTION(ParamError, crossValidate(single("StandardScaler"), breastCancer().X,
                                                           breastCancer().y, KFold(5), ctx));
        QVERIFY_THROWS_EXCEPTION(DataError, crossValidate(scaledLogistic(), breastCancer().X,
                                                          Vector::Zero(3), KFold(5), ctx));
    }

    void validationCurveMatchesScikitLearn()
    {
        const auto& ref = modelSelectionReference().at("validation_curve");
        std::vector<ParamValue> values;
        for (double c : ref.at("C").get<std::vector<double>>())
            values.emplace_back(c);
        TrainContext ctx;
        ctx.threads = 2;
        const auto curve = validationCurve(scaledLogistic(), breastCancer().X, breastCancer().y, KFold(5),
                                           "LogisticRegression__C", values, ctx, "accuracy");
        QCOMPARE(curve.testScores.size(), std::size_t{3});
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(close(curve.testScores[i], ref.at("test").at(i).get<std::vector<double>>()));
            QVERIFY(close(curve.trainScores[i], ref.at("train").at(i).get<std::vector<double>>()));
        }
        QVERIFY_THROWS_EXCEPTION(ParamError, validationCurve(scaledLogistic(), breastCancer().X, breastCancer().y,
                                                             KFold(5), "LogisticRegression__C", {}, ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, validationCurve(scaledLogistic(), breastCancer().X, breastCancer().y,
                                                             KFold(5), "LogisticRegression__C",
                                                             {ParamValue(std::string("big"))}, ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, validationCurve(scaledLogistic(), breastCancer().X, breastCancer().y,
                                                             KFold(5), "Nope__C", {ParamValue(1.0)}, ctx));
    }

    void learningCurveGrowsTheTrainingSet()
    {
        TrainContext ctx;
        const auto curve = learningCurve(scaledLogistic(), breastCancer().X, breastCancer().y, StratifiedKFold(5),
                                         {0.1, 0.5, 1.0, 0.5}, ctx);
        // Fractions of the first split's 455 training rows; duplicates are merged.
        QCOMPARE(curve.trainSizes, (std::vector<Eigen::Index>{45, 227, 455}));
        QCOMPARE(curve.testScores.size(), std::size_t{3});
        QCOMPARE(curve.testScores[0].size(), std::size_t{5});
        QVERIFY(mean(curve.testScores[2]) > 0.95);
        QVERIFY_THROWS_EXCEPTION(ParamError, learningCurve(scaledLogistic(), breastCancer().X, breastCancer().y,
                                                           StratifiedKFold(5), {1.5}, ctx));
        QVERIFY_THROWS_EXCEPTION(ParamError, learningCurve(scaledLogistic(), breastCancer().X, breastCancer().y,
                                                           StratifiedKFold(5), {10000}, ctx));
    }

    void learningCurveMatchesScikitLearn()
    {
        const auto& ref = modelSelectionReference().at("learning_curve");
        TrainContext ctx;
        ctx.threads = 2;
        const auto curve = learningCurve(scaledLogistic(), breastCancer().X, breastCancer().y, KFold(5),
                                         {0.1, 0.5, 1.0}, ctx, "accuracy");
        QCOMPARE(curve.trainSizes, ref.at("sizes").get<std::vector<Eigen::Index>>());
        for (std::size_t i = 0; i < curve.trainSizes.size(); ++i) {
            QVERIFY(close(curve.testScores[i], ref.at("test").at(i).get<std::vector<double>>()));
            QVERIFY(close(curve.trainScores[i], ref.at("train").at(i).get<std::vector<double>>()));
        }
    }

    void biasVarianceForSquaredLoss()
    {
        // y = sin(3x) + noise with known f: bias² + variance + noise adds up
        // to the expected loss (up to the cross term, which vanishes on average).
        SeededRandom rng(5);
        const Eigen::Index n = 200, m = 300;
        Matrix trainX(n, 1), testX(m, 1);
        Vector trainY(n), testY(m), testF(m);
        for (Eigen::Index i = 0; i < n; ++i) {
            trainX(i, 0) = rng.uniform(-1, 1);
            trainY(i) = std::sin(3 * trainX(i, 0)) + 0.3 * rng.normal();
        }
        for (Eigen::Index i = 0; i < m; ++i) {
            testX(i, 0) = rng.uniform(-1, 1);
            testF(i) = std::sin(3 * testX(i, 0));
            testY(i) = testF(i) + 0.3 * rng.normal();
        }
        TrainContext ctx;
        ctx.seed = 1;
        ctx.threads = 2;
        BiasVarianceOptions options;
        options.rounds = 50;
        options.testTrueFunction = &testF;
        const BiasVariance linear = biasVarianceDecomposition(single("LinearRegression"), trainX, trainY, testX, testY, ctx, options);
        QVERIFY(std::abs(linear.bias + linear.variance + linear.noise - linear.expectedLoss) < 0.05 * linear.expectedLoss);
        QVERIFY(std::abs(linear.noise - 0.09) < 0.03);
        Pipeline deep = single("DecisionTreeRegressor");
        const BiasVariance tree = biasVarianceDecomposition(deep, trainX, trainY, testX, testY, ctx, options);
        // A straight line underfits the sine (high bias); a full-depth tree overfits the noise (high variance).
        QVERIFY(linear.bias > tree.bias);
        QVERIFY(tree.variance > linear.variance);
        // The same seed gives the same decomposition, whatever the threads.
        TrainContext serial;
        serial.seed = 1;
        const BiasVariance again = biasVarianceDecomposition(single("LinearRegression"), trainX, trainY, testX, testY, serial, options);
        QCOMPARE(again.variance, linear.variance);
        // Kept on request only: one column per round, whose row means are the main prediction.
        QCOMPARE(linear.predictions.size(), Eigen::Index(0));
        options.keepPredictions = true;
        const BiasVariance kept = biasVarianceDecomposition(single("LinearRegression"), trainX, trainY, testX, testY, ctx, options);
        QCOMPARE(kept.predictions.rows(), m);
        QCOMPARE(kept.predictions.cols(), Eigen::Index(50));
        QVERIFY((kept.predictions.rowwise().mean() - kept.mainPrediction).cwiseAbs().maxCoeff() < 1e-12);
        QCOMPARE(kept.variance, linear.variance);
        options.rounds = 1;
        QVERIFY_THROWS_EXCEPTION(ParamError, biasVarianceDecomposition(single("LinearRegression"), trainX, trainY, testX, testY, ctx, options));
    }

    void biasVarianceForZeroOneLoss()
    {
        const Data& d = breastCancer();
        IndexList train, test;
        for (Eigen::Index i = 0; i < d.X.rows(); ++i)
            (i % 3 == 0 ? test : train).push_back(i);
        TrainContext ctx;
        ctx.seed = 2;
        ctx.threads = 2;
        BiasVarianceOptions options;
        options.rounds = 30;
        const BiasVariance r = biasVarianceDecomposition(single("DecisionTreeClassifier"), selectRows(d.X, train),
                                                         selectRows(d.y, train), selectRows(d.X, test),
                                                         selectRows(d.y, test), ctx, options);
        // Domingos: for two classes, loss = bias + unbiased variance - biased variance.
        QVERIFY(std::abs(r.expectedLoss - (r.bias + r.varianceUnbiased - r.varianceBiased)) < 1e-12);
        QVERIFY(std::abs(r.variance - (r.varianceUnbiased + r.varianceBiased)) < 1e-12);
        QVERIFY(r.bias > 0 && r.bias < 0.2);
        QVERIFY(r.variance > 0);
        QCOMPARE(r.mainPrediction.size(), Eigen::Index(test.size()));
    }
};

QTEST_GUILESS_MAIN(TestCrossValidation)
#include "test_cross_validation.moc"
