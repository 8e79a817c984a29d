#include "ui/labs/metrics_lab.h"

#include "engine/core/errors.h"
#include "engine/data/synthetic.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/probability_histogram_view.h"
#include "ui/charts/roc_pr_curve_view.h"
#include "ui/labs/plane_dataset.h"
#include "ui/labs/tabular_dataset.h"
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
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace dslab {

namespace {

constexpr int kSliderSteps = 100;

struct MetricsSnapshot {
    QVector<double> scores;          // model: P(positive) per test row
    QVector<double> baselineScores;  // baseline: P(positive) per test row
    QVector<double> baselineLabels;  // baseline: its own predict
};

struct MetricRow {
    const char* key;
    const char* label;
    double BinaryMetrics::*field;
    bool thresholdFree;
};

// The table's rows, in the lesson's three families.
const MetricRow kRows[] = {
    {"accuracy", QT_TRANSLATE_NOOP("MetricsLab", "accuracy"), &BinaryMetrics::accuracy, false},
    {"balanced_accuracy", QT_TRANSLATE_NOOP("MetricsLab", "balanced accuracy"), &BinaryMetrics::balancedAccuracy, false},
    {"precision", QT_TRANSLATE_NOOP("MetricsLab", "precision"), &BinaryMetrics::precision, false},
    {"recall", QT_TRANSLATE_NOOP("MetricsLab", "recall"), &BinaryMetrics::recall, false},
    {"f1", QT_TRANSLATE_NOOP("MetricsLab", "F1"), &BinaryMetrics::f1, false},
    {"mcc", QT_TRANSLATE_NOOP("MetricsLab", "MCC"), &BinaryMetrics::mcc, false},
    {"roc_auc", QT_TRANSLATE_NOOP("MetricsLab", "ROC-AUC"), &BinaryMetrics::rocAuc, true},
    {"average_precision", QT_TRANSLATE_NOOP("MetricsLab", "average precision"), &BinaryMetrics::averagePrecision, true},
    {"log_loss", QT_TRANSLATE_NOOP("MetricsLab", "log loss"), &BinaryMetrics::logLoss, true},
    {"brier", QT_TRANSLATE_NOOP("MetricsLab", "Brier score"), &BinaryMetrics::brier, true},
};
constexpr int kRowCount = static_cast<int>(sizeof(kRows) / sizeof(kRows[0]));

QVector<double> toQVector(const Vector& v)
{
    return QVector<double>(v.data(), v.data() + v.size());
}

Vector toVector(const QVector<double>& v)
{
    return Eigen::Map<const Vector>(v.data(), v.size());
}

}  // namespace

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::MetricsSnapshot)

namespace dslab {

MetricsLab::MetricsLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    qRegisterMetaType<MetricsSnapshot>();
    connect(m_session, &TrainingSession::snapshotArrived, this, &MetricsLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &MetricsLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &MetricsLab::showError);
    buildUi();
}

MetricsLab::~MetricsLab()
{
    shutdown();
}

void MetricsLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    auto* dataBox = new QGroupBox(tr("Data"), this);
    auto* dataForm = new QFormLayout(dataBox);
    m_dataset = new QComboBox(dataBox);
    m_dataset->addItem(tr("Breast cancer (37% malignant)"), QStringLiteral("breast_cancer"));
    m_dataset->addItem(tr("Bank marketing (11.5% yes)"), QStringLiteral("bank_marketing"));
    m_dataset->addItem(tr("Imbalanced generator (2-D)"), QStringLiteral("imbalanced"));
    m_dataset->setAccessibleName(tr("dataset"));
    m_dataset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_dataset->setMinimumContentsLength(14);
    m_minority = new QDoubleSpinBox(dataBox);
    m_minority->setRange(0.01, 0.5);
    m_minority->setSingleStep(0.01);
    m_minority->setAccessibleName(tr("share of the positive class"));
    m_minority->setToolTip(tr("Share of positives in the imbalanced generator (the weights' second entry)"));
    dataForm->addRow(tr("dataset"), m_dataset);
    dataForm->addRow(tr("positive share"), m_minority);
    controls->addWidget(dataBox, 1);

    auto* modelBox = new QGroupBox(tr("Model and threshold"), this);
    auto* form = new QFormLayout(modelBox);
    m_knobs = new ParamForm(modelBox);
    m_threshold = new QSlider(Qt::Horizontal, modelBox);
    m_threshold->setRange(1, kSliderSteps - 1);
    m_threshold->setAccessibleName(tr("decision threshold"));
    m_threshold->setToolTip(tr("A test row is predicted positive when its probability is at least the threshold"));
    m_thresholdLabel = new QLabel(modelBox);
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_threshold, 1);
    thresholdRow->addWidget(m_thresholdLabel);
    form->addRow(m_knobs);
    form->addRow(tr("threshold"), thresholdRow);
    controls->addWidget(modelBox, 1);
    root->addLayout(controls);

    auto* buttons = new QHBoxLayout;
    m_trainButton = new QPushButton(tr("Train"), this);
    m_trainButton->setToolTip(tr("Fit the baseline and the model on the training part; score both on the test part"));
    buttons->addWidget(m_trainButton);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);
    root->addWidget(createErrorLabel());

    auto* rows = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, rows);
    m_table = new QTableWidget(kRowCount, 2, top);
    m_table->setAccessibleName(tr("baseline and model metrics"));
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QStringList names;
    for (const MetricRow& r : kRows)
        names << tr(r.label) + (r.thresholdFree ? QString() : QStringLiteral(" *"));
    m_table->setVerticalHeaderLabels(names);
    m_table->setToolTip(tr("On the test set. * depends on the threshold (the model's row follows the slider; the "
                           "baseline uses its own predict). The others use the probabilities only."));
    m_roc = new RocPrCurveView(RocPrCurveView::Kind::Roc, top);
    m_roc->setMinimumSize(200, 170);
    auto* bottom = new QSplitter(Qt::Horizontal, rows);
    m_confusion = new ConfusionMatrixView(bottom);
    m_confusion->setMinimumSize(160, 130);
    m_histogram = new ProbabilityHistogramView(bottom);
    top->setSizes({1000, 1000});
    bottom->setSizes({800, 1200});
    rows->setSizes({1100, 900});
    root->addWidget(rows, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &MetricsLab::train);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &MetricsLab::reset);
    connect(m_minority, &QDoubleSpinBox::valueChanged, this, &MetricsLab::reset);
    connect(m_knobs, &ParamForm::valueChanged, this, &MetricsLab::modelChanged);
    connect(m_threshold, &QSlider::valueChanged, this, &MetricsLab::recount);
}

void MetricsLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    const QSignalBlocker b1(m_dataset), b2(m_minority), b3(m_threshold), b4(m_knobs);
    const QString key = preset.value("dataset").toString("breast_cancer");
    if (m_dataset->findData(key) < 0)
        m_dataset->addItem(key, key);  // another built-in table the preset names: let it try
    m_dataset->setCurrentIndex(m_dataset->findData(key));
    const QJsonArray weights = preset.value("weights").toArray();
    m_minority->setValue(weights.size() == 2 ? weights.at(1).toDouble(0.05) : preset.value("ratio").toDouble(0.05));
    m_threshold->setValue(static_cast<int>(std::lround(preset.value("threshold").toDouble(0.5) * kSliderSteps)));
    m_thresholdLabel->setText(QString::number(threshold(), 'f', 2));
    m_pipeline = preset.value("pipeline").toObject();
    QJsonObject baseline = preset.value("baseline").toObject();
    if (baseline.isEmpty())
        baseline = QJsonObject{{"type", "DummyClassifier"}, {"strategy", "prior"}};
    m_baselineSpec = QJsonObject{{"steps", QJsonArray{baseline}}};
    m_baselineName = baseline.value("type").toString();
    if (baseline.contains("strategy"))
        m_baselineName += QStringLiteral(" (%1)").arg(baseline.value("strategy").toString());
    try {
        const Pipeline base = pipelineFromPreset(m_baselineSpec, {});
        if (!base.finalEstimator() || !base.finalEstimator()->isClassifier())
            throw ParamError("the baseline must be a classifier, e.g. {\"type\": \"DummyClassifier\", \"strategy\": \"prior\"}");
        const Pipeline pipeline = pipelineFromPreset(m_pipeline, preset.value("pipeline_params").toObject());
        const Estimator* model = pipeline.finalEstimator();
        if (!model || !model->isClassifier())
            throw ParamError("the metrics lab's pipeline must end in a classifier");
        m_modelStep = QString::fromStdString(pipeline.step(pipeline.stepCount() - 1).name);
        QStringList knobs;
        for (const auto& k : preset.value("knobs").toArray())
            knobs << k.toString();
        m_knobs->build(model->paramSpecs(), model->params(), knobs);
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's pipelines cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
    m_table->setHorizontalHeaderLabels({tr("baseline"), tr("model")});
    m_table->horizontalHeaderItem(0)->setToolTip(m_baselineName);
    m_table->horizontalHeaderItem(1)->setToolTip(m_modelStep);
    reset();
}

MetricsLab::Data MetricsLab::buildData() const
{
    Data out;
    const QString key = m_dataset->currentData().toString();
    QJsonObject spec = m_preset;
    spec.insert("dataset", key);
    spec.insert("validation_fraction", m_preset.value("test_size").toDouble(0.25));
    if (isSyntheticKind(key.toStdString())) {
        spec.insert("ratio", m_minority->value());
        const PlaneDataset d = buildPlaneDataset(spec, m_datasetsDir);
        out.trainX = d.trainX;
        out.testX = d.validationX;
        out.trainY = d.trainY;
        out.testY = d.validationY;
        out.classNames = d.classNames;
        out.description = d.description;
    } else {
        spec.remove("features");
        const TabularDataset d = buildTabularDataset(spec, m_datasetsDir);
        out.trainX = d.trainX;
        out.testX = d.validationX;
        out.trainY = d.trainY;
        out.testY = d.validationY;
        out.classNames = d.classNames;
        out.description = d.description;
    }
    if (out.classNames.size() != 2)
        throw DataError("the metrics lab compares binary classifiers; '" + key.toStdString() + "' has "
                        + std::to_string(out.classNames.size()) + " classes");
    // The positive class becomes code 1 (scikit-learn's pos_label).
    const QString positive = m_preset.value("positive_class").toString();
    // It names a class of the preset's table; a generator's positive class is always 1 (the minority).
    if (!positive.isEmpty() && m_preset.value("dataset").toString() == key && !isSyntheticKind(key.toStdString())) {
        const auto at = out.classNames.indexOf(positive);
        if (at < 0)
            throw DataError("positive_class '" + positive.toStdString() + "' is not a class of '" + key.toStdString()
                            + "'; its classes are " + out.classNames.join(", ").toStdString());
        if (at == 0) {
            out.trainY = (1.0 - out.trainY.array()).matrix();
            out.testY = (1.0 - out.testY.array()).matrix();
            out.classNames = QStringList{out.classNames[1], out.classNames[0]};
        }
    }
    return out;
}

void MetricsLab::reset()
{
    shutdown();
    clearError();
    m_scores.resize(0);
    m_measurements.clear();
    m_table->clearContents();
    m_confusion->clear();
    m_roc->clearCurves();
    m_histogram->clear();
    m_minority->setEnabled(isSyntheticKind(m_dataset->currentData().toString().toStdString()));
    try {
        m_data = buildData();
    } catch (const std::exception& e) {
        m_data = Data{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    const double share = m_data.testY.size() ? m_data.testY.mean() : 0;
    m_status->setText(tr("%1. Baseline: %5, model: %6. Test set: %2 rows, %3% %4. Press Train.")
                          .arg(m_data.description)
                          .arg(m_data.testY.size())
                          .arg(share * 100, 0, 'f', 1)
                          .arg(m_data.classNames.value(1), m_baselineName, m_modelStep));
}

void MetricsLab::modelChanged()
{
    m_session->stopAndJoin();
    m_scores.resize(0);
    m_status->setText(tr("The model changed: press Train."));
}

void MetricsLab::train()
{
    m_session->stopAndJoin();
    // Without data or a pipeline the message saying why stays up.
    if (m_data.trainX.rows() == 0 || hasPresetError())
        return;
    clearError();
    std::shared_ptr<Pipeline> pipeline, baseline;
    try {
        pipeline = std::make_shared<Pipeline>(pipelineFromPreset(m_pipeline, m_preset.value("pipeline_params").toObject()));
        for (const auto& [name, value] : m_knobs->values())
            pipeline->setParam(m_modelStep.toStdString() + "__" + name, value);
        baseline = std::make_shared<Pipeline>(pipelineFromPreset(m_baselineSpec, {}));
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    auto data = std::make_shared<const Data>(m_data);
    m_session->setSnapshotFunction([data, baseline](const Predictor& model) {
        MetricsSnapshot snap;
        const Matrix proba = model.predictProba(data->testX);
        snap.scores = toQVector(proba.col(proba.cols() - 1));
        const Matrix base = baseline->predictProba(data->testX);
        snap.baselineScores = toQVector(base.col(base.cols() - 1));
        snap.baselineLabels = toQVector(baseline->predict(data->testX));
        return QVariant::fromValue(snap);
    });
    m_session->start(
        [pipeline, baseline, data](TrainContext& ctx) -> const Predictor* {
            baseline->fit(data->trainX, data->trainY, ctx);
            pipeline->fit(data->trainX, data->trainY, ctx);
            return pipeline.get();
        },
        static_cast<std::uint64_t>(m_preset.value("seed").toInt(0)));
    m_trainButton->setEnabled(false);
    m_status->setText(tr("Training…"));
}

void MetricsLab::onSnapshot(const QVariant& value, int)
{
    const auto snap = value.value<MetricsSnapshot>();
    if (snap.scores.size() != m_data.testY.size())
        return;
    m_scores = toVector(snap.scores);
    m_baselineScores = toVector(snap.baselineScores);
    m_baselineLabels = toVector(snap.baselineLabels);
    m_baseline = binaryMetrics(m_data.testY, m_baselineScores, m_baselineLabels);
    m_roc->clearCurves();
    const RocCurve base = rocCurve(m_data.testY, m_baselineScores);
    m_roc->addCurve(tr("baseline"), base.fpr, base.tpr, m_baseline.rocAuc);
    const RocCurve roc = rocCurve(m_data.testY, m_scores);
    m_roc->addCurve(tr("model"), roc.fpr, roc.tpr, rocAuc(m_data.testY, m_scores));
    m_histogram->setScores(m_data.testY, m_scores, m_data.classNames);
    m_measurements["positive_rate"] = m_data.testY.mean();
    m_measurements["min_probability"] = m_scores.minCoeff();
    m_measurements["max_probability"] = m_scores.maxCoeff();
    recount();
}

void MetricsLab::recount()
{
    const double t = threshold();
    m_thresholdLabel->setText(QString::number(t, 'f', 2));
    m_histogram->setThreshold(t);
    if (m_scores.size() == 0 || m_scores.size() != m_data.testY.size())
        return;
    m_model = binaryMetrics(m_data.testY, m_scores, labelsAtThreshold(m_scores, t));
    m_confusion->setMatrix({m_model.tn, m_model.fp, m_model.fn, m_model.tp}, m_data.classNames);
    const double fpr = m_model.fp + m_model.tn > 0 ? m_model.fp / (m_model.fp + m_model.tn) : 0.0;
    m_roc->setCurrentPoint(fpr, m_model.recall, 1, tr("threshold %1").arg(t, 0, 'f', 2));
    for (int r = 0; r < kRowCount; ++r) {
        const double values[2] = {m_baseline.*kRows[r].field, m_model.*kRows[r].field};
        for (int c = 0; c < 2; ++c) {
            auto* item = new QTableWidgetItem(QString::number(values[c], 'f', 3));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
            if (std::isfinite(values[c]))
                m_measurements[QStringLiteral("%1_%2").arg(c == 0 ? "baseline" : "model", kRows[r].key)] = values[c];
        }
    }
    m_measurements["threshold"] = t;
    m_measurements["tp"] = m_model.tp;
    m_measurements["fp"] = m_model.fp;
    m_measurements["fn"] = m_model.fn;
    m_measurements["tn"] = m_model.tn;
}

void MetricsLab::onFinished(bool cancelled)
{
    m_trainButton->setEnabled(true);
    if (!cancelled && !hasError() && m_scores.size() > 0)
        m_status->setText(tr("Trained. Move the threshold: the rows marked * and the matrix change; ROC-AUC, average "
                             "precision, log loss and Brier do not."));
}

void MetricsLab::setThreshold(double t)
{
    m_threshold->setValue(static_cast<int>(std::lround(t * kSliderSteps)));
}

double MetricsLab::threshold() const
{
    return static_cast<double>(m_threshold->value()) / kSliderSteps;
}

void MetricsLab::errorShown()
{
    m_trainButton->setEnabled(!m_session->isRunning());
}

}  // namespace dslab
