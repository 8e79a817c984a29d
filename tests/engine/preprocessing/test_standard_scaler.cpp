// StandardScaler against scikit-learn 1.2.1: statistics with missing values,
// constant and near-constant columns, the with_mean/with_std switches, and
// its saved state.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/preprocessing/standard_scaler.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

const double kNan = std::nan("");
// The inputs of tests/engine/preprocessing/sklearn_reference.py (SCALER_X, SCALER_NEW).
const Matrix kX = (Matrix(5, 5) << 1.0, 10.0, 5.0, 1e6, 0.1 + 0.2,
                                   2.0, 20.0, 5.0, 1e6 + 1, 0.3,
                                   3.0, kNan, 5.0, 1e6 + 2, 0.3,
                                   4.0, 40.0, 5.0, 1e6 + 4, 0.3,
                                   100.0, 50.0, 5.0, 1e6 + 8, 0.3).finished();
const Matrix kNew = (Matrix(2, 5) << 0.0, kNan, 6.0, 1e6 + 3, 0.4,
                                     -5.0, 30.0, 5.0, 0.0, 0.3).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py scaler
const std::vector<double> kMean = {22.0, 30.0, 5.0, 1000003.0, 0.30000000000000004};
const std::vector<double> kVar = {1522.0, 250.0, 0.0, 8.0, 4.930380657631323e-34};
const std::vector<double> kScale = {39.01281840626232, 15.811388300841896, 1.0, 2.8284271247461903, 1.0};
const std::vector<double> kSamplesSeen = {5.0, 4.0, 5.0, 5.0, 5.0};
// transform(X) and transform(new rows), row-major
const std::vector<double> kTransformed = {-0.5382846166435669, -1.2649110640673518, 0.0, -1.0606601717798212, 0.0, -0.512652015851016, -0.6324555320336759, 0.0, -0.7071067811865475, -5.551115123125783e-17, -0.48701941505846524, std::nan(""), 0.0, -0.35355339059327373, -5.551115123125783e-17, -0.46138681426591444, 0.6324555320336759, 0.0, 0.35355339059327373, -5.551115123125783e-17, 1.9993428618189626, 1.2649110640673518, 0.0, 1.7677669529663687, -5.551115123125783e-17};
const std::vector<double> kTransformedNew = {-0.5639172174361177, std::nan(""), 1.0, 0.0, 0.09999999999999998, -0.6920802213988716, 0.0, 0.0, -353554.4512534455, -5.551115123125783e-17};
const std::vector<double> kCenteredOnly = {-22.0, std::nan(""), 1.0, 0.0, 0.09999999999999998, -27.0, 0.0, 0.0, -1000003.0, -5.551115123125783e-17};
const std::vector<double> kScaledOnly = {0.0, std::nan(""), 6.0, 353554.4512534455, 0.4, -0.128163003962754, 1.8973665961010275, 5.0, 0.0, 0.3};

Matrix asRow(const std::vector<double>& values)
{
    return rowMajor(values, 1, static_cast<Eigen::Index>(values.size()));
}

}  // namespace

class TestStandardScaler : public QObject {
    Q_OBJECT

private slots:
    void matchesScikitLearn()
    {
        StandardScaler scaler;
        TrainContext ctx;
        scaler.fit(kX, nullptr, ctx);
        QVERIFY(sameValues(scaler.mean().transpose(), asRow(kMean)));
        // The near-constant last column's variance is ~1e-33: compare it absolutely.
        QVERIFY(sameValues(scaler.var().transpose().leftCols(4), asRow(kVar).leftCols(4)));
        QVERIFY(std::abs(scaler.var()(4)) < 1e-30);
        QVERIFY(sameValues(scaler.scale().transpose(), asRow(kScale)));
        QVERIFY(sameValues(scaler.samplesSeen().transpose(), asRow(kSamplesSeen)));
        QVERIFY(sameValues(scaler.transform(kX), rowMajor(kTransformed, 5, 5)));
        QVERIFY(sameValues(scaler.transform(kNew), rowMajor(kTransformedNew, 2, 5)));
    }

    void constantColumnsKeepScaleOne()
    {
        StandardScaler scaler;
        TrainContext ctx;
        scaler.fit(kX, nullptr, ctx);
        QCOMPARE(scaler.scale()(2), 1.0);  // exactly constant
        QCOMPARE(scaler.scale()(4), 1.0);  // constant up to rounding (0.1 + 0.2 vs 0.3)
    }

    void switchesMatchScikitLearn()
    {
        StandardScaler centerOnly, scaleOnly, neither;
        centerOnly.setParam("with_std", false);
        scaleOnly.setParam("with_mean", false);
        neither.setParams({{"with_mean", false}, {"with_std", false}});
        TrainContext ctx;
        centerOnly.fit(kX, nullptr, ctx);
        scaleOnly.fit(kX, nullptr, ctx);
        neither.fit(kX, nullptr, ctx);
        QVERIFY(sameValues(centerOnly.transform(kNew), rowMajor(kCenteredOnly, 2, 5)));
        QVERIFY(sameValues(scaleOnly.transform(kNew), rowMajor(kScaledOnly, 2, 5)));
        QVERIFY(sameValues(neither.transform(kNew), kNew));
    }

    void inverseTransformRestoresTheData()
    {
        StandardScaler scaler;
        TrainContext ctx;
        const Matrix z = scaler.fitTransform(kX, nullptr, ctx);
        QVERIFY(sameValues(scaler.inverseTransform(z), kX));
    }

    void rejectsWhatItCannotScale()
    {
        StandardScaler scaler;
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, scaler.transform(kX));
        Matrix infinite = kX;
        infinite(1, 3) = std::numeric_limits<double>::infinity();
        QVERIFY_THROWS_EXCEPTION(DataError, scaler.fit(infinite, nullptr, ctx));
        scaler.fit(kX, nullptr, ctx);
        QVERIFY_THROWS_EXCEPTION(DataError, scaler.transform(kX.leftCols(3)));
    }

    void saveLoadRoundTrip()
    {
        StandardScaler scaler;
        TrainContext ctx;
        Matrix withMissingColumn = kX;
        withMissingColumn.col(1).setConstant(kNan);  // all missing: NaN statistics, as scikit-learn
        scaler.fit(withMissingColumn, nullptr, ctx);
        nlohmann::json state;
        scaler.saveState(state);
        const auto copy = Catalog::builtin().createTransformer("StandardScaler");
        copy->loadState(nlohmann::json::parse(state.dump()));
        QVERIFY(sameValues(copy->transform(kNew), scaler.transform(kNew)));
        state["scale"][0] = -1.0;
        QVERIFY_THROWS_EXCEPTION(FormatError, copy->loadState(state));
        state.erase("scale");
        QVERIFY_THROWS_EXCEPTION(FormatError, copy->loadState(state));
        const CatalogEntry* entry = Catalog::builtin().find("StandardScaler");
        QVERIFY(entry && entry->category == "Preprocessing" && entry->kind == ComponentKind::Transformer);
    }
};

QTEST_GUILESS_MAIN(TestStandardScaler)
#include "test_standard_scaler.moc"
