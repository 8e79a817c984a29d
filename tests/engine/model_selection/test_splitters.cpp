// Splitters: without shuffling, KFold, StratifiedKFold and TimeSeriesSplit
// give scikit-learn 1.2.1's folds row for row (reference.h names the command
// that produced them); shuffled ones are seeded partitions; too few rows of a
// class for the folds is a DataError that says what to do.
#include "engine/core/errors.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/shuffle_split.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/model_selection/time_series_split.h"
#include "tests/engine/model_selection/reference.h"
#include "tests/support/reference_values.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <algorithm>
#include <set>

using namespace dslab;
using dslab::test::modelSelectionReference;
using dslab::test::splitsFromJson;

namespace {

bool sameSplits(const std::vector<SplitIndices>& ours, const std::vector<SplitIndices>& reference)
{
    if (ours.size() != reference.size())
        return false;
    for (std::size_t f = 0; f < ours.size(); ++f)
        if (ours[f].train != reference[f].train || ours[f].test != reference[f].test)
            return false;
    return true;
}

// Every row is tested exactly once and never trained on in its own fold.
bool isPartition(const std::vector<SplitIndices>& splits, Eigen::Index rows)
{
    std::vector<int> tested(static_cast<std::size_t>(rows), 0);
    for (const auto& s : splits) {
        std::set<Eigen::Index> train(s.train.begin(), s.train.end());
        for (auto i : s.test) {
            if (train.count(i))
                return false;
            ++tested[static_cast<std::size_t>(i)];
        }
        if (static_cast<Eigen::Index>(s.train.size() + s.test.size()) != rows)
            return false;
    }
    return std::all_of(tested.begin(), tested.end(), [](int t) { return t == 1; });
}

Vector labels(const nlohmann::json& values)
{
    return dslab::test::toVector(values);
}

}  // namespace

class TestSplitters : public QObject {
    Q_OBJECT

private slots:
    void kFoldMatchesScikitLearn()
    {
        const auto& ref = modelSelectionReference().at("splits");
        QVERIFY(sameSplits(KFold(5).split(23), splitsFromJson(ref.at("kfold_5_23"))));
        QVERIFY(sameSplits(KFold(3).split(10), splitsFromJson(ref.at("kfold_3_10"))));
    }

    void stratifiedKFoldMatchesScikitLearn()
    {
        const auto& ref = modelSelectionReference().at("splits");
        for (const char* name : {"stratified_5", "stratified_3"}) {
            const Vector y = labels(ref.at(name).at("y"));
            const int k = std::string(name) == "stratified_5" ? 5 : 3;
            QVERIFY2(sameSplits(StratifiedKFold(k).split(y.size(), &y), splitsFromJson(ref.at(name).at("folds"))), name);
        }
        const Dataset bc = dslab::test::builtin("breast_cancer");
        const Vector y = bc.targetCodes();
        QVERIFY(sameSplits(StratifiedKFold(5).split(y.size(), &y),
                           splitsFromJson(modelSelectionReference().at("breast_cancer_stratified_5"))));
    }

    void timeSeriesSplitMatchesScikitLearn()
    {
        const auto& ref = modelSelectionReference().at("splits");
        QVERIFY(sameSplits(TimeSeriesSplit(3).split(10), splitsFromJson(ref.at("timeseries_3_10"))));
        QVERIFY(sameSplits(TimeSeriesSplit(4, 5, 0, 2).split(20), splitsFromJson(ref.at("timeseries_4_20_gap_max"))));
        QVERIFY(sameSplits(TimeSeriesSplit(3, 0, 2).split(20), splitsFromJson(ref.at("timeseries_3_20_test_size"))));
        QVERIFY_THROWS_EXCEPTION(DataError, TimeSeriesSplit(5).split(5));
    }

    void shuffledSplitsAreSeededPartitions()
    {
        const auto a = KFold(4, true, 7).split(30);
        QVERIFY(isPartition(a, 30));
        QVERIFY(sameSplits(a, KFold(4, true, 7).split(30)));
        QVERIFY(!sameSplits(a, KFold(4, true, 8).split(30)));
        QVERIFY(!sameSplits(a, KFold(4).split(30)));

        Vector y(40);
        for (Eigen::Index i = 0; i < 40; ++i)
            y(i) = i % 4 == 0 ? 1 : 0;  // 10 of class 1, 30 of class 0
        const auto s = StratifiedKFold(5, true, 3).split(40, &y);
        QVERIFY(isPartition(s, 40));
        for (const auto& f : s) {
            const auto ones = std::count_if(f.test.begin(), f.test.end(), [&](Eigen::Index i) { return y(i) == 1; });
            QCOMPARE(ones, 2L);  // the class share is kept in every fold
        }
        QVERIFY(sameSplits(s, StratifiedKFold(5, true, 3).split(40, &y)));

        const auto shuffled = ShuffleSplit(3, 0.25, 0, 5).split(20);
        QCOMPARE(shuffled.size(), std::size_t{3});
        for (const auto& f : shuffled) {
            QCOMPARE(f.test.size(), std::size_t{5});
            QCOMPARE(f.train.size(), std::size_t{15});
            std::set<Eigen::Index> all(f.train.begin(), f.train.end());
            all.insert(f.test.begin(), f.test.end());
            QCOMPARE(all.size(), std::size_t{20});
        }
        QVERIFY(shuffled[0].test != shuffled[1].test);
    }

    void tooFewRowsOfAClassIsADataError()
    {
        Vector y(12);
        y << 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1;  // class 1 has 3 rows
        try {
            StratifiedKFold(5).split(12, &y);
            QFAIL("expected a DataError");
        } catch (const DataError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("class 1") && msg.contains("3 row") && msg.contains("5 folds"), e.what());
        }
        QCOMPARE(StratifiedKFold(3).split(12, &y).size(), std::size_t{3});
        QVERIFY_THROWS_EXCEPTION(DataError, StratifiedKFold(3).split(12, nullptr));
        QVERIFY_THROWS_EXCEPTION(DataError, KFold(5).split(4));
        QVERIFY_THROWS_EXCEPTION(ParamError, KFold(1));
        QVERIFY_THROWS_EXCEPTION(ParamError, ShuffleSplit(3, 1.5));
    }
};

QTEST_GUILESS_MAIN(TestSplitters)
#include "test_splitters.moc"
