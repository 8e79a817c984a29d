#include "ui/labs/pipeline_builder_lab.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/dataset.h"
#include "engine/data/split.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/pipeline/table_transformer.h"
#include "ui/session/training_session.h"
#include "ui/workbench/component_palette.h"
#include "ui/workbench/node_property_panel.h"
#include "ui/workbench/pipeline_graph.h"
#include "ui/workbench/pipeline_graph_scene.h"
#include "ui/workbench/pipeline_graph_view.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

struct BuilderJob {
    std::shared_ptr<const Dataset> data;
    nlohmann::json spec;
    double testSize = 0.25;
    std::uint64_t splitSeed = 0;
    int folds = 5;
    bool stratified = true;
    bool shuffle = true;
    std::uint64_t cvSeed = 0;
};

double accuracyOn(const Pipeline& pipeline, const Dataset& rows)
{
    const StringList predicted = pipeline.predictLabels(rows);
    const Column& target = rows.column(rows.targetName());
    double right = 0;
    for (std::size_t i = 0; i < predicted.size(); ++i)
        right += predicted[i] == target.cellText(i) ? 1.0 : 0.0;
    return predicted.empty() ? 0.0 : right / static_cast<double>(predicted.size());
}

// Cross-validates on the training rows (one step per fold), then fits on all
// training rows and scores the held-out rows (the last step).
const Predictor* runBuilder(const std::shared_ptr<const BuilderJob>& job, TrainContext& ctx)
{
    const Dataset& data = *job->data;
    const Vector codes = data.targetCodes();
    const SplitIndices split = trainTestSplit(static_cast<Eigen::Index>(data.rowCount()), job->testSize, job->splitSeed, &codes);
    const Dataset train = data.selectRows(split.train);
    const Dataset test = data.selectRows(split.test);
    const Vector trainCodes = train.targetCodes();
    const auto rows = static_cast<Eigen::Index>(train.rowCount());
    const std::vector<SplitIndices> folds = job->stratified
                                                ? StratifiedKFold(job->folds, job->shuffle, job->cvSeed).split(rows, &trainCodes)
                                                : KFold(job->folds, job->shuffle, job->cvSeed).split(rows);
    const int total = static_cast<int>(folds.size()) + 1;
    for (std::size_t f = 0; f < folds.size(); ++f) {
        if (ctx.cancelled())
            return nullptr;
        Pipeline p = pipelineFromJson(job->spec);
        TrainContext foldCtx;
        foldCtx.seed = ctx.seed;
        foldCtx.stop = ctx.stop;
        p.fit(train.selectRows(folds[f].train), foldCtx);
        TrainStep step;
        step.step = static_cast<int>(f) + 1;
        step.totalSteps = total;
        step.metrics["fold"] = static_cast<double>(f);
        step.metrics["score"] = accuracyOn(p, train.selectRows(folds[f].test));
        if (ctx.observer)
            ctx.observer->onStep(step, p);
    }
    if (ctx.cancelled())
        return nullptr;
    Pipeline p = pipelineFromJson(job->spec);
    TrainContext fitCtx;
    fitCtx.seed = ctx.seed;
    fitCtx.stop = ctx.stop;
    p.fit(train, fitCtx);
    TrainStep step;
    step.step = total;
    step.totalSteps = total;
    step.metrics["test_accuracy"] = accuracyOn(p, test);
    step.metrics["train_rows"] = static_cast<double>(train.rowCount());
    step.metrics["test_rows"] = static_cast<double>(test.rowCount());
    if (const TableTransformer* first = p.tableStep())
        step.metrics["output_columns"] = static_cast<double>(first->featureNamesOut().size());
    if (ctx.observer)
        ctx.observer->onStep(step, p);
    return nullptr;
}

// Numbers to 4 significant digits, so a state reads like a printout.
nlohmann::json rounded(const nlohmann::json& j)
{
    if (j.is_number_float()) {
        const double v = j.get<double>();
        if (!std::isfinite(v) || v == 0)
            return j;
        const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::abs(v))));
        return std::round(v * scale) / scale;
    }
    if (j.is_array() || j.is_object()) {
        nlohmann::json out = j;
        for (auto it = out.begin(); it != out.end(); ++it)
            *it = rounded(*it);
        return out;
    }
    return j;
}

// The fitted state of every step of the pipeline the session shows last.
QVariant fittedStates(const Predictor& model)
{
    const auto* pipeline = dynamic_cast<const Pipeline*>(&model);
    if (!pipeline || !pipeline->isFitted())
        return {};
    nlohmann::json steps = nlohmann::json::array();
    for (std::size_t i = 0; i < pipeline->stepCount(); ++i) {
        nlohmann::json state = nlohmann::json::object();
        pipeline->step(i).component->saveState(state);
        steps.push_back(state);
    }
    return QString::fromStdString(steps.dump());
}

}  // namespace

PipelineBuilderLab::PipelineBuilderLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    m_graph = new PipelineGraph(this);
    m_graph->setFlowDirection(FlowDirection::TopToBottom);  // the lab's panel is tall and narrow
    connect(m_session, &TrainingSession::stepsArrived, this, &PipelineBuilderLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &PipelineBuilderLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &PipelineBuilderLab::showError);
    m_session->setSnapshotFunction(fittedStates);
    connect(m_session, &TrainingSession::snapshotArrived, this, [this](const QVariant& snapshot, int step) {
        if (step != m_folds + 1 || !snapshot.isValid())
            return;  // a fold's model: only the final fit is shown
        m_fittedStates = snapshot.toString();
        *m_fittedJson = nlohmann::json::parse(m_fittedStates.toStdString(), nullptr, false);
        const auto ids = m_scene->selectedNodeIds();
        showLearned(ids.size() == 1 ? ids.front() : 0);
    });
    m_fittedJson = new nlohmann::json;
    buildUi();
    connect(m_graph, &PipelineGraph::graphChanged, this, &PipelineBuilderLab::onGraphChanged);
}

PipelineBuilderLab::~PipelineBuilderLab()
{
    shutdown();
    delete m_fittedJson;
}

void PipelineBuilderLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    m_scene = new PipelineGraphScene(m_graph, this);
    m_view = new PipelineGraphView(m_scene, this);
    m_panel = new NodePropertyPanel(m_graph, this);
    m_palette = new ComponentPalette(this);
    auto* side = new QTabWidget(this);
    side->addTab(m_panel, tr("Properties"));
    side->addTab(m_palette, tr("Add a step"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({600, 210});
    root->addWidget(splitter, 1);
    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_problems->setAccessibleName(tr("pipeline problems"));
    root->addWidget(m_problems);
    m_learned = new QLabel(this);
    m_learned->setWordWrap(true);
    m_learned->setTextFormat(Qt::RichText);
    m_learned->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_learned->setAccessibleName(tr("learned state"));
    m_learned->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    root->addWidget(m_learned);
    const RunRow row = createRunRow(tr("Train"), tr("Fit the pipeline on the training rows, score the held-out rows and cross-validate"));
    m_trainButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("training summary"));
    root->addWidget(m_summary);
    connect(m_trainButton, &QPushButton::clicked, this, &PipelineBuilderLab::train);
    connect(m_scene, &PipelineGraphScene::nodeSelected, this, [this, side](int id) {
        m_panel->setNode(id);
        showLearned(id);
        if (id)
            side->setCurrentWidget(m_panel);
    });
    connect(m_scene, &PipelineGraphScene::message, m_status, &QLabel::setText);
    connect(m_palette, &ComponentPalette::componentActivated, this, [this](const QString& type) {
        double right = 0, top = 30;
        for (const auto& n : m_graph->nodes())
            if (n.position.x() >= right) {
                right = n.position.x();
                top = n.position.y();
            }
        const int id = m_graph->addNode(type.toStdString(), QPointF(right + PipelineGraph::kNodeWidth + 56, top + 40));
        if (id) {
            m_scene->selectNode(id);
            m_view->zoomToFit();
            m_status->setText(tr("Added %1: drag from its output port (bottom dot) to the next node to connect it.").arg(type));
        }
    });
}

void PipelineBuilderLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_measurements.clear();
    m_foldScores.clear();
    m_summary->clear();
    m_stale = false;
    m_fittedStates.clear();
    *m_fittedJson = nlohmann::json();
    m_learned->clear();
    const QJsonObject cv = preset.value("cv").toObject();
    m_folds = cv.value("n_splits").toInt(5);
    m_stratified = cv.value("type").toString("StratifiedKFold") != QLatin1String("KFold");
    m_shuffle = cv.value("shuffle").toBool(true);
    m_cvSeed = cv.value("random_state").toInt(0);
    QStringList palette;
    for (const auto& v : preset.value("palette").toArray())
        palette << v.toString();
    m_palette->setAllowedTypes(palette);
    try {
        auto data = std::make_shared<Dataset>(
            loadBuiltinDataset(preset.value("dataset").toString("penguins").toStdString(), m_datasetsDir.toStdString()));
        if (preset.contains("target"))
            data->setTarget(preset.value("target").toString().toStdString());
        m_data = data;
        nlohmann::json spec = nlohmann::json::parse(QJsonDocument(preset.value("pipeline").toObject()).toJson().toStdString());
        spec["workbench"] = {{"split",
                              {{"test_size", preset.value("test_size").toDouble(0.25)},
                               {"random_state", preset.value("random_state").toInt(0)}}}};
        m_graph->setDataset(m_data);
        m_graph->fromPipelineJson(spec);
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's preset cannot be used: %1").arg(QString::fromUtf8(e.what())));
    }
    onGraphChanged();
    m_status->setText(tr("The pipeline as a graph: click a node to see its parameters, drag from a node's bottom dot to the next node to connect, "
                         "Delete removes. Press Train."));
    QTimer::singleShot(0, this, [this] { m_view->zoomToFit(); });
}

void PipelineBuilderLab::resizeEvent(QResizeEvent* event)
{
    Lab::resizeEvent(event);
    m_view->zoomToFit();
}

void PipelineBuilderLab::onGraphChanged()
{
    QStringList lines;
    int errors = 0;
    for (const auto& n : m_graph->nodes()) {
        const NodeStatus s = m_graph->status(n.id);
        if (s.state == NodeState::Valid)
            continue;
        errors += s.state == NodeState::Error ? 1 : 0;
        if (lines.size() < 2)
            lines << QStringLiteral("<span style='color:%1'>%2</span>")
                         .arg(s.state == NodeState::Error ? "#c62828" : "#8a6500",
                              (s.reason.startsWith(m_graph->title(n.id)) ? s.reason : m_graph->title(n.id) + ": " + s.reason).toHtmlEscaped());
    }
    for (const auto& w : m_graph->leakageWarnings())
        lines << QStringLiteral("<span style='color:#c62828'>%1</span>").arg(tr("Leakage: %1").arg(w.reason).toHtmlEscaped());
    m_problems->setText(lines.join(QStringLiteral("<br>")));
    m_problems->setVisible(!lines.isEmpty());
    if (!m_measurements.isEmpty() && !m_stale && m_graph->undoStack()->count() > 0) {
        m_stale = true;
        updateSummary();
    }
}

void PipelineBuilderLab::train()
{
    m_session->stopAndJoin();
    clearError();
    if (hasPresetError() || !m_data)
        return;
    for (const auto& n : m_graph->nodes()) {
        const NodeStatus s = m_graph->status(n.id);
        if (s.state == NodeState::Error) {
            showError(tr("Fix %1 first: %2").arg(m_graph->title(n.id), s.reason));
            return;
        }
    }
    auto job = std::make_shared<BuilderJob>();
    job->data = m_data;
    job->spec = m_graph->toPipelineJson();
    if (const GraphNode* split = m_graph->node(m_graph->splitNodeId())) {
        job->testSize = split->settings.value("test_size", 0.25);
        job->splitSeed = static_cast<std::uint64_t>(split->settings.value("random_state", 0));
    }
    job->folds = m_folds;
    job->stratified = m_stratified;
    job->shuffle = m_shuffle;
    job->cvSeed = static_cast<std::uint64_t>(m_cvSeed);
    try {
        (void)pipelineFromJson(job->spec);
    } catch (const std::exception& e) {
        showError(tr("The graph is not a pipeline yet: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_measurements.clear();
    m_foldScores.clear();
    m_stale = false;
    m_summary->clear();
    m_fittedStates.clear();
    *m_fittedJson = nlohmann::json();
    m_learned->clear();
    std::shared_ptr<const BuilderJob> shared = job;
    m_session->start([shared](TrainContext& ctx) { return runBuilder(shared, ctx); }, job->splitSeed);
    m_trainButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Cross-validating fold 1 of %1 on the training rows…").arg(m_folds));
}

void PipelineBuilderLab::onSteps(const QList<TrainStep>& steps)
{
    for (const TrainStep& s : steps) {
        if (const auto it = s.metrics.find("score"); it != s.metrics.end()) {
            m_foldScores.push_back(it->second);
            m_status->setText(tr("Fold %1 of %2: accuracy %3")
                                  .arg(m_foldScores.size())
                                  .arg(m_folds)
                                  .arg(it->second, 0, 'f', 3));
            continue;
        }
        for (const char* key : {"test_accuracy", "train_rows", "test_rows", "output_columns"})
            if (const auto it = s.metrics.find(key); it != s.metrics.end())
                m_measurements[key] = it->second;
    }
    if (!m_foldScores.empty()) {
        m_measurements["cv_accuracy"] = mean(m_foldScores);
        m_measurements["cv_std"] = populationStd(m_foldScores);
        m_measurements["cv_folds"] = static_cast<double>(m_foldScores.size());
    }
    m_measurements["steps"] = static_cast<double>(m_graph->toPipelineJson().at("steps").size());
    updateSummary();
}

void PipelineBuilderLab::updateSummary()
{
    QStringList parts;
    if (m_measurements.contains("test_accuracy"))
        parts << tr("<b>test accuracy %1</b> on %2 held-out rows (fitted on %3 training rows)")
                     .arg(m_measurements["test_accuracy"], 0, 'f', 3)
                     .arg(m_measurements["test_rows"])
                     .arg(m_measurements["train_rows"]);
    if (m_measurements.contains("cv_accuracy"))
        parts << tr("<b>%1-fold CV accuracy %2 ± %3</b> on the training rows")
                     .arg(m_measurements["cv_folds"])
                     .arg(m_measurements["cv_accuracy"], 0, 'f', 3)
                     .arg(m_measurements["cv_std"], 0, 'f', 3);
    if (m_measurements.contains("output_columns"))
        parts << tr("the first step hands %1 columns to the next").arg(m_measurements["output_columns"]);
    QString text = parts.join(QStringLiteral(" · "));
    if (m_stale && !text.isEmpty())
        text += tr(" <i>(the graph changed since: press Train again)</i>");
    m_summary->setText(text);
}

void PipelineBuilderLab::onFinished(bool cancelled)
{
    m_trainButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    if (hasError())
        return;
    m_status->setText(cancelled ? tr("Cancelled.")
                                : tr("Done: every fold refitted the whole pipeline on its own training rows; the test rows were "
                                     "only transformed."));
}

QString PipelineBuilderLab::learnedText(int nodeId) const
{
    const GraphNode* n = m_graph->node(nodeId);
    if (!n || n->role != NodeRole::Step || !m_fittedJson->is_array())
        return {};
    // The node's place in the pipeline: a top-level step, or step k of a ColumnTransformer branch.
    const nlohmann::json spec = m_graph->toPipelineJson();
    const auto& steps = spec.at("steps");
    // Find the branch (selector) this node is in, if any.
    int selector = 0, k = 0;
    for (int walk = nodeId;;) {
        const auto in = m_graph->inputsOf(walk);
        const GraphNode* src = in.empty() ? nullptr : m_graph->node(in.front());
        if (!src || src->role == NodeRole::Dataset || src->role == NodeRole::Split)
            break;
        if (src->role == NodeRole::ColumnSelector) {
            selector = src->id;
            break;
        }
        if (src->type == "ColumnTransformer")
            break;
        ++k;
        walk = src->id;
    }
    nlohmann::json state;
    if (selector) {
        const std::string branch = m_graph->node(selector)->name;
        for (std::size_t i = 0; i < steps.size() && i < m_fittedJson->size(); ++i) {
            if (steps[i].value("type", std::string()) != "ColumnTransformer")
                continue;
            for (const auto& t : (*m_fittedJson)[i].value("transformers", nlohmann::json::array()))
                if (t.value("name", std::string()) == branch) {
                    const auto& inner = t.value("steps", nlohmann::json::array());
                    if (k < static_cast<int>(inner.size()))
                        state = inner[static_cast<std::size_t>(k)];
                    if (t.contains("fills") && !t.at("fills").empty() && n->type == "SimpleImputer")
                        state["fills"] = t.at("fills");
                    state["columns_in"] = t.value("selected", nlohmann::json::array());
                }
        }
    } else {
        // Top level: count the steps before it along its inputs.
        int index = 0;
        for (int walk = nodeId;;) {
            const auto in = m_graph->inputsOf(walk);
            const GraphNode* src = in.empty() ? nullptr : m_graph->node(in.front());
            if (!src || src->role == NodeRole::Dataset)
                break;
            if (src->role == NodeRole::Step)
                ++index;
            if (src->type == "ColumnTransformer" || src->role == NodeRole::ColumnSelector) {
                // Continue from what feeds the branches.
                int up = src->id;
                while (true) {
                    const auto ui = m_graph->inputsOf(up);
                    const GraphNode* u = ui.empty() ? nullptr : m_graph->node(ui.front());
                    if (!u || u->role == NodeRole::ColumnSelector) {
                        up = u ? u->id : 0;
                        break;
                    }
                    up = u->id;
                }
                walk = up;
                if (!walk)
                    break;
                continue;
            }
            walk = src->id;
        }
        if (index < static_cast<int>(m_fittedJson->size()))
            state = (*m_fittedJson)[static_cast<std::size_t>(index)];
    }
    if (state.is_null() || state.empty())
        return {};
    state.erase("fitted");
    std::string text = rounded(state).dump();
    if (text.size() > 600)
        text = text.substr(0, 600) + "…";
    return QString::fromStdString(text);
}

void PipelineBuilderLab::showLearned(int nodeId)
{
    const QString text = learnedText(nodeId);
    if (text.isEmpty()) {
        m_learned->setText(m_fittedStates.isEmpty() || !nodeId
                               ? QString()
                               : tr("<i>%1 learns nothing it could show here.</i>").arg(m_graph->title(nodeId).toHtmlEscaped()));
        return;
    }
    m_learned->setText(tr("<b>%1 learned from the training rows:</b> <code>%2</code>")
                           .arg(m_graph->title(nodeId).toHtmlEscaped(), text.toHtmlEscaped()));
}

QString PipelineBuilderLab::summaryText() const
{
    return m_summary->text();
}

QString PipelineBuilderLab::statusText() const
{
    return m_status->text();
}

}  // namespace dslab
