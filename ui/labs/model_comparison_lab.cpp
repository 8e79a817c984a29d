#include "ui/labs/model_comparison_lab.h"

#include "engine/core/errors.h"
#include "engine/data/split.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/pipeline/evaluation.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/labs/fitted_attributes.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <chrono>
#include <cmath>
#include <limits>

namespace dslab {

namespace {

// One model's picture as the training thread last drew it.
struct ModelOutcome {
    BoundaryField field;
    bool hasField = false;
    FittedAttributes fitted;
};

// Every model's latest picture. The session keeps only the newest snapshot
// of a burst, so each snapshot carries all models: a model's final picture
// survives even when the next model's first picture replaces it in transit.
struct ComparisonSnapshot {
    QVector<ModelOutcome> models;
};

// Worker-side state of one run (touched only by the training thread).
struct ComparisonRun {
    int current = 0;
    bool frozen = false;  // learning-curve phase: the pictures stay those of the full fits
    QVector<ModelOutcome> outcomes;
};

// Everything the worker needs, copied so the GUI may change its own state meanwhile.
struct ComparisonJob {
    Matrix trainX, validationX;
    Vector trainY, validationY;
    QStringList features;
    int classCount = 2;
    bool plane = true;
    bool learningCurve = false;
    int gridSize = 160;
    QRectF bounds;
    Matrix grid;
    std::vector<std::shared_ptr<Pipeline>> pipelines;
};

// Tags each step with its model and measures the time spent drawing
// snapshots, so the reported fit time is the model's alone.
class ModelStepObserver : public TrainObserver {
public:
    ModelStepObserver(TrainObserver* inner, int model) : m_inner(inner), m_model(model) {}
    void onStep(const TrainStep& step, const Predictor& view) override
    {
        const auto start = std::chrono::steady_clock::now();
        m_lastStep = step.step;
        if (m_inner) {
            TrainStep tagged = step;
            tagged.metrics["model"] = m_model;
            m_inner->onStep(tagged, view);
        }
        m_observerSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    double observerSeconds() const { return m_observerSeconds; }
    int lastStep() const { return m_lastStep; }

private:
    TrainObserver* m_inner;
    int m_model;
    int m_lastStep = 0;
    double m_observerSeconds = 0;
};

const char* const kScoreColumns[] = {"validation_accuracy", "roc_auc", "log_loss", "train_accuracy", "fit_ms"};

double metricOr(const std::map<std::string, double>& metrics, const std::string& key)
{
    const auto it = metrics.find(key);
    return it == metrics.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

// Fits every model on the same split; reports per-step progress (tagged with
// the model), a summary step per model, then (tabular data) the learning
// curve against the number of training rows.
const Predictor* runComparison(const std::shared_ptr<const ComparisonJob>& job, TrainContext& ctx)
{
    for (int i = 0; i < static_cast<int>(job->pipelines.size()); ++i) {
        if (ctx.cancelled())
            return nullptr;
        Pipeline& pipeline = *job->pipelines[static_cast<std::size_t>(i)];
        ModelStepObserver observer(ctx.observer, i);
        TrainContext modelCtx = ctx;
        modelCtx.observer = &observer;
        modelCtx.validationX = &job->validationX;
        modelCtx.validationY = &job->validationY;
        const auto start = std::chrono::steady_clock::now();
        pipeline.fit(job->trainX, job->trainY, modelCtx);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (ctx.cancelled())
            return nullptr;
        const Evaluation evaluation = evaluateModel(pipeline, job->validationX, job->validationY, job->classCount);
        TrainStep summary;
        summary.step = observer.lastStep() + 1;
        summary.totalSteps = summary.step;  // a last step: the session draws a snapshot of it
        summary.metrics["model"] = i;
        summary.metrics["summary"] = 1;
        summary.metrics["validation_accuracy"] = metricOr(evaluation.metrics, "accuracy");
        summary.metrics["roc_auc"] = metricOr(evaluation.metrics, "roc_auc");
        summary.metrics["log_loss"] = metricOr(evaluation.metrics, "log_loss");
        summary.metrics["train_accuracy"] = accuracy(job->trainY, pipeline.predict(job->trainX));
        summary.metrics["fit_ms"] = 1000.0 * std::max(0.0, seconds - observer.observerSeconds());
        if (ctx.observer)
            ctx.observer->onStep(summary, pipeline);
    }
    if (!job->learningCurve)
        return job->pipelines.empty() ? nullptr : job->pipelines.back().get();

    // Learning curve: the same models refitted on growing stratified subsets
    // of the training rows, always scored on the same validation rows.
    for (double fraction : {0.1, 0.2, 0.35, 0.5, 0.75, 1.0}) {
        IndexList rows;
        if (fraction < 1.0) {
            try {
                rows = trainTestSplit(job->trainX.rows(), 1.0 - fraction, ctx.seed, &job->trainY).train;
            } catch (const Error&) {
                continue;  // too few rows of some class for this size
            }
        } else {
            for (Eigen::Index r = 0; r < job->trainX.rows(); ++r)
                rows.push_back(r);
        }
        const Matrix X = selectRows(job->trainX, rows);
        const Vector y = selectRows(job->trainY, rows);
        for (int i = 0; i < static_cast<int>(job->pipelines.size()); ++i) {
            if (ctx.cancelled())
                return nullptr;
            Pipeline subset = job->pipelines[static_cast<std::size_t>(i)]->cloneUnfitted();
            TrainContext subsetCtx;
            subsetCtx.seed = ctx.seed;
            subsetCtx.threads = ctx.threads;
            subsetCtx.stop = ctx.stop;
            try {
                subset.fit(X, y, subsetCtx);
            } catch (const Error&) {
                continue;  // e.g. fewer rows than neighbours: that size has no point
            }
            if (ctx.cancelled())
                return nullptr;
            TrainStep point;
            point.metrics["model"] = i;
            point.metrics["curve"] = 1;
            point.metrics["rows"] = static_cast<double>(X.rows());
            point.metrics["train_accuracy"] = accuracy(y, subset.predict(X));
            point.metrics["validation_accuracy"] = accuracy(job->validationY, subset.predict(job->validationX));
            if (ctx.observer)
                ctx.observer->onStep(point, subset);
        }
    }
    return job->pipelines.empty() ? nullptr : job->pipelines.back().get();
}

QString formatScore(const QString& column, double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    if (column == QLatin1String("fit_ms"))
        return value < 10 ? QString::number(value, 'f', 2) : QString::number(value, 'f', 0);
    return QString::number(value, 'f', 3);
}

}  // namespace

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::ComparisonSnapshot)

namespace dslab {

ModelComparisonLab::ModelComparisonLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    qRegisterMetaType<ComparisonSnapshot>();
    connect(m_session, &TrainingSession::stepsArrived, this, &ModelComparisonLab::onSteps);
    connect(m_session, &TrainingSession::snapshotArrived, this, &ModelComparisonLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &ModelComparisonLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &ModelComparisonLab::showError);
    buildUi();
}

ModelComparisonLab::~ModelComparisonLab()
{
    shutdown();
}

void ModelComparisonLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);

    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    controls->addWidget(m_dataControls, 2);
    m_knobTabs = new QTabWidget(this);
    m_knobTabs->setAccessibleName(tr("model settings"));
    controls->addWidget(m_knobTabs, 3);
    root->addLayout(controls);

    auto* buttons = new QHBoxLayout;
    m_trainButton = new QPushButton(tr("Train all"), this);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_resetButton = new QPushButton(tr("Reset"), this);
    m_trainButton->setToolTip(tr("Train every model on the same training rows and score it on the same validation rows"));
    m_cancelButton->setToolTip(tr("Stop training; finished models keep their results"));
    m_resetButton->setToolTip(tr("Discard the results and draw the data again"));
    for (auto* b : {m_trainButton, m_cancelButton, m_resetButton})
        buttons->addWidget(b);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);

    root->addWidget(createErrorLabel());

    m_dataInfo = new QLabel(this);
    m_dataInfo->setWordWrap(true);
    root->addWidget(m_dataInfo);

    auto* results = new QSplitter(Qt::Vertical, this);
    m_boundaryRow = new QWidget(results);
    new QHBoxLayout(m_boundaryRow);
    m_boundaryRow->layout()->setContentsMargins(0, 0, 0, 0);
    m_detailTabs = new QTabWidget(results);
    m_scores = new QTableWidget(0, 6, m_detailTabs);
    m_scores->setHorizontalHeaderLabels(
        {tr("model"), tr("validation accuracy"), tr("ROC-AUC"), tr("log loss"), tr("train accuracy"), tr("fit time (ms)")});
    m_scores->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_scores->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_scores->verticalHeader()->hide();
    m_scores->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_scores->setAccessibleName(tr("scores of each model"));
    m_attributes = new QTableWidget(0, 0, m_detailTabs);
    m_attributes->verticalHeader()->hide();
    m_attributes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attributes->setAccessibleName(tr("coefficients and importances"));
    results->addWidget(m_boundaryRow);
    results->addWidget(m_detailTabs);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);
    root->addWidget(results, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &ModelComparisonLab::train);
    connect(m_cancelButton, &QPushButton::clicked, this, &ModelComparisonLab::cancel);
    connect(m_resetButton, &QPushButton::clicked, this, &ModelComparisonLab::reset);
    connect(m_dataControls, &DatasetControls::changed, this, &ModelComparisonLab::reset);
    updateButtons();
}

void ModelComparisonLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    const QString dataset = preset.value("dataset").toString("moons");
    bool planeChoice = false, synthetic = false;
    for (const auto& c : planeDatasetChoices())
        if (c.key == dataset) {
            planeChoice = true;
            synthetic = c.synthetic;
        }
    // A generator or two named columns make a plane; a real table without a
    // column choice is compared on all its numeric columns.
    m_plane = synthetic || (planeChoice && preset.value("features").toArray().size() == 2);
    m_dataControls->setKind(m_plane ? DatasetControls::Kind::Plane : DatasetControls::Kind::Tabular);
    m_dataControls->applyPreset(preset);
    m_learningCurve = !m_plane && preset.value("learning_curve").toBool(true);
    rebuildModels();
    reset();
}

void ModelComparisonLab::rebuildModels()
{
    setPresetError({});
    for (Model& m : m_models)
        delete m.column;  // with its caption and boundary view
    m_models.clear();
    while (m_knobTabs->count() > 0) {
        QWidget* page = m_knobTabs->widget(0);
        m_knobTabs->removeTab(0);
        delete page;
    }
    while (m_detailTabs->count() > 0)
        m_detailTabs->removeTab(0);
    delete m_loss;
    delete m_rowsCurve;
    m_loss = nullptr;
    m_rowsCurve = nullptr;
    clearError();

    QStringList knobNames;
    for (const auto& k : m_preset.value("knobs").toArray())
        knobNames << k.toString();
    const QJsonObject overrides = m_preset.value("pipeline_params").toObject();
    QStringList lossSeries, rowSeries;
    auto* boundaryLayout = static_cast<QHBoxLayout*>(m_boundaryRow->layout());
    for (const auto& entry : m_preset.value("models").toArray()) {
        const QJsonObject spec = entry.toObject();
        Model m;
        m.name = spec.value("name").toString(tr("model %1").arg(m_models.size() + 1));
        m.pipeline = spec.value("pipeline").toObject();
        try {
            const Pipeline pipeline = pipelineFromPreset(m.pipeline, overrides);
            const Estimator* model = pipeline.finalEstimator();
            if (!model || !model->isClassifier())
                throw ParamError("'" + m.name.toStdString() + "' needs a classifier as its last step");
            m.finalStep = QString::fromStdString(pipeline.step(pipeline.stepCount() - 1).name);
            // "Step__param" knobs belong to the model with that step; bare names to every model that has them.
            QStringList mine;
            for (const QString& k : knobNames) {
                const int split = static_cast<int>(k.indexOf(QStringLiteral("__")));
                if (split < 0)
                    mine << k;
                else if (k.left(split) == m.finalStep)
                    mine << k.mid(split + 2);
            }
            // No "knobs" in the preset: every parameter. Knobs for other models only: none.
            if (!knobNames.isEmpty() && mine.isEmpty())
                mine << QStringLiteral("__none__");
            m.knobs = new ParamForm;
            m.knobs->build(model->paramSpecs(), model->params(), mine);
        } catch (const std::exception& e) {
            setPresetError(tr("Model '%1' cannot be built: %2").arg(m.name, QString::fromUtf8(e.what())));
            m.knobs = new ParamForm;
        }
        m_knobTabs->addTab(m.knobs, m.name);
        connect(m.knobs, &ParamForm::valueChanged, this, [this] {
            // A changed knob applies from the next Train; stop the run that used the old value.
            if (m_session->isRunning()) {
                m_session->stopAndJoin();
                updateButtons();
            }
        });
        auto* column = new QWidget(m_boundaryRow);
        auto* columnLayout = new QVBoxLayout(column);
        columnLayout->setContentsMargins(0, 0, 0, 0);
        m.boundary = new DecisionBoundaryView(column);
        // Side by side they share the width: a smaller floor keeps 1280x720 unclipped.
        m.boundary->setMinimumSize(180, 180);
        m.boundary->setAccessibleName(tr("decision regions of %1").arg(m.name));
        m.caption = new QLabel(m.name, column);
        m.caption->setAlignment(Qt::AlignCenter);
        m.caption->setWordWrap(true);
        columnLayout->addWidget(m.caption);
        columnLayout->addWidget(m.boundary, 1);
        boundaryLayout->addWidget(column, 1);
        m.column = column;
        lossSeries << m.name;
        rowSeries << tr("%1 (train)").arg(m.name) << tr("%1 (validation)").arg(m.name);
        m_models << m;
    }
    m_loss = new LearningCurveView(tr("validation log loss"), lossSeries);
    m_loss->setXTitle(tr("training step (iteration, tree or round)"));
    m_rowsCurve = new LearningCurveView(tr("accuracy"), rowSeries);
    m_rowsCurve->setXTitle(tr("training rows"));
    m_detailTabs->addTab(m_scores, tr("Scores"));
    if (m_learningCurve)
        m_detailTabs->addTab(m_rowsCurve, tr("Learning curve (rows)"));
    m_detailTabs->addTab(m_loss, tr("Loss per step"));
    m_detailTabs->addTab(m_attributes, tr("Coefficients vs importances"));
    if (!m_learningCurve)
        m_rowsCurve->hide();
    m_boundaryRow->setVisible(m_plane);
}

void ModelComparisonLab::regenerateData()
{
    const QJsonObject data = m_dataControls->dataPreset(m_preset);
    try {
        if (m_plane) {
            m_planeData = buildPlaneDataset(data, m_datasetsDir);
            QVector<DecisionBoundaryView::Point> points;
            for (Eigen::Index i = 0; i < m_planeData.trainX.rows(); ++i)
                points.push_back({QPointF(m_planeData.trainX(i, 0), m_planeData.trainX(i, 1)),
                                  static_cast<int>(m_planeData.trainY(i)), false});
            for (Eigen::Index i = 0; i < m_planeData.validationX.rows(); ++i)
                points.push_back({QPointF(m_planeData.validationX(i, 0), m_planeData.validationX(i, 1)),
                                  static_cast<int>(m_planeData.validationY(i)), true});
            for (Model& m : m_models) {
                m.boundary->setBounds(m_planeData.bounds());
                m.boundary->setPoints(points, m_planeData.classNames, m_planeData.xName, m_planeData.yName);
            }
            m_dataInfo->setText(tr("%1 — %2 training points (filled), %3 validation points (hollow); every model gets the same split.")
                                    .arg(m_planeData.description)
                                    .arg(m_planeData.trainX.rows())
                                    .arg(m_planeData.validationX.rows()));
        } else {
            m_tableData = buildTabularDataset(data, m_datasetsDir);
            m_dataInfo->setText(tr("%1 — %2 training rows, %3 validation rows; every model gets the same split.")
                                    .arg(m_tableData.description)
                                    .arg(m_tableData.trainX.rows())
                                    .arg(m_tableData.validationX.rows()));
        }
    } catch (const std::exception& e) {
        m_planeData = PlaneDataset{};
        m_tableData = TabularDataset{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
}

void ModelComparisonLab::clearResults()
{
    for (Model& m : m_models) {
        m.scores.clear();
        m.boundary->clearField();
        m.caption->setText(m.name);
    }
    m_scores->setRowCount(static_cast<int>(m_models.size()));
    for (int i = 0; i < m_models.size(); ++i) {
        m_scores->setItem(i, 0, new QTableWidgetItem(m_models[i].name));
        for (int c = 1; c < m_scores->columnCount(); ++c)
            m_scores->setItem(i, c, new QTableWidgetItem(QString()));
    }
    m_attributes->clear();
    m_attributes->setRowCount(0);
    m_attributes->setColumnCount(0);
    if (m_loss)
        m_loss->clear();
    if (m_rowsCurve)
        m_rowsCurve->clear();
    m_status->setText(tr("Press Train all: the models train one after the other on the same rows."));
}

void ModelComparisonLab::reset()
{
    shutdown();
    clearError();
    clearResults();
    regenerateData();
    updateButtons();
}

void ModelComparisonLab::train()
{
    m_session->stopAndJoin();
    clearError();
    clearResults();
    const Matrix& trainX = m_plane ? m_planeData.trainX : m_tableData.trainX;
    if (trainX.rows() == 0 || m_models.isEmpty()) {
        showError(m_models.isEmpty() ? tr("This lab's preset names no models.") : tr("There is no data to train on."));
        return;
    }
    auto job = std::make_shared<ComparisonJob>();
    job->plane = m_plane;
    job->learningCurve = m_learningCurve;
    if (m_plane) {
        job->trainX = m_planeData.trainX;
        job->trainY = m_planeData.trainY;
        job->validationX = m_planeData.validationX;
        job->validationY = m_planeData.validationY;
        job->features = {m_planeData.xName, m_planeData.yName};
        job->classCount = m_planeData.classCount();
        job->bounds = m_planeData.bounds();
        const int grid = m_gridSize;
        job->gridSize = grid;
        job->grid.resize(static_cast<Eigen::Index>(grid) * grid, 2);
        for (int gy = 0; gy < grid; ++gy)
            for (int gx = 0; gx < grid; ++gx) {
                const Eigen::Index row = static_cast<Eigen::Index>(gy) * grid + gx;
                job->grid(row, 0) = job->bounds.left() + (gx + 0.5) / grid * job->bounds.width();
                job->grid(row, 1) = job->bounds.top() + (gy + 0.5) / grid * job->bounds.height();
            }
    } else {
        job->trainX = m_tableData.trainX;
        job->trainY = m_tableData.trainY;
        job->validationX = m_tableData.validationX;
        job->validationY = m_tableData.validationY;
        job->features = m_tableData.featureNames;
        job->classCount = m_tableData.classCount();
    }
    const QJsonObject overrides = m_preset.value("pipeline_params").toObject();
    try {
        for (const Model& m : m_models) {
            auto pipeline = std::make_shared<Pipeline>(pipelineFromPreset(m.pipeline, overrides));
            for (const auto& [name, value] : m.knobs->values())
                pipeline->setParam(m.finalStep.toStdString() + "__" + name, value);
            job->pipelines.push_back(pipeline);
        }
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }

    auto run = std::make_shared<ComparisonRun>();
    run->outcomes.resize(m_models.size());
    std::shared_ptr<const ComparisonJob> shared = job;
    m_session->setSnapshotFunction([shared, run](const Predictor& model) {
        if (!run->frozen && run->current >= 0 && run->current < run->outcomes.size()) {
            ModelOutcome& outcome = run->outcomes[run->current];
            if (shared->plane) {
                const Matrix proba = model.predictProba(shared->grid);
                std::vector<float> values(static_cast<std::size_t>(proba.size()));
                for (Eigen::Index r = 0; r < proba.rows(); ++r)
                    for (Eigen::Index c = 0; c < proba.cols(); ++c)
                        values[static_cast<std::size_t>(r * proba.cols() + c)] = static_cast<float>(proba(r, c));
                outcome.field.bounds = shared->bounds;
                outcome.field.image = renderBoundaryImage(values, shared->gridSize, static_cast<int>(proba.cols()));
                outcome.hasField = true;
            }
            outcome.fitted = readFittedAttributes(model, shared->features);
        }
        return QVariant::fromValue(ComparisonSnapshot{run->outcomes});
    });
    m_session->start(
        [shared, run](TrainContext& ctx) -> const Predictor* {
            // The learning curve reuses the session's observer: freeze the pictures first.
            struct Tracker : TrainObserver {
                TrainObserver* inner = nullptr;
                ComparisonRun* run = nullptr;
                void onStep(const TrainStep& step, const Predictor& model) override
                {
                    const auto it = step.metrics.find("model");
                    if (it != step.metrics.end())
                        run->current = static_cast<int>(it->second);
                    run->frozen = step.metrics.count("curve") > 0;
                    if (inner)
                        inner->onStep(step, model);
                }
            } tracker;
            tracker.inner = ctx.observer;
            tracker.run = run.get();
            ctx.observer = &tracker;
            const Predictor* last = runComparison(shared, ctx);
            run->frozen = true;  // the session's closing snapshot keeps every model's picture
            return last;
        },
        static_cast<std::uint64_t>(m_dataControls->seed()));
    m_status->setText(tr("Training %1…").arg(m_models.first().name));
    updateButtons();
}

void ModelComparisonLab::cancel()
{
    m_session->cancel();
    updateButtons();
}

void ModelComparisonLab::updateButtons()
{
    const bool running = m_session->isRunning();
    m_trainButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
}

void ModelComparisonLab::errorShown()
{
    updateButtons();
}

void ModelComparisonLab::onSteps(const QList<TrainStep>& steps)
{
    QMap<int, QList<QPointF>> loss, rowsTrain, rowsValidation;
    int lastModel = -1, lastStep = 0, lastTotal = 0;
    bool inCurve = false;
    for (const TrainStep& s : steps) {
        const auto it = s.metrics.find("model");
        if (it == s.metrics.end())
            continue;
        const int i = static_cast<int>(it->second);
        if (i < 0 || i >= m_models.size())
            continue;
        if (s.metrics.count("summary")) {
            for (const char* key : kScoreColumns)
                m_models[i].scores[QString::fromLatin1(key)] = metricOr(s.metrics, key);
            showScores(i);
        } else if (s.metrics.count("curve")) {
            const double rows = s.metrics.at("rows");
            rowsTrain[i] << QPointF(rows, s.metrics.at("train_accuracy"));
            rowsValidation[i] << QPointF(rows, s.metrics.at("validation_accuracy"));
            inCurve = true;
        } else {
            loss[i] << QPointF(s.step, s.validationLoss);
            lastModel = i;
            lastStep = s.step;
            lastTotal = s.totalSteps;
        }
    }
    for (auto it = loss.begin(); it != loss.end(); ++it)
        m_loss->append(it.key(), it.value());
    for (auto it = rowsTrain.begin(); it != rowsTrain.end(); ++it) {
        m_rowsCurve->append(2 * it.key(), it.value());
        m_rowsCurve->append(2 * it.key() + 1, rowsValidation.value(it.key()));
    }
    if (inCurve)
        m_status->setText(tr("Learning curve: refitting every model on growing parts of the training rows…"));
    else if (lastModel >= 0)
        m_status->setText(lastTotal > 0 ? tr("Training %1: step %2 / %3").arg(m_models[lastModel].name).arg(lastStep).arg(lastTotal)
                                        : tr("Training %1: step %2").arg(m_models[lastModel].name).arg(lastStep));
}

void ModelComparisonLab::showScores(int i)
{
    const Model& m = m_models[i];
    for (int c = 0; c < 5; ++c) {
        const QString key = QString::fromLatin1(kScoreColumns[c]);
        auto* item = new QTableWidgetItem(formatScore(key, m.scores.value(key, std::nan(""))));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_scores->setItem(i, c + 1, item);
    }
    m_models[i].caption->setText(
        tr("%1 — validation accuracy %2").arg(m.name, formatScore("accuracy", m.scores.value("validation_accuracy"))));
}

void ModelComparisonLab::onSnapshot(const QVariant& value, int)
{
    const auto snap = value.value<ComparisonSnapshot>();
    QStringList rows;
    for (int i = 0; i < snap.models.size() && i < m_models.size(); ++i) {
        const ModelOutcome& o = snap.models[i];
        if (o.hasField)
            m_models[i].boundary->setField(o.field);
        for (const auto& [name, v] : o.fitted.values)
            if (!rows.contains(name))
                rows << name;
    }
    // One row per feature (and intercept), one column per model: a signed
    // coefficient beside a magnitude-only importance.
    m_attributes->setRowCount(static_cast<int>(rows.size()));
    m_attributes->setColumnCount(1 + static_cast<int>(m_models.size()));
    QStringList headers{tr("feature")};
    for (int i = 0; i < m_models.size(); ++i) {
        const QString kind = i < snap.models.size() ? snap.models[i].fitted.kind : QString();
        headers << (kind.isEmpty() ? m_models[i].name : tr("%1 (%2)").arg(m_models[i].name, kind));
    }
    m_attributes->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < rows.size(); ++r) {
        m_attributes->setItem(r, 0, new QTableWidgetItem(rows[r]));
        for (int i = 0; i < m_models.size(); ++i) {
            QString text = QStringLiteral("–");
            if (i < snap.models.size())
                for (const auto& [name, v] : snap.models[i].fitted.values)
                    if (name == rows[r])
                        text = QString::number(v, 'f', 4);
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_attributes->setItem(r, i + 1, item);
        }
    }
    m_attributes->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    ++m_snapshotsShown;
}

void ModelComparisonLab::onFinished(bool cancelled)
{
    if (!hasError()) {
        if (cancelled) {
            m_status->setText(tr("Cancelled: the models that finished keep their scores."));
        } else {
            // The best validation accuracy, named, so the comparison has a conclusion.
            int best = -1;
            for (int i = 0; i < m_models.size(); ++i) {
                const double a = m_models[i].scores.value("validation_accuracy", std::nan(""));
                if (std::isfinite(a) && (best < 0 || a > m_models[best].scores.value("validation_accuracy")))
                    best = i;
            }
            m_status->setText(best < 0 ? tr("Done.")
                                       : tr("Done: best validation accuracy %1 (%2). Compare fit times and log loss too.")
                                             .arg(formatScore("accuracy", m_models[best].scores.value("validation_accuracy")),
                                                  m_models[best].name));
        }
    }
    updateButtons();
}

QMap<QString, double> ModelComparisonLab::measurements() const
{
    QMap<QString, double> out;
    int best = -1, worst = -1, worstLoss = -1;
    for (int i = 0; i < m_models.size(); ++i) {
        const auto& scores = m_models[i].scores;
        for (auto it = scores.begin(); it != scores.end(); ++it)
            if (std::isfinite(it.value()))
                out.insert(QStringLiteral("%1:%2").arg(it.key()).arg(i), it.value());
        const double a = scores.value("validation_accuracy", std::nan(""));
        const double l = scores.value("log_loss", std::nan(""));
        if (std::isfinite(a)) {
            if (best < 0 || a > m_models[best].scores.value("validation_accuracy"))
                best = i;
            if (worst < 0 || a < m_models[worst].scores.value("validation_accuracy"))
                worst = i;
        }
        if (std::isfinite(l) && (worstLoss < 0 || l > m_models[worstLoss].scores.value("log_loss")))
            worstLoss = i;
    }
    if (best >= 0)
        out.insert("best_model", best);
    if (worst >= 0)
        out.insert("worst_model", worst);
    if (worstLoss >= 0)
        out.insert("worst_log_loss_model", worstLoss);
    return out;
}

QString ModelComparisonLab::modelName(int i) const
{
    return i >= 0 && i < m_models.size() ? m_models[i].name : QString();
}

ParamForm* ModelComparisonLab::knobs(int i) const
{
    return i >= 0 && i < m_models.size() ? m_models[i].knobs : nullptr;
}

DecisionBoundaryView* ModelComparisonLab::boundaryView(int i) const
{
    return i >= 0 && i < m_models.size() ? m_models[i].boundary : nullptr;
}

double ModelComparisonLab::score(int model, const QString& name) const
{
    if (model < 0 || model >= m_models.size())
        return std::nan("");
    return m_models[model].scores.value(name, std::nan(""));
}

QString ModelComparisonLab::statusText() const
{
    return m_status->text();
}

bool ModelComparisonLab::runStepsBlocking(int steps, int timeoutMs)
{
    if (steps <= 0)
        return true;
    train();
    if (!m_session->isRunning())
        return false;
    const bool ok = waitForSession(timeoutMs);
    updateButtons();
    return ok;
}

}  // namespace dslab
