// Classification metrics against scikit-learn 1.2.1 on hand-made labels:
// averages, zero_division = 0, label subsets and order, ROC curves with tied
// scores, one-vs-rest AUC and clipped log loss.
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"

#include <QtTest>
#include <cmath>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;

namespace {

Vector vec(std::initializer_list<double> values)
{
    Vector v(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double x : values)
        v(i++) = x;
    return v;
}

Vector vec(const std::vector<double>& values)
{
    return Eigen::Map<const Vector>(values.data(), static_cast<Eigen::Index>(values.size()));
}

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

bool close(const Vector& a, const Vector& b)
{
    return a.size() == b.size() && ((a - b).array().abs() <= 1e-12 * b.array().abs().max(1.0)).all();
}

bool samePrf(const PrecisionRecallF1& s, const std::vector<double>& expected)
{
    return close(s.precision, expected[0]) && close(s.recall, expected[1]) && close(s.f1, expected[2]);
}

// The inputs of tests/engine/metrics/sklearn_reference.py.
const Vector kY3 = vec({0, 1, 2, 2, 1, 0, 1, 2, 0, 2});
const Vector kP3 = vec({0, 2, 2, 2, 1, 0, 0, 2, 1, 1});
const Vector kYB = vec({0, 1, 1, 0, 1, 1, 0, 0});
const Vector kPB = vec({0, 1, 0, 0, 1, 1, 1, 0});
const Vector kRocY = vec({0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0});
const Vector kRocS = vec({0.1, 0.4, 0.35, 0.8, 0.4, 0.35, 0.9, 0.2, 0.4, 0.05, 0.8, 0.35});
const Matrix kProba = rowMajor({0.7, 0.2, 0.1, 0.1, 0.5, 0.4, 0.2, 0.2, 0.6, 0.3, 0.3, 0.4, 0.25, 0.5, 0.25,
                                0.6, 0.3, 0.1, 0.4, 0.4, 0.2, 0.1, 0.1, 0.8, 0.5, 0.3, 0.2, 0.2, 0.3, 0.5},
                               10, 3);
const Vector kLossY = vec({0, 1, 2, 1});
const Matrix kLossP = rowMajor({1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.2, 0.3, 0.5, 0.2, 0.4, 0.2}, 4, 3);

// Produced by: /usr/bin/python3 tests/engine/metrics/sklearn_reference.py classification
constexpr double kAccuracy = 0.6;
const std::vector<double> kConfusion = {2.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 3.0};
const std::vector<double> kConfusionReordered = {3.0, 0.0, 1.0, 0.0, 2.0, 1.0, 1.0, 1.0, 1.0};
const std::vector<double> kConfusionSubset = {2.0, 1.0, 1.0, 1.0};
const std::vector<double> kPrfMicro = {0.6, 0.6, 0.6};
const std::vector<double> kPrfMacro = {0.5833333333333334, 0.5833333333333334, 0.5833333333333334};
const std::vector<double> kPrfWeighted = {0.6, 0.6, 0.6};
const std::vector<double> kPerClass = {0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 3.0, 0.3333333333333333, 0.3333333333333333, 0.3333333333333333, 3.0, 0.75, 0.75, 0.75, 4.0};
const std::vector<double> kPrfBinary = {0.75, 0.75, 0.75};
const std::vector<double> kPrfBinaryNegative = {0.75, 0.75, 0.75};
const std::vector<double> kPrfZeroDivisionMacro = {0.3333333333333333, 0.5, 0.375};
const std::vector<double> kPrfZeroDivisionWeighted = {0.3333333333333333, 0.5, 0.375};
const std::vector<double> kPrfZeroDivisionMicro = {0.5, 0.5, 0.5};
const std::vector<double> kPrfNothingPredicted = {0.0, 0.0, 0.0};
const std::vector<double> kRocFpr = {0.0, 0.0, 0.0, 0.3333333333333333, 0.5, 1.0};
const std::vector<double> kRocTpr = {0.0, 0.16666666666666666, 0.5, 0.6666666666666666, 1.0, 1.0};
const std::vector<double> kRocThresholds = {1.9, 0.9, 0.8, 0.4, 0.35, 0.05};
const std::vector<double> kRocFullFpr = {0.0, 0.0, 0.0, 0.3333333333333333, 0.5, 0.6666666666666666, 0.8333333333333334, 1.0};
const std::vector<double> kRocFullThresholds = {1.9, 0.9, 0.8, 0.4, 0.35, 0.2, 0.1, 0.05};
constexpr double kRocAuc = 0.8333333333333333;
constexpr double kRocAucAllTied = 0.5;
constexpr double kRocAucOvr = 0.9930555555555557;
constexpr double kLogLoss = 8.981267689007645;
constexpr double kLogLossProba = 0.6206639928773015;

}  // namespace

class TestClassificationMetrics : public QObject {
    Q_OBJECT

private slots:
    void accuracyAndConfusionMatrix()
    {
        QVERIFY(close(dslab::accuracy(kY3, kP3), kAccuracy));
        QCOMPARE(confusionMatrix(kY3, kP3), rowMajor(kConfusion, 3, 3));
        QCOMPARE(confusionMatrix(kY3, kP3, {2, 0, 1}), rowMajor(kConfusionReordered, 3, 3));
        // Samples with an unlisted true or predicted label are left out.
        QCOMPARE(confusionMatrix(kY3, kP3, {0, 1}), rowMajor(kConfusionSubset, 2, 2));
    }

    void averagesMatchScikitLearn()
    {
        QVERIFY(samePrf(precisionRecallF1(kY3, kP3, {}, Average::Micro), kPrfMicro));
        QVERIFY(samePrf(precisionRecallF1(kY3, kP3, {}, Average::Macro), kPrfMacro));
        QVERIFY(samePrf(precisionRecallF1(kY3, kP3, {}, Average::Weighted), kPrfWeighted));
        QCOMPARE(precisionRecallF1(kY3, kP3, {}, Average::Macro).support, 10.0);
        const auto perClass = precisionRecallF1PerClass(kY3, kP3);
        QCOMPARE(perClass.size(), std::size_t{3});
        for (std::size_t k = 0; k < 3; ++k) {
            const std::vector<double> row(kPerClass.begin() + static_cast<long>(4 * k),
                                          kPerClass.begin() + static_cast<long>(4 * k + 3));
            QVERIFY(samePrf(perClass[k], row));
            QCOMPARE(perClass[k].support, kPerClass[4 * k + 3]);
        }
    }

    void binaryScoresThePositiveLabel()
    {
        QVERIFY(samePrf(precisionRecallF1(kYB, kPB, {}, Average::Binary, 1.0), kPrfBinary));
        QVERIFY(samePrf(precisionRecallF1(kYB, kPB, {}, Average::Binary, 0.0), kPrfBinaryNegative));
        QCOMPARE(precisionRecallF1(kYB, kPB, {}, Average::Binary, 1.0).support, 4.0);
    }

    void zeroDivisionGivesZero()
    {
        const Vector y = vec({0, 1, 2, 2});
        const Vector p = vec({0, 1, 1, 1});
        QVERIFY(samePrf(precisionRecallF1(y, p, {0, 1, 2, 3}, Average::Macro), kPrfZeroDivisionMacro));
        QVERIFY(samePrf(precisionRecallF1(y, p, {0, 1, 2, 3}, Average::Weighted), kPrfZeroDivisionWeighted));
        QVERIFY(samePrf(precisionRecallF1(y, p, {0, 1, 2, 3}, Average::Micro), kPrfZeroDivisionMicro));
        QVERIFY(samePrf(precisionRecallF1(vec({0, 1, 1, 0}), vec({0, 0, 0, 0})), kPrfNothingPredicted));
        // No true sample of any listed label: weighted averages fall back to 0 as well.
        const PrecisionRecallF1 none = precisionRecallF1(y, p, {7}, Average::Weighted);
        QCOMPARE(none.precision, 0.0);
        QCOMPARE(none.f1, 0.0);
    }

    void rocCurveHandlesTiesLikeScikitLearn()
    {
        const RocCurve curve = rocCurve(kRocY, kRocS);
        QVERIFY(close(curve.fpr, vec(kRocFpr)));
        QVERIFY(close(curve.tpr, vec(kRocTpr)));
        QVERIFY(close(curve.thresholds, vec(kRocThresholds)));
        const RocCurve full = rocCurve(kRocY, kRocS, 1.0, false);
        QVERIFY(close(full.fpr, vec(kRocFullFpr)));
        QVERIFY(close(full.thresholds, vec(kRocFullThresholds)));
    }

    void rocAucCountsTiesAsHalf()
    {
        QVERIFY(close(rocAuc(kRocY, kRocS), kRocAuc));
        QVERIFY(close(rocAuc(kRocY, Vector::Constant(kRocY.size(), 0.5)), kRocAucAllTied));
        // The rank definition: P(score of a positive > score of a negative) + P(tie) / 2.
        double pairs = 0, wins = 0;
        for (Eigen::Index i = 0; i < kRocY.size(); ++i)
            for (Eigen::Index j = 0; j < kRocY.size(); ++j)
                if (kRocY(i) == 1 && kRocY(j) == 0) {
                    pairs += 1;
                    wins += kRocS(i) > kRocS(j) ? 1.0 : kRocS(i) == kRocS(j) ? 0.5 : 0.0;
                }
        QVERIFY(close(rocAuc(kRocY, kRocS), wins / pairs));
        // Other label values: the positive label is named.
        QVERIFY(close(rocAuc((kRocY.array() * 5 - 2).matrix(), kRocS, 3.0), kRocAuc));
        QVERIFY_THROWS_EXCEPTION(DataError, rocAuc(Vector::Ones(4), vec({0.1, 0.2, 0.3, 0.4})));
    }

    void oneVsRestAucAndLogLoss()
    {
        QVERIFY(close(rocAucOvr(kY3, kProba), kRocAucOvr));
        QVERIFY(close(logLoss(kY3, kProba), kLogLossProba));
        QVERIFY(close(logLoss(kLossY, kLossP), kLogLoss));
        Matrix notProbabilities = kProba;
        notProbabilities(0, 0) = 3.0;
        QVERIFY_THROWS_EXCEPTION(DataError, rocAucOvr(kY3, notProbabilities));
        QVERIFY_THROWS_EXCEPTION(DataError, rocAucOvr(vec({0, 0, 1, 1, 0, 1, 0, 1, 0, 0}), kProba));
        QVERIFY_THROWS_EXCEPTION(DataError, logLoss(vec({0, 3, 1, 1}), kLossP));
    }

    void matthewsCorrelationMatchesTheAnalyticValue()
    {
        // Lesson 18's matrix: TP = 80, FN = 20, FP = 40, TN = 860.
        Vector truth(1000), predicted(1000);
        for (Eigen::Index i = 0; i < 1000; ++i) {
            truth(i) = i < 100 ? 1 : 0;
            predicted(i) = i < 80 ? 1 : (i < 100 ? 0 : (i < 140 ? 1 : 0));
        }
        const double analytic = (80.0 * 860 - 40.0 * 20) / std::sqrt(120.0 * 100 * 900 * 880);
        QVERIFY(close(matthewsCorrcoef(truth, predicted), analytic));
        QVERIFY(std::abs(analytic - 0.6975) < 1e-4);
        // scikit-learn's docstring example: [+1, +1, +1, -1] vs [+1, -1, +1, +1] gives -1/3.
        QVERIFY(close(matthewsCorrcoef(vec({1, 1, 1, -1}), vec({1, -1, 1, 1})), -1.0 / 3.0));
        // Perfect, inverted, and a constant prediction (no correlation defined: 0).
        QVERIFY(close(matthewsCorrcoef(truth, truth), 1.0));
        QVERIFY(close(matthewsCorrcoef(truth, (1.0 - truth.array()).matrix()), -1.0));
        QCOMPARE(matthewsCorrcoef(truth, Vector::Zero(1000)), 0.0);
        // Three classes: the K-class form, (c·s − Σ pₖtₖ) / √((s² − Σ pₖ²)(s² − Σ tₖ²)),
        // here c = 5 correct of s = 6, t = (2, 2, 2), p = (3, 1, 2): (30 − 12) / √(22 · 24).
        QVERIFY(close(matthewsCorrcoef(vec({0, 0, 1, 1, 2, 2}), vec({0, 0, 0, 1, 2, 2})), 18.0 / std::sqrt(22.0 * 24.0)));
        QVERIFY_THROWS_EXCEPTION(DataError, matthewsCorrcoef(kY3, kYB));
    }

    void mismatchedLengthsAreErrors()
    {
        QVERIFY_THROWS_EXCEPTION(DataError, dslab::accuracy(kY3, kYB));
        QVERIFY_THROWS_EXCEPTION(DataError, confusionMatrix(kY3, kYB));
        QVERIFY_THROWS_EXCEPTION(DataError, rocCurve(kRocY, kYB));
    }
};

QTEST_GUILESS_MAIN(TestClassificationMetrics)
#include "test_classification_metrics.moc"
