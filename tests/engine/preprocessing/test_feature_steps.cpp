// The feature-engineering steps that read a table: RegexExtractor (pandas'
// str.extract), DateTimeFeatures (pandas' .dt parts) and ExpressionFeatures
// with its expression language, on titanic and on hand-made dates. The
// numbers come from pandas 1.5.3 via feature_steps_reference.py beside this
// file (run from the project folder).
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/preprocessing/datetime_features.h"
#include "engine/preprocessing/expression_features.h"
#include "engine/preprocessing/regex_extractor.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

using namespace dslab;
using nlohmann::json;

namespace {

#define CHECK_CONTAINS(text, part) \
    QVERIFY2(std::string(text).find(part) != std::string::npos, (std::string(text) + " lacks: " + (part)).c_str())

Dataset titanicFeatures()
{
    Dataset d = test::builtin("titanic");
    d.setTarget("survived");
    return d;
}

std::map<std::string, int> countsOf(const StringList& values)
{
    std::map<std::string, int> counts;
    for (const auto& v : values)
        ++counts[v];
    return counts;
}

std::unique_ptr<Component> reloaded(const Component& fitted)
{
    json state = json::object();
    fitted.saveState(state);
    auto copy = clone(fitted);
    copy->loadState(json::parse(state.dump()));
    return copy;
}

Dataset datesTable(const StringList& cells)
{
    Column c;
    c.name = "when";
    c.type = ColumnType::Categorical;
    for (const auto& s : cells) {
        c.strings.push_back(s);
        c.missing.push_back(s.empty() ? 1 : 0);
    }
    Dataset d;
    d.addColumn(std::move(c));
    return d;
}

}  // namespace

class TestFeatureSteps : public QObject {
    Q_OBJECT
private slots:
    void regexExtractsTitlesAsPandas()
    {
        const Dataset all = titanicFeatures();
        const Dataset names = all.selectColumns({"name"});
        RegexExtractor ex;
        ex.setParam("pattern", std::string(",\\s*([^.]+)\\."));
        TrainContext ctx;
        ex.fit(names, nullptr, ctx);
        // pandas: t["name"].str.extract(r",\s*([^.]+)\.") value_counts.
        const std::map<std::string, int> pandas = {{"Capt", 1}, {"Col", 2},   {"Don", 1},  {"Dr", 7},    {"Jonkheer", 1}, {"Lady", 1},
                                                   {"Major", 2}, {"Master", 40}, {"Miss", 182}, {"Mlle", 2}, {"Mme", 1},     {"Mr", 517},
                                                   {"Mrs", 125}, {"Ms", 1},    {"Rev", 6},   {"Sir", 1},   {"the Countess", 1}};
        QVERIFY(countsOf(ex.extract(names, "name")) == pandas);

        ex.setParam("group_rare_below", 8LL);
        ex.fit(names, nullptr, ctx);
        const std::map<std::string, int> grouped = {{"Master", 40}, {"Miss", 182}, {"Mr", 517}, {"Mrs", 125}, {"Rare", 27}};
        QVERIFY(countsOf(ex.extract(names, "name")) == grouped);
        QCOMPARE(ex.featureNamesOut(), (StringList{"name_Master", "name_Miss", "name_Mr", "name_Mrs", "name_Rare"}));
        const Matrix X = ex.transform(names);
        QCOMPARE(X.cols(), Eigen::Index(5));
        QCOMPARE(X.col(2).sum(), 517.0);
        QCOMPARE(X.col(4).sum(), 27.0);
        QVERIFY((X.rowwise().sum().array() == 1.0).all());

        // A title unseen in training counts as Rare.
        Dataset fresh;
        Column c;
        c.name = "name";
        c.type = ColumnType::Categorical;
        c.strings = {"Doe, Prof. John", "Roe, Mr. Richard"};
        c.missing = {0, 0};
        fresh.addColumn(c);
        const Matrix F = ex.transform(fresh);
        QCOMPARE(F(0, 4), 1.0);
        QCOMPARE(F(1, 2), 1.0);

        ex.setParam("encode", std::string("ordinal"));
        QCOMPARE(ex.transform(fresh)(0, 0), 4.0);
        QCOMPARE(ex.featureNamesOut(), StringList{"name"});

        auto copy = reloaded(ex);
        QCOMPARE(dynamic_cast<RegexExtractor&>(*copy).transform(fresh), ex.transform(fresh));
    }

    void regexFillsMissingCells()
    {
        // pandas: t["cabin"].str.extract(r"^(.)").fillna("U") value_counts.
        const Dataset cabins = titanicFeatures().selectColumns({"cabin"});
        RegexExtractor ex;
        ex.setParam("pattern", std::string("^(.)"));
        ex.setParam("fill", std::string("U"));
        TrainContext ctx;
        ex.fit(cabins, nullptr, ctx);
        const std::map<std::string, int> pandas = {{"A", 15}, {"B", 47}, {"C", 59}, {"D", 33}, {"E", 32},
                                                   {"F", 13}, {"G", 4},  {"T", 1},  {"U", 687}};
        QVERIFY(countsOf(ex.extract(cabins, "cabin")) == pandas);

        ex.setParam("pattern", std::string("(unclosed"));
        try {
            ex.fit(cabins, nullptr, ctx);
            QFAIL("a broken pattern was accepted");
        } catch (const ParamError& e) {
            CHECK_CONTAINS(e.what(), "'(unclosed' is not a valid regular expression");
        }
        ex.setParam("pattern", std::string("^."));
        try {
            ex.fit(cabins, nullptr, ctx);
            QFAIL("a missing group was accepted");
        } catch (const ParamError& e) {
            CHECK_CONTAINS(e.what(), "group 1 does not exist");
        }
    }

    void dateTimePartsAsPandas()
    {
        const Dataset d = datesTable({"2024-03-31 14:05", "2000-02-29", "1969-12-31 23:59:59", "2023-01-07T08:00:00", "1900-03-01", ""});
        DateTimeFeatures dt;
        dt.setParam("hour", true);
        TrainContext ctx;
        dt.fit(d, nullptr, ctx);
        QCOMPARE(dt.featureNamesOut(),
                 (StringList{"when_year", "when_month", "when_day", "when_weekday", "when_hour", "when_is_weekend"}));
        const Matrix X = dt.transform(d);
        // pandas dt.year, dt.month, dt.day, dt.weekday, dt.hour, weekday >= 5.
        const double expected[5][6] = {{2024, 3, 31, 6, 14, 1}, {2000, 2, 29, 1, 0, 0}, {1969, 12, 31, 2, 23, 0},
                                       {2023, 1, 7, 5, 8, 1},   {1900, 3, 1, 3, 0, 0}};
        for (int r = 0; r < 5; ++r)
            for (int k = 0; k < 6; ++k)
                QCOMPARE(X(r, k), expected[r][k]);
        QVERIFY(X.row(5).array().isNaN().all());

        dt.setParam("year", false);
        dt.setParam("day", false);
        QCOMPARE(dt.transform(d).cols(), Eigen::Index(4));
        auto copy = reloaded(dt);
        QCOMPARE(dynamic_cast<DateTimeFeatures&>(*copy).transform(d).topRows(5), dt.transform(d).topRows(5));

        const Dataset bad = datesTable({"2024-01-01", "2024-01-02", "next tuesday"});
        try {
            dt.fit(bad, nullptr, ctx);
            QFAIL("an unparsable date was accepted");
        } catch (const DataError& e) {
            CHECK_CONTAINS(e.what(), "column 'when', row 3: 'next tuesday' is not a date");
        }
    }

    void expressionsMatchPandas()
    {
        const Dataset all = titanicFeatures();
        ExpressionFeatures ef;
        ef.setConfig("features", json::parse("[[\"family_size\", \"sibsp + parch + 1\"], "
            "[\"fare_per_person\", \"fare / family_size\"], "
            "[\"is_alone\", \"family_size == 1\"], "
            "[\"female_x_pclass\", \"(sex == 'female') * pclass\"], "
            "[\"log_fare\", \"log1p(fare)\"], "
            "[\"neg\", \"-(2 - 3) * 2.5e0 + -1\"]]"));
        TrainContext ctx;
        ef.fit(all, nullptr, ctx);
        QCOMPARE(ef.inputColumns(), (StringList{"sibsp", "parch", "fare", "sex", "pclass"}));
        const Matrix X = ef.transform(all);
        QCOMPARE(X.rows(), Eigen::Index(891));
        QCOMPARE(X(0, 0), 2.0);
        QCOMPARE(X(2, 0), 1.0);
        QVERIFY(std::abs(X.col(0).mean() - 1.904601571) < 1e-9);
        QVERIFY(std::abs(X(1, 1) - 35.64165) < 1e-9);
        QVERIFY(std::abs(X.col(1).sum() - 17745.490225) < 1e-6);
        QCOMPARE(X.col(2).sum(), 537.0);
        QCOMPARE(X.col(3).sum(), 678.0);
        QVERIFY(std::abs(X.col(4).mean() - 2.962245742) < 1e-9);
        QCOMPARE(X(0, 5), 1.5);

        // Missing values propagate; a zero denominator gives a missing value too.
        Dataset small;
        Column a{"a", ColumnType::Numeric, {1, std::nan(""), 4}, {}, {}};
        Column b{"b", ColumnType::Numeric, {0, 2, 2}, {}, {}};
        small.addColumn(a);
        small.addColumn(b);
        ExpressionFeatures ratio;
        ratio.setConfig("features", json::parse("[[\"r\", \"a / b\"], [\"c\", \"a >= 4\"]]"));
        ratio.fit(small, nullptr, ctx);
        const Matrix R = ratio.transform(small);
        QVERIFY(std::isnan(R(0, 0)) && std::isnan(R(1, 0)) && R(2, 0) == 2.0);
        QVERIFY(R(0, 1) == 0.0 && std::isnan(R(1, 1)) && R(2, 1) == 1.0);
        auto copy = reloaded(ratio);
        QVERIFY(dynamic_cast<ExpressionFeatures&>(*copy).transform(small).row(2) == R.row(2));
    }

    void expressionErrorsNameTheProblem()
    {
        ExpressionFeatures ef;
        try {
            ef.setConfig("features", json::parse("[[\"x\", \"sibsp + * 1\"]]"));
            QFAIL("a syntax error was accepted");
        } catch (const ParamError& e) {
            CHECK_CONTAINS(e.what(), "feature 'x': syntax error at position 9 in 'sibsp + * 1'");
        }
        try {
            ef.setConfig("features", json::parse("[[\"x\", \"(sibsp + 1\"]]"));
            QFAIL("an unclosed parenthesis was accepted");
        } catch (const ParamError& e) {
            CHECK_CONTAINS(e.what(), "position 11");
            CHECK_CONTAINS(e.what(), "expected ')'");
        }
        try {
            ef.setConfig("features", json::parse("[[\"x\", \"exp(fare)\"]]"));
            QFAIL("an unknown function was accepted");
        } catch (const ParamError& e) {
            CHECK_CONTAINS(e.what(), "unknown function 'exp'");
        }
        ef.setConfig("features", json::parse("[[\"x\", \"fare / family\"]]"));
        TrainContext ctx;
        try {
            ef.fit(titanicFeatures(), nullptr, ctx);
            QFAIL("an unknown column was accepted");
        } catch (const DataError& e) {
            CHECK_CONTAINS(e.what(), "feature 'x' uses 'family' in 'fare / family', which is neither a column nor an earlier feature");
        }
        ef.setConfig("features", json::parse("[[\"x\", \"sex * 2\"]]"));
        try {
            ef.fit(titanicFeatures(), nullptr, ctx);
            QFAIL("a text column used as a number was accepted");
        } catch (const DataError& e) {
            CHECK_CONTAINS(e.what(), "column 'sex' is categorical, not numeric");
        }
    }

    void stepsWorkInAColumnTransformerPipeline()
    {
        // The steps in pipeline JSON, each in its own ColumnTransformer branch,
        // saved and reloaded with identical predictions.
        const json spec = json::parse("{\"steps\": [ "
            "{\"type\": \"ColumnTransformer\", \"transformers\": [ "
            "[\"num\", {\"type\": \"Pipeline\", \"steps\": [{\"type\": \"SimpleImputer\", \"strategy\": \"median\"}, {\"type\": \"StandardScaler\"}]}, [\"age\", \"fare\", \"pclass\"]], "
            "[\"sex\", {\"type\": \"OneHotEncoder\"}, [\"sex\"]], "
            "[\"title\", {\"type\": \"RegexExtractor\", \"pattern\": \",\\\\s*([^.]+)\\\\.\", \"group_rare_below\": 8}, [\"name\"]], "
            "[\"derived\", {\"type\": \"Pipeline\", \"steps\": [ "
            "{\"type\": \"ExpressionFeatures\", \"features\": [[\"family_size\", \"sibsp + parch + 1\"], [\"is_alone\", \"family_size == 1\"]]}, "
            "{\"type\": \"StandardScaler\"}]}, [\"sibsp\", \"parch\"]]]}, "
            "{\"type\": \"LogisticRegression\", \"max_iter\": 1000}]}");
        Pipeline p = pipelineFromJson(spec);
        Dataset all = titanicFeatures();
        TrainContext ctx;
        p.fit(all, ctx);
        const Matrix X = p.featuresFor(all);
        QCOMPARE(X.cols(), Eigen::Index(3 + 2 + 5 + 2));
        const json saved = savedPipelineToJson(p, json::object());
        Pipeline back = savedPipelineFromJson(json::parse(saved.dump()));
        QCOMPARE(back.predict(back.featuresFor(all)), p.predict(X));
        QVERIFY(pipelineSpecToJson(p).dump().find("RegexExtractor") != std::string::npos);

        // DateTimeFeatures through JSON.
        const Dataset d = datesTable({"2024-03-31", "2024-04-01"});
        auto dt = componentFromJson(json::parse("{\"type\": \"DateTimeFeatures\", \"year\": false, \"month\": false, \"day\": false}"));
        auto& table = dynamic_cast<TableTransformer&>(*dt);
        table.fit(d, nullptr, ctx);
        QCOMPARE(table.transform(d), (Matrix(2, 2) << 6, 1, 0, 0).finished());
    }
};

QTEST_APPLESS_MAIN(TestFeatureSteps)
#include "test_feature_steps.moc"
