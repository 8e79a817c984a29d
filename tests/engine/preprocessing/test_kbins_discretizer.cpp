// KBinsDiscretizer against scikit-learn 1.2.1: bin edges, bin counts and
// bin indices for the uniform, quantile and kmeans strategies (with merged
// quantile edges, a constant column and new values outside the training
// range), one-hot output and names, saved state and messages.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/preprocessing/kbins_discretizer.h"

#include <QtTest>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include "tests/support/reference_values.h"

using namespace dslab;
using dslab::test::rowMajor;
using dslab::test::sameValues;

namespace {

// KBINS_X and KBINS_NEW of tests/engine/preprocessing/sklearn_reference.py
const Matrix kX = (Matrix(10, 4) << 0.5, 1.0, 7.0, 0.1,
                                    1.0, 1.0, 7.0, 0.3,
                                    1.5, 1.0, 7.0, 0.2,
                                    2.0, 1.0, 7.0, 5.0,
                                    3.0, 2.0, 7.0, 5.4,
                                    5.0, 2.0, 7.0, 5.1,
                                    8.0, 3.0, 7.0, 9.0,
                                    13.0, 4.0, 7.0, 9.5,
                                    21.0, 1.0, 7.0, 0.0,
                                    34.0, 5.0, 7.0, 4.8).finished();
const Matrix kNew = (Matrix(3, 4) << -1.0, 0.0, 8.0, -3.0, 50.0, 2.5, 7.0, 7.0, 4.0, 3.0, 6.0, 9.2).finished();

// Produced by: /usr/bin/python3 tests/engine/preprocessing/sklearn_reference.py kbins
// KBinsDiscretizer(n_bins=3, strategy='uniform'): bin_edges_, n_bins_, transform(X), transform(new)
const std::vector<double> kUniform3Edges = {0.5, 11.666666666666666, 22.833333333333332, 34.0, 1.0, 2.333333333333333, 3.6666666666666665, 5.0, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 0.0, 3.1666666666666665, 6.333333333333333, 9.5};
const std::vector<int> kUniform3Bins = {3, 3, 1, 3};
const std::vector<double> kUniform3Transformed = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 2.0, 1.0, 2.0, 0.0, 2.0, 1.0, 0.0, 0.0, 0.0, 2.0, 2.0, 0.0, 1.0};
const std::vector<double> kUniform3TransformedNew = {0.0, 0.0, 0.0, 0.0, 2.0, 1.0, 0.0, 2.0, 0.0, 1.0, 0.0, 2.0};
// KBinsDiscretizer(n_bins=4, strategy='uniform'): bin_edges_, n_bins_, transform(X), transform(new)
const std::vector<double> kUniform4Edges = {0.5, 8.875, 17.25, 25.625, 34.0, 1.0, 2.0, 3.0, 4.0, 5.0, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 0.0, 2.375, 4.75, 7.125, 9.5};
const std::vector<int> kUniform4Bins = {4, 4, 1, 4};
const std::vector<double> kUniform4Transformed = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, 1.0, 0.0, 2.0, 0.0, 1.0, 0.0, 2.0, 0.0, 2.0, 0.0, 3.0, 1.0, 3.0, 0.0, 3.0, 2.0, 0.0, 0.0, 0.0, 3.0, 3.0, 0.0, 2.0};
const std::vector<double> kUniform4TransformedNew = {0.0, 0.0, 0.0, 0.0, 3.0, 1.0, 0.0, 2.0, 0.0, 2.0, 0.0, 3.0};
// KBinsDiscretizer(n_bins=3, strategy='quantile'): bin_edges_, n_bins_, transform(X), transform(new)
const std::vector<double> kQuantile3Edges = {0.5, 2.0000000000000004, 8.000000000000004, 34.0, 1.0, 2.000000000000001, 5.0, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 0.0, 0.300000000000002, 5.1, 9.5};
const std::vector<int> kQuantile3Bins = {3, 2, 1, 3};
const std::vector<double> kQuantile3Transformed = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 2.0, 1.0, 0.0, 0.0, 2.0, 1.0, 1.0, 0.0, 2.0, 2.0, 1.0, 0.0, 2.0, 2.0, 0.0, 0.0, 0.0, 2.0, 1.0, 0.0, 1.0};
const std::vector<double> kQuantile3TransformedNew = {0.0, 0.0, 0.0, 0.0, 2.0, 1.0, 0.0, 2.0, 1.0, 1.0, 0.0, 2.0};
// KBinsDiscretizer(n_bins=4, strategy='quantile'): bin_edges_, n_bins_, transform(X), transform(new)
const std::vector<double> kQuantile4Edges = {0.5, 1.625, 4.0, 11.75, 34.0, 1.0, 1.5, 2.75, 5.0, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 0.0, 0.225, 4.9, 5.325, 9.5};
const std::vector<int> kQuantile4Bins = {4, 3, 1, 4};
const std::vector<double> kQuantile4Transformed = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 2.0, 1.0, 1.0, 0.0, 3.0, 2.0, 1.0, 0.0, 2.0, 2.0, 2.0, 0.0, 3.0, 3.0, 2.0, 0.0, 3.0, 3.0, 0.0, 0.0, 0.0, 3.0, 2.0, 0.0, 1.0};
const std::vector<double> kQuantile4TransformedNew = {0.0, 0.0, 0.0, 0.0, 3.0, 1.0, 0.0, 3.0, 2.0, 2.0, 0.0, 3.0};
// KBinsDiscretizer(n_bins=3, strategy='kmeans'): bin_edges_, n_bins_, transform(X), transform(new)
const std::vector<double> kKmeans3Edges = {0.5, 10.0, 25.5, 34.0, 1.0, 2.1428571428571432, 3.75, 5.0, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 0.0, 2.6125, 7.1625, 9.5};
const std::vector<int> kKmeans3Bins = {3, 3, 1, 3};
const std::vector<double> kKmeans3Transformed = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 2.0, 1.0, 2.0, 0.0, 2.0, 1.0, 0.0, 0.0, 0.0, 2.0, 2.0, 0.0, 1.0};
const std::vector<double> kKmeans3TransformedNew = {0.0, 0.0, 0.0, 0.0, 2.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 2.0};
// KBinsDiscretizer(n_bins=4, strategy='kmeans'): bin_edges_, n_bins_, transform(X), transform(new)
const std::vector<double> kKmeans4Edges = {0.5, 8.0, 17.0, 27.5, 34.0, 1.0, 2.1428571428571432, 3.5, 4.5, 5.0, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 0.0, 0.09999999999999987, 2.6375, 7.1625, 9.5};
const std::vector<int> kKmeans4Bins = {4, 4, 1, 4};
const std::vector<double> kKmeans4Transformed = {0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0, 1.0, 1.0, 0.0, 3.0, 1.0, 2.0, 0.0, 3.0, 2.0, 0.0, 0.0, 0.0, 3.0, 3.0, 0.0, 2.0};
const std::vector<double> kKmeans4TransformedNew = {0.0, 0.0, 0.0, 0.0, 3.0, 1.0, 0.0, 2.0, 0.0, 1.0, 0.0, 3.0};
// KBinsDiscretizer(n_bins=3, encode='onehot-dense'): transform(new) and names for a, b, c, d
const std::vector<double> kOnehotNew = {1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0};
const int kOnehotColumns = 9;
const StringList kOnehotNames = {"a_0.0", "a_1.0", "a_2.0", "b_0.0", "b_1.0", "c_0.0", "d_0.0", "d_1.0", "d_2.0"};

KBinsDiscretizer fitted(const std::string& strategy, long long bins, const std::string& encode = "ordinal")
{
    KBinsDiscretizer k;
    k.setParams({{"strategy", strategy}, {"n_bins", bins}, {"encode", encode}});
    TrainContext ctx;
    k.fit(kX, nullptr, ctx);
    return k;
}

}  // namespace

class TestKBinsDiscretizer : public QObject {
    Q_OBJECT

private slots:
    void matchesScikitLearn_data()
    {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<int>("bins");
        for (const char* s : {"uniform", "quantile", "kmeans"})
            for (int b : {3, 4})
                QTest::newRow((std::string(s) + " " + std::to_string(b)).c_str()) << QString(s) << b;
    }

    void matchesScikitLearn()
    {
        QFETCH(QString, strategy);
        QFETCH(int, bins);
        struct Expected {
            const std::vector<double>& edges;
            const std::vector<int>& bins;
            const std::vector<double>&transformed, &transformedNew;
        };
        const std::map<std::string, Expected> cases = {
            {"uniform 3", {kUniform3Edges, kUniform3Bins, kUniform3Transformed, kUniform3TransformedNew}},
            {"uniform 4", {kUniform4Edges, kUniform4Bins, kUniform4Transformed, kUniform4TransformedNew}},
            {"quantile 3", {kQuantile3Edges, kQuantile3Bins, kQuantile3Transformed, kQuantile3TransformedNew}},
            {"quantile 4", {kQuantile4Edges, kQuantile4Bins, kQuantile4Transformed, kQuantile4TransformedNew}},
            {"kmeans 3", {kKmeans3Edges, kKmeans3Bins, kKmeans3Transformed, kKmeans3TransformedNew}},
            {"kmeans 4", {kKmeans4Edges, kKmeans4Bins, kKmeans4Transformed, kKmeans4TransformedNew}},
        };
        const Expected& e = cases.at(strategy.toStdString() + " " + std::to_string(bins));
        const KBinsDiscretizer k = fitted(strategy.toStdString(), bins);
        QCOMPARE(k.binCounts(), e.bins);
        std::vector<double> edges;
        for (const auto& list : k.binEdges())
            edges.insert(edges.end(), list.begin(), list.end());
        QCOMPARE(edges.size(), e.edges.size());
        double worst = 0;
        for (std::size_t i = 0; i < edges.size(); ++i) {
            if (std::isinf(e.edges[i])) {
                QCOMPARE(edges[i], e.edges[i]);
                continue;
            }
            worst = std::max(worst, std::abs(edges[i] - e.edges[i]));
        }
        qInfo("max |edge diff| %.3g", worst);
        QVERIFY(worst < 1e-9);
        QVERIFY(sameValues(k.transform(kX), rowMajor(e.transformed, 10, 4)));
        QVERIFY(sameValues(k.transform(kNew), rowMajor(e.transformedNew, 3, 4)));
        nlohmann::json state;
        k.saveState(state);
        KBinsDiscretizer copy;
        copy.setParams(k.params());
        copy.loadState(nlohmann::json::parse(state.dump()));
        QCOMPARE(copy.transform(kNew), k.transform(kNew));
    }

    void oneHotDenseMatchesScikitLearn()
    {
        const KBinsDiscretizer k = fitted("quantile", 3, "onehot-dense");
        QVERIFY(sameValues(k.transform(kNew), rowMajor(kOnehotNew, 3, kOnehotColumns)));
        QCOMPARE(k.featureNamesOut({"a", "b", "c", "d"}), kOnehotNames);
        QCOMPARE(fitted("quantile", 3).featureNamesOut({"a", "b", "c", "d"}), (StringList{"a", "b", "c", "d"}));
    }

    void rejectsDamagedStateAndBadInput()
    {
        KBinsDiscretizer k;
        QVERIFY_THROWS_EXCEPTION(NotFittedError, k.transform(kX));
        QVERIFY_THROWS_EXCEPTION(FormatError, k.loadState(nlohmann::json{{"fitted", true}, {"bin_edges", {{1.0}}}}));
        QVERIFY_THROWS_EXCEPTION(FormatError,
                                 k.loadState(nlohmann::json{{"fitted", true}, {"bin_edges", {{2.0, 1.0}}}}));
        QVERIFY_THROWS_EXCEPTION(ParamError, k.setParam("n_bins", 1LL));
        QVERIFY_THROWS_EXCEPTION(ParamError, k.setParam("encode", std::string("onehot")));
        Matrix missing = kX;
        missing(3, 2) = std::nan("");
        TrainContext ctx;
        try {
            k.fit(missing, nullptr, ctx);
            QFAIL("missing values were accepted");
        } catch (const DataError& e) {
            QVERIFY(QString(e.what()).contains("column 2"));
        }
        QVERIFY(Catalog::builtin().create("KBinsDiscretizer"));
    }
};

QTEST_GUILESS_MAIN(TestKBinsDiscretizer)
#include "test_kbins_discretizer.moc"
