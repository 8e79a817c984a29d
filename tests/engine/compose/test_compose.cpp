// Encoders that read a table (OneHotEncoder, OrdinalEncoder, FrequencyEncoder)
// and the ColumnTransformer, against scikit-learn 1.2.1 on the same inputs:
// one-hot and ordinal codes with unknown categories, missing values, drop and
// min_frequency; the ColumnTransformer's output and feature names on titanic;
// and a ColumnTransformer + LogisticRegression pipeline whose test accuracy
// matches scikit-learn's within 0.01 on the same split. Reference numbers in
// compose_reference.json, produced by:
//   /usr/bin/python3 tests/engine/compose/make_reference.py > tests/engine/compose/compose_reference.json
#include "engine/compose/column_transformer.h"
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/preprocessing/frequency_encoder.h"
#include "engine/preprocessing/one_hot_encoder.h"
#include "engine/preprocessing/ordinal_encoder.h"
#include "engine/preprocessing/target_encoder.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

using namespace dslab;
using nlohmann::json;

namespace {

const json& reference()
{
    static const json doc = [] {
        std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/compose/compose_reference.json");
        return json::parse(in);
    }();
    return doc;
}

// A table from {"name": [values or null]}: strings make a categorical column.
Dataset tableFromJson(const json& columns)
{
    Dataset d;
    for (const char* name : {"color", "size", "pet"}) {
        const json& values = columns.at(name);
        Column c;
        c.name = name;
        bool text = false;
        for (const auto& v : values)
            text = text || v.is_string();
        c.type = text ? ColumnType::Categorical : ColumnType::Numeric;
        for (const auto& v : values) {
            if (text) {
                c.strings.push_back(v.is_null() ? std::string() : v.get<std::string>());
                c.missing.push_back(v.is_null() ? 1 : 0);
            } else {
                c.numbers.push_back(v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>());
            }
        }
        d.addColumn(std::move(c));
    }
    return d;
}

// Largest |a - b| over the cells; NaN (null in the reference) must match NaN.
double maxAbsDiff(const Matrix& got, const json& want)
{
    if (got.rows() != static_cast<Eigen::Index>(want.size()))
        return std::numeric_limits<double>::infinity();
    double worst = 0;
    for (Eigen::Index i = 0; i < got.rows(); ++i) {
        const json& row = want[static_cast<std::size_t>(i)];
        if (got.cols() != static_cast<Eigen::Index>(row.size()))
            return std::numeric_limits<double>::infinity();
        for (Eigen::Index j = 0; j < got.cols(); ++j) {
            const json& w = row[static_cast<std::size_t>(j)];
            const double g = got(i, j);
            if (w.is_null() || std::isnan(g)) {
                if (!(w.is_null() && std::isnan(g)))
                    return std::numeric_limits<double>::infinity();
                continue;
            }
            worst = std::max(worst, std::abs(g - w.get<double>()));
        }
    }
    return worst;
}

std::unique_ptr<TableTransformer> encoderFromCase(const json& c)
{
    json step = c.at("params");
    step["type"] = c.at("type");
    if (c.contains("categories"))
        step["categories"] = c.at("categories");
    auto component = componentFromJson(step);
    auto* table = dynamic_cast<TableTransformer*>(component.get());
    if (!table)
        return nullptr;
    component.release();
    return std::unique_ptr<TableTransformer>(table);
}

Dataset titanic()
{
    Dataset d = test::builtin("titanic");
    d.setTarget("survived");
    return d;
}

IndexList rowsFromJson(const json& rows)
{
    IndexList out;
    for (const auto& r : rows)
        out.push_back(r.get<Eigen::Index>());
    return out;
}

Pipeline titanicPipeline()
{
    json spec = {{"steps", json::array({reference().at("titanic").at("column_transformer"),
                                        {{"type", "LogisticRegression"}, {"solver", "lbfgs"}, {"max_iter", 1000}}})}};
    return pipelineFromJson(spec);
}

}  // namespace

class TestCompose : public QObject {
    Q_OBJECT

private slots:
    void encodersMatchScikitLearn()
    {
        const Dataset train = tableFromJson(reference().at("train"));
        const Dataset test = tableFromJson(reference().at("test"));
        double worst = 0;
        for (const auto& c : reference().at("encoders")) {
            const QByteArray label = QByteArray::fromStdString(c.at("type").get<std::string>() + " " + c.at("params").dump());
            auto enc = encoderFromCase(c);
            QVERIFY2(enc, label);
            TrainContext ctx;
            enc->fit(train, nullptr, ctx);
            if (c.contains("feature_names")) {
                const StringList names = enc->featureNamesOut();
                QVERIFY2(names == c.at("feature_names").get<StringList>(), label);
            }
            const double dTrain = maxAbsDiff(enc->transform(train), c.at("train_out"));
            const double dTest = maxAbsDiff(enc->transform(test), c.at("test_out"));
            QVERIFY2(dTrain == 0 && dTest == 0, label);
            worst = std::max({worst, dTrain, dTest});
            // The fitted state and settings round-trip through JSON.
            json state = json::object();
            enc->saveState(state);
            auto copy = clone(*enc);
            copy->loadState(state);
            QVERIFY2(maxAbsDiff(dynamic_cast<TableTransformer&>(*copy).transform(test), c.at("test_out")) == 0, label);
        }
        qInfo("encoders: max abs difference from scikit-learn %g", worst);
    }

    void oneHotCategoriesAreSortedWithMissingLast()
    {
        OneHotEncoder enc;
        TrainContext ctx;
        enc.fit(tableFromJson(reference().at("train")), nullptr, ctx);
        const auto cats = enc.categories();
        QCOMPARE(cats.size(), std::size_t(3));
        QVERIFY((cats[0] == StringList{"blue", "green", "red", "violet", "nan"}));
        QVERIFY((cats[1] == StringList{"1", "2", "3", "10"}));  // numbers sorted as numbers
    }

    void unseenCategoryWithHandleUnknownErrorNamesColumnAndValue()
    {
        OneHotEncoder enc;
        TrainContext ctx;
        enc.fit(tableFromJson(reference().at("train")), nullptr, ctx);
        try {
            enc.transform(tableFromJson(reference().at("test")));
            QFAIL("an unseen category must be an error");
        } catch (const DataError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("'color'") && msg.contains("'purple'"), e.what());
        }
        OrdinalEncoder ord;
        ord.fit(tableFromJson(reference().at("train")), nullptr, ctx);
        QVERIFY_THROWS_EXCEPTION(DataError, ord.transform(tableFromJson(reference().at("test"))));
    }

    void frequencyEncoderGivesTrainingShares()
    {
        FrequencyEncoder enc;
        TrainContext ctx;
        const Dataset train = tableFromJson(reference().at("train"));
        enc.fit(train, nullptr, ctx);
        const Matrix out = enc.transform(tableFromJson(reference().at("test")));
        QCOMPARE(out(0, 0), 5.0 / 12);   // red: 5 of 12 rows
        QCOMPARE(out(1, 0), 0.0);        // purple: never seen
        QCOMPARE(out(2, 0), 1.0 / 12);   // missing: 1 of 12
        QCOMPARE(out(2, 1), 1.0 / 12);   // size 10
        QVERIFY((enc.featureNamesOut() == StringList{"color", "size", "pet"}));
    }

    void targetEncoderUsesTheFullDataEncodingInTransform()
    {
        const json& ref = reference().at("target_encoder");
        const Dataset train = tableFromJson(reference().at("train"));
        const Dataset test = tableFromJson(reference().at("test"));
        Vector y(static_cast<Eigen::Index>(ref.at("y").size()));
        for (std::size_t i = 0; i < ref.at("y").size(); ++i)
            y(static_cast<Eigen::Index>(i)) = ref.at("y")[i].get<double>();
        double worst = 0;
        for (const auto& c : ref.at("cases")) {
            auto enc = componentFromJson({{"type", "TargetEncoder"}, {"smooth", c.at("smooth")}, {"cv", 3}});
            auto& t = dynamic_cast<TargetEncoder&>(*enc);
            TrainContext ctx;
            t.fit(train, &y, ctx);
            const double d = maxAbsDiff(t.transform(test), c.at("test_out"));
            QVERIFY2(d < 1e-12, qPrintable(QString::fromStdString(c.at("smooth").dump()) + " " + QString::number(d)));
            worst = std::max(worst, d);
            QCOMPARE(t.targetMean(), y.mean());
        }
        qInfo("TargetEncoder transform: max abs difference from the 1.3 formulas %g", worst);
    }

    void targetEncoderFitTransformIsOutOfFold()
    {
        // Each training row is encoded by the folds that do not hold it, so
        // changing its own target leaves its code unchanged (continuous
        // target: the folds do not depend on y).
        const Dataset train = tableFromJson(reference().at("train"));
        Vector y(12);
        y << 3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0, 6.0, 5.5, 3.5, 8.0, 9.5;
        TargetEncoder enc;
        enc.setParam("cv", 3LL);
        enc.setParam("random_state", 7LL);
        TrainContext ctx;
        const Matrix a = enc.fitTransform(train, &y, ctx);
        QVERIFY(a.allFinite());
        QVERIFY((a - enc.transform(train)).cwiseAbs().maxCoeff() > 1e-6);  // not the full-data encoding
        for (Eigen::Index row : {0, 5, 11}) {
            Vector changed = y;
            changed(row) += 100;
            TargetEncoder other;
            other.setParam("cv", 3LL);
            other.setParam("random_state", 7LL);
            const Matrix b = other.fitTransform(train, &changed, ctx);
            QVERIFY(b.row(row) == a.row(row));
            QVERIFY((b - a).cwiseAbs().maxCoeff() > 1);  // other rows did see it
        }
        // Inside a ColumnTransformer the training rows get the out-of-fold codes too.
        auto ct = componentFromJson({{"type", "ColumnTransformer"},
                                     {"transformers", json::array({json::array({"te",
                                         {{"type", "TargetEncoder"}, {"cv", 3}, {"random_state", 7}}, json::array({"color", "size", "pet"})})})}});
        const Matrix viaCt = dynamic_cast<ColumnTransformer&>(*ct).fitTransform(train, &y, ctx);
        QCOMPARE(viaCt, a);
        TargetEncoder none;
        QVERIFY_THROWS_EXCEPTION(DataError, none.fit(train, nullptr, ctx));
    }

    void columnTransformerMatchesScikitLearnOnTitanic()
    {
        const json& ref = reference().at("titanic");
        const Dataset all = titanic();
        const Dataset train = all.selectRows(rowsFromJson(ref.at("train_rows")));
        const Dataset test = all.selectRows(rowsFromJson(ref.at("test_rows")));
        auto component = componentFromJson(ref.at("column_transformer"));
        auto& ct = dynamic_cast<ColumnTransformer&>(*component);
        TrainContext ctx;
        ct.fit(train, nullptr, ctx);
        QVERIFY(ct.featureNamesOut() == ref.at("feature_names").get<StringList>());
        const double diff = maxAbsDiff(ct.transform(test), ref.at("test_out"));
        qInfo("ColumnTransformer on titanic: max abs difference from scikit-learn %g", diff);
        QVERIFY2(diff < 1e-9, qPrintable(QString::number(diff)));
        QVERIFY((ct.inputColumns() == StringList{"pclass", "sex", "age", "sibsp", "parch", "fare", "embarked"}));
    }

    void simpleImputerBeforeAnEncoderFillsCategories()
    {
        // The lessons' pattern: SimpleImputer(most_frequent) then OneHotEncoder
        // on text categories (embarked has missing ports); remainder passthrough.
        const json& ref = reference().at("titanic");
        Dataset all = titanic().selectColumns(ref.at("imputed_columns").get<StringList>());
        const Dataset train = all.selectRows(rowsFromJson(ref.at("train_rows")));
        const Dataset test = all.selectRows(rowsFromJson(ref.at("test_rows")));
        auto component = componentFromJson(ref.at("imputed_column_transformer"));
        auto& ct = dynamic_cast<ColumnTransformer&>(*component);
        TrainContext ctx;
        ct.fit(train, nullptr, ctx);
        QVERIFY(ct.featureNamesOut() == ref.at("imputed_feature_names").get<StringList>());
        const double diff = maxAbsDiff(ct.transform(test), ref.at("imputed_test_out"));
        qInfo("imputer + one-hot ColumnTransformer on titanic: max abs difference from scikit-learn %g", diff);
        QVERIFY2(diff < 1e-12, qPrintable(QString::number(diff)));
        // The fills travel with the saved state.
        json state = json::object();
        ct.saveState(state);
        auto copy = clone(ct);
        copy->loadState(json::parse(state.dump()));
        QVERIFY(maxAbsDiff(dynamic_cast<ColumnTransformer&>(*copy).transform(test), ref.at("imputed_test_out")) < 1e-12);
        // Only most_frequent makes sense on categories.
        json mean = ref.at("imputed_column_transformer");
        mean["transformers"][0][1]["steps"][0]["strategy"] = "mean";
        auto bad = componentFromJson(mean);
        QVERIFY_THROWS_EXCEPTION(ParamError, dynamic_cast<ColumnTransformer&>(*bad).fit(train, nullptr, ctx));
    }

    void pipelineWithColumnTransformerMatchesScikitLearnAccuracy()
    {
        const json& ref = reference().at("titanic");
        const Dataset all = titanic();
        const Dataset train = all.selectRows(rowsFromJson(ref.at("train_rows")));
        const Dataset test = all.selectRows(rowsFromJson(ref.at("test_rows")));
        Pipeline pipeline = titanicPipeline();
        TrainContext ctx;
        pipeline.fit(train, ctx);
        const Vector codes = test.targetCodes();
        const Vector pred = pipeline.predict(test);
        const double accuracy = (pred.array() == codes.array()).cast<double>().mean();
        const double want = ref.at("test_accuracy").get<double>();
        const Matrix proba = pipeline.predictProba(test);
        double worst = 0;
        for (Eigen::Index i = 0; i < proba.rows(); ++i)
            worst = std::max(worst, std::abs(proba(i, 1) - ref.at("test_proba")[static_cast<std::size_t>(i)].get<double>()));
        qInfo("titanic pipeline: accuracy %.4f (scikit-learn %.4f), max abs probability difference %g", accuracy, want, worst);
        QVERIFY(std::abs(accuracy - want) <= 0.01);
        QVERIFY(worst < 1e-3);

        // The schema lists the table columns the pipeline reads, with their types.
        QCOMPARE(pipeline.schema().columns.size(), std::size_t(7));
        bool sawSex = false;
        for (const auto& c : pipeline.schema().columns)
            if (c.name == "sex") {
                sawSex = true;
                QCOMPARE(c.type, ColumnType::Categorical);
            }
        QVERIFY(sawSex);
        QVERIFY(pipeline.featureNames() == ref.at("feature_names").get<StringList>());

        // Saved and loaded: identical predictions.
        const json saved = savedPipelineToJson(pipeline, json::object());
        const Pipeline loaded = savedPipelineFromJson(json::parse(saved.dump()));
        QCOMPARE(loaded.predictProba(test), proba);
        QVERIFY(loaded.predictLabels(test) == pipeline.predictLabels(test));
        // The spec round-trips too, and a clone is unfitted with the same settings.
        const Pipeline respec = pipelineFromJson(pipelineSpecToJson(pipeline));
        QCOMPARE(pipelineSpecToJson(respec).dump(), pipelineSpecToJson(pipeline).dump());
        Pipeline copy = pipeline.cloneUnfitted();
        QVERIFY(!copy.isFitted());
        TrainContext ctx2;
        copy.fit(train, ctx2);
        QCOMPARE(copy.predictProba(test), proba);
    }

    void missingOrMistypedColumnsAreNamed()
    {
        const json& ref = reference().at("titanic");
        const Dataset all = titanic();
        Pipeline pipeline = titanicPipeline();
        TrainContext ctx;
        pipeline.fit(all, ctx);
        Dataset lacking = all.selectColumns({"pclass", "age", "sibsp", "parch", "fare", "embarked"});
        try {
            pipeline.predict(lacking);
            QFAIL("a missing column must be an error");
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).contains("'sex'"), e.what());
        }
        Dataset mistyped = all;
        mistyped.setColumnType("pclass", ColumnType::Categorical);
        try {
            pipeline.predict(mistyped);
            QFAIL("a mistyped column must be an error");
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).contains("'pclass'"), e.what());
        }
        // A column the transformer lists that the table lacks, at fit time.
        json spec = ref.at("column_transformer");
        spec["transformers"][0][2].push_back("agee");
        auto ct = componentFromJson(spec);
        try {
            dynamic_cast<ColumnTransformer&>(*ct).fit(all, nullptr, ctx);
            QFAIL("an absent column must be an error");
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).contains("'agee'") && QString(e.what()).contains("'num'"), e.what());
        }
        // A text column given to numeric steps is named, with the fix.
        json numeric = {{"type", "ColumnTransformer"},
                        {"transformers", json::array({json::array({"num", {{"type", "StandardScaler"}}, json::array({"age", "sex"})})})}};
        auto bad = componentFromJson(numeric);
        try {
            dynamic_cast<ColumnTransformer&>(*bad).fit(all, nullptr, ctx);
            QFAIL("a categorical column in numeric steps must be an error");
        } catch (const DataError& e) {
            QVERIFY2(QString(e.what()).contains("'sex'") && QString(e.what()).contains("OneHotEncoder"), e.what());
        }
    }

    void dtypeSelectorsAndRemainder()
    {
        const Dataset all = titanic().selectColumns({"pclass", "sex", "age", "fare", "embarked", "survived"});
        json spec = {{"type", "ColumnTransformer"},
                     {"transformers", json::array({json::array({"num", {{"type", "SimpleImputer"}}, {{"dtype", "numeric"}}}),
                                                   json::array({"cat", {{"type", "OrdinalEncoder"}}, {{"dtype", "categorical"}}})})},
                     {"remainder", "drop"}};
        auto ct = componentFromJson(spec);
        auto& t = dynamic_cast<ColumnTransformer&>(*ct);
        TrainContext ctx;
        Dataset withTarget = all;
        withTarget.setTarget("survived");
        t.fit(withTarget, nullptr, ctx);
        QVERIFY((t.featureNamesOut() == StringList{"num__pclass", "num__age", "num__fare", "cat__sex", "cat__embarked"}));
        // remainder passthrough keeps the columns no transformer selected.
        json passthrough = {{"type", "ColumnTransformer"},
                            {"transformers", json::array({json::array({"cat", {{"type", "OneHotEncoder"}}, json::array({"sex"})})})},
                            {"remainder", "passthrough"}};
        auto p = componentFromJson(passthrough);
        auto& pt = dynamic_cast<ColumnTransformer&>(*p);
        Dataset numericRest = withTarget.selectColumns({"pclass", "sex", "age", "survived"});
        numericRest.setTarget("survived");
        pt.fit(numericRest, nullptr, ctx);
        QVERIFY((pt.featureNamesOut() == StringList{"cat__sex_female", "cat__sex_male", "remainder__pclass", "remainder__age"}));
        QCOMPARE(pt.transform(numericRest).cols(), Eigen::Index(4));
    }

    void nestedParametersAreAddressedAsScikitLearn()
    {
        Pipeline pipeline = titanicPipeline();
        // <step>__<transformer>__<branch step>__<param>, and a one-step branch.
        pipeline.setParam("ColumnTransformer__num__simpleimputer__strategy", std::string("mean"));
        pipeline.setParam("ColumnTransformer__cat__handle_unknown", std::string("error"));
        QCOMPARE(std::get<std::string>(pipeline.param("ColumnTransformer__num__SimpleImputer__strategy")),
                 std::string("mean"));
        // The change is in the spec, so clones (as a search makes them) carry it.
        const std::string spec = pipelineSpecToJson(pipeline.cloneUnfitted()).dump();
        QVERIFY2(spec.find("\"strategy\":\"mean\"") != std::string::npos, spec.c_str());
        QVERIFY2(spec.find("\"handle_unknown\":\"error\"") != std::string::npos, spec.c_str());
        // The mean imputer changes the fitted model.
        const Dataset all = titanic();
        TrainContext ctx;
        pipeline.fit(all, ctx);
        Pipeline median = titanicPipeline();
        TrainContext ctx2;
        median.fit(all, ctx2);
        QVERIFY(pipeline.predictProba(all) != median.predictProba(all));
        // Wrong addresses name what exists.
        auto message = [&](const std::string& address) {
            try {
                pipeline.setParam(address, std::string("mean"));
            } catch (const ParamError& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        QVERIFY(message("ColumnTransformer__nums__simpleimputer__strategy").find("num, cat") != std::string::npos);
        QVERIFY(message("ColumnTransformer__num__imputer__strategy").find("simpleimputer, standardscaler") != std::string::npos);
        QVERIFY(message("ColumnTransformer__num__strategy").find("num__<step>__strategy") != std::string::npos);
        QVERIFY(message("LogisticRegression__a__b").find("holds no other steps") != std::string::npos);
    }

    void badSpecsAreParamErrors()
    {
        auto make = [](const json& transformers) {
            return componentFromJson({{"type", "ColumnTransformer"}, {"transformers", transformers}});
        };
        QVERIFY_THROWS_EXCEPTION(ParamError, make(json::array({json::array({"a", {{"type", "LogisticRegression"}}, json::array({"x"})})})));
        QVERIFY_THROWS_EXCEPTION(ParamError, make(json::array({json::array({"a", "keep", json::array({"x"})})})));
        QVERIFY_THROWS_EXCEPTION(ParamError, make(json::array({json::array({"a", {{"type", "StandardScaler"}}, {{"dtype", "numbers"}}})})));
        QVERIFY_THROWS_EXCEPTION(ParamError, make(json::array({json::array({"a", "drop", json::array({"x"})}),
                                                               json::array({"a", "drop", json::array({"y"})})})));
        // Dense output only: sparse_output=false (as the lessons write it) is accepted, true is refused.
        auto dense = componentFromJson({{"type", "OneHotEncoder"}, {"sparse_output", false}});
        TrainContext fitCtx;
        dynamic_cast<TableTransformer&>(*dense).fit(tableFromJson(reference().at("train")), nullptr, fitCtx);
        auto sparse = componentFromJson({{"type", "OneHotEncoder"}, {"sparse_output", true}});
        QVERIFY_THROWS_EXCEPTION(ParamError, dynamic_cast<TableTransformer&>(*sparse).fit(tableFromJson(reference().at("train")), nullptr, fitCtx));
        // A table-reading step must come first in a pipeline.
        json steps = {{"steps", json::array({{{"type", "StandardScaler"}}, {{"type", "OneHotEncoder"}}})}};
        QVERIFY_THROWS_EXCEPTION(ParamError, pipelineFromJson(steps));
        // Such a pipeline cannot be fitted on a bare matrix.
        Pipeline onehot = pipelineFromJson({{"steps", json::array({{{"type", "OneHotEncoder"}}, {{"type", "LogisticRegression"}}})}});
        TrainContext ctx;
        QVERIFY_THROWS_EXCEPTION(DataError, onehot.fit(Matrix::Zero(3, 1), Vector::Zero(3), ctx));
    }
};

QTEST_APPLESS_MAIN(TestCompose)
#include "test_compose.moc"
