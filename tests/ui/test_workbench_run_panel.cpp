// The Workbench's Run panel trains on its worker exactly what the engine
// computes directly: the test accuracy of the lesson 40 ColumnTransformer
// pipeline on titanic equals dslab-cli fit's engine calls on the same split
// and seed; its cross-validation equals the engine's crossValidate on the
// same folds; a three-class confusion matrix adds up to the test rows; a
// broken pipeline shows the engine's message naming the column; Cancel stops
// a cross-validation midway.
#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/split.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/evaluation.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "tests/support/test_support.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/session/training_session.h"
#include "ui/workbench/workbench_run_panel.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace dslab;

namespace {

std::shared_ptr<const Dataset> builtinData(const std::string& name)
{
    return std::make_shared<const Dataset>(loadBuiltinDataset(name, test::datasetsDir()));
}

// Lesson 40's pipeline: median imputation and scaling of the numbers, one-hot sex, logistic regression.
nlohmann::json lesson40Pipeline()
{
    const nlohmann::json lesson =
        readJsonFile(test::lessonsDir() + "/04-preprocessing/40-missing-values.json", "lesson 40");
    return lesson.at("lab").at("preset").at("pipeline");
}

// Penguins have missing numbers and categories (island, sex): impute both, encode, scale.
nlohmann::json penguinsPipeline()
{
    return nlohmann::json::parse(R"({"steps": [
        {"type": "ColumnTransformer", "remainder": "drop", "transformers": [
            ["num", {"type": "Pipeline", "steps": [{"type": "SimpleImputer", "strategy": "median"},
                                                   {"type": "StandardScaler"}]},
             ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]],
            ["cat", {"type": "Pipeline", "steps": [{"type": "SimpleImputer", "strategy": "most_frequent"},
                                                   {"type": "OneHotEncoder", "handle_unknown": "ignore"}]},
             ["island", "sex"]]]},
        {"type": "LogisticRegression", "max_iter": 500}]})");
}

// The class codes of part in the order of the fitted labels (as dslab-cli fit does).
Vector codesAs(const Dataset& part, const StringList& fitted)
{
    const StringList labels = part.classLabels();
    const Vector codes = part.targetCodes();
    Vector out(codes.size());
    for (Eigen::Index i = 0; i < codes.size(); ++i)
        out(i) = static_cast<double>(std::find(fitted.begin(), fitted.end(), labels[static_cast<std::size_t>(codes(i))])
                                     - fitted.begin());
    return out;
}

// Runs (or draws the learning curve) and waits; true when the run succeeded.
bool runAndWait(WorkbenchRunPanel& panel, bool curve = false)
{
    QSignalSpy spy(&panel, &WorkbenchRunPanel::runFinished);
    if (curve)
        panel.runLearningCurve();
    else
        panel.run();
    if (spy.isEmpty() && !spy.wait(120000))
        return false;
    return spy.first().first().toBool();
}

}  // namespace

class TestWorkbenchRunPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void titanicSplitMatchesTheEngine()
    {
        const auto titanic = builtinData("titanic");
        WorkbenchRunPanel panel;
        panel.resize(1100, 700);
        panel.show();
        panel.setDataset(titanic);
        panel.setPipelineJson(lesson40Pipeline());
        panel.setTestSize(0.25);
        panel.setSeed(7);
        QVERIFY2(runAndWait(panel), qPrintable(panel.errorText()));
        QVERIFY(panel.errorText().isEmpty());
        const auto m = panel.measurements();
        qInfo() << "titanic split" << m;
        QVERIFY(m["accuracy"] > 0.72 && m["accuracy"] < 0.9);
        QVERIFY(m["roc_auc"] > 0.75 && m["roc_auc"] <= 1.0);
        QVERIFY(m["balanced_accuracy"] > 0.65 && m["balanced_accuracy"] <= m["accuracy"] + 0.05);
        QVERIFY(m["f1_macro"] > 0.6);
        QVERIFY(m["log_loss"] > 0.2 && m["log_loss"] < 0.7);

        // dslab-cli fit's engine calls on the same split and seed.
        Pipeline pipeline = pipelineFromJson(lesson40Pipeline());
        const Vector codes = titanic->targetCodes();
        const SplitIndices split = trainTestSplit(static_cast<Eigen::Index>(titanic->rowCount()), 0.25, 7, &codes);
        const Dataset train = titanic->selectRows(split.train);
        const Dataset test = titanic->selectRows(split.test);
        TrainContext ctx;
        ctx.seed = 7;
        pipeline.fit(train, ctx);
        const Matrix testX = pipeline.featuresFor(test);
        const Vector testY = codesAs(test, pipeline.schema().classLabels);
        const Evaluation direct = evaluateModel(pipeline, testX, testY, 2);
        QCOMPARE(m["accuracy"], direct.metrics.at("accuracy"));
        QCOMPARE(m["roc_auc"], direct.metrics.at("roc_auc"));
        QCOMPARE(m["log_loss"], direct.metrics.at("log_loss"));
        QCOMPARE(m["balanced_accuracy"], balancedAccuracy(testY, pipeline.predict(testX)));
        QCOMPARE(m["test_rows"], static_cast<double>(split.test.size()));

        // The confusion matrix holds the test rows; importance is named by the
        // ColumnTransformer's output columns.
        QCOMPARE(m["confusion_sum"], static_cast<double>(split.test.size()));
        QCOMPARE(panel.confusionView()->count(1, 1), direct.confusion(1, 1));
        QVERIFY(panel.importanceView()->hasData());
        QCOMPARE(m["importance_features"], static_cast<double>(pipeline.featureNames().size()));
        const QStringList bars = panel.importanceView()->barLabels();
        qInfo() << "importance bars" << bars;
        QVERIFY(bars.contains("cat__sex_female") || bars.contains("cat__sex_male"));
        // Sex carries much of titanic's signal: a sex column is among the top two bars
        // (its two one-hot columns share it, since either one alone still tells the sex).
        QVERIFY(bars.at(0).startsWith("cat__sex_") || bars.at(1).startsWith("cat__sex_"));

        panel.grab().save("/tmp/workbench_run_split.png");
        auto* tabs = panel.findChild<QTabWidget*>();
        QVERIFY(tabs);
        tabs->setCurrentIndex(2);
        panel.grab().save("/tmp/workbench_run_importance.png");

        // The learning curve on request: validation and training scores per size.
        QVERIFY2(runAndWait(panel, true), qPrintable(panel.errorText()));
        const auto curve = panel.measurements();
        QCOMPARE(curve["lc_sizes"], 5.0);
        QCOMPARE(panel.learningCurveView()->pointCount(1), 5);
        QVERIFY(curve["lc_last_validation"] > 0.7 && curve["lc_last_validation"] < 0.9);
        // The curve keeps the split's results beside it.
        QCOMPARE(curve["accuracy"], m["accuracy"]);
        QVERIFY(panel.confusionView()->hasData() && panel.importanceView()->hasData());
        panel.grab().save("/tmp/workbench_run_curve.png");
    }

    void crossValidationMatchesTheEngine()
    {
        // A table pipeline: the same folds fitted with engine calls.
        const auto titanic = builtinData("titanic");
        WorkbenchRunPanel panel;
        panel.setDataset(titanic);
        panel.setPipelineJson(lesson40Pipeline());
        panel.setMode(WorkbenchRunPanel::Mode::CrossValidation);
        panel.setFolds(5);
        panel.setSeed(3);
        QVERIFY2(runAndWait(panel), qPrintable(panel.errorText()));
        const auto m = panel.measurements();
        qInfo() << "titanic CV" << m;
        QCOMPARE(m["folds"], 5.0);
        QCOMPARE(m["confusion_sum"], static_cast<double>(titanic->rowCount()));
        const Pipeline spec = pipelineFromJson(lesson40Pipeline());
        const Vector codes = titanic->targetCodes();
        const auto splits = StratifiedKFold(5, true, 3).split(static_cast<Eigen::Index>(titanic->rowCount()), &codes);
        std::vector<double> scores;
        for (const SplitIndices& s : splits) {
            Pipeline fold = spec.cloneUnfitted();
            TrainContext ctx;
            ctx.seed = 3;
            fold.fit(titanic->selectRows(s.train), ctx);
            const Dataset test = titanic->selectRows(s.test);
            scores.push_back(accuracy(codesAs(test, fold.schema().classLabels), fold.predict(test)));
        }
        QCOMPARE(m["cv_accuracy_mean"], mean(scores));
        QCOMPARE(m["cv_accuracy_std"], populationStd(scores));
        QVERIFY(m["cv_accuracy_mean"] > 0.72 && m["cv_accuracy_mean"] < 0.9);
        QVERIFY(m.contains("cv_roc_auc_mean") && m.contains("cv_log_loss_mean"));
        panel.resize(1100, 700);
        panel.grab().save("/tmp/workbench_run_cv.png");

        // A numeric pipeline: the engine's own crossValidate on the matrix.
        const auto cancer = builtinData("breast_cancer");
        const nlohmann::json numeric = nlohmann::json::parse(
            R"({"steps": [{"type": "StandardScaler"}, {"type": "LogisticRegression", "C": 0.5}]})");
        panel.setDataset(cancer);
        panel.setPipelineJson(numeric);
        QVERIFY2(runAndWait(panel), qPrintable(panel.errorText()));
        TrainContext ctx;
        ctx.seed = 3;
        const Vector y = cancer->targetCodes();
        const CrossValidationResult engine =
            crossValidate(pipelineFromJson(numeric), cancer->featureMatrix(), y, StratifiedKFold(5, true, 3), ctx);
        qInfo() << "breast_cancer CV" << panel.measurements()["cv_accuracy_mean"] << engine.meanTestScore();
        QCOMPARE(panel.measurements()["cv_accuracy_mean"], engine.meanTestScore());
        QCOMPARE(panel.measurements()["cv_accuracy_std"], engine.stdTestScore());

        // A model without probabilities (SVC, probability=false): the label scores
        // are shown, AUC and log loss are left out instead of failing the run.
        panel.setPipelineJson(nlohmann::json::parse(R"({"steps": [{"type": "StandardScaler"}, {"type": "SVC"}]})"));
        QVERIFY2(runAndWait(panel), qPrintable(panel.errorText()));
        const auto svc = panel.measurements();
        QVERIFY(svc["cv_accuracy_mean"] > 0.9);
        QVERIFY(svc.contains("cv_f1_macro_mean"));
        QVERIFY(!svc.contains("cv_roc_auc_mean") && !svc.contains("cv_log_loss_mean"));
    }

    void penguinsConfusionHasThreeClasses()
    {
        const auto penguins = builtinData("penguins");
        WorkbenchRunPanel panel;
        panel.setDataset(penguins);
        panel.setPipelineJson(penguinsPipeline());
        panel.setTestSize(0.3);
        QVERIFY2(runAndWait(panel), qPrintable(panel.errorText()));
        const auto m = panel.measurements();
        qInfo() << "penguins split" << m;
        QCOMPARE(m["classes"], 3.0);
        QCOMPARE(m["confusion_sum"], m["test_rows"]);
        QCOMPARE(m["train_rows"] + m["test_rows"], static_cast<double>(penguins->rowCount()));
        QVERIFY(m["accuracy"] > 0.95);
        QVERIFY(m.contains("roc_auc"));  // one-vs-rest
        double sum = 0;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                sum += panel.confusionView()->count(i, j);
        QCOMPARE(sum, m["test_rows"]);
        panel.resize(1100, 700);
        panel.show();
        panel.grab().save("/tmp/workbench_run_penguins.png");
    }

    void regressionShowsRegressionMetrics()
    {
        const auto diabetes = builtinData("diabetes");
        WorkbenchRunPanel panel;
        panel.setDataset(diabetes);
        panel.setPipelineJson(nlohmann::json::parse(R"({"steps": [{"type": "StandardScaler"}, {"type": "Ridge"}]})"));
        QVERIFY2(runAndWait(panel), qPrintable(panel.errorText()));
        const auto m = panel.measurements();
        qInfo() << "diabetes split" << m;
        QVERIFY(m["r2"] > 0.3 && m["r2"] < 0.7);
        QVERIFY(m["rmse"] > m["mae"]);
        QVERIFY(!m.contains("accuracy") && !m.contains("confusion_sum"));
        QVERIFY(!panel.confusionView()->hasData());
        panel.resize(1100, 700);
        panel.show();
        panel.grab().save("/tmp/workbench_run_regression.png");
    }

    void brokenPipelinesShowTheColumn()
    {
        const auto titanic = builtinData("titanic");
        WorkbenchRunPanel panel;
        panel.setDataset(titanic);
        // A scaler straight on the raw table: text columns cannot be scaled.
        panel.setPipelineJson(nlohmann::json::parse(
            R"({"steps": [{"type": "StandardScaler"}, {"type": "LogisticRegression"}]})"));
        QVERIFY(!runAndWait(panel));
        qInfo() << "text columns:" << panel.errorText();
        QVERIFY(panel.errorText().contains("'name'"));
        QVERIFY(panel.measurements().isEmpty());

        // Missing ages into a linear model: the message names the column.
        Dataset numeric = titanic->selectColumns({"pclass", "age", "fare", "survived"});
        numeric.setTarget("survived");
        panel.setDataset(std::make_shared<const Dataset>(std::move(numeric)));
        panel.setPipelineJson(nlohmann::json::parse(R"({"steps": [{"type": "LogisticRegression"}]})"));
        QVERIFY(!runAndWait(panel));
        qInfo() << "missing values:" << panel.errorText();
        QVERIFY(panel.errorText().contains("age"));

        // A category the encoder never saw at fit time (a ticket number).
        panel.setDataset(titanic);
        panel.setPipelineJson(nlohmann::json::parse(R"({"steps": [
            {"type": "ColumnTransformer", "transformers": [["cat", {"type": "OneHotEncoder"}, ["ticket"]]]},
            {"type": "LogisticRegression"}]})"));
        QVERIFY(!runAndWait(panel));
        qInfo() << "unseen category:" << panel.errorText();
        QVERIFY(panel.errorText().contains("ticket"));
        panel.resize(1100, 700);
        panel.show();
        panel.grab().save("/tmp/workbench_run_error.png");

        // A spec that cannot be built is reported at once, and Run repeats it.
        panel.setPipelineJson(nlohmann::json::parse(R"({"steps": [{"type": "NoSuchModel"}]})"));
        QVERIFY(panel.errorText().contains("NoSuchModel"));
        QVERIFY(!runAndWait(panel));
        QVERIFY(panel.errorText().contains("NoSuchModel"));

        // The panel recovers: a good pipeline runs and clears the message.
        panel.setPipelineJson(lesson40Pipeline());
        QVERIFY(runAndWait(panel));
        QVERIFY(panel.errorText().isEmpty());
    }

    void cancelStopsCrossValidation()
    {
        const auto titanic = builtinData("titanic");
        WorkbenchRunPanel panel;
        panel.setDataset(titanic);
        nlohmann::json slow = lesson40Pipeline();
        slow["steps"][1] = {{"type", "RandomForestClassifier"}, {"n_estimators", 300}};
        panel.setPipelineJson(slow);
        panel.setMode(WorkbenchRunPanel::Mode::CrossValidation);
        panel.setFolds(10);
        bool cancelled = false;
        connect(panel.session(), &TrainingSession::stepsArrived, &panel, [&] {
            if (!cancelled) {
                cancelled = true;
                panel.cancel();
            }
        });
        QVERIFY(!runAndWait(panel));
        QVERIFY(cancelled);
        qInfo() << "cancelled:" << panel.statusText();
        QVERIFY(panel.statusText().startsWith("Cancelled"));
        QVERIFY(panel.errorText().isEmpty());
        QVERIFY(panel.measurements().isEmpty());
        QVERIFY(!panel.isRunning());
        QVERIFY(!panel.statusText().contains("10 of 10"));

        // After a cancel the panel runs again; new data mid-run stops the run quietly.
        panel.setFolds(3);
        cancelled = true;  // no more cancels from the step handler
        QVERIFY2(runAndWait(panel), qPrintable(panel.errorText()));
        QCOMPARE(panel.measurements()["folds"], 3.0);
        QSignalSpy spy(&panel, &WorkbenchRunPanel::runFinished);
        panel.run();
        panel.setDataset(builtinData("penguins"));
        QVERIFY(spy.wait(30000));
        QCOMPARE(spy.first().first().toBool(), false);
        QVERIFY(panel.errorText().isEmpty());
        QVERIFY(panel.statusText().startsWith("penguins: "));
        QVERIFY(panel.measurements().isEmpty());
    }
};

QTEST_MAIN(TestWorkbenchRunPanel)
#include "test_workbench_run_panel.moc"
