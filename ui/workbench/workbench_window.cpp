#include "ui/workbench/workbench_window.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/pipeline/python_export.h"
#include "ui/workbench/component_palette.h"
#include "ui/workbench/import_view.h"
#include "ui/workbench/node_property_panel.h"
#include "ui/workbench/pipeline_graph.h"
#include "ui/workbench/pipeline_graph_scene.h"
#include "ui/workbench/pipeline_graph_view.h"
#include "ui/workbench/pipeline_node_item.h"
#include "ui/workbench/step_preview_panel.h"
#include "ui/workbench/workbench_run_panel.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

namespace dslab {

WorkbenchWindow::WorkbenchWindow(const QString& datasetsDir, QWidget* parent) : QMainWindow(parent), m_datasetsDir(datasetsDir)
{
    m_graph = new PipelineGraph(this);
    buildUi();
    connect(m_graph, &PipelineGraph::graphChanged, this, [this] {
        updateProblems();
        emit pipelineChanged();
    });
    // An edit changes what the previewed node outputs: refresh it once the edits settle.
    auto* previewTimer = new QTimer(this);
    previewTimer->setSingleShot(true);
    previewTimer->setInterval(300);
    connect(previewTimer, &QTimer::timeout, this, [this] {
        if (m_previewNode && m_graph->node(m_previewNode))
            previewNode(m_previewNode);
    });
    connect(m_graph, &PipelineGraph::graphChanged, previewTimer, qOverload<>(&QTimer::start));
    connect(m_graph->undoStack(), &QUndoStack::cleanChanged, this, &WorkbenchWindow::updateTitle);
    updateTitle();
    updateProblems();
    resize(1280, 800);
}

WorkbenchWindow::~WorkbenchWindow() = default;

void WorkbenchWindow::buildUi()
{
    setObjectName("workbench");
    auto* toolbar = addToolBar(tr("Workbench"));
    toolbar->setObjectName("workbenchToolbar");
    toolbar->setMovable(false);
    toolbar->addAction(tr("New"), QKeySequence::New, this, &WorkbenchWindow::newPipeline)->setToolTip(tr("A new pipeline: the data and a split (Ctrl+N)"));
    toolbar->addAction(tr("Open…"), QKeySequence::Open, this, &WorkbenchWindow::open)->setToolTip(tr("Open a pipeline JSON file (Ctrl+O)"));
    toolbar->addAction(tr("Save"), QKeySequence::Save, this, &WorkbenchWindow::save)->setToolTip(tr("Save the pipeline JSON that dslab-cli fit reads (Ctrl+S)"));
    toolbar->addAction(tr("Save As…"), QKeySequence::SaveAs, this, &WorkbenchWindow::saveAs);
    toolbar->addSeparator();
    QAction* undo = m_graph->undoStack()->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_graph->undoStack()->createRedoAction(this, tr("Redo"));
    redo->setShortcut(QKeySequence::Redo);
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    toolbar->addSeparator();
    toolbar->addAction(tr("Auto layout"), this, [this] {
        m_graph->autoLayout();
        m_view->zoomToFit();
    })->setToolTip(tr("Arrange the nodes in layers from left to right"));
    toolbar->addAction(tr("Zoom to fit"), this, [this] { m_view->zoomToFit(); })->setToolTip(tr("Show the whole graph (Ctrl+0)"));
    toolbar->addSeparator();
    QAction* runAction = toolbar->addAction(tr("Run"), this, &WorkbenchWindow::runPipeline);
    runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    runAction->setToolTip(tr("Fit the pipeline on the data in the Run tab, on the worker (Ctrl+R)"));
    toolbar->addAction(tr("Export Python\u2026"), this, &WorkbenchWindow::exportPython)
        ->setToolTip(tr("Write the pipeline as a scikit-learn script: python3 script.py --train A.csv --test B.csv --target Y"));
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Dataset "), toolbar));
    m_datasetBox = new QComboBox(toolbar);
    m_datasetBox->setAccessibleName(tr("dataset"));
    m_datasetBox->addItem(tr("(none)"), QString());
    for (const auto& info : builtinDatasets())
        m_datasetBox->addItem(QString::fromStdString(info.name), QString::fromStdString(info.name));
    toolbar->addWidget(m_datasetBox);
    toolbar->addWidget(new QLabel(tr(" Target "), toolbar));
    m_targetBox = new QComboBox(toolbar);
    m_targetBox->setAccessibleName(tr("target column"));
    m_targetBox->setMinimumContentsLength(10);
    toolbar->addWidget(m_targetBox);
    connect(m_datasetBox, &QComboBox::activated, this, [this](int index) {
        const QString name = m_datasetBox->itemData(index).toString();
        if (name.isEmpty())
            setDataset(nullptr);
        else
            selectBuiltinDataset(name);
    });
    connect(m_targetBox, &QComboBox::activated, this, [this](int) {
        if (!m_fullDataset)
            return;
        auto copy = std::make_shared<Dataset>(*m_fullDataset);
        try {
            copy->setTarget(m_targetBox->currentText().toStdString());
        } catch (const std::exception& e) {
            showError(QString::fromUtf8(e.what()));
            return;
        }
        useDataset(copy);
    });

    m_scene = new PipelineGraphScene(m_graph, this);
    m_view = new PipelineGraphView(m_scene, this);
    m_palette = new ComponentPalette(this);
    m_panel = new NodePropertyPanel(m_graph, this);
    connect(m_palette, &ComponentPalette::componentActivated, this, [this](const QString& type) {
        // Double-click: place the node right of everything, then select it.
        double right = 0, top = 30;
        for (const auto& n : m_graph->nodes())
            if (n.position.x() >= right) {
                right = n.position.x();
                top = n.position.y();
            }
        const int id = m_graph->addNode(type.toStdString(), QPointF(right + PipelineGraph::kNodeWidth + 56, top + 40));
        if (id) {
            m_scene->selectNode(id);
            m_view->ensureVisible(m_scene->nodeItem(id));
            showStatus(tr("Added %1: drag from a node's right port to connect it.").arg(type));
        } else {
            showStatus(tr("The graph already has a %1.").arg(type));
        }
    });
    connect(m_scene, &PipelineGraphScene::nodeSelected, m_panel, &NodePropertyPanel::setNode);
    connect(m_scene, &PipelineGraphScene::nodeSelected, this, &WorkbenchWindow::previewNode);
    connect(m_scene, &PipelineGraphScene::message, this, &WorkbenchWindow::showStatus);

    auto* middle = new QWidget(this);
    auto* mid = new QVBoxLayout(middle);
    mid->setContentsMargins(0, 0, 0, 0);
    m_error = new QLabel(middle);
    m_error->setWordWrap(true);
    m_error->setStyleSheet("QLabel { color: #b00020; font-weight: bold; }");
    m_error->setAccessibleName(tr("error message"));
    m_error->hide();
    m_problems = new QLabel(middle);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_problems->setAccessibleName(tr("pipeline problems"));
    mid->addWidget(m_error);
    mid->addWidget(m_view, 1);
    mid->addWidget(m_problems);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_palette);
    splitter->addWidget(middle);
    splitter->addWidget(m_panel);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({200, 820, 260});

    m_import = new ImportView(m_datasetsDir, this);
    m_preview = new StepPreviewPanel(this);
    m_run = new WorkbenchRunPanel(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_import, tr("Data"));
    m_tabs->addTab(m_preview, tr("Preview"));
    m_tabs->addTab(m_run, tr("Run"));
    connect(m_import, &ImportView::datasetAccepted, this, [this](std::shared_ptr<const Dataset> data) {
        setDataset(std::move(data));
        showStatus(tr("Data imported: connect steps after the split, then Run."));
    });

    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(splitter);
    vertical->addWidget(m_tabs);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setSizes({480, 320});
    setCentralWidget(vertical);
    statusBar()->showMessage(tr("Drag components from the palette; connect a node's right port to the next node."));
}

nlohmann::json WorkbenchWindow::pipelineJson() const
{
    return m_graph->toPipelineJson();
}

QString WorkbenchWindow::pipelineJsonText() const
{
    return QString::fromStdString(m_graph->toPipelineJson().dump(2));
}

bool WorkbenchWindow::isModified() const
{
    return !m_graph->undoStack()->isClean();
}

QString WorkbenchWindow::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString WorkbenchWindow::statusText() const
{
    return m_status;
}

void WorkbenchWindow::showStatus(const QString& text)
{
    m_status = text;
    statusBar()->showMessage(text);
}

void WorkbenchWindow::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void WorkbenchWindow::updateTitle()
{
    const QString file = m_file.isEmpty() ? tr("untitled pipeline") : QFileInfo(m_file).fileName();
    setWindowTitle(tr("Workbench: %1[*] - DS Interview Lab").arg(file));
    setWindowModified(isModified());
}

void WorkbenchWindow::updateProblems()
{
    QStringList lines;
    int errors = 0, warnings = 0;
    for (const auto& n : m_graph->nodes()) {
        const NodeStatus s = m_graph->status(n.id);
        if (s.state == NodeState::Valid)
            continue;
        (s.state == NodeState::Error ? errors : warnings)++;
        if (lines.size() < 3)
            lines << QStringLiteral("<span style='color:%1'>%2</span>")
                         .arg(s.state == NodeState::Error ? "#c62828" : "#8a6500",
                              (s.reason.startsWith(m_graph->title(n.id)) ? s.reason : m_graph->title(n.id) + ": " + s.reason).toHtmlEscaped());
    }
    for (const auto& w : m_graph->leakageWarnings())
        lines << QStringLiteral("<span style='color:#c62828'>%1</span>").arg(tr("Leakage: %1").arg(w.reason).toHtmlEscaped());
    const nlohmann::json spec = m_graph->toPipelineJson();
    const int steps = static_cast<int>(spec.at("steps").size());
    if (steps == 0) {
        lines.prepend(tr("Pipeline: empty. Add steps from the palette after the split and end with a model."));
        m_problems->setText(lines.join(QStringLiteral("<br>")));
        return;
    }
    QString head = tr("Pipeline: %n step(s)", nullptr, steps);
    head += errors + warnings == 0 ? tr(", every node valid.") : tr(", %1 error(s), %2 warning(s).").arg(errors).arg(warnings);
    lines.prepend(head);
    m_problems->setText(lines.join(QStringLiteral("<br>")));
}

void WorkbenchWindow::setDataset(std::shared_ptr<const Dataset> dataset)
{
    m_fullDataset = dataset;
    {
        const QSignalBlocker block(m_datasetBox);
        const int found = dataset ? m_datasetBox->findData(QString::fromStdString(dataset->name)) : 0;
        if (found >= 0) {
            m_datasetBox->setCurrentIndex(found);
        } else {
            m_datasetBox->addItem(tr("%1 (imported)").arg(QString::fromStdString(dataset->name)), QString());
            m_datasetBox->setCurrentIndex(m_datasetBox->count() - 1);
        }
    }
    fillTargets();
    useDataset(std::move(dataset));
    showError({});
}

void WorkbenchWindow::useDataset(std::shared_ptr<const Dataset> data)
{
    m_graph->setDataset(data);
    m_run->setDataset(data);
    m_preview->setDataset(data);
    m_previewNode = 0;
}

void WorkbenchWindow::previewNode(int id)
{
    m_previewNode = id;
    const GraphNode* n = m_graph->node(id);
    if (!n)
        return;
    const int step = m_graph->pipelineStepOf(id);
    if (step == PipelineGraph::kBeforeSteps) {
        m_preview->showRawData();
        return;
    }
    if (step == PipelineGraph::kNotInPipeline) {
        m_preview->showMessage(tr("%1 is not connected to the pipeline's chain, so no data reaches it.")
                                   .arg(m_graph->title(id)));
        return;
    }
    nlohmann::json spec = m_graph->toPipelineJson();
    nlohmann::json& steps = spec["steps"];
    steps.erase(steps.begin() + step + 1, steps.end());
    m_preview->showPipelineOutput(spec, QString::fromStdString(steps.back().value("type", std::string())));
}

void WorkbenchWindow::runPipeline()
{
    if (!m_graph->dataset()) {
        showError(tr("There is no data to run on: open a dataset in the Data tab or pick one in the toolbar."));
        m_tabs->setCurrentWidget(m_import);
        return;
    }
    showError({});
    m_run->setDataset(m_graph->dataset());
    m_run->setPipelineJson(m_graph->toPipelineJson());
    m_tabs->setCurrentWidget(m_run);
    m_run->run();
}

bool WorkbenchWindow::exportPythonFile(const QString& path)
{
    try {
        const QString source = m_file.isEmpty() ? tr("the Workbench") : QFileInfo(m_file).fileName();
        const std::string script = exportPythonScript(m_graph->toPipelineJson(), source.toStdString(),
                                                      QFileInfo(path).fileName().toStdString());
        writeFileAtomically(path.toStdString(), script);
    } catch (const std::exception& e) {
        showError(tr("Cannot export: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    showError({});
    showStatus(tr("Wrote %1: python3 %2 --train TRAIN.csv --test TEST.csv --target COLUMN")
                   .arg(path, QFileInfo(path).fileName()));
    return true;
}

void WorkbenchWindow::exportPython()
{
    const QString suggested = m_file.isEmpty() ? QStringLiteral("pipeline.py")
                                               : QFileInfo(m_file).path() + "/" + QFileInfo(m_file).completeBaseName() + ".py";
    const QString path = QFileDialog::getSaveFileName(this, tr("Export as a scikit-learn script"), suggested,
                                                      tr("Python script (*.py)"));
    if (!path.isEmpty() && !exportPythonFile(path))
        QMessageBox::warning(this, tr("Export Python"), errorText());
}

void WorkbenchWindow::fillTargets()
{
    const QSignalBlocker block(m_targetBox);
    m_targetBox->clear();
    if (!m_fullDataset)
        return;
    for (const auto& c : m_fullDataset->columns())
        m_targetBox->addItem(QString::fromStdString(c.name));
    m_targetBox->setCurrentText(QString::fromStdString(m_fullDataset->targetName()));
}

bool WorkbenchWindow::selectBuiltinDataset(const QString& name, const QString& target)
{
    try {
        auto data = std::make_shared<Dataset>(loadBuiltinDataset(name.toStdString(), m_datasetsDir.toStdString()));
        if (!target.isEmpty())
            data->setTarget(target.toStdString());
        setDataset(data);
        // The Data tab shows the same table's columns, types and problems.
        m_import->openBuiltin(name);
        return true;
    } catch (const std::exception& e) {
        showError(tr("Cannot load dataset '%1': %2").arg(name, QString::fromUtf8(e.what())));
        return false;
    }
}

bool WorkbenchWindow::openFile(const QString& path)
{
    try {
        const nlohmann::json spec = readJsonFile(path.toStdString(), "pipeline file");
        m_graph->fromPipelineJson(spec);
    } catch (const std::exception& e) {
        showError(tr("Cannot open %1: %2. The graph was not changed.").arg(QFileInfo(path).fileName(), QString::fromUtf8(e.what())));
        return false;
    }
    showError({});
    m_file = path;
    updateTitle();
    m_view->zoomToFit();
    showStatus(tr("Opened %1.").arg(path));
    return true;
}

bool WorkbenchWindow::saveFile(const QString& path)
{
    try {
        writeFileAtomically(path.toStdString(), m_graph->toDocument().dump(2) + "\n");
    } catch (const std::exception& e) {
        showError(tr("Cannot save: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    showError({});
    m_file = path;
    m_graph->undoStack()->setClean();
    updateTitle();
    showStatus(tr("Saved %1 (dslab-cli fit --pipeline reads it).").arg(path));
    return true;
}

bool WorkbenchWindow::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved pipeline"),
                                              tr("The pipeline has unsaved changes. Save them first?"),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void WorkbenchWindow::newPipeline()
{
    if (!maybeSave())
        return;
    m_graph->clear();
    m_file.clear();
    updateTitle();
    m_view->zoomToFit();
}

void WorkbenchWindow::open()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open pipeline"), QFileInfo(m_file).path(), tr("Pipeline JSON (*.json)"));
    if (path.isEmpty())
        return;
    if (!openFile(path))
        QMessageBox::warning(this, tr("Open pipeline"), errorText());
}

bool WorkbenchWindow::save()
{
    if (m_file.isEmpty())
        return saveAs();
    return saveFile(m_file);
}

bool WorkbenchWindow::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save pipeline"), m_file.isEmpty() ? QStringLiteral("pipeline.json") : m_file,
                                                      tr("Pipeline JSON (*.json)"));
    if (path.isEmpty())
        return false;
    return saveFile(path);
}

void WorkbenchWindow::closeEvent(QCloseEvent* event)
{
    if (maybeSave())
        event->accept();
    else
        event->ignore();
}

}  // namespace dslab
