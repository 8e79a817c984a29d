// SimpleImputer against scikit-learn 1.2.1: every strategy's statistics and
// output (including ties, even counts and an all-missing column, which is
// dropped), output names, saved state, and its messages.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/preprocessing/simple_imputer.h"

#include <QtTest>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

const double kNan = std::nan("");
// IMPUTER_X and IMPUTER_NEW of tests/engine/preprocessing/sklearn_reference.py
const Matrix kX = (Matrix(5, 5) << 1.0, kNan, 3.0, -2.0, kNan,
                                   2.0, 4.0, 3.0, kNan, kNan,
                                   kNan, 8.0, 7.0, -2.0, kNan,
                                   10.0, 1.0, 7.0, 5.0, kNan,
                                   2.0, 3.0, kNan, 5.0, kNan).finished();
const Matrix kNew = (Matrix(2, 5) << kNan, kNan, kNan, kNan, 1.0,
                                     0.5, 0.5, 0.5, 0.5, 0.5).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py imputer
// SimpleImputer({'strategy': 'mean'}): statistics_, transform(X) and transform(new) row-major
const std::vector<double> kMeanStatistics = {3.75, 4.0, 5.0, 1.5, std::nan("")};
const std::vector<double> kMeanTransformed = {1.0, 4.0, 3.0, -2.0, 2.0, 4.0, 3.0, 1.5, 3.75, 8.0, 7.0, -2.0, 10.0, 1.0, 7.0, 5.0, 2.0, 3.0, 5.0, 5.0};
const std::vector<double> kMeanTransformedNew = {3.75, 4.0, 5.0, 1.5, 0.5, 0.5, 0.5, 0.5};
const int kMeanColumns = 4;
// SimpleImputer({'strategy': 'median'}): statistics_, transform(X) and transform(new) row-major
const std::vector<double> kMedianStatistics = {2.0, 3.5, 5.0, 1.5, std::nan("")};
const std::vector<double> kMedianTransformed = {1.0, 3.5, 3.0, -2.0, 2.0, 4.0, 3.0, 1.5, 2.0, 8.0, 7.0, -2.0, 10.0, 1.0, 7.0, 5.0, 2.0, 3.0, 5.0, 5.0};
const std::vector<double> kMedianTransformedNew = {2.0, 3.5, 5.0, 1.5, 0.5, 0.5, 0.5, 0.5};
const int kMedianColumns = 4;
// SimpleImputer({'strategy': 'most_frequent'}): statistics_, transform(X) and transform(new) row-major
const std::vector<double> kMostFrequentStatistics = {2.0, 1.0, 3.0, -2.0, std::nan("")};
const std::vector<double> kMostFrequentTransformed = {1.0, 1.0, 3.0, -2.0, 2.0, 4.0, 3.0, -2.0, 2.0, 8.0, 7.0, -2.0, 10.0, 1.0, 7.0, 5.0, 2.0, 3.0, 3.0, 5.0};
const std::vector<double> kMostFrequentTransformedNew = {2.0, 1.0, 3.0, -2.0, 0.5, 0.5, 0.5, 0.5};
const int kMostFrequentColumns = 4;
// SimpleImputer({'strategy': 'constant', 'fill_value': -1.0}): statistics_, transform(X) and transform(new) row-major
const std::vector<double> kConstantStatistics = {-1.0, -1.0, -1.0, -1.0, -1.0};
const std::vector<double> kConstantTransformed = {1.0, -1.0, 3.0, -2.0, -1.0, 2.0, 4.0, 3.0, -1.0, -1.0, -1.0, 8.0, 7.0, -2.0, -1.0, 10.0, 1.0, 7.0, 5.0, -1.0, 2.0, 3.0, -1.0, 5.0, -1.0};
const std::vector<double> kConstantTransformedNew = {-1.0, -1.0, -1.0, -1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5};
const int kConstantColumns = 5;

struct Expected {
    const char* strategy;
    const std::vector<double>& statistics;
    const std::vector<double>& transformed;
    const std::vector<double>& transformedNew;
    int columns;
};

SimpleImputer fitted(const std::string& strategy, const Matrix& X = kX)
{
    SimpleImputer imputer;
    imputer.setParam("strategy", strategy);
    if (strategy == "constant")
        imputer.setParam("fill_value", -1.0);
    TrainContext ctx;
    imputer.fit(X, nullptr, ctx);
    return imputer;
}

}  // namespace

class TestSimpleImputer : public QObject {
    Q_OBJECT

private slots:
    void matchesScikitLearn_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("mean") << 0;
        QTest::newRow("median") << 1;
        QTest::newRow("most_frequent") << 2;
        QTest::newRow("constant") << 3;
    }

    void matchesScikitLearn()
    {
        QFETCH(int, which);
        const Expected cases[] = {
            {"mean", kMeanStatistics, kMeanTransformed, kMeanTransformedNew, kMeanColumns},
            {"median", kMedianStatistics, kMedianTransformed, kMedianTransformedNew, kMedianColumns},
            {"most_frequent", kMostFrequentStatistics, kMostFrequentTransformed, kMostFrequentTransformedNew,
             kMostFrequentColumns},
            {"constant", kConstantStatistics, kConstantTransformed, kConstantTransformedNew, kConstantColumns},
        };
        const Expected& e = cases[which];
        const SimpleImputer imputer = fitted(e.strategy);
        QVERIFY(sameValues(imputer.statistics(), rowMajor(e.statistics, 1, 5).row(0).transpose()));
        const Matrix out = imputer.transform(kX);
        QCOMPARE(out.cols(), Eigen::Index(e.columns));
        QVERIFY(sameValues(out, rowMajor(e.transformed, 5, e.columns)));
        QVERIFY(sameValues(imputer.transform(kNew), rowMajor(e.transformedNew, 2, e.columns)));
        QVERIFY(!out.array().isNaN().any());
    }

    void dropsTheNameOfAnAllMissingColumn()
    {
        const SimpleImputer imputer = fitted("median");
        const StringList names = imputer.featureNamesOut({"a", "b", "c", "d", "e"});
        QCOMPARE(names, (StringList{"a", "b", "c", "d"}));
        QCOMPARE(fitted("constant").featureNamesOut({"a", "b", "c", "d", "e"}).size(), std::size_t(5));
    }

    void savedStateRoundTrips()
    {
        const SimpleImputer imputer = fitted("mean");
        nlohmann::json state;
        imputer.saveState(state);
        QVERIFY(state["statistics"][4].is_null());  // the dropped column
        SimpleImputer restored;
        restored.loadState(nlohmann::json::parse(state.dump()));
        QVERIFY(restored.isFitted());
        QVERIFY(sameValues(restored.transform(kNew), imputer.transform(kNew)));
    }

    void rejectsDamagedStateAndBadInput()
    {
        SimpleImputer imputer;
        QVERIFY_THROWS_EXCEPTION(FormatError, imputer.loadState(nlohmann::json{{"fitted", true}, {"statistics", "x"}}));
        QVERIFY_THROWS_EXCEPTION(NotFittedError, imputer.transform(kX));
        QVERIFY_THROWS_EXCEPTION(ParamError, imputer.setParam("strategy", std::string("mode")));
        Matrix withInf = kX;
        withInf(0, 0) = std::numeric_limits<double>::infinity();
        TrainContext ctx;
        try {
            imputer.fit(withInf, nullptr, ctx);
            QFAIL("infinite values were accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("infinite"));
        }
        const SimpleImputer ok = fitted("mean");
        try {
            ok.transform(Matrix::Zero(2, 3));
            QFAIL("a table of the wrong width was accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("SimpleImputer"));
        }
    }

    void isInTheCatalog()
    {
        auto component = Catalog::builtin().create("SimpleImputer");
        QVERIFY(component);
        QCOMPARE(component->typeName(), std::string("SimpleImputer"));
    }
};

QTEST_GUILESS_MAIN(TestSimpleImputer)
#include "test_simple_imputer.moc"
