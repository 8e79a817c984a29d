// train_test_split: part sizes as scikit-learn rounds them, disjoint parts
// that cover every row, class proportions kept when stratified, and the same
// split for the same seed.
#include "engine/core/errors.h"
#include "engine/data/split.h"
#include "tests/support/test_support.h"

#include <QtTest>

#include <algorithm>
#include <map>

using namespace dslab;

namespace {

// Both parts together hold each row exactly once.
bool coversEachRowOnce(const SplitIndices& s, Eigen::Index rows)
{
    IndexList all = s.train;
    all.insert(all.end(), s.test.begin(), s.test.end());
    std::sort(all.begin(), all.end());
    if (static_cast<Eigen::Index>(all.size()) != rows)
        return false;
    for (Eigen::Index i = 0; i < rows; ++i)
        if (all[static_cast<std::size_t>(i)] != i)
            return false;
    return true;
}

std::map<double, std::size_t> classCounts(const IndexList& rows, const Vector& y)
{
    std::map<double, std::size_t> counts;
    for (Eigen::Index r : rows)
        ++counts[y(r)];
    return counts;
}

Vector labels(std::initializer_list<std::pair<double, int>> groups)
{
    std::vector<double> values;
    for (const auto& [label, count] : groups)
        values.insert(values.end(), static_cast<std::size_t>(count), label);
    return Eigen::Map<Vector>(values.data(), static_cast<Eigen::Index>(values.size()));
}

}  // namespace

class TestSplit : public QObject {
    Q_OBJECT

private slots:
    void sizesAndDisjoint()
    {
        const SplitIndices s = trainTestSplit(100, 0.25, 1);
        QCOMPARE(s.test.size(), std::size_t(25));
        QCOMPARE(s.train.size(), std::size_t(75));
        QVERIFY(coversEachRowOnce(s, 100));

        // The test part is rounded up, as scikit-learn does: ceil(0.33 * 10) = 4.
        const SplitIndices t = trainTestSplit(10, 0.33, 1);
        QCOMPARE(t.test.size(), std::size_t(4));
        QCOMPARE(t.train.size(), std::size_t(6));
        QVERIFY(coversEachRowOnce(t, 10));

        const SplitIndices u = trainTestSplit(891, 0.2, 3);
        QCOMPARE(u.test.size(), std::size_t(179));
        QVERIFY(coversEachRowOnce(u, 891));

        // The rows are shuffled, not cut in order.
        QVERIFY(!std::is_sorted(s.train.begin(), s.train.end()));
    }

    void seedDeterminism()
    {
        const SplitIndices a = trainTestSplit(500, 0.3, 42);
        const SplitIndices b = trainTestSplit(500, 0.3, 42);
        const SplitIndices c = trainTestSplit(500, 0.3, 43);
        QCOMPARE(a.train, b.train);
        QCOMPARE(a.test, b.test);
        QVERIFY(a.test != c.test);

        const Vector y = labels({{0, 300}, {1, 200}});
        const SplitIndices sa = trainTestSplit(500, 0.3, 42, &y);
        const SplitIndices sb = trainTestSplit(500, 0.3, 42, &y);
        QCOMPARE(sa.test, sb.test);
        QCOMPARE(sa.train, sb.train);
    }

    void stratifiedProportions()
    {
        const Vector iris = labels({{0, 50}, {1, 50}, {2, 50}});
        const SplitIndices s = trainTestSplit(150, 0.2, 0, &iris);
        QVERIFY(coversEachRowOnce(s, 150));
        for (const auto& [label, count] : classCounts(s.test, iris))
            QCOMPARE(count, std::size_t(10));
        for (const auto& [label, count] : classCounts(s.train, iris))
            QCOMPARE(count, std::size_t(40));

        const Vector skewed = labels({{0, 90}, {1, 10}});
        const SplitIndices k = trainTestSplit(100, 0.3, 5, &skewed);
        QCOMPARE(classCounts(k.test, skewed)[0], std::size_t(27));
        QCOMPARE(classCounts(k.test, skewed)[1], std::size_t(3));
        QCOMPARE(classCounts(k.train, skewed)[1], std::size_t(7));

        // A real imbalanced target: each part keeps the 11.5% positive rate within a row.
        const Dataset bank = test::builtin("bank_marketing");
        const Vector y = bank.targetCodes();
        const SplitIndices b = trainTestSplit(y.size(), 0.25, 9, &y);
        QCOMPARE(b.test.size(), std::size_t(1131));
        QVERIFY(coversEachRowOnce(b, y.size()));
        const double positives = 521.0;
        const double expectedTest = positives * 1131 / 4521;
        QVERIFY(std::abs(static_cast<double>(classCounts(b.test, y)[1]) - expectedTest) <= 1.0);

        // A rare class still lands in both parts.
        const Vector rare = labels({{0, 98}, {1, 2}});
        const SplitIndices r = trainTestSplit(100, 0.1, 1, &rare);
        QCOMPARE(classCounts(r.test, rare)[1], std::size_t(1));
        QCOMPARE(classCounts(r.train, rare)[1], std::size_t(1));
        QCOMPARE(r.test.size(), std::size_t(10));
    }

    void errors()
    {
        QVERIFY_THROWS_EXCEPTION(ParamError, trainTestSplit(10, 0.0, 1));
        QVERIFY_THROWS_EXCEPTION(ParamError, trainTestSplit(10, 1.0, 1));
        QVERIFY_THROWS_EXCEPTION(DataError, trainTestSplit(1, 0.5, 1));

        const Vector single = labels({{0, 10}, {1, 1}});
        try {
            trainTestSplit(11, 0.3, 1, &single);
            QFAIL("a class with one sample must not split");
        } catch (const DataError& e) {
            QVERIFY(std::string(e.what()).find("class 1 has only 1 sample") != std::string::npos);
        }

        const Vector three = labels({{0, 5}, {1, 5}, {2, 5}});
        QVERIFY_THROWS_EXCEPTION(DataError, trainTestSplit(15, 0.1, 1, &three));  // 2 test rows, 3 classes

        const Vector shortLabels = labels({{0, 5}});
        QVERIFY_THROWS_EXCEPTION(DataError, trainTestSplit(10, 0.2, 1, &shortLabels));
    }
};

QTEST_GUILESS_MAIN(TestSplit)
#include "test_split.moc"
