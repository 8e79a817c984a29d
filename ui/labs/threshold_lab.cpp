#include "ui/labs/threshold_lab.h"

#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/probability_metrics.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/charts/roc_pr_curve_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

namespace dslab {

namespace {

constexpr int kSliderSteps = 100;  // the slider moves in steps of 0.01

struct Counts {
    double tp = 0, fp = 0, fn = 0, tn = 0;
    double precision() const { return tp + fp > 0 ? tp / (tp + fp) : 0.0; }  // zero_division = 0, as scikit-learn's default
    double recall() const { return tp + fn > 0 ? tp / (tp + fn) : 0.0; }
    double accuracy() const { return (tp + tn) / std::max(1.0, tp + fp + fn + tn); }
    double fBeta(double beta) const
    {
        const double b2 = beta * beta;
        const double denominator = (1 + b2) * tp + b2 * fn + fp;
        return denominator > 0 ? (1 + b2) * tp / denominator : 0.0;
    }
};

// A row is predicted positive when its probability reaches the threshold.
Counts countAt(const Vector& scores, const Vector& truth, double threshold)
{
    Counts c;
    for (Eigen::Index i = 0; i < scores.size(); ++i) {
        const bool predicted = scores(i) >= threshold;
        const bool positive = truth(i) == 1.0;
        (predicted ? (positive ? c.tp : c.fp) : (positive ? c.fn : c.tn)) += 1;
    }
    return c;
}

}  // namespace

ThresholdLab::ThresholdLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::snapshotArrived, this, &ThresholdLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &ThresholdLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &ThresholdLab::showError);
    buildUi();
}

ThresholdLab::~ThresholdLab()
{
    shutdown();
}

void ThresholdLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    controls->addWidget(m_dataControls, 1);
    auto* modelBox = new QGroupBox(tr("Model and threshold"), this);
    auto* form = new QFormLayout(modelBox);
    m_minority = new QDoubleSpinBox(modelBox);
    m_minority->setRange(0.01, 0.5);
    m_minority->setSingleStep(0.01);
    m_minority->setAccessibleName(tr("share of the positive class"));
    m_minority->setToolTip(tr("Share of positives in the imbalanced generator (the weights' second entry)"));
    m_knobs = new ParamForm(modelBox);
    m_threshold = new QSlider(Qt::Horizontal, modelBox);
    m_threshold->setRange(0, kSliderSteps);
    m_threshold->setAccessibleName(tr("decision threshold"));
    m_threshold->setToolTip(tr("A row is predicted positive when its probability is at least the threshold"));
    m_thresholdLabel = new QLabel(modelBox);
    auto* thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_threshold, 1);
    thresholdRow->addWidget(m_thresholdLabel);
    m_beta = new QDoubleSpinBox(modelBox);
    m_beta->setRange(0.1, 10);
    m_beta->setSingleStep(0.5);
    m_beta->setAccessibleName(tr("beta of the F-beta score"));
    m_beta->setToolTip(tr("F-beta weighs recall beta times as much as precision (beta = 1: F1)"));
    form->addRow(tr("positive share"), m_minority);
    form->addRow(m_knobs);
    form->addRow(tr("threshold"), thresholdRow);
    form->addRow(tr("beta"), m_beta);
    controls->addWidget(modelBox, 1);
    root->addLayout(controls);

    auto* buttons = new QHBoxLayout;
    m_trainButton = new QPushButton(tr("Train"), this);
    m_trainButton->setToolTip(tr("Fit the model once; then move the threshold freely"));
    buttons->addWidget(m_trainButton);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);
    root->addWidget(createErrorLabel());
    m_metrics = createSummaryLabel(tr("metrics at the threshold"));
    root->addWidget(m_metrics);

    auto* charts = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, charts);
    m_confusion = new ConfusionMatrixView(top);
    m_fCurve = new LearningCurveView(tr("score"), {tr("precision"), tr("recall"), tr("F-beta")}, top);
    m_fCurve->setXTitle(tr("threshold"));
    auto* bottom = new QSplitter(Qt::Horizontal, charts);
    m_roc = new RocPrCurveView(RocPrCurveView::Kind::Roc, bottom);
    m_pr = new RocPrCurveView(RocPrCurveView::Kind::PrecisionRecall, bottom);
    // Four charts share the lab: smaller floors keep 1280x720 unclipped.
    for (QWidget* w : {static_cast<QWidget*>(m_roc), static_cast<QWidget*>(m_pr)})
        w->setMinimumSize(200, 150);
    m_confusion->setMinimumSize(160, 120);
    m_fCurve->setMinimumSize(200, 120);
    // Equal shares: the ROC and PR curves need as much room as the matrix.
    charts->setStretchFactor(0, 1);
    charts->setStretchFactor(1, 1);
    charts->setSizes({1000, 1000});
    top->setSizes({1000, 1000});
    root->addWidget(charts, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &ThresholdLab::train);
    connect(m_dataControls, &DatasetControls::changed, this, &ThresholdLab::reset);
    connect(m_minority, &QDoubleSpinBox::valueChanged, this, &ThresholdLab::reset);
    connect(m_knobs, &ParamForm::valueChanged, this, [this] {
        m_scores.resize(0);
        m_session->stopAndJoin();
        m_status->setText(tr("The model changed: press Train."));
    });
    connect(m_threshold, &QSlider::valueChanged, this, &ThresholdLab::recount);
    connect(m_beta, &QDoubleSpinBox::valueChanged, this, [this] {
        drawFBetaCurve();
        recount();
    });
}

void ThresholdLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_dataControls->setKind(DatasetControls::Kind::Plane);
    const QSignalBlocker b1(m_minority), b2(m_threshold), b3(m_beta);
    m_dataControls->applyPreset(preset);
    const QJsonArray weights = preset.value("weights").toArray();
    m_minority->setValue(weights.size() == 2 ? weights.at(1).toDouble(0.1) : preset.value("ratio").toDouble(0.1));
    m_threshold->setValue(static_cast<int>(std::lround(preset.value("threshold").toDouble(0.5) * kSliderSteps)));
    m_thresholdLabel->setText(QString::number(threshold(), 'f', 2));
    m_beta->setValue(preset.value("beta").toDouble(1.0));
    m_pipeline = preset.value("pipeline").toObject();
    try {
        const Pipeline pipeline = pipelineFromPreset(m_pipeline, preset.value("pipeline_params").toObject());
        const Estimator* model = pipeline.finalEstimator();
        if (!model || !model->isClassifier())
            throw ParamError("the threshold lab's pipeline must end in a classifier");
        m_modelStep = QString::fromStdString(pipeline.step(pipeline.stepCount() - 1).name);
        QStringList knobs;
        for (const auto& k : preset.value("knobs").toArray())
            knobs << k.toString();
        m_knobs->build(model->paramSpecs(), model->params(), knobs);
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
    reset();
}

void ThresholdLab::reset()
{
    shutdown();
    clearError();
    m_scores.resize(0);
    m_measurements.clear();
    m_confusion->clear();
    m_fCurve->clear();
    m_roc->clearCurves();
    m_pr->clearCurves();
    m_metrics->clear();
    QJsonObject data = m_dataControls->dataPreset(m_preset);
    data.insert("ratio", m_minority->value());
    data.insert("validation_fraction", m_preset.value("test_size").toDouble(0.5));
    try {
        m_data = buildPlaneDataset(data, m_datasetsDir);
        if (m_data.classCount() != 2)
            throw DataError("the threshold lab needs two classes; '" + m_data.description.toStdString() + "' has "
                            + std::to_string(m_data.classCount()));
    } catch (const std::exception& e) {
        m_data = PlaneDataset{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    m_status->setText(tr("%1. Press Train; then move the threshold.").arg(m_data.description));
}

void ThresholdLab::train()
{
    m_session->stopAndJoin();
    clearError();
    if (m_data.trainX.rows() == 0 || hasPresetError())
        return;
    std::shared_ptr<Pipeline> pipeline;
    try {
        pipeline = std::make_shared<Pipeline>(pipelineFromPreset(m_pipeline, m_preset.value("pipeline_params").toObject()));
        for (const auto& [name, value] : m_knobs->values())
            pipeline->setParam(m_modelStep.toStdString() + "__" + name, value);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    auto data = std::make_shared<const PlaneDataset>(m_data);
    // The worker's one picture: P(positive) of every held-out row.
    m_session->setSnapshotFunction([data](const Predictor& model) {
        const Matrix proba = model.predictProba(data->validationX);
        return QVariant::fromValue(QVector<double>(proba.col(proba.cols() - 1).data(),
                                                   proba.col(proba.cols() - 1).data() + proba.rows()));
    });
    m_session->start(
        [pipeline, data](TrainContext& ctx) -> const Predictor* {
            pipeline->fit(data->trainX, data->trainY, ctx);
            return pipeline.get();
        },
        static_cast<std::uint64_t>(m_dataControls->seed()));
    m_trainButton->setEnabled(false);
    m_status->setText(tr("Training…"));
}

void ThresholdLab::onSnapshot(const QVariant& value, int)
{
    const auto scores = value.value<QVector<double>>();
    m_scores = Eigen::Map<const Vector>(scores.data(), scores.size());
    const Vector& y = m_data.validationY;
    if (m_scores.size() != y.size())
        return;
    const RocCurve roc = rocCurve(y, m_scores);
    const double auc = rocAuc(y, m_scores);
    const PrecisionRecallCurve pr = precisionRecallCurve(y, m_scores);
    const double ap = averagePrecision(y, m_scores);
    const double positiveRate = (y.array() == 1.0).cast<double>().mean();
    m_roc->clearCurves();
    m_roc->addCurve(tr("model"), roc.fpr, roc.tpr, auc);
    m_pr->clearCurves();
    m_pr->addCurve(tr("model"), pr.recall, pr.precision, ap);
    m_pr->setPositiveRate(positiveRate);
    m_measurements["roc_auc"] = auc;
    m_measurements["average_precision"] = ap;
    m_measurements["positive_rate"] = positiveRate;
    drawFBetaCurve();
    recount();
}

void ThresholdLab::drawFBetaCurve()
{
    m_fCurve->clear();
    if (m_scores.size() == 0)
        return;
    QList<QPointF> precision, recall, fBeta;
    double best = -1, bestThreshold = 0.5;
    for (int s = 1; s < kSliderSteps; ++s) {
        const double t = static_cast<double>(s) / kSliderSteps;
        const Counts c = countAt(m_scores, m_data.validationY, t);
        precision << QPointF(t, c.precision());
        recall << QPointF(t, c.recall());
        fBeta << QPointF(t, c.fBeta(m_beta->value()));
        if (c.fBeta(m_beta->value()) > best) {
            best = c.fBeta(m_beta->value());
            bestThreshold = t;
        }
    }
    m_fCurve->append(0, precision);
    m_fCurve->append(1, recall);
    m_fCurve->append(2, fBeta);
    m_measurements["best_threshold"] = bestThreshold;
    m_measurements["best_f_beta"] = best;
}

void ThresholdLab::recount()
{
    const double t = threshold();
    m_thresholdLabel->setText(QString::number(t, 'f', 2));
    if (m_scores.size() == 0 || m_scores.size() != m_data.validationY.size())
        return;
    const Counts c = countAt(m_scores, m_data.validationY, t);
    m_confusion->setMatrix({c.tn, c.fp, c.fn, c.tp}, m_data.classNames);
    const double fpr = c.fp + c.tn > 0 ? c.fp / (c.fp + c.tn) : 0.0;
    const QString label = tr("threshold %1").arg(t, 0, 'f', 2);
    m_roc->setCurrentPoint(fpr, c.recall(), 0, label);
    m_pr->setCurrentPoint(c.recall(), c.tp + c.fp > 0 ? c.precision() : 1.0, 0, label);
    const double beta = m_beta->value();
    m_measurements["accuracy"] = c.accuracy();
    m_measurements["precision"] = c.precision();
    m_measurements["recall"] = c.recall();
    m_measurements["f_beta"] = c.fBeta(beta);
    m_measurements["tp"] = c.tp;
    m_measurements["fp"] = c.fp;
    m_measurements["fn"] = c.fn;
    m_measurements["tn"] = c.tn;
    m_metrics->setText(tr("At threshold <b>%1</b>: accuracy %2 · precision %3 · recall %4 · <b>F%5 %6</b> "
                          "(best F%5 %7 at threshold %8) · ROC-AUC %9 · average precision %10")
                           .arg(t, 0, 'f', 2)
                           .arg(c.accuracy(), 0, 'f', 3)
                           .arg(c.precision(), 0, 'f', 3)
                           .arg(c.recall(), 0, 'f', 3)
                           .arg(beta, 0, 'g', 3)
                           .arg(c.fBeta(beta), 0, 'f', 3)
                           .arg(m_measurements.value("best_f_beta"), 0, 'f', 3)
                           .arg(m_measurements.value("best_threshold"), 0, 'f', 2)
                           .arg(m_measurements.value("roc_auc"), 0, 'f', 3)
                           .arg(m_measurements.value("average_precision"), 0, 'f', 3));
}

void ThresholdLab::onFinished(bool cancelled)
{
    m_trainButton->setEnabled(true);
    if (!cancelled && !hasError())
        m_status->setText(tr("Trained. Move the threshold: nothing is retrained, the held-out predictions are re-counted."));
}

void ThresholdLab::setThreshold(double t)
{
    m_threshold->setValue(static_cast<int>(std::lround(t * kSliderSteps)));
}

double ThresholdLab::threshold() const
{
    return static_cast<double>(m_threshold->value()) / kSliderSteps;
}

void ThresholdLab::setBeta(double beta)
{
    m_beta->setValue(beta);
}

void ThresholdLab::errorShown()
{
    m_trainButton->setEnabled(!m_session->isRunning());
}

}  // namespace dslab
