// Pipeline: JSON specs with scikit-learn names, step__param addressing,
// fitting on training data only, the observer's view of the whole pipeline,
// versioned save/load with identical predictions, and clear errors for
// damaged or newer files and for data that does not match the schema.
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/split.h"
#include "engine/pipeline/evaluation.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/pipeline/pipeline_preview.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <QTest>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace dslab;
using nlohmann::json;

namespace {

const char* kSpec = R"({"steps":[{"type":"StandardScaler"},{"type":"LogisticRegression","C":1.0,"penalty":"l2","solver":"lbfgs","max_iter":500}]})";

class CountingObserver : public TrainObserver {
public:
    int steps = 0;
    const Matrix* probe = nullptr;
    Matrix lastProba;
    void onStep(const TrainStep&, const Predictor& model) override
    {
        ++steps;
        if (probe)
            lastProba = model.predictProba(*probe);
    }
};

void writeText(const QString& path, const std::string& text)
{
    std::ofstream(path.toStdString()) << text;
}

}  // namespace

class TestPipeline : public QObject {
    Q_OBJECT
private slots:
    void parsesSpecWithSklearnNames()
    {
        Pipeline p = pipelineFromJson(json::parse(kSpec));
        QCOMPARE(p.stepCount(), std::size_t(2));
        QCOMPARE(QString::fromStdString(p.step(1).component->typeName()), QString("LogisticRegression"));
        QCOMPARE(std::get<double>(p.param("LogisticRegression__C")), 1.0);
        p.setParam("LogisticRegression__C", 0.5);
        QCOMPARE(std::get<double>(p.param("LogisticRegression__C")), 0.5);
        // An integer where a float is expected is accepted and converted.
        p.setParam("LogisticRegression__C", ParamValue(2LL));
        QCOMPARE(std::get<double>(p.param("LogisticRegression__C")), 2.0);
        // Round trip through JSON keeps every parameter.
        Pipeline again = pipelineFromJson(pipelineSpecToJson(p));
        QCOMPARE(std::get<double>(again.param("LogisticRegression__C")), 2.0);
    }

    void rejectsBadSpecsWithClearMessages()
    {
        auto messageOf = [](const char* text) -> QString {
            try {
                pipelineFromJson(json::parse(text));
            } catch (const ParamError& e) {
                return QString::fromUtf8(e.what());
            }
            return {};
        };
        QString m = messageOf(R"({"steps":[{"type":"LogisticRegresion"}]})");
        QVERIFY2(m.contains("unknown step type 'LogisticRegresion'") && m.contains("LogisticRegression"), qPrintable(m));
        m = messageOf(R"({"steps":[{"type":"LogisticRegression","C":-1}]})");
        QVERIFY2(m.contains("step 1 (LogisticRegression)") && m.contains("C = -1") && m.contains("out of range"), qPrintable(m));
        m = messageOf(R"({"steps":[{"type":"LogisticRegression","penalty":"l3"}]})");
        QVERIFY2(m.contains("penalty") && m.contains("l1"), qPrintable(m));
        m = messageOf(R"({"steps":[{"type":"LogisticRegression","C":"big"}]})");
        QVERIFY2(m.contains("wrong type"), qPrintable(m));
        m = messageOf(R"({"steps":[{"type":"LogisticRegression","Cc":1}]})");
        QVERIFY2(m.contains("no parameter 'Cc'"), qPrintable(m));
        m = messageOf(R"({"steps":[{"type":"LogisticRegression"},{"type":"StandardScaler"}]})");
        QVERIFY2(m.contains("must be the last step"), qPrintable(m));
        m = messageOf(R"({"stages":[]})");
        QVERIFY2(m.contains("\"steps\""), qPrintable(m));
    }

    void jsonSyntaxErrorsNameLineAndColumn()
    {
        try {
            parseJsonText("{\n  \"steps\": [\n    {\"type\": }\n]}", "pipeline file");
            QFAIL("no error");
        } catch (const FormatError& e) {
            const QString m = QString::fromUtf8(e.what());
            QVERIFY2(m.contains("line 3"), qPrintable(m));
        }
    }

    void fitsPredictsAndObservesWholePipeline()
    {
        Dataset data = test::builtin("breast_cancer");
        const Vector codes = data.targetCodes();
        const auto split = trainTestSplit(static_cast<Eigen::Index>(data.rowCount()), 0.25, 0, &codes);
        Dataset train = data.selectRows(split.train), held = data.selectRows(split.test);

        Pipeline p = pipelineFromJson(json::parse(
            R"({"steps":[{"type":"StandardScaler"},{"type":"LogisticRegression","solver":"gd","learning_rate":0.5,"max_iter":40}]})"));
        CountingObserver observer;
        const Matrix raw = held.featureMatrix(held.featureNames());
        observer.probe = &raw;
        TrainContext ctx;
        ctx.observer = &observer;
        p.fit(train, ctx);
        QVERIFY(p.isFitted());
        QCOMPARE(observer.steps, 40);
        // The observer's predictions (on raw, unscaled features) equal the fitted pipeline's.
        QVERIFY((observer.lastProba - p.predictProba(raw)).cwiseAbs().maxCoeff() < 1e-12);
        QCOMPARE(p.schema().classLabels, (StringList{"benign", "malignant"}));
        const Evaluation ev = evaluateModel(p, raw, held.targetCodes(), 2);
        QVERIFY2(ev.metrics.at("accuracy") > 0.9, qPrintable(QString::number(ev.metrics.at("accuracy"))));
        QVERIFY(ev.metrics.count("roc_auc") && ev.metrics.at("roc_auc") > 0.95);
        QCOMPARE(ev.confusion.sum(), static_cast<double>(held.rowCount()));
        const StringList labels = p.predictLabels(held);
        QVERIFY(labels.front() == "benign" || labels.front() == "malignant");
    }

    void savedModelReloadsWithIdenticalPredictions()
    {
        Dataset data = test::builtin("iris");
        Pipeline p = pipelineFromJson(json::parse(kSpec));
        TrainContext ctx;
        p.fit(data, ctx);
        QTemporaryDir dir;
        const QString path = dir.filePath("model.json");
        saveFittedPipeline(p, path.toStdString(), json{{"accuracy", 0.97}});
        const Pipeline loaded = loadFittedPipeline(path.toStdString());
        const Matrix X = data.featureMatrix(data.featureNames());
        QCOMPARE(loaded.predictProba(X), p.predictProba(X));
        QCOMPARE(loaded.predictLabels(data), p.predictLabels(data));
        const json doc = readJsonFile(path.toStdString(), "model");
        QCOMPARE(doc.at("format_version").get<int>(), kPipelineFormatVersion);
        QCOMPARE(doc.at("training").at("metrics").at("accuracy").get<double>(), 0.97);
        QCOMPARE(doc.at("schema").at("columns").size(), std::size_t(4));
        QVERIFY(!doc.at("created").get<std::string>().empty());
    }

    void newerOrDamagedFilesAreReported()
    {
        Dataset data = test::builtin("iris");
        Pipeline p = pipelineFromJson(json::parse(kSpec));
        TrainContext ctx;
        p.fit(data, ctx);
        json doc = savedPipelineToJson(p, json::object());
        QTemporaryDir dir;

        json newer = doc;
        newer["format_version"] = kPipelineFormatVersion + 1;
        writeText(dir.filePath("newer.json"), newer.dump());
        try {
            loadFittedPipeline(dir.filePath("newer.json").toStdString());
            QFAIL("newer file loaded");
        } catch (const FormatError& e) {
            QVERIFY2(QString(e.what()).contains("newer"), e.what());
        }

        json damaged = doc;
        damaged["steps"][1]["state"].erase(damaged["steps"][1]["state"].begin());
        writeText(dir.filePath("damaged.json"), damaged.dump());
        QVERIFY_THROWS_EXCEPTION(FormatError, loadFittedPipeline(dir.filePath("damaged.json").toStdString()));

        writeText(dir.filePath("truncated.json"), doc.dump().substr(0, 100));
        QVERIFY_THROWS_EXCEPTION(FormatError, loadFittedPipeline(dir.filePath("truncated.json").toStdString()));

        writeText(dir.filePath("other.json"), R"({"hello": 1})");
        QVERIFY_THROWS_EXCEPTION(FormatError, loadFittedPipeline(dir.filePath("other.json").toStdString()));
    }

    void predictingChecksTheSchema()
    {
        Dataset data = test::builtin("iris");
        Pipeline p = pipelineFromJson(json::parse(kSpec));
        TrainContext ctx;
        p.fit(data, ctx);
        const Dataset fewer = data.selectColumns({"sepal_length_cm", "petal_width_cm", "species"});
        try {
            p.predict(fewer);
            QFAIL("missing columns accepted");
        } catch (const DataError& e) {
            const QString m = QString::fromUtf8(e.what());
            QVERIFY2(m.contains("sepal_width_cm") && m.contains("petal_length_cm"), qPrintable(m));
        }
    }

    void cloneIsUnfittedWithSameParams()
    {
        Pipeline p = pipelineFromJson(json::parse(kSpec));
        p.setParam("LogisticRegression__C", 0.25);
        TrainContext ctx;
        p.fit(test::builtin("iris"), ctx);
        Pipeline c = p.cloneUnfitted();
        QVERIFY(!c.isFitted());
        QCOMPARE(std::get<double>(c.param("LogisticRegression__C")), 0.25);
    }

    void atomicWriteNeverLeavesPartialFiles()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.json").toStdString();
        writeFileAtomically(path, "first");
        writeFileAtomically(path, "second");
        std::ifstream in(path);
        std::string text;
        in >> text;
        QCOMPARE(QString::fromStdString(text), QString("second"));
        QVERIFY(!QFile::exists(dir.filePath("out.json.part")));
        QVERIFY_THROWS_EXCEPTION(IoError, writeFileAtomically(dir.filePath("no/such/dir/x.json").toStdString(), "x"));
    }

    // The Workbench's preview: the transformers fitted on the rows given, a final model left out.
    void previewShowsWhatTheModelWouldSee()
    {
        const Dataset titanic = test::builtin("titanic");
        const nlohmann::json spec = nlohmann::json::parse(R"({"steps":[{"type":"ColumnTransformer","transformers":[
            ["num",{"type":"Pipeline","steps":[{"type":"SimpleImputer","strategy":"median"},{"type":"StandardScaler"}]},["age","fare"]],
            ["cat",{"type":"OneHotEncoder","handle_unknown":"ignore"},["sex"]]],"remainder":"drop"},
            {"type":"LogisticRegression"}]})");
        TrainContext ctx;
        const PipelinePreview p = previewPipeline(spec, titanic, 5, ctx);
        QCOMPARE(p.values.rows(), Eigen::Index(5));
        QVERIFY(p.columns == (StringList{"num__age", "num__fare", "cat__sex_female", "cat__sex_male"}));
        QCOMPARE(p.fittedRows, titanic.rowCount());
        QCOMPARE(p.lastStep, std::string("ColumnTransformer"));
        QVERIFY(p.values.allFinite());  // the imputer filled row 5's missing age
        // Row 0 is a man: one-hot [0, 1].
        QCOMPARE(p.values(0, 2), 0.0);
        QCOMPARE(p.values(0, 3), 1.0);
        // Scaled on all 891 rows given: the first row's age is (22 - mean) / std of the imputed column.
        const Column& age = titanic.column("age");
        std::vector<double> imputed;
        std::vector<double> present;
        for (double v : age.numbers)
            if (!std::isnan(v))
                present.push_back(v);
        std::sort(present.begin(), present.end());
        const double median = (present[present.size() / 2 - 1] + present[present.size() / 2]) / 2;  // 714 present: even
        QCOMPARE(present.size() % 2, std::size_t(0));
        double mean = 0;
        for (double v : age.numbers)
            mean += std::isnan(v) ? median : v;
        mean /= static_cast<double>(age.numbers.size());
        double var = 0;
        for (double v : age.numbers)
            var += std::pow((std::isnan(v) ? median : v) - mean, 2);
        const double sd = std::sqrt(var / static_cast<double>(age.numbers.size()));
        QVERIFY(std::abs(p.values(0, 0) - (22.0 - mean) / sd) < 1e-12);

        // A matrix pipeline on a categorical target: SelectKBest needs class codes, which it gets without a model.
        const Dataset penguins = test::builtin("penguins");
        const nlohmann::json numeric = nlohmann::json::parse(R"({"steps":[
            {"type":"ColumnTransformer","transformers":[["num",{"type":"SimpleImputer"},{"dtype":"numeric"}]]},
            {"type":"SelectKBest","k":2}]})");
        const PipelinePreview q = previewPipeline(numeric, penguins, 3, ctx);
        QCOMPARE(q.values.cols(), Eigen::Index(2));
        QCOMPARE(q.columns.size(), std::size_t(2));
        QCOMPARE(q.lastStep, std::string("SelectKBest"));

        // A lone model has nothing to preview.
        QVERIFY_THROWS_EXCEPTION(ParamError,
                                 previewPipeline(nlohmann::json::parse(R"({"steps":[{"type":"LogisticRegression"}]})"),
                                                 titanic, 5, ctx));
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
