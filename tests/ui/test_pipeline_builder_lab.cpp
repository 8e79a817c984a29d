// The pipeline-builder lab (lesson 36): the lesson's penguins pipeline as a
// graph, trained on the worker, and the lesson's claims on the lab's own
// numbers: the ColumnTransformer hands 9 columns to the model, the pipeline
// cross-validates near 0.99, kNN without the scaler falls far below kNN with
// it, a tree does not care about the scaler, and the imputer's strategy has a
// grid-search address and can be changed and refitted.
#include "tests/support/lesson_presets.h"
#include "tests/support/test_support.h"
#include "ui/labs/pipeline_builder_lab.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"
#include "ui/workbench/component_palette.h"
#include "ui/workbench/node_property_panel.h"
#include "ui/workbench/pipeline_graph.h"
#include "ui/workbench/pipeline_graph_scene.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace dslab;

namespace {

int findNode(const PipelineGraph& g, const std::string& type, int nth = 0)
{
    for (const auto& n : g.nodes())
        if (n.type == type && nth-- == 0)
            return n.id;
    return 0;
}

int selectorNamed(const PipelineGraph& g, const std::string& name)
{
    for (const auto& n : g.nodes())
        if (n.role == NodeRole::ColumnSelector && n.name == name)
            return n.id;
    return 0;
}

// Puts a StandardScaler after the "num" branch's imputer, through the graph's edits.
void addScalerToNumBranch(PipelineGraph& g)
{
    const int sel = selectorNamed(g, "num");
    const int imputer = g.outputsOf(sel).front();
    const int ct = g.outputsOf(imputer).front();
    g.disconnectNodes(imputer, ct);
    const int scaler = g.addNode("StandardScaler");
    QVERIFY(g.connectNodes(imputer, scaler));
    QVERIFY(g.connectNodes(scaler, ct));
}

double train(PipelineBuilderLab& lab, const char* what)
{
    [&] { QVERIFY2(lab.runStepsBlocking(1, 120000), qPrintable(lab.errorText())); }();
    const auto m = lab.measurements();
    qInfo() << what << "test" << m.value("test_accuracy") << "cv" << m.value("cv_accuracy") << "±" << m.value("cv_std");
    return m.value("cv_accuracy", -1);
}

}  // namespace

class TestPipelineBuilderLab : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void presetPipelineTrains()
    {
        PipelineBuilderLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(900, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("pipelines", 0));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        PipelineGraph* g = lab.graph();
        // Dataset, Split, ColumnTransformer, 2 selectors, 4 branch steps, the model: all valid on penguins.
        QCOMPARE(lab.scene()->nodeItemCount(), 10);
        for (const auto& n : g->nodes())
            QVERIFY2(g->status(n.id).state == NodeState::Valid, qPrintable(g->title(n.id) + ": " + g->status(n.id).reason));
        // The palette offers the lesson's components (and the graph's own nodes).
        const QStringList offered = lab.palette()->visibleTypes();
        QVERIFY(offered.contains("KNeighborsClassifier") && offered.contains("OneHotEncoder"));
        QVERIFY(!offered.contains("SVC"));
        // The graph is the preset's pipeline, exactly.
        const QJsonObject pipeline = test::lessonPreset("pipelines", 0).value("pipeline").toObject();
        QVERIFY(g->toPipelineJson() == nlohmann::json::parse(QJsonDocument(pipeline).toJson().toStdString()));

        const double cv = train(lab, "preset (LogisticRegression)");
        const auto m = lab.measurements();
        QCOMPARE(m.value("output_columns"), 9.0);  // 4 scaled numbers, 3 islands, 2 sexes
        QCOMPARE(m.value("cv_folds"), 5.0);
        QCOMPARE(m.value("train_rows") + m.value("test_rows"), 344.0);
        QVERIFY2(cv > 0.97, qPrintable(QString::number(cv)));
        QVERIFY(m.value("test_accuracy") > 0.95);
        QVERIFY(lab.summaryText().contains("test accuracy"));
        // Each node shows what it learned on the training rows.
        const int numImputer = g->outputsOf(selectorNamed(*g, "num")).front();
        const QString medians = lab.learnedText(numImputer);
        qInfo() << "num imputer:" << medians;
        QVERIFY2(medians.contains("statistics"), qPrintable(medians));
        const QString categories = lab.learnedText(findNode(*g, "OneHotEncoder"));
        qInfo() << "encoder:" << categories;
        for (const char* c : {"Biscoe", "Dream", "Torgersen", "female", "male"})
            QVERIFY2(categories.contains(c), qPrintable(categories));
        QVERIFY(lab.learnedText(findNode(*g, "LogisticRegression")).contains("coef"));
        lab.scene()->selectNode(findNode(*g, "StandardScaler"));
        QVERIFY(lab.learnedText(findNode(*g, "StandardScaler")).contains("mean"));
    }

    void scalingMattersForKnnNotForTrees()
    {
        PipelineBuilderLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(900, 700);
        lab.show();
        // Step 3: kNN without the scaler.
        lab.applyPreset(test::lessonPreset("pipelines", 2));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        QVERIFY(findNode(*lab.graph(), "KNeighborsClassifier"));
        QCOMPARE(findNode(*lab.graph(), "StandardScaler"), 0);
        const double knnRaw = train(lab, "kNN without scaler");
        addScalerToNumBranch(*lab.graph());
        QVERIFY(lab.summaryText().contains("press Train again"));
        const double knnScaled = train(lab, "kNN with scaler");
        QVERIFY2(knnScaled > 0.97, qPrintable(QString::number(knnScaled)));
        QVERIFY2(knnRaw < 0.85, qPrintable(QString::number(knnRaw)));
        QVERIFY(knnScaled - knnRaw > 0.1);

        // Step 4: a tree, with and without the scaler.
        lab.applyPreset(test::lessonPreset("pipelines", 3));
        QVERIFY2(lab.errorText().isEmpty(), qPrintable(lab.errorText()));
        const double treeRaw = train(lab, "tree without scaler");
        addScalerToNumBranch(*lab.graph());
        const double treeScaled = train(lab, "tree with scaler");
        QVERIFY2(std::abs(treeRaw - treeScaled) < 0.01, qPrintable(QString("%1 vs %2").arg(treeRaw).arg(treeScaled)));
        QVERIFY(treeRaw > 0.9);
    }

    void imputerStrategyByItsAddress()
    {
        PipelineBuilderLab lab(QString::fromStdString(test::datasetsDir()));
        lab.resize(900, 700);
        lab.show();
        lab.applyPreset(test::lessonPreset("pipelines", 4));
        PipelineGraph* g = lab.graph();
        const int imputer = g->outputsOf(selectorNamed(*g, "num")).front();
        QCOMPARE(g->paramAddress(imputer, "strategy"), QString("ColumnTransformer__num__SimpleImputer__strategy"));
        QCOMPARE(g->paramAddress(findNode(*g, "LogisticRegression"), "C"), QString("LogisticRegression__C"));
        // Change it in the property panel, as the user does: one undoable edit.
        lab.scene()->selectNode(imputer);
        QCOMPARE(lab.propertyPanel()->nodeId(), imputer);
        auto* box = qobject_cast<QComboBox*>(lab.propertyPanel()->form()->editor("strategy"));
        QVERIFY(box);
        box->setCurrentText("mean");
        QCOMPARE(g->undoStack()->count(), 1);
        const auto spec = g->toPipelineJson();
        QVERIFY(spec.at("steps")[0].at("transformers")[0][1].at("steps")[0].at("strategy") == "mean");
        const double cv = train(lab, "mean imputation");
        QVERIFY(cv > 0.97);
        // A red node stops training with its reason.
        g->setNodeSetting(findNode(*g, "LogisticRegression"), "C", -1.0);
        lab.trainToEnd();
        QVERIFY(!lab.session()->isRunning());
        QVERIFY2(lab.errorText().contains("LogisticRegression"), qPrintable(lab.errorText()));
    }
};

QTEST_MAIN(TestPipelineBuilderLab)
#include "test_pipeline_builder_lab.moc"
