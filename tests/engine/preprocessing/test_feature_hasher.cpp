// FeatureHasher against scikit-learn 1.2.1's FeatureHasher(input_type="dict")
// on the same rows (pandas' to_dict("records")); the numbers come from
// feature_hasher_reference.py beside this file.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/preprocessing/feature_hasher.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace dslab;

namespace {

Dataset smallTable()
{
    Dataset d;
    Column sex{"sex", ColumnType::Categorical, {}, {"male", "female", "female", "male"}, {0, 0, 0, 0}};
    Column embarked{"embarked", ColumnType::Categorical, {}, {"S", "C", "Q", "S"}, {0, 0, 0, 0}};
    Column age{"age", ColumnType::Numeric, {22.0, 38.0, 26.0, 35.0}, {}, {}};
    d.addColumn(sex);
    d.addColumn(embarked);
    d.addColumn(age);
    return d;
}

void compareRows(const Matrix& got, const std::vector<std::vector<double>>& expected)
{
    QCOMPARE(got.rows(), static_cast<Eigen::Index>(expected.size()));
    for (std::size_t r = 0; r < expected.size(); ++r) {
        QCOMPARE(got.cols(), static_cast<Eigen::Index>(expected[r].size()));
        for (std::size_t c = 0; c < expected[r].size(); ++c)
            QCOMPARE(got(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)), expected[r][c]);
    }
}

}  // namespace

class TestFeatureHasher : public QObject {
    Q_OBJECT

private slots:
    void murmurHashMatchesScikitLearn()
    {
        // sklearn.utils.murmurhash3_32(s, 0): every tail length, and UTF-8.
        QCOMPARE(murmurHash3Signed(""), 0);
        QCOMPARE(murmurHash3Signed("a"), 1009084850);
        QCOMPARE(murmurHash3Signed("ab"), -1681926305);
        QCOMPARE(murmurHash3Signed("abc"), -1277324294);
        QCOMPARE(murmurHash3Signed("abcd"), 1139631978);
        QCOMPARE(murmurHash3Signed("sex=male"), -887876418);
        QCOMPARE(murmurHash3Signed("embarked=S"), -1719175304);
        QCOMPARE(murmurHash3Signed("age"), 717653329);
        QCOMPARE(murmurHash3Signed("h\xc3\xa9llo"), -1130389400);
    }

    void hashedRowsMatchScikitLearn()
    {
        const Dataset d = smallTable();
        TrainContext ctx;
        FeatureHasher signedHasher;
        signedHasher.setParam("n_features", 8LL);
        compareRows(signedHasher.fitTransform(d, nullptr, ctx),
                    {{-1, 22, -1, 0, 0, 0, 0, 0}, {0, 38, 1, 0, 0, 1, 0, 0}, {0, 26, 1, 0, 0, 1, 0, 0},
                     {-1, 35, -1, 0, 0, 0, 0, 0}});
        // Unsigned, 5 columns: "age" and "embarked=S" collide in column 4 and add up (22 + 1).
        FeatureHasher unsignedHasher;
        unsignedHasher.setParam("n_features", 5LL);
        unsignedHasher.setParam("alternate_sign", false);
        compareRows(unsignedHasher.fitTransform(d, nullptr, ctx),
                    {{0, 0, 0, 1, 23}, {0, 1, 0, 1, 38}, {0, 0, 0, 1, 27}, {0, 0, 0, 1, 36}});
    }

    void unseenAndMissingValuesNeedNoVocabulary()
    {
        TrainContext ctx;
        FeatureHasher hasher;
        hasher.setParam("n_features", 8LL);
        hasher.fit(smallTable(), nullptr, ctx);
        Dataset later;
        later.addColumn({"sex", ColumnType::Categorical, {}, {"unknown", ""}, {0, 1}});
        later.addColumn({"embarked", ColumnType::Categorical, {}, {"S", "S"}, {0, 0}});
        later.addColumn({"age", ColumnType::Numeric, {1.0, std::nan("")}, {}, {}});
        const Matrix out = hasher.transform(later);
        // Row 1: only embarked=S (column 0, sign -1) is left: the missing cells add nothing.
        QCOMPARE(out.row(1).sum(), -1.0);
        QCOMPARE(out(1, 0), -1.0);
        QVERIFY(out.allFinite());
        // Row 0, as scikit-learn gives it: the unseen "sex=unknown" (+1) lands on
        // "embarked=S" (-1) in column 0 and cancels it, which is what alternate_sign is for.
        for (Eigen::Index c = 0; c < 8; ++c)
            QCOMPARE(out(0, c), c == 1 ? 1.0 : 0.0);
    }

    void missingColumnIsNamed()
    {
        TrainContext ctx;
        FeatureHasher hasher;
        hasher.fit(smallTable(), nullptr, ctx);
        Dataset other;
        other.addColumn({"sex", ColumnType::Categorical, {}, {"male"}, {0}});
        try {
            hasher.transform(other);
            QFAIL("a missing column must be reported");
        } catch (const DataError& e) {
            QVERIFY2(std::string(e.what()).find("embarked") != std::string::npos, e.what());
        }
    }

    void inCatalogAndJson()
    {
        QVERIFY(Catalog::builtin().find("FeatureHasher"));
        const auto c = componentFromJson(nlohmann::json{{"type", "FeatureHasher"}, {"n_features", 16}});
        QCOMPARE(std::get<long long>(c->param("n_features")), 16LL);
        QVERIFY_THROWS_EXCEPTION(ParamError,
                                 componentFromJson(nlohmann::json{{"type", "FeatureHasher"}, {"n_features", 0}}));
    }
};

QTEST_GUILESS_MAIN(TestFeatureHasher)
#include "test_feature_hasher.moc"
