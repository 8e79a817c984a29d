// Drift report: the two-sample Kolmogorov-Smirnov statistic equals scipy
// 1.10's ks_2samp exactly (ties included) and its p-value agrees within 5%
// (we use the asymptotic distribution with Stephens' correction); PSI over 10
// training-quantile bins equals the reference. Reference numbers in
// drift_reference.json, produced by:
//   /usr/bin/python3 tests/engine/drift/make_reference.py > tests/engine/drift/drift_reference.json
#include "engine/core/errors.h"
#include "engine/drift/drift_report.h"
#include "tests/support/reference_values.h"

#include <QtTest>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace dslab;
using dslab::test::toVector;

namespace {

const nlohmann::json& reference()
{
    static const nlohmann::json doc = [] {
        std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/drift/drift_reference.json");
        return nlohmann::json::parse(in);
    }();
    return doc;
}

Dataset table(const std::string& name, const Vector& values)
{
    Dataset d;
    Column c;
    c.name = name;
    c.type = ColumnType::Numeric;
    c.numbers.assign(values.data(), values.data() + values.size());
    d.addColumn(std::move(c));
    return d;
}

}  // namespace

class TestDriftReport : public QObject {
    Q_OBJECT

private slots:
    void ksAndPsiMatchTheReference()
    {
        for (const auto& c : reference().at("cases")) {
            const Vector a = toVector(c.at("a")), b = toVector(c.at("b"));
            const QByteArray name = QByteArray::fromStdString(c.at("name").get<std::string>());
            const KsTest ks = ksTwoSample(a, b);
            QVERIFY2(std::abs(ks.statistic - c.at("ks_statistic").get<double>()) < 1e-12, name);
            const double p = c.at("ks_pvalue").get<double>();
            QVERIFY2(std::abs(ks.pValue - p) <= 0.05 * p, qPrintable(QString("%1: %2 vs %3").arg(name.data()).arg(ks.pValue).arg(p)));
            QVERIFY2(std::abs(populationStabilityIndex(a, b) - c.at("psi").get<double>()) < 1e-12, name);
        }
    }

    void reportCoversNumericFeatures()
    {
        const auto& cases = reference().at("cases");
        Dataset train = table("x", toVector(cases.at(1).at("a")));
        Dataset fresh = table("x", toVector(cases.at(1).at("b")));
        const DriftReport report = driftReport(train, fresh);
        QCOMPARE(report.features.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(report.features[0].feature), QString("x"));
        QVERIFY(std::abs(report.features[0].psi - cases.at(1).at("psi").get<double>()) < 1e-12);
        QCOMPARE(report.features[0].trainCount, std::size_t{500});
        // No drift against itself.
        const DriftReport same = driftReport(train, train);
        QCOMPARE(same.features[0].ksStatistic, 0.0);
        QVERIFY(same.features[0].psi < 1e-12);
        QVERIFY(same.features[0].ksPValue > 0.99);
        QVERIFY_THROWS_EXCEPTION(DataError, driftReport(train, table("y", Vector::Zero(5))));
        QVERIFY_THROWS_EXCEPTION(ParamError, populationStabilityIndex(Vector::Ones(3), Vector::Ones(3), 1));
    }
};

QTEST_GUILESS_MAIN(TestDriftReport)
#include "test_drift_report.moc"
