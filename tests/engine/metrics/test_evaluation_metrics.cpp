// Metrics added for model evaluation against scikit-learn 1.2.1: balanced
// accuracy, zero_division = 0 and 1 in every average, normalized confusion
// matrices, precision-recall curves and average precision with tied scores,
// ROC-AUC with ties and the Brier score.
// Reference numbers in evaluation_metrics_reference.json, produced by:
//   /usr/bin/python3 tests/engine/metrics/make_reference.py > tests/engine/metrics/evaluation_metrics_reference.json
#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/probability_metrics.h"

#include <QtTest>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::sameValues;
using dslab::test::toMatrix;
using dslab::test::toVector;
using json = nlohmann::json;

namespace {

const json& reference()
{
    static const json doc = [] {
        std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/metrics/evaluation_metrics_reference.json");
        return json::parse(in);
    }();
    return doc;
}

Vector input(const char* name)
{
    return toVector(reference().at("inputs").at(name));
}

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

Average averageFrom(const std::string& name)
{
    if (name == "micro")
        return Average::Micro;
    if (name == "macro")
        return Average::Macro;
    if (name == "weighted")
        return Average::Weighted;
    return Average::Binary;
}

}  // namespace

class TestEvaluationMetrics : public QObject {
    Q_OBJECT

private slots:
    void balancedAccuracyMatchesScikitLearn()
    {
        QVERIFY(close(balancedAccuracy(input("y3"), input("p3")), reference().at("balanced_accuracy")));
        QVERIFY(close(balancedAccuracy(input("y3"), input("p3"), true), reference().at("balanced_accuracy_adjusted")));
        // A label that is only predicted has no recall and is left out.
        QVERIFY(close(balancedAccuracy(input("yz"), input("pz")), reference().at("balanced_accuracy_only_predicted")));
    }

    void normalizedConfusionMatrices()
    {
        const Vector y = input("yz"), p = input("pz");
        QVERIFY(sameValues(confusionMatrix(y, p, ConfusionNormalize::True), toMatrix(reference().at("confusion_true"))));
        QVERIFY(sameValues(confusionMatrix(y, p, ConfusionNormalize::Pred), toMatrix(reference().at("confusion_pred"))));
        QVERIFY(sameValues(confusionMatrix(y, p, ConfusionNormalize::All), toMatrix(reference().at("confusion_all"))));
        QCOMPARE(confusionMatrix(y, p, ConfusionNormalize::None), confusionMatrix(y, p));
    }

    void zeroDivisionInEveryAverage()
    {
        int checked = 0;
        for (const json& c : reference().at("prf_cases")) {
            const Vector y = c.contains("y") ? toVector(c.at("y")) : input("yz");
            const Vector p = c.contains("p") ? toVector(c.at("p")) : input("pz");
            std::vector<double> labels;
            if (c.contains("labels") && !c.at("labels").is_null())
                labels = c.at("labels").get<std::vector<double>>();
            const double zd = c.at("zero_division").get<double>();
            const std::vector<double> expected = c.at("prf").get<std::vector<double>>();
            const std::string average = c.at("average");
            const QByteArray what = QByteArray::fromStdString(c.dump());
            if (average == "none") {
                const auto perClass = precisionRecallF1PerClass(y, p, labels, zd);
                QCOMPARE(perClass.size() * 4, expected.size());
                for (std::size_t k = 0; k < perClass.size(); ++k) {
                    QVERIFY2(close(perClass[k].precision, expected[4 * k]), what);
                    QVERIFY2(close(perClass[k].recall, expected[4 * k + 1]), what);
                    QVERIFY2(close(perClass[k].f1, expected[4 * k + 2]), what);
                    QCOMPARE(perClass[k].support, expected[4 * k + 3]);
                }
            } else {
                const PrecisionRecallF1 s = precisionRecallF1(y, p, labels, averageFrom(average), 1.0, zd);
                QVERIFY2(close(s.precision, expected[0]), what);
                QVERIFY2(close(s.recall, expected[1]), what);
                QVERIFY2(close(s.f1, expected[2]), what);
            }
            ++checked;
        }
        QCOMPARE(checked, 22);
        QVERIFY_THROWS_EXCEPTION(ParamError, precisionRecallF1(input("yz"), input("pz"), {}, Average::Macro, 1.0, 0.5));
    }

    void precisionRecallCurveWithTies()
    {
        const PrecisionRecallCurve curve = precisionRecallCurve(input("ty"), input("ts"));
        const json& ref = reference().at("pr_curve");
        QVERIFY(sameValues(curve.precision, toVector(ref.at("precision"))));
        QVERIFY(sameValues(curve.recall, toVector(ref.at("recall"))));
        QVERIFY(sameValues(curve.thresholds, toVector(ref.at("thresholds"))));
        const PrecisionRecallCurve none = precisionRecallCurve(toVector(json{0, 0, 0}), toVector(json{0.2, 0.5, 0.5}));
        const json& refNone = reference().at("pr_curve_no_positive");
        QVERIFY(sameValues(none.precision, toVector(refNone.at("precision"))));
        QVERIFY(sameValues(none.recall, toVector(refNone.at("recall"))));
        QVERIFY(sameValues(none.thresholds, toVector(refNone.at("thresholds"))));
    }

    void averagePrecisionIsTheStepIntegral()
    {
        const Vector y = input("ty");
        QVERIFY(close(averagePrecision(y, input("ts")), reference().at("average_precision")));
        QVERIFY(close(averagePrecision(y, Vector::Constant(y.size(), 0.5)), reference().at("average_precision_all_tied")));
        // The positive label may be named: the negatives' view of the same scores.
        QVERIFY(close(averagePrecision((y.array() * 5 - 2).matrix(), input("ts"), 3.0), reference().at("average_precision")));
    }

    void rocAucWithTies()
    {
        const Vector s = input("ts");
        QVERIFY(close(rocAuc(input("ty"), s), reference().at("roc_auc_ties")));
        const Vector coarse = (s.array() * 2).round().matrix() / 2;
        QVERIFY(close(rocAuc(input("ty"), coarse), reference().at("roc_auc_coarse_ties")));
    }

    void brierScore()
    {
        QVERIFY(close(dslab::brierScore(input("ty"), input("prob")), reference().at("brier")));
        QVERIFY(close(dslab::brierScore(input("ty"), input("prob"), 0.0), reference().at("brier_pos0")));
        Vector bad = input("prob");
        bad(0) = 1.5;
        QVERIFY_THROWS_EXCEPTION(DataError, dslab::brierScore(input("ty"), bad));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationMetrics)
#include "test_evaluation_metrics.moc"
