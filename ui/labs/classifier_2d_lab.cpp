#include "ui/labs/classifier_2d_lab.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/pipeline/pipeline_json.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/labs/fitted_attributes.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

// What the training thread hands the GUI for one frame.
struct BoundarySnapshot {
    BoundaryField field;
    QVector<double> confusion;
    double validationAccuracy = 0;
    double trainAccuracy = 0;
    FittedAttributes fitted;
};

}  // namespace

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::BoundarySnapshot)

namespace dslab {

Classifier2DLab::Classifier2DLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    qRegisterMetaType<BoundarySnapshot>();
    connect(m_session, &TrainingSession::stepsArrived, this, &Classifier2DLab::onSteps);
    connect(m_session, &TrainingSession::snapshotArrived, this, &Classifier2DLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &Classifier2DLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &Classifier2DLab::showError);
    buildUi();
}

Classifier2DLab::~Classifier2DLab()
{
    shutdown();
}

void Classifier2DLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);

    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    controls->addWidget(m_dataControls, 1);

    auto* modelBox = new QGroupBox(tr("Model"), this);
    auto* modelLayout = new QVBoxLayout(modelBox);
    m_knobs = new ParamForm(modelBox);
    modelLayout->addWidget(m_knobs);
    modelLayout->addStretch();
    controls->addWidget(modelBox, 1);
    root->addLayout(controls);

    auto* buttons = new QHBoxLayout;
    m_trainButton = new QPushButton(tr("Train"), this);
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_stepButton = new QPushButton(tr("Step"), this);
    m_resetButton = new QPushButton(tr("Reset"), this);
    m_trainButton->setToolTip(tr("Train the model; the charts update while it learns"));
    m_pauseButton->setToolTip(tr("Pause training (Train resumes)"));
    m_stepButton->setToolTip(tr("Run one training step, then pause"));
    m_resetButton->setToolTip(tr("Stop, discard the model and draw the data again"));
    for (auto* b : {m_trainButton, m_pauseButton, m_stepButton, m_resetButton})
        buttons->addWidget(b);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);

    root->addWidget(createErrorLabel());

    auto* charts = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(charts);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_boundary = new DecisionBoundaryView(left);
    m_dataInfo = new QLabel(left);
    m_dataInfo->setWordWrap(true);
    leftLayout->addWidget(m_boundary, 1);
    leftLayout->addWidget(m_dataInfo);
    auto* right = new QSplitter(Qt::Vertical, charts);
    m_loss = new LearningCurveView(tr("log loss"), {tr("train"), tr("validation")}, right);
    m_confusion = new ConfusionMatrixView(right);
    m_coefficients = new QTableWidget(0, 2, right);
    m_coefficients->setHorizontalHeaderLabels({tr("feature"), tr("value")});
    m_coefficients->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_coefficients->verticalHeader()->hide();
    m_coefficients->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_coefficients->setAccessibleName(tr("fitted coefficients"));
    right->addWidget(m_loss);
    right->addWidget(m_confusion);
    right->addWidget(m_coefficients);
    m_loss->setMinimumHeight(170);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setStretchFactor(2, 2);
    charts->addWidget(left);
    charts->addWidget(right);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    root->addWidget(charts, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &Classifier2DLab::train);
    connect(m_pauseButton, &QPushButton::clicked, this, &Classifier2DLab::pause);
    connect(m_stepButton, &QPushButton::clicked, this, &Classifier2DLab::step);
    connect(m_resetButton, &QPushButton::clicked, this, &Classifier2DLab::reset);
    connect(m_dataControls, &DatasetControls::changed, this, &Classifier2DLab::reset);
    // A changed knob applies from the next Train; stop the run that used the old value.
    connect(m_knobs, &ParamForm::valueChanged, this, [this] {
        if (m_session->isRunning()) {
            m_session->stopAndJoin();
            updateButtons();
        }
    });
    updateButtons();
}

QJsonObject Classifier2DLab::currentDataPreset() const
{
    return m_dataControls->dataPreset(m_preset);
}

void Classifier2DLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    m_dataControls->applyPreset(preset);

    QJsonObject pipeline = preset.value("pipeline").toObject();
    if (pipeline.isEmpty())
        pipeline = QJsonObject{{"steps", QJsonArray{QJsonObject{{"type", "StandardScaler"}},
                                                    QJsonObject{{"type", "LogisticRegression"}}}}};
    m_pipelineSpec = QJsonDocument(pipeline).toJson(QJsonDocument::Compact).toStdString();
    rebuildKnobs();
    reset();
}

void Classifier2DLab::rebuildKnobs()
{
    setPresetError({});
    try {
        Pipeline pipeline = pipelineFromPreset(QJsonDocument::fromJson(QByteArray::fromStdString(m_pipelineSpec)).object(),
                                               m_preset.value("pipeline_params").toObject());
        const Estimator* model = pipeline.finalEstimator();
        if (!model)
            throw ParamError("the lab's pipeline has no model step");
        m_modelStep = QString::fromStdString(pipeline.step(pipeline.stepCount() - 1).name);
        QStringList knobs;
        for (const auto& k : m_preset.value("knobs").toArray())
            knobs << k.toString();
        m_knobs->build(model->paramSpecs(), model->params(), knobs);
        // Knobs that apply to a model without that parameter are left out by build().
        m_pipelineSpec = pipelineSpecToJson(pipeline).dump();
        clearError();
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
}

void Classifier2DLab::regenerateData()
{
    try {
        m_data = buildPlaneDataset(currentDataPreset(), m_datasetsDir);
    } catch (const std::exception& e) {
        m_data = PlaneDataset{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
        m_boundary->setPoints({}, {}, {}, {});
        return;
    }
    QVector<DecisionBoundaryView::Point> points;
    for (Eigen::Index i = 0; i < m_data.trainX.rows(); ++i)
        points.push_back({QPointF(m_data.trainX(i, 0), m_data.trainX(i, 1)), static_cast<int>(m_data.trainY(i)), false});
    for (Eigen::Index i = 0; i < m_data.validationX.rows(); ++i)
        points.push_back(
            {QPointF(m_data.validationX(i, 0), m_data.validationX(i, 1)), static_cast<int>(m_data.validationY(i)), true});
    m_boundary->setBounds(m_data.bounds());
    m_boundary->setPoints(points, m_data.classNames, m_data.xName, m_data.yName);
    m_dataInfo->setText(tr("%1 — %2 training points (filled), %3 validation points (hollow)")
                            .arg(m_data.description)
                            .arg(m_data.trainX.rows())
                            .arg(m_data.validationX.rows()));
}

void Classifier2DLab::clearResults()
{
    m_boundary->clearField();
    m_loss->clear();
    m_confusion->clear();
    m_coefficients->setRowCount(0);
    m_lastStep = 0;
    m_lastSnapshotStep = 0;
    m_measurements.clear();
    m_totalSteps = 0;
    m_status->setText(tr("Press Train to fit the model, or Step to go one step at a time."));
}

void Classifier2DLab::reset()
{
    shutdown();
    clearError();
    clearResults();
    regenerateData();
    updateButtons();
}

void Classifier2DLab::startTraining(bool paused)
{
    m_session->stopAndJoin();
    clearError();
    clearResults();
    if (m_data.trainX.rows() == 0) {
        showError(tr("There is no data to train on."));
        return;
    }
    std::shared_ptr<Pipeline> pipeline;
    try {
        pipeline = std::make_shared<Pipeline>(pipelineFromJson(nlohmann::json::parse(m_pipelineSpec)));
        for (const auto& [name, value] : m_knobs->values())
            pipeline->setParam(m_modelStep.toStdString() + "__" + name, value);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    m_pipeline = pipeline;
    if (const Estimator* model = pipeline->finalEstimator()) {
        const auto& p = model->params();
        for (const char* key : {"max_iter", "n_estimators"})
            if (auto it = p.find(key); it != p.end())
                if (const auto* n = std::get_if<long long>(&it->second))
                    m_totalSteps = static_cast<int>(*n);
    }

    // Everything the worker needs is copied or shared: the GUI may change its own state meanwhile.
    auto data = std::make_shared<const PlaneDataset>(m_data);
    const int grid = m_gridSize;
    const QRectF bounds = m_data.bounds();
    auto gridPoints = std::make_shared<Matrix>(static_cast<Eigen::Index>(grid) * grid, 2);
    for (int gy = 0; gy < grid; ++gy)
        for (int gx = 0; gx < grid; ++gx) {
            const Eigen::Index row = static_cast<Eigen::Index>(gy) * grid + gx;
            (*gridPoints)(row, 0) = bounds.left() + (gx + 0.5) / grid * bounds.width();
            (*gridPoints)(row, 1) = bounds.top() + (gy + 0.5) / grid * bounds.height();
        }
    const QStringList features{m_data.xName, m_data.yName};
    m_session->setSnapshotFunction([data, grid, bounds, gridPoints, features](const Predictor& model) {
        BoundarySnapshot snap;
        const int k = data->classCount();
        const Matrix proba = model.predictProba(*gridPoints);
        std::vector<float> values(static_cast<std::size_t>(proba.size()));
        for (Eigen::Index r = 0; r < proba.rows(); ++r)
            for (Eigen::Index c = 0; c < proba.cols(); ++c)
                values[static_cast<std::size_t>(r * proba.cols() + c)] = static_cast<float>(proba(r, c));
        snap.field.bounds = bounds;
        snap.field.image = renderBoundaryImage(values, grid, static_cast<int>(proba.cols()));
        const Vector predicted = model.predict(data->validationX);
        snap.confusion = QVector<double>(k * k, 0.0);
        int correct = 0;
        for (Eigen::Index i = 0; i < predicted.size(); ++i) {
            const int t = static_cast<int>(data->validationY(i));
            const int p = static_cast<int>(std::lround(predicted(i)));
            if (t >= 0 && t < k && p >= 0 && p < k)
                snap.confusion[t * k + p] += 1;
            correct += t == p ? 1 : 0;
        }
        snap.validationAccuracy = predicted.size() ? static_cast<double>(correct) / predicted.size() : 0;
        const Vector trainPredicted = model.predict(data->trainX);
        snap.trainAccuracy = trainPredicted.size() ? (trainPredicted.array() == data->trainY.array()).cast<double>().mean() : 0;
        snap.fitted = readFittedAttributes(model, features);
        return QVariant::fromValue(snap);
    });
    m_session->start(
        [pipeline, data](TrainContext& ctx) -> const Predictor* {
            ctx.validationX = &data->validationX;
            ctx.validationY = &data->validationY;
            pipeline->fit(data->trainX, data->trainY, ctx);
            return pipeline.get();
        },
        static_cast<std::uint64_t>(m_dataControls->seed()), paused);
    m_status->setText(paused ? tr("Paused before the first step.") : tr("Training…"));
    updateButtons();
}

void Classifier2DLab::trainToEnd()
{
    startTraining(false);
}

void Classifier2DLab::train()
{
    if (m_session->isRunning() && m_session->isPaused()) {
        m_session->resume();
        updateButtons();
        return;
    }
    if (!m_session->isRunning())
        startTraining(false);
}

void Classifier2DLab::pause()
{
    m_session->pause();
    updateButtons();
}

void Classifier2DLab::step()
{
    if (!m_session->isRunning())
        startTraining(true);
    m_session->step(1);
    updateButtons();
}

void Classifier2DLab::updateButtons()
{
    const bool running = m_session->isRunning();
    const bool paused = running && m_session->isPaused();
    m_trainButton->setText(paused ? tr("Resume") : tr("Train"));
    m_trainButton->setEnabled(!running || paused);
    m_pauseButton->setEnabled(running && !paused);
    m_stepButton->setEnabled(!running || paused);
}

void Classifier2DLab::errorShown()
{
    updateButtons();
}

void Classifier2DLab::onSteps(const QList<TrainStep>& steps)
{
    QList<QPointF> train, validation;
    for (const auto& s : steps) {
        train << QPointF(s.step, s.trainLoss);
        validation << QPointF(s.step, s.validationLoss);
    }
    m_loss->append(0, train);
    m_loss->append(1, validation);
    const TrainStep& last = steps.back();
    m_lastStep = last.step;
    m_measurements["steps"] = last.step;
    if (std::isfinite(last.trainLoss))
        m_measurements["train_loss"] = last.trainLoss;
    if (std::isfinite(last.validationLoss))
        m_measurements["validation_loss"] = last.validationLoss;
    if (const auto it = last.metrics.find("best_iteration"); it != last.metrics.end())
        m_measurements["best_iteration"] = it->second;
    if (last.totalSteps > 0)
        m_totalSteps = last.totalSteps;
    QString text = tr("step %1").arg(last.step);
    if (m_totalSteps > 0)
        text += QStringLiteral(" / %1").arg(m_totalSteps);
    if (std::isfinite(last.trainLoss))
        text += tr(" · train loss %1").arg(last.trainLoss, 0, 'f', 4);
    if (std::isfinite(last.validationLoss))
        text += tr(" · validation loss %1").arg(last.validationLoss, 0, 'f', 4);
    m_status->setText(text);
}

void Classifier2DLab::onSnapshot(const QVariant& value, int step)
{
    const auto snap = value.value<BoundarySnapshot>();
    m_boundary->setField(snap.field);
    m_confusion->setMatrix(snap.confusion, m_data.classNames);
    const auto& values = snap.fitted.values;
    m_coefficients->setRowCount(static_cast<int>(values.size()));
    if (!snap.fitted.kind.isEmpty())
        m_coefficients->setHorizontalHeaderLabels({tr("feature"), snap.fitted.kind});
    for (int i = 0; i < values.size(); ++i) {
        m_coefficients->setItem(i, 0, new QTableWidgetItem(values[i].first));
        auto* value_item = new QTableWidgetItem(QString::number(values[i].second, 'f', 4));
        value_item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_coefficients->setItem(i, 1, value_item);
    }
    m_lastStep = std::max(m_lastStep, step);
    m_lastSnapshotStep = step;
    m_measurements["validation_accuracy"] = snap.validationAccuracy;
    m_measurements["train_accuracy"] = snap.trainAccuracy;
    if (snap.fitted.kind == tr("coefficient")) {
        int zero = 0, nonzero = 0;
        for (const auto& [name, v] : snap.fitted.values) {
            if (name.endsWith(tr("intercept")))
                continue;
            (std::abs(v) < 1e-10 ? zero : nonzero) += 1;
        }
        m_measurements["zero_coefficients"] = zero;
        m_measurements["nonzero_coefficients"] = nonzero;
    }
    ++m_snapshotsShown;
    QString text = m_status->text();
    const int at = static_cast<int>(text.indexOf(tr(" · validation accuracy")));
    if (at >= 0)
        text.truncate(at);
    m_status->setText(text + tr(" · validation accuracy %1").arg(snap.validationAccuracy, 0, 'f', 3));
}

void Classifier2DLab::onFinished(bool cancelled)
{
    if (!cancelled && !hasError()) {
        QString text = m_status->text();
        if (!text.startsWith(tr("Done")))
            m_status->setText(tr("Done: ") + text);
    }
    updateButtons();
}

QString Classifier2DLab::statusText() const
{
    return m_status->text();
}

bool Classifier2DLab::runStepsBlocking(int steps, int timeoutMs)
{
    if (steps <= 0)
        return true;
    startTraining(true);
    if (!m_session->isRunning())
        return false;
    QEventLoop loop;
    bool ok = true;
    const int shownBefore = m_snapshotsShown;
    auto check = [&] {
        if (!m_session->isRunning() && m_snapshotsShown > shownBefore)
            loop.quit();
        else if (m_lastSnapshotStep >= steps)
            loop.quit();
    };
    auto c1 = connect(m_session, &TrainingSession::snapshotArrived, &loop, [&] { QTimer::singleShot(0, &loop, check); });
    auto c2 = connect(m_session, &TrainingSession::finished, &loop, [&] { QTimer::singleShot(0, &loop, check); });
    auto c3 = connect(m_session, &TrainingSession::failed, &loop, [&] {
        ok = false;
        loop.quit();
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, [&] {
        ok = false;
        loop.quit();
    });
    timeout.start(timeoutMs);
    m_session->step(steps);
    loop.exec();
    disconnect(c1);
    disconnect(c2);
    disconnect(c3);
    updateButtons();
    return ok;
}

}  // namespace dslab
