// The Workbench end to end, as a learner uses it: import a table in the Data
// tab, open a pipeline, look at the data after a node in the Preview tab,
// Run it in the Run tab, export it as a scikit-learn script. Every part does
// real work on real data; the assertions check the numbers it shows.
#include "tests/support/test_support.h"

#include "engine/data/dataset.h"
#include "ui/workbench/data_preview_model.h"
#include "ui/workbench/data_preview_view.h"
#include "ui/workbench/import_view.h"
#include "ui/workbench/pipeline_graph.h"
#include "ui/workbench/step_preview_panel.h"
#include "ui/workbench/workbench_run_panel.h"
#include "ui/workbench/workbench_window.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace dslab;

namespace {

int findNode(const PipelineGraph& g, const std::string& type)
{
    for (const auto& n : g.nodes())
        if (n.type == type)
            return n.id;
    return 0;
}

// Lesson 40's pipeline: impute + scale the numbers, one-hot the sex, logistic regression.
const char* kPipeline = R"({"steps":[{"type":"ColumnTransformer","transformers":[
    ["num",{"type":"Pipeline","steps":[{"type":"SimpleImputer","strategy":"median"},{"type":"StandardScaler"}]},
     ["age","fare","pclass","sibsp","parch"]],
    ["cat",{"type":"OneHotEncoder","handle_unknown":"ignore"},["sex"]]],"remainder":"drop"},
    {"type":"LogisticRegression","C":1.0,"max_iter":1000}]})";

bool waitForPreview(StepPreviewPanel* panel)
{
    QSignalSpy shown(panel, &StepPreviewPanel::previewShown);
    return shown.wait(60000) || !panel->isBusy();
}

}  // namespace

class TestWorkbenchFlow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void importPreviewRunExport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        WorkbenchWindow window(QString::fromStdString(test::datasetsDir()));
        window.show();

        // 1. Data tab: titanic through the import view, with its inferred types.
        ImportView* import = window.importView();
        QSignalSpy loaded(import, &ImportView::loaded);
        import->openBuiltin("titanic");
        QVERIFY(loaded.wait(30000));
        QVERIFY(import->setTarget("survived"));
        import->accept();
        QVERIFY(window.graph()->dataset());
        QCOMPARE(QString::fromStdString(window.graph()->dataset()->targetName()), QString("survived"));
        // The import view drops what it suggests to ignore (nothing on titanic) and keeps 891 rows.
        QCOMPARE(window.graph()->dataset()->rowCount(), std::size_t(891));

        // 2. The pipeline from a file.
        const QString specPath = dir.filePath("p.json");
        {
            QFile f(specPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(kPipeline);
        }
        QVERIFY2(window.openFile(specPath), qPrintable(window.errorText()));

        // 3. Preview: the ColumnTransformer's output, fitted on the 668 training rows.
        const int ct = findNode(*window.graph(), "ColumnTransformer");
        QVERIFY(ct);
        QCOMPARE(window.graph()->pipelineStepOf(ct), 0);
        window.previewNode(ct);
        QVERIFY(waitForPreview(window.previewPanel()));
        DataPreviewModel* model = window.previewPanel()->view()->model();
        QCOMPARE(model->columnCount(), 7);  // 5 numbers + sex_female + sex_male
        QCOMPARE(model->rowCount(), 200);
        QVERIFY2(window.previewPanel()->messageText().contains("668 training rows"),
                 qPrintable(window.previewPanel()->messageText()));
        QVERIFY(model->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString().contains("num__age"));
        // Scaled on the training rows: every value of a scaled column is a small number, none missing.
        for (int r = 0; r < model->rowCount(); ++r) {
            bool ok = false;
            const double v = model->data(model->index(r, 0), Qt::DisplayRole).toString().toDouble(&ok);
            QVERIFY2(ok, qPrintable(model->data(model->index(r, 0), Qt::DisplayRole).toString()));
            QVERIFY(std::abs(v) < 6);
        }
        // A node inside a branch previews its ColumnTransformer; the model previews its input.
        const int scaler = findNode(*window.graph(), "StandardScaler");
        QCOMPARE(window.graph()->pipelineStepOf(scaler), 0);
        const int logistic = findNode(*window.graph(), "LogisticRegression");
        QCOMPARE(window.graph()->pipelineStepOf(logistic), 1);
        window.previewNode(logistic);
        QVERIFY(waitForPreview(window.previewPanel()));
        QCOMPARE(window.previewPanel()->view()->model()->columnCount(), 7);
        // The Dataset node shows the raw table.
        window.previewNode(window.graph()->datasetNodeId());
        QCOMPARE(window.previewPanel()->view()->model()->columnCount(), 11);
        // A node off the chain gets a message, not data.
        const int loose = window.graph()->addNode("MinMaxScaler");
        QCOMPARE(window.graph()->pipelineStepOf(loose), PipelineGraph::kNotInPipeline);
        window.previewNode(loose);
        QVERIFY(window.previewPanel()->messageText().contains("not connected"));
        window.graph()->removeNodes({loose});

        // 4. Run: fit on the split on the worker, numbers in the Run tab.
        QSignalSpy finished(window.runPanel(), &WorkbenchRunPanel::runFinished);
        window.runPipeline();
        QCOMPARE(window.bottomTabs()->currentWidget(), static_cast<QWidget*>(window.runPanel()));
        QVERIFY(finished.wait(120000));
        QVERIFY(finished.first().first().toBool());
        const auto m = window.runPanel()->measurements();
        QVERIFY2(m.contains("accuracy"), qPrintable(window.runPanel()->errorText()));
        QVERIFY(m["accuracy"] > 0.7 && m["accuracy"] < 0.9);
        QCOMPARE(m["test_rows"] + m["train_rows"], 891.0);

        // 5. Export: the scikit-learn script of the same pipeline.
        const QString script = dir.filePath("pipeline.py");
        QVERIFY2(window.exportPythonFile(script), qPrintable(window.errorText()));
        QFile f(script);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("ColumnTransformer(["));
        QVERIFY(text.contains("make(LogisticRegression, C=1.0, max_iter=1000)"));
        QVERIFY(text.contains("python3 pipeline.py --train"));
    }

    void runWithoutDataSaysWhatToDo()
    {
        WorkbenchWindow window(QString::fromStdString(test::datasetsDir()));
        window.runPipeline();
        QVERIFY(window.errorText().contains("no data"));
        QCOMPARE(window.bottomTabs()->currentWidget(), static_cast<QWidget*>(window.importView()));
        // A step without a scikit-learn counterpart is refused with its name, nothing written.
        QTemporaryDir dir;
        QVERIFY(window.selectBuiltinDataset("titanic", "survived"));
        QFile spec(dir.filePath("p.json"));
        QVERIFY(spec.open(QIODevice::WriteOnly));
        spec.write(R"({"steps":[{"type":"ColumnTransformer","transformers":[["t",{"type":"RegexExtractor","pattern":",\\s*([^.]+)\\."},["name"]]]},{"type":"LogisticRegression"}]})");
        spec.close();
        QVERIFY2(window.openFile(spec.fileName()), qPrintable(window.errorText()));
        QVERIFY(!window.exportPythonFile(dir.filePath("x.py")));
        QVERIFY2(window.errorText().contains("RegexExtractor"), qPrintable(window.errorText()));
        QVERIFY(!QFile::exists(dir.filePath("x.py")));
    }
};

QTEST_MAIN(TestWorkbenchFlow)
#include "test_workbench_flow.moc"
