// The deployment lab's drift machinery: a reference distribution saved with a
// model gives exactly the PSI of the training values; it survives a JSON round
// trip and a damaged one is reported. A smoothed-bootstrap production batch
// keeps each feature's mean and spread (PSI near sampling noise), and a drift
// moves exactly the chosen feature by the asked number of standard deviations;
// for a normal feature PSI follows the analytic delta^2 rule.
#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/drift/drift_report.h"
#include "engine/drift/production_batch.h"
#include "engine/drift/reference_distribution.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace dslab;

namespace {

Column numericColumn(const std::string& name, std::vector<double> values)
{
    Column c;
    c.name = name;
    c.type = ColumnType::Numeric;
    c.numbers = std::move(values);
    return c;
}

// x ~ N(10, 2), count ~ integers 0..5, label a/b.
Dataset referenceTable(std::size_t rows)
{
    SeededRandom rng(7);
    std::vector<double> x(rows), count(rows);
    Column label;
    label.name = "label";
    label.type = ColumnType::Categorical;
    for (std::size_t i = 0; i < rows; ++i) {
        x[i] = 10 + 2 * rng.normal();
        count[i] = static_cast<double>(rng.below(6));
        label.strings.push_back(i % 3 == 0 ? "a" : "b");
        label.missing.push_back(0);
    }
    Dataset d;
    d.name = "reference";
    d.addColumn(numericColumn("x", x));
    d.addColumn(numericColumn("count", count));
    d.addColumn(std::move(label));
    d.setTarget("label");
    return d;
}

Vector columnOf(const Dataset& d, const std::string& name)
{
    return d.featureMatrix({name}).col(0);
}

double mean(const Vector& v) { return v.mean(); }
double sd(const Vector& v) { return std::sqrt((v.array() - v.mean()).square().sum() / static_cast<double>(v.size() - 1)); }

}  // namespace

class TestProductionBatch : public QObject {
    Q_OBJECT

private slots:
    void referenceBinsGiveTheSamePsiAsTheTrainingValues()
    {
        SeededRandom rng(3);
        Vector train(500), fresh(300);
        for (auto& v : train)
            v = rng.normal();
        for (auto& v : fresh)
            v = 0.4 + 1.3 * rng.normal();
        const ReferenceBins ref = referenceBins(train, 10);
        QCOMPARE(ref.edges.size(), std::size_t{9});
        QCOMPARE(ref.count, std::size_t{500});
        for (double s : ref.shares)
            QVERIFY(std::abs(s - 0.1) < 0.005);  // deciles hold a tenth each
        QCOMPARE(ref.psi(fresh), populationStabilityIndex(train, fresh, 10));
        QVERIFY(ref.psi(fresh) > 0.1);
        QCOMPARE(ref.psi(train), 0.0);

        const ReferenceBins back = ReferenceBins::fromJson(nlohmann::json::parse(ref.toJson().dump()));
        QCOMPARE(back.psi(fresh), ref.psi(fresh));
        nlohmann::json damaged = ref.toJson();
        damaged["shares"].erase(0);
        QVERIFY_THROWS_EXCEPTION(FormatError, ReferenceBins::fromJson(damaged));
        QVERIFY_THROWS_EXCEPTION(FormatError, ReferenceBins::fromJson(nlohmann::json{{"edges", "x"}}));
        QVERIFY_THROWS_EXCEPTION(ParamError, referenceBins(train, 1));
        QVERIFY_THROWS_EXCEPTION(DataError, ref.psi(Vector::Constant(3, NAN)));
    }

    void aBatchWithoutDriftLooksLikeTheReference()
    {
        const Dataset ref = referenceTable(2000);
        ProductionBatchSpec spec;
        spec.rows = 4000;
        spec.seed = 11;
        const Dataset batch = simulateProductionBatch(ref, spec);
        QCOMPARE(batch.rowCount(), std::size_t{4000});
        QCOMPARE(batch.targetName(), std::string("label"));
        const Vector x0 = columnOf(ref, "x"), x1 = columnOf(batch, "x");
        QVERIFY(std::abs(mean(x1) - mean(x0)) < 0.1);
        QVERIFY(std::abs(sd(x1) / sd(x0) - 1) < 0.05);
        // New values, not copies of reference rows.
        QVERIFY(std::abs(x1(0) - std::round(x1(0))) > 0 || std::abs(x1(1) - std::round(x1(1))) > 0);
        // Whole-number columns stay whole and inside the observed range.
        const Vector c = columnOf(batch, "count");
        QVERIFY((c.array() == c.array().round()).all());
        QVERIFY(c.minCoeff() >= 0 && c.maxCoeff() <= 5);
        // Sampling noise only: PSI far below the 0.1 alarm.
        QVERIFY2(populationStabilityIndex(x0, x1) < 0.03, qPrintable(QString::number(populationStabilityIndex(x0, x1))));
        // Labels come along with their rows.
        QVERIFY(batch.classLabels() == ref.classLabels());
    }

    void driftMovesOnlyTheChosenFeature()
    {
        const Dataset ref = referenceTable(5000);
        ProductionBatchSpec spec;
        spec.rows = 20000;
        spec.seed = 5;
        spec.driftFeature = "x";
        spec.shiftSd = 0.5;
        const Dataset batch = simulateProductionBatch(ref, spec);
        const Vector x0 = columnOf(ref, "x");
        QVERIFY(std::abs((mean(columnOf(batch, "x")) - mean(x0)) / sd(x0) - 0.5) < 0.03);
        QVERIFY(std::abs(mean(columnOf(batch, "count")) - mean(columnOf(ref, "count"))) < 0.05);
        // A normal feature shifted by delta SD has PSI close to delta^2 (0.25 here).
        const double psi = populationStabilityIndex(x0, columnOf(batch, "x"));
        QVERIFY2(std::abs(psi - 0.25) < 0.04, qPrintable(QString::number(psi)));

        spec.shiftSd = 0;
        spec.scale = 2;
        const Dataset wider = simulateProductionBatch(ref, spec);
        QVERIFY(std::abs(sd(columnOf(wider, "x")) / sd(x0) - 2) < 0.08);
        QVERIFY(std::abs(mean(columnOf(wider, "x")) - mean(x0)) < 0.1);
    }

    void badRequestsAreRefusedWithTheirReason()
    {
        const Dataset ref = referenceTable(50);
        ProductionBatchSpec spec;
        spec.driftFeature = "height";
        QVERIFY_THROWS_EXCEPTION(DataError, simulateProductionBatch(ref, spec));
        spec.driftFeature = "label";
        QVERIFY_THROWS_EXCEPTION(DataError, simulateProductionBatch(ref, spec));
        spec.driftFeature = "x";
        spec.scale = 0;
        QVERIFY_THROWS_EXCEPTION(ParamError, simulateProductionBatch(ref, spec));
        spec.scale = 1;
        spec.rows = 0;
        QVERIFY_THROWS_EXCEPTION(ParamError, simulateProductionBatch(ref, spec));
        QVERIFY_THROWS_EXCEPTION(DataError, simulateProductionBatch(Dataset{}, ProductionBatchSpec{}));
    }
};

QTEST_APPLESS_MAIN(TestProductionBatch)
#include "test_production_batch.moc"
