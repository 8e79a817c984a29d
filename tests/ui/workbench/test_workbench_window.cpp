// The Workbench's drawing and window: the scene draws what the graph holds
// (nodes added from the palette, connections made through the graph), Delete
// and undo go through the graph's stack, the view zooms and fits; the window
// saves the pipeline JSON dslab-cli reads, reopens it, keeps the graph when a
// damaged file is opened and reports the parser's line and column.
#include "tests/support/test_support.h"

#include "engine/pipeline/pipeline_json.h"
#include "ui/widgets/param_form.h"
#include "ui/workbench/component_palette.h"
#include "ui/workbench/node_property_panel.h"
#include "ui/workbench/pipeline_graph.h"
#include "ui/workbench/pipeline_graph_scene.h"
#include "ui/workbench/pipeline_graph_view.h"
#include "ui/workbench/pipeline_node_item.h"
#include "ui/workbench/workbench_window.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTimer>
#include <QGraphicsPathItem>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUndoStack>
#include <nlohmann/json.hpp>

using namespace dslab;
using nlohmann::json;

namespace {

int findNode(const PipelineGraph& g, const std::string& type)
{
    for (const auto& n : g.nodes())
        if (n.type == type)
            return n.id;
    return 0;
}

QTreeWidgetItem* paletteItem(ComponentPalette* palette, const QString& type)
{
    QTreeWidget* tree = palette->tree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        for (int j = 0; j < tree->topLevelItem(i)->childCount(); ++j)
            if (tree->topLevelItem(i)->child(j)->data(0, Qt::UserRole + 1).toString() == type)
                return tree->topLevelItem(i)->child(j);
    return nullptr;
}

}  // namespace

class TestWorkbenchWindow : public QObject {
    Q_OBJECT

private slots:
    void sceneDrawsTheGraphAndForwardsEdits()
    {
        WorkbenchWindow window(QString::fromStdString(test::datasetsDir()));
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.selectBuiltinDataset("penguins"));
        PipelineGraph* g = window.graph();
        PipelineGraphScene* scene = window.scene();
        QCOMPARE(scene->nodeItemCount(), 2);  // the data and the split
        QCOMPARE(scene->edgeItemCount(), 1);

        // Add from the palette (double-click), as the user does.
        window.palette()->setFilter("standard");
        QCOMPARE(window.palette()->visibleTypes(), QStringList{"StandardScaler"});
        window.palette()->setFilter({});
        QTreeWidgetItem* item = paletteItem(window.palette(), "KNeighborsClassifier");
        QVERIFY(item);
        emit window.palette()->tree()->itemDoubleClicked(item, 0);
        QCOMPARE(scene->nodeItemCount(), 3);
        const int knn = findNode(*g, "KNeighborsClassifier");
        QVERIFY(knn);
        QCOMPARE(scene->selectedNodeIds(), std::vector<int>{knn});
        QCOMPARE(window.propertyPanel()->nodeId(), knn);
        QVERIFY(window.propertyPanel()->form()->names().contains("n_neighbors"));

        // Connect through the graph: the scene draws the new edge in the port's colour.
        QVERIFY(g->connectNodes(g->splitNodeId(), knn));
        QCOMPARE(scene->edgeItemCount(), 2);
        // A refused connection by dragging from the model's output port onto the split.
        PipelineNodeItem* knnItem = scene->nodeItem(knn);
        PipelineNodeItem* splitItem = scene->nodeItem(g->splitNodeId());
        QVERIFY(knnItem && splitItem);
        window.view()->zoomToFit();
        QApplication::processEvents();
        const QPoint from = window.view()->mapFromScene(knnItem->outputPortPos());
        const QPoint to = window.view()->mapFromScene(splitItem->mapToScene(QPointF(PipelineGraph::kNodeWidth / 2, PipelineGraph::kNodeHeight / 2)));
        QTest::mousePress(window.view()->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(window.view()->viewport(), to);
        QTest::mouseRelease(window.view()->viewport(), Qt::LeftButton, {}, to);
        QVERIFY2(window.statusText().contains("Cannot connect") && window.statusText().contains("predictions"),
                 qPrintable(window.statusText()));
        QCOMPARE(scene->edgeItemCount(), 2);

        // A parameter edit in the property panel is one undoable command.
        const int before = g->undoStack()->count();
        auto* spin = qobject_cast<QSpinBox*>(window.propertyPanel()->form()->editor("n_neighbors"));
        QVERIFY(spin);
        spin->setValue(7);
        QCOMPARE(g->undoStack()->count(), before + 1);
        QVERIFY(window.pipelineJson().at("steps")[0].at("n_neighbors") == json(7));

        // Delete the selected node, then undo: it comes back with its edge and parameter.
        scene->selectNode(knn);
        QTest::keyClick(window.view()->viewport(), Qt::Key_Delete);
        QCOMPARE(scene->nodeItemCount(), 2);
        QCOMPARE(scene->edgeItemCount(), 1);
        g->undoStack()->undo();
        QCOMPARE(scene->nodeItemCount(), 3);
        QCOMPARE(scene->edgeItemCount(), 2);
        QVERIFY(window.pipelineJson().at("steps")[0].at("n_neighbors") == json(7));

        // A component dropped from the palette lands where it is dropped.
        auto* mime = new QMimeData;
        mime->setData(PipelineGraphView::kComponentMime, "StandardScaler");
        const QPoint dropAt = window.view()->viewport()->rect().center();
        QDragEnterEvent enter(dropAt, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.view()->viewport(), &enter);
        QDropEvent drop(QPointF(dropAt), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window.view()->viewport(), &drop);
        delete mime;
        const int dropped = findNode(*g, "StandardScaler");
        QVERIFY(dropped);
        QCOMPARE(scene->nodeItemCount(), 4);
        const QPointF centre = g->node(dropped)->position + QPointF(PipelineGraph::kNodeWidth / 2, PipelineGraph::kNodeHeight / 2);
        QVERIFY((centre - window.view()->mapToScene(dropAt)).manhattanLength() < 2);

        // Zoom.
        const double z = window.view()->zoom();
        window.view()->zoomBy(1.25);
        QVERIFY(window.view()->zoom() > z);
        window.view()->zoomToFit();
        QVERIFY(window.view()->zoom() <= 1.0);
    }

    void closingAsksBeforeLosingChanges()
    {
        WorkbenchWindow window(QString::fromStdString(test::datasetsDir()));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.graph()->addNode("PCA");
        QVERIFY(window.isModified());
        auto answer = [](QMessageBox::StandardButton button) {
            QTimer::singleShot(50, [button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                QVERIFY(box);
                QVERIFY(box->text().contains("unsaved"));
                box->button(button)->click();
            });
        };
        answer(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QVERIFY(findNode(*window.graph(), "PCA"));  // the graph is kept
        answer(QMessageBox::Discard);
        QVERIFY(window.close());
    }

    void saveOpenAndDamagedFiles()
    {
        QTemporaryDir dir;
        WorkbenchWindow window(QString::fromStdString(test::datasetsDir()));
        QVERIFY(window.selectBuiltinDataset("titanic"));
        PipelineGraph* g = window.graph();
        QVERIFY(!window.isModified());
        const int scaler = g->addNode("StandardScaler");
        const int lr = g->addNode("LogisticRegression");
        QVERIFY(g->connectNodes(g->splitNodeId(), scaler));
        QVERIFY(g->connectNodes(scaler, lr));
        QVERIFY(window.isModified());
        QVERIFY(window.windowTitle().contains("untitled"));
        // titanic has text columns: the statuses say so.
        QCOMPARE(g->status(scaler).state, NodeState::Error);
        const QString path = dir.filePath("pipe.json");
        QVERIFY(window.saveFile(path));
        QVERIFY(!window.isModified());
        // The saved file is a pipeline the engine reads.
        const Pipeline p = readPipelineSpec(path.toStdString());
        QCOMPARE(p.stepCount(), std::size_t(2));

        // A damaged file: the message has the line and column, the graph is kept.
        const QString bad = dir.filePath("bad.json");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"steps\": [\n  {\"type\": \"StandardScaler\"},\n  {\"type\": \n");
        f.close();
        const json before = window.pipelineJson();
        QVERIFY(!window.openFile(bad));
        QVERIFY2(window.errorText().contains("line 4"), qPrintable(window.errorText()));
        QVERIFY2(window.errorText().contains("not changed"), qPrintable(window.errorText()));
        QVERIFY(window.pipelineJson() == before);
        // Valid JSON but not a pipeline: the engine's message.
        QFile f2(dir.filePath("unknown.json"));
        QVERIFY(f2.open(QIODevice::WriteOnly));
        f2.write("{\"steps\": [{\"type\": \"Scaler\"}]}");
        f2.close();
        QVERIFY(!window.openFile(dir.filePath("unknown.json")));
        QVERIFY2(window.errorText().contains("Scaler"), qPrintable(window.errorText()));
        QVERIFY(window.pipelineJson() == before);

        WorkbenchWindow other(QString::fromStdString(test::datasetsDir()));
        QVERIFY(other.openFile(path));
        QVERIFY(other.pipelineJson() == before);
        QVERIFY(!other.isModified());
        QCOMPARE(other.currentFile(), path);
    }
};

QTEST_MAIN(TestWorkbenchWindow)
#include "test_workbench_window.moc"
