// PowerTransformer against scikit-learn 1.2.1: lambdas_ (found with Brent's
// method) and output for Yeo-Johnson and Box-Cox, standardized or not, on
// skewed data with a missing value, mixed signs, zero and a constant column;
// inverse transform, saved state, and Box-Cox's message on non-positive data.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/preprocessing/power_transformer.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

const double kNan = std::nan("");
// POWER_X and POWER_NEW of tests/engine/preprocessing/sklearn_reference.py
const Matrix kX = (Matrix(6, 4) << 1.0, 0.5, -3.0, 5.0,
                                   2.0, 3.0, -1.0, 5.0,
                                   3.5, kNan, 0.0, 5.0,
                                   10.0, 1.5, 2.0, 5.0,
                                   25.0, 8.0, 4.5, 5.0,
                                   1.2, 0.2, -0.5, 5.0).finished();
const Matrix kNew = (Matrix(2, 4) << 0.7, 12.0, -6.0, 4.0, 40.0, kNan, 9.0, 5.0).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py power
// PowerTransformer({}) on the first 4 columns: lambdas_, transform(X), transform(new)
const std::vector<double> kYeoJohnsonLambdas = {-0.59078716869029, -0.4451656648612371, 0.7508584729635882, 6.010679381385484};
const std::vector<double> kYeoJohnsonTransformed = {-1.1968852414280036, -0.8493222970557838, -1.644817102537497, 9.094947017729282e-13, -0.4555376803194287, 0.6495546451971594, -0.47725496418789853, 9.094947017729282e-13, 0.12789319286185358, std::nan(""), 0.013936639868053442, 9.094947017729282e-13, 1.012192142394085, 0.012404876791475719, 0.7745131056638868, 9.094947017729282e-13, 1.5186696125504964, 1.4791459509414653, 1.554917395736849, 9.094947017729282e-13, -1.006332026059005, -1.2917831758743168, -0.22129507454339348, 9.094947017729282e-13};
const std::vector<double> kYeoJohnsonTransformedNew = {-1.5476102291108382, 1.7672811405317395, -3.684103324063098, -5267.536425389502, 1.6990901207889928, std::nan(""), 2.764219698112955, 9.094947017729282e-13};
// PowerTransformer({'standardize': False}) on the first 4 columns: lambdas_, transform(X), transform(new)
const std::vector<double> kYeoJohnsonRawLambdas = {-0.59078716869029, -0.4451656648612371, 0.7508584729635882, 6.010679381385484};
const std::vector<double> kYeoJohnsonRawTransformed = {0.5687656962814396, 0.37097785849789133, -3.722657483024781, 7911.97636957256, 0.8081691715240735, 1.0344683604070444, -1.1023565787324527, 7911.97636957256, 0.9965765878708404, std::nan(""), 0.0, 7911.97636957256, 1.2821433756739251, 0.7524286493982352, 1.7069234567038924, 7911.97636957256, 1.4457002184403966, 1.4016939386459228, 3.4583455008293935, 7911.97636957256, 0.6303010737092412, 0.17511882411898216, -0.5279186895027504, 7911.97636957256};
const std::vector<double> kYeoJohnsonRawTransformedNew = {0.45550602523032857, 1.529239406969418, -8.299324843896688, 2644.439944183056, 1.5039634392875108, std::nan(""), 6.172321753055297, 7911.97636957256};
// PowerTransformer({'method': 'box-cox'}) on the first 2 columns: lambdas_, transform(X), transform(new)
const std::vector<double> kBoxCoxLambdas = {-0.34572013454072564, 0.032074052826615476};
const std::vector<double> kBoxCoxTransformed = {-1.2616259267819805, -0.7410658813372487, -0.3878181931242805, 0.6369154958163814, 0.1798194958494521, std::nan(""), 0.9892451467380886, 0.09442780459308343, 1.4915038154215476, 1.4254590759289758, -1.011124338102827, -1.415736495001192};
const std::vector<double> kBoxCoxTransformedNew = {-1.7997865600851384, 1.7587520673802144, 1.6936132225279157, std::nan("")};
// PowerTransformer({'method': 'box-cox', 'standardize': False}) on the first 2 columns: lambdas_, transform(X), transform(new)
const std::vector<double> kBoxCoxRawLambdas = {-0.34572013454072564, 0.032074052826615476};
const std::vector<double> kBoxCoxRawTransformed = {0.0, -0.6854989264980929, 0.6163509038546753, 1.1181975252789964, 1.0167410459703008, std::nan(""), 1.5876792653427128, 0.4081130930689104, 1.9419535209802394, 2.150354621958046, 0.17669433978700713, -1.5686030178593031};
const std::vector<double> kBoxCoxRawTransformedNew = {-0.3795981426794539, 2.5866155149205694, 2.0845138474105167, std::nan("")};

// Largest difference relative to max(1, |reference|), ignoring NaN where both are NaN.
double maxDiff(const Matrix& ours, const Matrix& reference)
{
    double m = 0;
    for (Eigen::Index k = 0; k < ours.size(); ++k) {
        const double a = ours.data()[k], b = reference.data()[k];
        if (std::isnan(a) && std::isnan(b))
            continue;
        m = std::max(m, std::abs(a - b) / std::max(1.0, std::abs(b)));
    }
    return m;
}

}  // namespace

class TestPowerTransformer : public QObject {
    Q_OBJECT

private slots:
    void matchesScikitLearn_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("yeo-johnson") << 0;
        QTest::newRow("yeo-johnson, not standardized") << 1;
        QTest::newRow("box-cox") << 2;
        QTest::newRow("box-cox, not standardized") << 3;
    }

    void matchesScikitLearn()
    {
        QFETCH(int, which);
        struct Case {
            const char* method;
            bool standardize;
            Eigen::Index cols;
            const std::vector<double>&lambdas, &transformed, &transformedNew;
        };
        const Case cases[] = {
            {"yeo-johnson", true, 4, kYeoJohnsonLambdas, kYeoJohnsonTransformed, kYeoJohnsonTransformedNew},
            {"yeo-johnson", false, 4, kYeoJohnsonRawLambdas, kYeoJohnsonRawTransformed, kYeoJohnsonRawTransformedNew},
            {"box-cox", true, 2, kBoxCoxLambdas, kBoxCoxTransformed, kBoxCoxTransformedNew},
            {"box-cox", false, 2, kBoxCoxRawLambdas, kBoxCoxRawTransformed, kBoxCoxRawTransformedNew},
        };
        const Case& c = cases[which];
        PowerTransformer p;
        p.setParams({{"method", std::string(c.method)}, {"standardize", c.standardize}});
        const Matrix X = kX.leftCols(c.cols), X2 = kNew.leftCols(c.cols);
        TrainContext ctx;
        p.fit(X, nullptr, ctx);
        const Matrix lambdas = rowMajor(c.lambdas, 1, c.cols);
        const Matrix out = rowMajor(c.transformed, 6, c.cols), outNew = rowMajor(c.transformedNew, 2, c.cols);
        qInfo("%s standardize=%d: max relative |diff| lambdas %.3g, transform %.3g, new rows %.3g", c.method,
              int(c.standardize), maxDiff(p.lambdas().transpose(), lambdas), maxDiff(p.transform(X), out),
              maxDiff(p.transform(X2), outNew));
        QVERIFY(sameValues(p.lambdas().transpose(), lambdas, 1e-6));
        QVERIFY(sameValues(p.transform(X), out, 1e-6));
        QVERIFY(sameValues(p.transform(X2), outNew, 1e-6));
        // The inverse gives the input back (the constant column only up to its rounding noise).
        QVERIFY(sameValues(p.inverseTransform(p.transform(X)).leftCols(std::min<Eigen::Index>(c.cols, 3)),
                           X.leftCols(std::min<Eigen::Index>(c.cols, 3)), 1e-9));
        nlohmann::json state;
        p.saveState(state);
        PowerTransformer copy;
        copy.setParams(p.params());
        copy.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(copy.transform(X2).array().isNaN().count(), p.transform(X2).array().isNaN().count());
        QVERIFY(sameValues(copy.transform(X2), p.transform(X2)));
    }

    void boxCoxNamesTheNonPositiveColumn()
    {
        PowerTransformer p;
        p.setParam("method", std::string("box-cox"));
        TrainContext ctx;
        try {
            p.fit(kX, nullptr, ctx);
            QFAIL("Box-Cox accepted negative data");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("column 2"));
            QVERIFY(QString(e.what()).contains("strictly positive"));
        }
        p.fit(kX.leftCols(2), nullptr, ctx);
        Matrix bad = kNew.leftCols(2);
        bad(0, 1) = 0.0;
        try {
            p.transform(bad);
            QFAIL("Box-Cox transformed a zero");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("column 1"));
        }
    }

    void rejectsDamagedStateAndBadInput()
    {
        PowerTransformer p;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, p.transform(kX));
        QVERIFY_THROWS_EXCEPTION(FormatError, p.loadState(nlohmann::json{{"fitted", true}, {"lambdas", {1.0}}}));
        QVERIFY_THROWS_EXCEPTION(FormatError,
                                 p.loadState(nlohmann::json{{"fitted", true}, {"lambdas", {1.0}}, {"scaler", "x"}}));
        QVERIFY_THROWS_EXCEPTION(ParamError, p.setParam("method", std::string("log")));
        Matrix empty = kX;
        empty.col(1).setConstant(kNan);
        TrainContext ctx;
        try {
            p.fit(empty, nullptr, ctx);
            QFAIL("an all-missing column was accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("column 1"));
        }
        QVERIFY(Catalog::builtin().create("PowerTransformer"));
    }
};

QTEST_GUILESS_MAIN(TestPowerTransformer)
#include "test_power_transformer.moc"
