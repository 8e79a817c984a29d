// DummyClassifier against scikit-learn 1.2's documented behaviour: prior
// returns the training frequencies as probabilities and predicts the
// majority class (accuracy = the majority share, ROC-AUC 0.5, log loss =
// the entropy of the prevalence), most_frequent is one-hot, stratified draws
// follow the prior, uniform gives 1/K, constant needs a training label.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/models/dummy/dummy_classifier.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace dslab;

namespace {

// 37 positives (label 1) and 63 negatives (label 0), like breast_cancer's 37%.
void problem(Matrix& X, Vector& y)
{
    X = Matrix::Random(100, 3);
    y = Vector::Zero(100);
    for (Eigen::Index i = 0; i < 100; i += 1)
        y(i) = (i * 37 % 100) < 37 ? 1.0 : 0.0;
}

DummyClassifier fitted(const std::string& strategy, const Matrix& X, const Vector& y, std::uint64_t seed = 5)
{
    DummyClassifier d;
    d.setParam("strategy", strategy);
    TrainContext ctx;
    ctx.seed = seed;
    d.fit(X, y, ctx);
    return d;
}

}  // namespace

class TestDummyClassifier : public QObject {
    Q_OBJECT
private slots:
    void priorIsTheBaselineOfLesson18()
    {
        Matrix X;
        Vector y;
        problem(X, y);
        QCOMPARE(y.sum(), 37.0);
        QVERIFY(Catalog::builtin().find("DummyClassifier"));
        const DummyClassifier d = fitted("prior", X, y);
        QCOMPARE(d.classPrior()(0), 0.63);
        QCOMPARE(d.classPrior()(1), 0.37);
        const Matrix proba = d.predictProba(X);
        QVERIFY((proba.col(1).array() == 0.37).all());
        QVERIFY((d.predict(X).array() == 0.0).all());
        QCOMPARE(dslab::accuracy(y, d.predict(X)), 0.63);
        // Constant scores: ROC-AUC is one half, log loss the entropy of the prevalence.
        QCOMPARE(rocAuc(y, proba.col(1)), 0.5);
        const double entropy = -(0.37 * std::log(0.37) + 0.63 * std::log(0.63));
        QVERIFY(std::abs(logLoss(y, proba) - entropy) < 1e-12);
        QVERIFY(std::abs(entropy - 0.6590) < 1e-4);
        QCOMPARE(balancedAccuracy(y, d.predict(X)), 0.5);
        QCOMPARE(matthewsCorrcoef(y, d.predict(X)), 0.0);
    }

    void mostFrequentIsOneHotAndTiesGoToTheSmallestLabel()
    {
        Matrix X;
        Vector y;
        problem(X, y);
        const DummyClassifier d = fitted("most_frequent", X, y);
        const Matrix proba = d.predictProba(X);
        QVERIFY((proba.col(0).array() == 1.0).all() && (proba.col(1).array() == 0.0).all());
        // Labels 3 and 7, two rows each: numpy's argmax takes the first, label 3.
        Vector tie(4);
        tie << 7, 3, 7, 3;
        const DummyClassifier t = fitted("most_frequent", Matrix::Zero(4, 1), tie);
        QVERIFY((t.predict(Matrix::Zero(2, 1)).array() == 3.0).all());
    }

    void stratifiedFollowsThePriorAndRepeats()
    {
        Matrix X = Matrix::Zero(20000, 1);
        Vector y(20000);
        for (Eigen::Index i = 0; i < y.size(); ++i)
            y(i) = i % 10 < 2 ? 1.0 : 0.0;  // 20% positives
        const DummyClassifier d = fitted("stratified", X, y, 9);
        const Vector predicted = d.predict(X);
        const double share = (predicted.array() == 1.0).cast<double>().mean();
        QVERIFY2(std::abs(share - 0.2) < 0.015, qPrintable(QString::number(share)));
        // The same rows get the same draws, and predict agrees with predict_proba.
        QCOMPARE(d.predict(X), predicted);
        const Matrix proba = d.predictProba(X);
        QVERIFY(((proba.array() == 0.0) || (proba.array() == 1.0)).all());
        QVERIFY(proba.col(1) == predicted);
        // As scikit-learn's stratified dummy: accuracy about p² + (1 − p)² = 0.68.
        QVERIFY(std::abs(dslab::accuracy(y, predicted) - 0.68) < 0.02);
    }

    void uniformGivesOneOverK()
    {
        Matrix X = Matrix::Zero(9000, 2);
        Vector y(9000);
        for (Eigen::Index i = 0; i < y.size(); ++i)
            y(i) = static_cast<double>(i % 3 == 0 ? 0 : (i % 3 == 1 ? 5 : 9));
        const DummyClassifier d = fitted("uniform", X, y);
        QVERIFY((d.predictProba(X).array() == 1.0 / 3.0).all());
        const Vector predicted = d.predict(X);
        for (double label : {0.0, 5.0, 9.0})
            QVERIFY(std::abs((predicted.array() == label).cast<double>().mean() - 1.0 / 3.0) < 0.03);
    }

    void constantNeedsATrainingLabel()
    {
        Matrix X;
        Vector y;
        problem(X, y);
        DummyClassifier d;
        d.setParam("strategy", std::string("constant"));
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(ParamError, d.fit(X, y, ctx));
        d.setParam("constant", 4.0);
        try {
            d.fit(X, y, ctx);
            QFAIL("a constant that is not a label must be refused");
        } catch (const ParamError& e) {
            QVERIFY(QString(e.what()).contains("not a label"));
        }
        d.setParam("constant", 1.0);
        d.fit(X, y, ctx);
        QVERIFY((d.predict(X).array() == 1.0).all());
        QVERIFY((d.predictProba(X).col(1).array() == 1.0).all());
        QCOMPARE(dslab::accuracy(y, d.predict(X)), 0.37);
    }

    void stateReloads()
    {
        Matrix X;
        Vector y;
        problem(X, y);
        const DummyClassifier d = fitted("stratified", X, y, 123456789012345ULL);
        nlohmann::json state;
        d.saveState(state);
        DummyClassifier copy;
        copy.setParam("strategy", std::string("stratified"));
        copy.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(copy.predict(X), d.predict(X));
        QCOMPARE(copy.predictProba(X), d.predictProba(X));
        state["strategy"] = "guess";
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(state));
        QVERIFY_THROWS_EXCEPTION(NotFittedError, DummyClassifier().predict(X));
    }
};

QTEST_GUILESS_MAIN(TestDummyClassifier)
#include "test_dummy_classifier.moc"
