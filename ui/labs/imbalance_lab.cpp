#include "ui/labs/imbalance_lab.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/imbalance/sampler.h"
#include "engine/models/dummy/dummy_classifier.h"
#include "engine/pipeline/pipeline.h"
#include "engine/preprocessing/function_transformer.h"
#include "engine/preprocessing/max_abs_scaler.h"
#include "engine/preprocessing/min_max_scaler.h"
#include "engine/preprocessing/power_transformer.h"
#include "engine/preprocessing/robust_scaler.h"
#include "engine/preprocessing/standard_scaler.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

namespace dslab {

namespace {

constexpr int kSliderSteps = 100;  // the threshold moves in steps of 0.01
constexpr int kGrid = 120;
constexpr int kMaxComparisonRows = 14;

// What the worker hands the GUI: held-out probabilities of the model and of
// the baseline, the boundary grid, and the rows the sampler added.
struct ImbalanceSnapshot {
    QVector<double> scores;
    QVector<double> baselineScores;
    QVector<double> baselineLabels;
    std::vector<float> grid;  // P(positive), kGrid x kGrid from the bottom-left
    QVector<QPointF> added;   // in the plot's (raw feature) coordinates
    int trainRows = 0;        // rows the final model was fitted on
    int addedCount = 0;
    int removedCount = 0;
    QString note;             // why the added rows are not drawn, if they are not
};

bool isSamplerType(const QString& type)
{
    const CatalogEntry* e = Catalog::builtin().find(type.toStdString());
    return e && e->kind == ComponentKind::Sampler;
}

// Undoes the transformers before the sampler, so the sampler's rows can be
// drawn on the raw features. False when a step cannot be inverted.
bool mapBackToInput(const Pipeline& pipeline, std::size_t samplerIndex, Matrix& points, QString& stuck)
{
    for (std::size_t i = samplerIndex; i-- > 0;) {
        const Component* c = pipeline.step(i).component.get();
        if (const auto* s = dynamic_cast<const StandardScaler*>(c))
            points = s->inverseTransform(points);
        else if (const auto* m = dynamic_cast<const MinMaxScaler*>(c))
            points = m->inverseTransform(points);
        else if (const auto* a = dynamic_cast<const MaxAbsScaler*>(c))
            points = a->inverseTransform(points);
        else if (const auto* r = dynamic_cast<const RobustScaler*>(c))
            points = r->inverseTransform(points);
        else if (const auto* p = dynamic_cast<const PowerTransformer*>(c))
            points = p->inverseTransform(points);
        else if (const auto* f = dynamic_cast<const FunctionTransformer*>(c))
            points = f->inverseTransform(points);
        else {
            stuck = QString::fromStdString(pipeline.step(i).name);
            return false;
        }
    }
    return true;
}

QVector<double> toQVector(const Vector& v)
{
    return QVector<double>(v.data(), v.data() + v.size());
}

Vector toVector(const QVector<double>& v)
{
    return Eigen::Map<const Vector>(v.data(), v.size());
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

QString num(double v)
{
    return QString::number(v, 'f', 3);
}

}  // namespace

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::ImbalanceSnapshot)

namespace dslab {

ImbalanceLab::ImbalanceLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    qRegisterMetaType<ImbalanceSnapshot>();
    connect(m_session, &TrainingSession::snapshotArrived, this, &ImbalanceLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &ImbalanceLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &ImbalanceLab::showError);
    buildUi();
}

ImbalanceLab::~ImbalanceLab()
{
    shutdown();
}

void ImbalanceLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    controls->addWidget(m_dataControls, 1);

    auto* modelBox = new QGroupBox(tr("Remedy"), this);
    auto* form = new QFormLayout(modelBox);
    m_minority = new QDoubleSpinBox(modelBox);
    m_minority->setRange(0.01, 0.5);
    m_minority->setSingleStep(0.01);
    m_minority->setAccessibleName(tr("share of the minority class"));
    m_minority->setToolTip(tr("Share of the minority (positive) class in the generator: the weights' second entry"));
    m_sampler = new QComboBox(modelBox);
    m_sampler->addItem(tr("none"), QString());
    for (const char* type : {"SMOTE", "RandomOverSampler", "RandomUnderSampler"})
        m_sampler->addItem(QString::fromLatin1(type), QString::fromLatin1(type));
    m_sampler->setAccessibleName(tr("sampler"));
    m_sampler->setToolTip(tr("A sampler step before the model: resamples the training rows only, never the test set"));
    m_kNeighbors = new QSpinBox(modelBox);
    m_kNeighbors->setRange(1, 50);
    m_kNeighbors->setAccessibleName(tr("k_neighbors"));
    m_kNeighbors->setToolTip(tr("SMOTE interpolates towards one of this many nearest minority neighbours"));
    m_knobs = new ParamForm(modelBox);
    m_threshold = new QSlider(Qt::Horizontal, modelBox);
    m_threshold->setRange(1, kSliderSteps - 1);
    m_threshold->setAccessibleName(tr("decision threshold"));
    m_threshold->setToolTip(tr("A test row is predicted positive when its probability is at least the threshold"));
    m_thresholdLabel = new QLabel(modelBox);
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_threshold, 1);
    thresholdRow->addWidget(m_thresholdLabel);
    form->addRow(tr("minority share"), m_minority);
    form->addRow(tr("sampler"), m_sampler);
    form->addRow(tr("k_neighbors"), m_kNeighbors);
    form->addRow(m_knobs);
    form->addRow(tr("threshold"), thresholdRow);
    controls->addWidget(modelBox, 1);
    root->addLayout(controls);

    auto* buttons = new QHBoxLayout;
    m_trainButton = new QPushButton(tr("Train"), this);
    m_trainButton->setToolTip(tr("Fit the pipeline (and the majority-class baseline) on the training part"));
    buttons->addWidget(m_trainButton);
    auto* clear = new QPushButton(tr("Clear table"), this);
    clear->setToolTip(tr("Forget the settings tried so far"));
    buttons->addWidget(clear);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);
    root->addWidget(createErrorLabel());

    // Boundary beside the two-column metrics table, the settings tried below across the width.
    auto* rows = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, rows);
    m_boundary = new DecisionBoundaryView(top);
    m_boundary->setMinimumSize(220, 220);
    m_metricsTable = new QTableWidget(7, 2, top);
    m_metricsTable->setVerticalHeaderLabels(
        {tr("accuracy"), tr("balanced acc."), tr("precision"), tr("recall"), tr("F1"), tr("ROC-AUC"), tr("PR-AUC")});
    m_metricsTable->setHorizontalHeaderLabels({tr("majority"), tr("model")});
    m_metricsTable->horizontalHeaderItem(0)->setToolTip(tr("DummyClassifier(strategy=\"prior\"): always the majority class"));
    m_metricsTable->setAccessibleName(tr("test-set metrics"));
    m_metricsTable->setToolTip(tr("On the held-out test set, at its real class ratio. ROC-AUC and PR-AUC use the "
                                  "probabilities and ignore the threshold"));
    m_metricsTable->setMinimumWidth(200);
    m_comparison = new QTableWidget(0, 8, rows);
    m_comparison->setHorizontalHeaderLabels({tr("setting"), tr("fit rows"), tr("acc"), tr("recall"), tr("prec"),
                                             tr("F1"), tr("AUC"), tr("AP")});
    m_comparison->setAccessibleName(tr("settings tried"));
    m_comparison->setToolTip(tr("One row per setting you trained or set the threshold for (test set; AP = PR-AUC)"));
    for (QTableWidget* t : {m_metricsTable, m_comparison}) {
        t->setSelectionMode(QAbstractItemView::NoSelection);
        t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        t->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        t->setWordWrap(false);
    }
    m_metricsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_comparison->verticalHeader()->hide();
    m_comparison->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    top->setSizes({600, 400});
    rows->setStretchFactor(0, 3);
    rows->setStretchFactor(1, 2);
    rows->setSizes({600, 400});
    root->addWidget(rows, 1);

    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(500);
    connect(m_settle, &QTimer::timeout, this, &ImbalanceLab::recordSetting);

    connect(m_trainButton, &QPushButton::clicked, this, &ImbalanceLab::train);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_settings.clear();
        m_comparison->setRowCount(0);
        m_measurements["comparison_rows"] = 0;
    });
    connect(m_dataControls, &DatasetControls::changed, this, &ImbalanceLab::reset);
    connect(m_minority, &QDoubleSpinBox::valueChanged, this, &ImbalanceLab::reset);
    connect(m_sampler, &QComboBox::currentIndexChanged, this, &ImbalanceLab::modelChanged);
    connect(m_kNeighbors, &QSpinBox::valueChanged, this, &ImbalanceLab::modelChanged);
    connect(m_knobs, &ParamForm::valueChanged, this, &ImbalanceLab::modelChanged);
    connect(m_threshold, &QSlider::valueChanged, this, [this] {
        recount();
        if (m_trained)
            m_settle->start();
    });
}

void ImbalanceLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_dataControls->setKind(DatasetControls::Kind::Plane);
    const QSignalBlocker b1(m_minority), b2(m_threshold), b3(m_sampler), b4(m_kNeighbors), b5(m_knobs);
    m_dataControls->applyPreset(preset);
    const QJsonArray weights = preset.value("weights").toArray();
    m_minority->setValue(weights.size() == 2 ? weights.at(1).toDouble(0.05) : preset.value("ratio").toDouble(0.05));
    m_threshold->setValue(static_cast<int>(std::lround(preset.value("threshold").toDouble(0.5) * kSliderSteps)));
    m_thresholdLabel->setText(QString::number(threshold(), 'f', 2));

    // The sampler lives in the chooser: the pipeline keeps the other steps.
    const QJsonObject spec = preset.value("pipeline").toObject();
    QJsonArray steps;
    QString samplerType;
    int k = 5;
    for (const auto& s : spec.value("steps").toArray()) {
        const QJsonObject step = s.toObject();
        const QString type = step.value("type").toString();
        if (isSamplerType(type)) {
            samplerType = type;
            k = step.value("k_neighbors").toInt(k);
        } else {
            steps.append(step);
        }
    }
    const QJsonObject overrides = preset.value("pipeline_params").toObject();
    k = overrides.value("SMOTE__k_neighbors").toInt(k);
    if (preset.contains("sampler"))
        samplerType = preset.value("sampler").toString() == "none" ? QString() : preset.value("sampler").toString();
    k = preset.value("k_neighbors").toInt(k);
    m_pipeline = spec;
    m_pipeline.insert("steps", steps);
    try {
        if (!samplerType.isEmpty() && m_sampler->findData(samplerType) < 0)
            throw ParamError("unknown sampler '" + samplerType.toStdString()
                             + "'; choose none, SMOTE, RandomOverSampler or RandomUnderSampler");
        // The whole pipeline as the preset names it, so a bad sampler parameter shows now.
        pipelineFromPreset(spec, overrides);
        const Pipeline pipeline = pipelineFromPreset(m_pipeline, overrides);
        const Estimator* model = pipeline.finalEstimator();
        if (!model || !model->isClassifier())
            throw ParamError("the imbalance lab's pipeline must end in a classifier");
        m_modelStep = QString::fromStdString(pipeline.step(pipeline.stepCount() - 1).name);
        QStringList knobs;
        for (const auto& name : preset.value("knobs").toArray())
            knobs << name.toString();
        m_knobs->build(model->paramSpecs(), model->params(), knobs);
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
    m_sampler->setCurrentIndex(std::max(0, m_sampler->findData(samplerType)));
    m_kNeighbors->setValue(k);
    m_kNeighbors->setEnabled(samplerType == "SMOTE");
    reset();
}

void ImbalanceLab::reset()
{
    shutdown();
    clearError();
    m_settle->stop();
    m_trained = false;
    m_scores.resize(0);
    m_grid.clear();
    const double rows = m_measurements.value("comparison_rows", 0);
    m_measurements.clear();
    m_measurements["comparison_rows"] = rows;
    m_boundary->clearField();
    m_boundary->setExtraPoints({}, 1, {});
    m_metricsTable->clearContents();
    QJsonObject data = m_dataControls->dataPreset(m_preset);
    data.insert("ratio", m_minority->value());
    data.insert("validation_fraction", m_preset.value("test_size").toDouble(0.3));
    try {
        m_data = buildPlaneDataset(data, m_datasetsDir);
        if (m_data.classCount() != 2)
            throw DataError("the imbalance lab needs two classes; '" + m_data.description.toStdString() + "' has "
                            + std::to_string(m_data.classCount()));
    } catch (const std::exception& e) {
        m_data = PlaneDataset{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    QVector<DecisionBoundaryView::Point> points;
    for (Eigen::Index i = 0; i < m_data.trainX.rows(); ++i)
        points.push_back({QPointF(m_data.trainX(i, 0), m_data.trainX(i, 1)), static_cast<int>(m_data.trainY(i)), false});
    for (Eigen::Index i = 0; i < m_data.validationX.rows(); ++i)
        points.push_back(
            {QPointF(m_data.validationX(i, 0), m_data.validationX(i, 1)), static_cast<int>(m_data.validationY(i)), true});
    m_boundary->setPoints(points, m_data.classNames, m_data.xName, m_data.yName);
    m_boundary->setBounds(m_data.bounds());
    const auto positives = (m_data.trainY.array() == 1.0).count();
    m_status->setText(tr("%1; %2 training rows, %3 of them positive. Press Train.")
                          .arg(m_data.description)
                          .arg(m_data.trainY.size())
                          .arg(positives));
}

void ImbalanceLab::modelChanged()
{
    m_kNeighbors->setEnabled(sampler() == "SMOTE");
    m_session->stopAndJoin();
    m_settle->stop();
    m_trained = false;
    m_scores.resize(0);
    m_status->setText(tr("The remedy changed: press Train."));
}

void ImbalanceLab::train()
{
    m_session->stopAndJoin();
    m_settle->stop();
    // Without data or a pipeline the message saying why stays up.
    if (m_data.trainX.rows() == 0 || hasPresetError())
        return;
    clearError();
    std::shared_ptr<Pipeline> pipeline;
    std::size_t samplerIndex = 0;
    const QString samplerType = sampler();
    try {
        QJsonObject spec = m_pipeline;
        QJsonArray steps = spec.value("steps").toArray();
        if (!samplerType.isEmpty()) {
            // Just before the model: after the scaler, so SMOTE's distances are on scaled features.
            QJsonObject step{{"type", samplerType}};
            if (samplerType == "SMOTE")
                step.insert("k_neighbors", m_kNeighbors->value());
            samplerIndex = static_cast<std::size_t>(std::max<qsizetype>(0, steps.size() - 1));
            steps.insert(static_cast<qsizetype>(samplerIndex), step);
        }
        spec.insert("steps", steps);
        QJsonObject overrides = m_preset.value("pipeline_params").toObject();
        overrides.remove("SMOTE__k_neighbors");  // the spin box has the last word
        pipeline = std::make_shared<Pipeline>(pipelineFromPreset(spec, overrides));
        for (const auto& [name, value] : m_knobs->values())
            pipeline->setParam(m_modelStep.toStdString() + "__" + name, value);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    auto baseline = std::make_shared<DummyClassifier>();
    baseline->setParam("strategy", std::string("prior"));
    auto data = std::make_shared<const PlaneDataset>(m_data);
    const QRectF bounds = m_data.bounds();
    m_gridBounds = bounds;
    auto gridPoints = std::make_shared<Matrix>(static_cast<Eigen::Index>(kGrid) * kGrid, 2);
    for (int gy = 0; gy < kGrid; ++gy)
        for (int gx = 0; gx < kGrid; ++gx) {
            const Eigen::Index row = static_cast<Eigen::Index>(gy) * kGrid + gx;
            (*gridPoints)(row, 0) = bounds.left() + (gx + 0.5) / kGrid * bounds.width();
            (*gridPoints)(row, 1) = bounds.top() + (gy + 0.5) / kGrid * bounds.height();
        }
    const auto seed = static_cast<std::uint64_t>(m_dataControls->seed());
    const bool hasSampler = !samplerType.isEmpty();
    m_session->setSnapshotFunction([pipeline, baseline, data, gridPoints, seed, hasSampler,
                                    samplerIndex](const Predictor& model) {
        ImbalanceSnapshot snap;
        const Matrix proba = model.predictProba(data->validationX);
        snap.scores = toQVector(proba.col(proba.cols() - 1));
        const Matrix base = baseline->predictProba(data->validationX);
        snap.baselineScores = toQVector(base.col(base.cols() - 1));
        snap.baselineLabels = toQVector(baseline->predict(data->validationX));
        const Matrix grid = model.predictProba(*gridPoints);
        snap.grid.resize(static_cast<std::size_t>(grid.rows()));
        for (Eigen::Index r = 0; r < grid.rows(); ++r)
            snap.grid[static_cast<std::size_t>(r)] = static_cast<float>(grid(r, grid.cols() - 1));
        snap.trainRows = static_cast<int>(data->trainX.rows());
        if (hasSampler) {
            // The pipeline's sampler again, on the same transformed rows with
            // the same seed: the very rows the model was fitted on.
            Matrix current = data->trainX;
            for (std::size_t i = 0; i < samplerIndex; ++i)
                if (const auto* tr = dynamic_cast<const Transformer*>(pipeline->step(i).component.get()))
                    current = tr->transform(current);
            auto copy = clone(*pipeline->step(samplerIndex).component);
            auto& sampler = dynamic_cast<Sampler&>(*copy);
            TrainContext ctx;
            ctx.seed = seed;
            Matrix rows;
            Vector targets;
            sampler.fitResample(current, data->trainY, ctx, rows, targets);
            snap.trainRows = static_cast<int>(rows.rows());
            if (rows.rows() >= current.rows()) {
                // Over-samplers keep the original rows first; the rest are added.
                snap.addedCount = static_cast<int>(rows.rows() - current.rows());
                Matrix added = rows.bottomRows(rows.rows() - current.rows());
                QString stuck;
                if (mapBackToInput(*pipeline, samplerIndex, added, stuck)) {
                    for (Eigen::Index i = 0; i < added.rows(); ++i)
                        snap.added.push_back(QPointF(added(i, 0), added(i, 1)));
                } else {
                    snap.note = QObject::tr("the added rows are not drawn: step %1 before the sampler cannot be undone")
                                    .arg(stuck);
                }
            } else {
                snap.removedCount = static_cast<int>(current.rows() - rows.rows());
            }
        }
        return QVariant::fromValue(snap);
    });
    m_session->start(
        [pipeline, baseline, data](TrainContext& ctx) -> const Predictor* {
            baseline->fit(data->trainX, data->trainY, ctx);
            pipeline->fit(data->trainX, data->trainY, ctx);
            return pipeline.get();
        },
        seed);
    m_trainButton->setEnabled(false);
    m_status->setText(tr("Training…"));
}

void ImbalanceLab::onSnapshot(const QVariant& value, int)
{
    const auto snap = value.value<ImbalanceSnapshot>();
    if (snap.scores.size() != m_data.validationY.size())
        return;
    m_scores = toVector(snap.scores);
    m_baselineScores = toVector(snap.baselineScores);
    m_baselineLabels = toVector(snap.baselineLabels);
    m_grid = snap.grid;
    m_gridSize = kGrid;
    m_trainRows = snap.trainRows;
    m_added = snap.addedCount;
    m_removed = snap.removedCount;
    const QString type = sampler();
    m_boundary->setExtraPoints(snap.added, 1,
                               type == "SMOTE" ? tr("SMOTE's synthetic rows (%1)").arg(snap.addedCount)
                                               : tr("repeated rows (%1)").arg(snap.addedCount));
    m_baseline = binaryMetrics(m_data.validationY, m_baselineScores, m_baselineLabels);
    m_measurements["n_synthetic"] = m_added;
    m_measurements["train_rows"] = m_trainRows;
    m_measurements["rows_removed"] = m_removed;
    m_measurements["positive_rate"] = (m_data.validationY.array() == 1.0).cast<double>().mean();
    m_measurements["baseline_accuracy"] = m_baseline.accuracy;
    m_measurements["baseline_recall"] = m_baseline.recall;
    m_measurements["baseline_roc_auc"] = m_baseline.rocAuc;
    m_measurements["baseline_balanced_accuracy"] = m_baseline.balancedAccuracy;
    if (!snap.note.isEmpty())
        m_status->setText(snap.note);
    recount();
}

void ImbalanceLab::renderBoundary()
{
    if (m_grid.empty())
        return;
    // Stretch P(positive) so the threshold sits at one half: the drawn
    // boundary is then the boundary of the thresholded classifier.
    const float t = static_cast<float>(threshold());
    std::vector<float> two(m_grid.size() * 2);
    for (std::size_t i = 0; i < m_grid.size(); ++i) {
        const float p = m_grid[i];
        const float q = p < t ? 0.5f * p / t : 0.5f + 0.5f * (p - t) / (1.0f - t);
        two[2 * i] = 1.0f - q;
        two[2 * i + 1] = q;
    }
    BoundaryField field;
    field.bounds = m_gridBounds;
    field.image = renderBoundaryImage(two, m_gridSize, 2);
    m_boundary->setField(field);
}

void ImbalanceLab::recount()
{
    const double t = threshold();
    m_thresholdLabel->setText(QString::number(t, 'f', 2));
    if (m_scores.size() == 0 || m_scores.size() != m_data.validationY.size())
        return;
    renderBoundary();
    m_current = binaryMetrics(m_data.validationY, m_scores, labelsAtThreshold(m_scores, t));
    const BinaryMetrics* rows[2] = {&m_baseline, &m_current};
    for (int c = 0; c < 2; ++c) {
        const BinaryMetrics& m = *rows[c];
        const double values[7] = {m.accuracy, m.balancedAccuracy, m.precision, m.recall, m.f1, m.rocAuc, m.averagePrecision};
        for (int r = 0; r < 7; ++r) {
            QTableWidgetItem* item = cell(num(values[r]));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_metricsTable->setItem(r, c, item);
        }
    }
    m_metricsTable->horizontalHeaderItem(1)->setToolTip(tr("The model at threshold %1").arg(t, 0, 'f', 2));
    m_measurements["accuracy"] = m_current.accuracy;
    m_measurements["recall"] = m_current.recall;
    m_measurements["precision"] = m_current.precision;
    m_measurements["f1"] = m_current.f1;
    m_measurements["balanced_accuracy"] = m_current.balancedAccuracy;
    m_measurements["mcc"] = m_current.mcc;
    m_measurements["roc_auc"] = m_current.rocAuc;
    if (std::isfinite(m_current.averagePrecision))
        m_measurements["average_precision"] = m_current.averagePrecision;
    m_measurements["tp"] = m_current.tp;
    m_measurements["fp"] = m_current.fp;
}

QString ImbalanceLab::settingLabel() const
{
    const double minority = m_minority->value();
    QString label = tr("%1:%2").arg(std::lround((1 - minority) * 100)).arg(std::lround(minority * 100));
    const QString type = sampler();
    label += " · " + (type.isEmpty() ? tr("no sampler") : type);
    if (type == "SMOTE")
        label += tr(" k=%1").arg(m_kNeighbors->value());
    for (const auto& [name, value] : m_knobs->values()) {
        const QString shown = QString::fromStdString(paramToString(value)).remove(QLatin1Char('"'));
        label += name == "class_weight" ? QStringLiteral(" · weights %1").arg(shown.toLower())
                                        : QStringLiteral(" · %1=%2").arg(QString::fromStdString(name), shown);
    }
    label += tr(" · t=%1").arg(threshold(), 0, 'f', 2);
    return label;
}

void ImbalanceLab::recordSetting()
{
    if (!m_trained || m_scores.size() == 0)
        return;
    const QString label = settingLabel();
    int row = static_cast<int>(m_settings.indexOf(label));
    if (row < 0) {
        if (m_settings.size() >= kMaxComparisonRows) {
            m_settings.removeFirst();
            m_comparison->removeRow(0);
        }
        m_settings << label;
        row = m_comparison->rowCount();
        m_comparison->insertRow(row);
    }
    const BinaryMetrics& m = m_current;
    m_comparison->setItem(row, 0, cell(label));
    m_comparison->setItem(row, 1, cell(QString::number(m_trainRows)));
    const double values[6] = {m.accuracy, m.recall, m.precision, m.f1, m.rocAuc, m.averagePrecision};
    for (int c = 0; c < 6; ++c)
        m_comparison->setItem(row, c + 2, cell(num(values[c])));
    m_comparison->scrollToItem(m_comparison->item(row, 0));
    m_measurements["comparison_rows"] = m_comparison->rowCount();
}

void ImbalanceLab::onFinished(bool cancelled)
{
    m_trainButton->setEnabled(true);
    if (cancelled || hasError() || m_scores.size() == 0)
        return;
    m_trained = true;
    recordSetting();
    const QString type = sampler();
    QString what;
    if (type == "SMOTE")
        what = tr("SMOTE added %1 synthetic minority rows (diamonds)").arg(m_added);
    else if (type == "RandomOverSampler")
        what = tr("RandomOverSampler repeated %1 minority rows").arg(m_added);
    else if (type == "RandomUnderSampler")
        what = tr("RandomUnderSampler dropped %1 majority rows").arg(m_removed);
    else
        what = tr("no resampling");
    m_status->setText(tr("Fitted on %1 rows (%2). The test set keeps its real ratio. Move the threshold: nothing is "
                         "retrained.")
                          .arg(m_trainRows)
                          .arg(what));
}

void ImbalanceLab::setThreshold(double t)
{
    m_threshold->setValue(static_cast<int>(std::lround(t * kSliderSteps)));
    m_settle->stop();
    recordSetting();
}

double ImbalanceLab::threshold() const
{
    return static_cast<double>(m_threshold->value()) / kSliderSteps;
}

void ImbalanceLab::setSampler(const QString& type)
{
    m_sampler->setCurrentIndex(std::max(0, m_sampler->findData(type)));
}

QString ImbalanceLab::sampler() const
{
    return m_sampler->currentData().toString();
}

void ImbalanceLab::errorShown()
{
    m_trainButton->setEnabled(!m_session->isRunning());
}

}  // namespace dslab
