// KNNImputer and MissingIndicator against scikit-learn 1.2.1 (and
// SimpleImputer's add_indicator): uniform and distance weights, rows with
// several gaps, a row sharing no coordinate with any donor (column mean), an
// all-missing column (dropped), indicator columns and names, error_on_new,
// saved state and messages.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/preprocessing/knn_imputer.h"
#include "engine/preprocessing/missing_indicator.h"
#include "engine/preprocessing/simple_imputer.h"

#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

const double kNan = std::nan("");
// KNN_X, KNN_NEW, IMPUTER_X, IMPUTER_NEW, FUNC_X and FUNC_NEW of tests/engine/preprocessing/sklearn_reference.py
const Matrix kX = (Matrix(7, 5) << 1.0, 2.0, kNan, 10.0, kNan,
                                   2.0, kNan, 3.5, 11.0, kNan,
                                   kNan, 4.1, 5.0, kNan, kNan,
                                   4.3, 5.2, 6.1, 14.0, kNan,
                                   8.0, 1.0, 0.5, 20.0, kNan,
                                   5.5, kNan, kNan, 16.5, kNan,
                                   0.2, 0.9, 1.7, 9.3, kNan).finished();
const Matrix kNew = (Matrix(4, 5) << kNan, 3.0, 4.0, 12.0, 1.0,
                                     6.0, kNan, kNan, kNan, kNan,
                                     kNan, kNan, kNan, kNan, 2.0,
                                     3.0, 3.0, 3.0, 3.0, 3.0).finished();
const Matrix kImputerX = (Matrix(5, 5) << 1.0, kNan, 3.0, -2.0, kNan,
                                          2.0, 4.0, 3.0, kNan, kNan,
                                          kNan, 8.0, 7.0, -2.0, kNan,
                                          10.0, 1.0, 7.0, 5.0, kNan,
                                          2.0, 3.0, kNan, 5.0, kNan).finished();
const Matrix kImputerNew = (Matrix(2, 5) << kNan, kNan, kNan, kNan, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5).finished();
const Matrix kFuncX = (Matrix(8, 3) << 0.5, 4.0, 1.0, 2.0, 9.0, 1.5, kNan, 16.0, 1.2, 30.0, 0.0, 1.1, 3.0, 1.0, 1.3,
                       2.5, 2.25, -20.0, 1.5, 6.0, 1.25, 2.2, 3.0, 1.15).finished();
const Matrix kFuncNew = (Matrix(2, 3) << 100.0, 50.0, 1.4, 0.1, kNan, -1.0).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py knn
// KNNImputer({'n_neighbors': 2}): transform(X), transform(new) row-major
const std::vector<double> kKnnUniformTransformed = {1.0, 2.0, 2.6, 10.0, 2.0, 3.05, 3.5, 11.0, 3.15, 4.1, 5.0, 12.5, 4.3, 5.2, 6.1, 14.0, 8.0, 1.0, 0.5, 20.0, 5.5, 3.1, 3.3, 16.5, 0.2, 0.9, 1.7, 9.3};
const std::vector<double> kKnnUniformTransformedNew = {1.5, 3.0, 4.0, 12.0, 6.0, 3.1, 3.3, 15.25, 3.5, 2.64, 3.3600000000000003, 13.466666666666667, 3.0, 3.0, 3.0, 3.0};
const int kKnnUniformColumns = 4;
// KNNImputer({'n_neighbors': 3, 'weights': 'distance'}): transform(X), transform(new) row-major
const std::vector<double> kKnnDistanceTransformed = {1.0, 2.0, 2.9924939866302944, 10.0, 2.0, 2.3482996579460234, 3.5, 11.0, 2.7869198312236265, 4.1, 5.0, 12.097046413502106, 4.3, 5.2, 6.1, 14.0, 8.0, 1.0, 0.5, 20.0, 5.5, 3.280516761441622, 3.8216328894185714, 16.5, 0.2, 0.9, 1.7, 9.3};
const std::vector<double> kKnnDistanceTransformedNew = {2.1946553740280863, 3.0, 4.0, 12.0, 6.0, 3.0730593607305963, 3.5219780219780246, 16.59047619047619, 3.5, 2.64, 3.3600000000000003, 13.466666666666667, 3.0, 3.0, 3.0, 3.0};
const int kKnnDistanceColumns = 4;
// KNNImputer({}): transform(X), transform(new) row-major
const std::vector<double> kKnnFiveTransformed = {1.0, 2.0, 3.3600000000000003, 10.0, 2.0, 2.64, 3.5, 11.0, 3.1, 4.1, 5.0, 12.86, 4.3, 5.2, 6.1, 14.0, 8.0, 1.0, 0.5, 20.0, 5.5, 2.6399999999999997, 3.3600000000000003, 16.5, 0.2, 0.9, 1.7, 9.3};
const std::vector<double> kKnnFiveTransformedNew = {2.6, 3.0, 4.0, 12.0, 6.0, 2.6399999999999997, 3.3600000000000003, 14.3, 3.5, 2.64, 3.3600000000000003, 13.466666666666667, 3.0, 3.0, 3.0, 3.0};
const int kKnnFiveColumns = 4;
// KNNImputer({'n_neighbors': 1, 'add_indicator': True}): transform(X), transform(new) row-major
const std::vector<double> kKnnIndicatorTransformed = {1.0, 2.0, 1.7, 10.0, 0.0, 0.0, 1.0, 0.0, 1.0, 2.0, 2.0, 3.5, 11.0, 0.0, 1.0, 0.0, 0.0, 1.0, 4.3, 4.1, 5.0, 14.0, 1.0, 0.0, 0.0, 1.0, 1.0, 4.3, 5.2, 6.1, 14.0, 0.0, 0.0, 0.0, 0.0, 1.0, 8.0, 1.0, 0.5, 20.0, 0.0, 0.0, 0.0, 0.0, 1.0, 5.5, 5.2, 6.1, 16.5, 0.0, 1.0, 1.0, 0.0, 1.0, 0.2, 0.9, 1.7, 9.3, 0.0, 0.0, 0.0, 0.0, 1.0};
const std::vector<double> kKnnIndicatorTransformedNew = {2.0, 3.0, 4.0, 12.0, 1.0, 0.0, 0.0, 0.0, 0.0, 6.0, 5.2, 6.1, 16.5, 0.0, 1.0, 1.0, 1.0, 1.0, 3.5, 2.64, 3.3600000000000003, 13.466666666666667, 1.0, 1.0, 1.0, 1.0, 0.0, 3.0, 3.0, 3.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0};
const int kKnnIndicatorColumns = 9;
const StringList kKnnIndicatorNames = {"a", "b", "c", "d", "missingindicator_a", "missingindicator_b", "missingindicator_c", "missingindicator_d", "missingindicator_e"};
// MissingIndicator({}): features_, transform(new) row-major and names for a..e
const std::vector<Eigen::Index> kIndicatorMissingOnlyFeatures = {0, 1, 2, 3, 4};
const std::vector<double> kIndicatorMissingOnlyNew = {1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0};
const StringList kIndicatorMissingOnlyNames = {"missingindicator_a", "missingindicator_b", "missingindicator_c", "missingindicator_d", "missingindicator_e"};
// MissingIndicator({'features': 'all'}): features_, transform(new) row-major and names for a..e
const std::vector<Eigen::Index> kIndicatorAllFeatures = {0, 1, 2, 3, 4};
const std::vector<double> kIndicatorAllNew = {1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0};
const StringList kIndicatorAllNames = {"missingindicator_a", "missingindicator_b", "missingindicator_c", "missingindicator_d", "missingindicator_e"};
// MissingIndicator() on FUNC_X (only column 0 has a gap): features_ and transform(FUNC_X) row-major;
// transform(FUNC_NEW) raises ValueError: column 1 has a gap that fit never saw
const std::vector<Eigen::Index> kIndicatorFuncFeatures = {0};
const std::vector<double> kIndicatorFunc = {0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0};
// SimpleImputer(strategy='median', add_indicator=True) on IMPUTER_X: transform(new) and names for a..e
const std::vector<double> kMedianIndicatorNew = {2.0, 3.5, 5.0, 1.5, 1.0, 1.0, 1.0, 1.0, 0.0, 0.5, 0.5, 0.5, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0};
const int kMedianIndicatorColumns = 9;
const StringList kMedianIndicatorNames = {"a", "b", "c", "d", "missingindicator_a", "missingindicator_b", "missingindicator_c", "missingindicator_d", "missingindicator_e"};

double maxDiff(const Matrix& a, const Matrix& b)
{
    double m = 0;
    for (Eigen::Index k = 0; k < std::min(a.size(), b.size()); ++k)
        if (!std::isnan(b.data()[k]))
            m = std::max(m, std::abs(a.data()[k] - b.data()[k]));
    return m;
}

}  // namespace

class TestKnnImputer : public QObject {
    Q_OBJECT

private slots:
    void matchesScikitLearn_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("n_neighbors=2") << 0;
        QTest::newRow("n_neighbors=3, distance") << 1;
        QTest::newRow("defaults") << 2;
        QTest::newRow("n_neighbors=1, add_indicator") << 3;
    }

    void matchesScikitLearn()
    {
        QFETCH(int, which);
        struct Case {
            ParamMap params;
            const std::vector<double>&transformed, &transformedNew;
            int columns;
        };
        const Case cases[] = {
            {{{"n_neighbors", 2LL}}, kKnnUniformTransformed, kKnnUniformTransformedNew, kKnnUniformColumns},
            {{{"n_neighbors", 3LL}, {"weights", std::string("distance")}}, kKnnDistanceTransformed,
             kKnnDistanceTransformedNew, kKnnDistanceColumns},
            {{}, kKnnFiveTransformed, kKnnFiveTransformedNew, kKnnFiveColumns},
            {{{"n_neighbors", 1LL}, {"add_indicator", true}}, kKnnIndicatorTransformed, kKnnIndicatorTransformedNew,
             kKnnIndicatorColumns},
        };
        const Case& c = cases[which];
        KNNImputer k;
        k.setParams(c.params);
        TrainContext ctx;
        k.fit(kX, nullptr, ctx);
        const Matrix out = k.transform(kX), outNew = k.transform(kNew);
        const Matrix ref = rowMajor(c.transformed, 7, c.columns), refNew = rowMajor(c.transformedNew, 4, c.columns);
        qInfo("max |diff| %.3g (train), %.3g (new)", maxDiff(out, ref), maxDiff(outNew, refNew));
        QVERIFY(sameValues(out, ref, 1e-12));
        QVERIFY(sameValues(outNew, refNew, 1e-12));
        nlohmann::json state;
        k.saveState(state);
        KNNImputer copy;
        copy.setParams(k.params());
        copy.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(copy.transform(kNew), outNew);
    }

    void namesDropTheEmptyColumnAndAddIndicators()
    {
        KNNImputer k;
        k.setParam("add_indicator", true);
        TrainContext ctx;
        k.fit(kX, nullptr, ctx);
        QCOMPARE(k.featureNamesOut({"a", "b", "c", "d", "e"}), kKnnIndicatorNames);
        k.setParam("add_indicator", false);
        QCOMPARE(k.featureNamesOut({"a", "b", "c", "d", "e"}), (StringList{"a", "b", "c", "d"}));
    }

    void missingIndicatorMatchesScikitLearn()
    {
        TrainContext ctx;
        for (const char* features : {"missing-only", "all"}) {
            MissingIndicator m;
            m.setParam("features", std::string(features));
            m.fit(kX, nullptr, ctx);
            const bool all = std::string(features) == "all";
            QCOMPARE(m.features(), all ? kIndicatorAllFeatures : kIndicatorMissingOnlyFeatures);
            QVERIFY(sameValues(m.transform(kNew.topRows(3)), rowMajor(all ? kIndicatorAllNew : kIndicatorMissingOnlyNew, 3, 5)));
            QCOMPARE(m.featureNamesOut({"a", "b", "c", "d", "e"}), all ? kIndicatorAllNames : kIndicatorMissingOnlyNames);
        }
        MissingIndicator m;
        m.fit(kFuncX, nullptr, ctx);
        QCOMPARE(m.features(), kIndicatorFuncFeatures);
        QVERIFY(sameValues(m.transform(kFuncX), rowMajor(kIndicatorFunc, 8, 1)));
        QCOMPARE(m.featureNamesOut({"a", "b", "c"}), (StringList{"missingindicator_a"}));
        try {
            m.transform(kFuncNew);
            QFAIL("a new gap in a column without an indicator was accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("column(s) 1"));
        }
        m.setParam("error_on_new", false);
        QCOMPARE(m.transform(kFuncNew).cols(), Eigen::Index(1));
        nlohmann::json state;
        m.saveState(state);
        MissingIndicator copy;
        copy.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(copy.features(), m.features());
    }

    void simpleImputerAddsIndicators()
    {
        SimpleImputer imp;
        imp.setParams({{"strategy", std::string("median")}, {"add_indicator", true}});
        TrainContext ctx;
        imp.fit(kImputerX, nullptr, ctx);
        QVERIFY(sameValues(imp.transform(kImputerNew), rowMajor(kMedianIndicatorNew, 2, kMedianIndicatorColumns)));
        QCOMPARE(imp.featureNamesOut({"a", "b", "c", "d", "e"}), kMedianIndicatorNames);
        nlohmann::json state;
        imp.saveState(state);
        SimpleImputer copy;
        copy.setParams(imp.params());
        copy.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(copy.transform(kImputerNew).cols(), Eigen::Index(kMedianIndicatorColumns));
        // A state saved before add_indicator existed still loads (without indicators).
        state.erase("indicator");
        SimpleImputer old;
        old.loadState(state);
        QCOMPARE(old.transform(kImputerNew).cols(), Eigen::Index(4));
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(state));  // add_indicator on, indicator gone
    }

    void rejectsDamagedStateAndBadInput()
    {
        KNNImputer k;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, k.transform(kX));
        QVERIFY_THROWS_EXCEPTION(FormatError, k.loadState(nlohmann::json{{"fitted", true}, {"fit_X", 3}}));
        QVERIFY_THROWS_EXCEPTION(ParamError, k.setParam("n_neighbors", 0LL));
        MissingIndicator m;
        QVERIFY_THROWS_EXCEPTION(FormatError, m.loadState(nlohmann::json{{"fitted", true}, {"n_features_in", 2}, {"features", {5}}}));
        TrainContext ctx;
        k.fit(kX, nullptr, ctx);
        try {
            k.transform(Matrix::Zero(2, 3));
            QFAIL("a table of the wrong width was accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("KNNImputer"));
        }
        QVERIFY(Catalog::builtin().create("KNNImputer"));
        QVERIFY(Catalog::builtin().create("MissingIndicator"));
    }
};

QTEST_GUILESS_MAIN(TestKnnImputer)
#include "test_knn_imputer.moc"
