// PolynomialFeatures against scikit-learn 1.2.1: column order, values and
// feature names for plain, cubic and interaction-only expansions.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/preprocessing/polynomial_features.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

// POLY_X of tests/engine/preprocessing/sklearn_reference.py.
const Matrix kX = (Matrix(3, 3) << 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, -1.0, 0.5, 2.0).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py polynomial
// PolynomialFeatures({}), transform row-major
const std::vector<double> kDefaultOutput = {1.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 6.0, 9.0, 1.0, 4.0, 5.0, 6.0, 16.0, 20.0, 24.0, 25.0, 30.0, 36.0, 1.0, -1.0, 0.5, 2.0, 1.0, -0.5, -2.0, 0.25, 1.0, 4.0};
const StringList kDefaultNames = {"1", "x0", "x1", "x2", "x0^2", "x0 x1", "x0 x2", "x1^2", "x1 x2", "x2^2"};
const StringList kDefaultNamedNames = {"1", "a", "b", "c", "a^2", "a b", "a c", "b^2", "b c", "c^2"};
// PolynomialFeatures({'degree': 3, 'interaction_only': True, 'include_bias': False}), transform row-major
const std::vector<double> kInteractionOnlyOutput = {1.0, 2.0, 3.0, 2.0, 3.0, 6.0, 6.0, 4.0, 5.0, 6.0, 20.0, 24.0, 30.0, 120.0, -1.0, 0.5, 2.0, -0.5, -2.0, 1.0, -1.0};
const StringList kInteractionOnlyNames = {"x0", "x1", "x2", "x0 x1", "x0 x2", "x1 x2", "x0 x1 x2"};
const StringList kInteractionOnlyNamedNames = {"a", "b", "c", "a b", "a c", "b c", "a b c"};
// PolynomialFeatures({'degree': 3}), transform row-major
const std::vector<double> kCubicOutput = {1.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 4.0, 6.0, 9.0, 1.0, 2.0, 3.0, 4.0, 6.0, 9.0, 8.0, 12.0, 18.0, 27.0, 1.0, 4.0, 5.0, 6.0, 16.0, 20.0, 24.0, 25.0, 30.0, 36.0, 64.0, 80.0, 96.0, 100.0, 120.0, 144.0, 125.0, 150.0, 180.0, 216.0, 1.0, -1.0, 0.5, 2.0, 1.0, -0.5, -2.0, 0.25, 1.0, 4.0, -1.0, 0.5, 2.0, -0.25, -1.0, -4.0, 0.125, 0.5, 2.0, 8.0};
const StringList kCubicNames = {"1", "x0", "x1", "x2", "x0^2", "x0 x1", "x0 x2", "x1^2", "x1 x2", "x2^2", "x0^3", "x0^2 x1", "x0^2 x2", "x0 x1^2", "x0 x1 x2", "x0 x2^2", "x1^3", "x1^2 x2", "x1 x2^2", "x2^3"};
const StringList kCubicNamedNames = {"1", "a", "b", "c", "a^2", "a b", "a c", "b^2", "b c", "c^2", "a^3", "a^2 b", "a^2 c", "a b^2", "a b c", "a c^2", "b^3", "b^2 c", "b c^2", "c^3"};

}  // namespace

class TestPolynomialFeatures : public QObject {
    Q_OBJECT

private:
    void check(const ParamMap& params, const std::vector<double>& output, const StringList& names,
               const StringList& namedNames)
    {
        PolynomialFeatures poly;
        poly.setParams(params);
        TrainContext ctx;
        poly.fit(kX, nullptr, ctx);
        const auto columns = static_cast<Eigen::Index>(names.size());
        QCOMPARE(poly.outputFeatures(), columns);
        QVERIFY(sameValues(poly.transform(kX), rowMajor(output, 3, columns)));
        QVERIFY(poly.featureNamesOut({}) == names);
        QVERIFY(poly.featureNamesOut({"a", "b", "c"}) == namedNames);
    }

private slots:
    void degreeTwoMatchesScikitLearn() { check({}, kDefaultOutput, kDefaultNames, kDefaultNamedNames); }

    void degreeThreeMatchesScikitLearn()
    {
        check({{"degree", 3LL}}, kCubicOutput, kCubicNames, kCubicNamedNames);
    }

    void interactionOnlyMatchesScikitLearn()
    {
        check({{"degree", 3LL}, {"interaction_only", true}, {"include_bias", false}}, kInteractionOnlyOutput,
              kInteractionOnlyNames, kInteractionOnlyNamedNames);
    }

    void powersDescribeEachColumn()
    {
        PolynomialFeatures poly;
        TrainContext ctx;
        poly.fit(kX, nullptr, ctx);
        const Eigen::MatrixXi p = poly.powers();
        QCOMPARE(p.rows(), Eigen::Index{10});
        QCOMPARE(p.row(5), (Eigen::RowVector3i(1, 1, 0)));  // x0 x1
        QCOMPARE(p.row(7), (Eigen::RowVector3i(0, 2, 0)));  // x1^2
        QCOMPARE(p.rowwise().sum().maxCoeff(), 2);
    }

    void rejectsBadInputAndHugeExpansions()
    {
        PolynomialFeatures poly;
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, poly.transform(kX));
        Matrix missing = kX;
        missing(0, 1) = std::nan("");
        QVERIFY_THROWS_EXCEPTION(DataError, poly.fit(missing, nullptr, ctx));
        poly.fit(kX, nullptr, ctx);
        QVERIFY_THROWS_EXCEPTION(DataError, poly.transform(missing));
        QVERIFY_THROWS_EXCEPTION(DataError, poly.transform(kX.leftCols(2)));
        poly.setParam("degree", 6LL);
        try {
            poly.fit(Matrix::Zero(2, 200), nullptr, ctx);
            QFAIL("expected a DataError");
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).contains("lower the degree"), e.what());
        }
        poly.setParams({{"degree", 0LL}, {"include_bias", false}});
        QVERIFY_THROWS_EXCEPTION(ParamError, poly.fit(kX, nullptr, ctx));
    }

    void saveLoadRoundTrip()
    {
        PolynomialFeatures poly;
        poly.setParam("degree", 3LL);
        TrainContext ctx;
        poly.fit(kX, nullptr, ctx);
        nlohmann::json state;
        poly.saveState(state);
        const auto copy = Catalog::builtin().createTransformer("PolynomialFeatures");
        copy->setParams(poly.params());
        copy->loadState(nlohmann::json::parse(state.dump()));
        QVERIFY(copy->transform(kX) == poly.transform(kX));
        state["n_features_in"] = "three";
        QVERIFY_THROWS_EXCEPTION(FormatError, copy->loadState(state));
    }
};

QTEST_GUILESS_MAIN(TestPolynomialFeatures)
#include "test_polynomial_features.moc"
