#include "ui/labs/bias_variance_lab.h"

#include "engine/core/errors.h"
#include "engine/model_selection/bias_variance.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/complexity_curve_view.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/fit_curve_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

namespace {

constexpr int kDefaultTestRows = 200;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// What the worker hands the GUI: the decomposition at one value and the sweep so far.
struct DecompositionPicture {
    int index = -1;  // complexity index of the current decomposition; -1 before it is done
    double bias2 = 0, variance = 0, noise = 0, total = 0;
    Vector average;     // mean prediction at the test inputs
    Matrix fits;        // test inputs x bootstrap fits
    QVector<double> sweepBias, sweepVariance, sweepNoise, sweepTotal;  // NaN where not yet done
};

struct DecompositionJob {
    Pipeline pipeline;  // the knobs applied; the complexity parameter is set per value
    ComplexitySpec complexity;
    CurveData data;
    int index = 0;
    int fits = 50;
    bool sweep = false;
};

BiasVariance decompose(const DecompositionJob& job, int index, bool keep, TrainContext& ctx)
{
    Pipeline model = job.pipeline.cloneUnfitted();
    model.setParam(job.complexity.param.toStdString(), job.complexity.values[static_cast<std::size_t>(index)]);
    BiasVarianceOptions options;
    options.rounds = job.fits;
    options.testTrueFunction = &job.data.testTruth;
    options.keepPredictions = keep;
    return biasVarianceDecomposition(model, job.data.trainX, job.data.trainY, job.data.testX, job.data.testY, ctx,
                                     options);
}

const Predictor* runDecomposition(const std::shared_ptr<const DecompositionJob>& job,
                                  const std::shared_ptr<DecompositionPicture>& picture,
                                  const std::shared_ptr<Pipeline>& whole, TrainContext& ctx)
{
    const int n = job->complexity.count();
    TrainStep progress;
    progress.totalSteps = 1 + (job->sweep ? n : 0);
    // The session needs a model to hand its snapshot function: the fit on the whole sample.
    *whole = job->pipeline.cloneUnfitted();
    whole->setParam(job->complexity.param.toStdString(), job->complexity.values[static_cast<std::size_t>(job->index)]);
    TrainContext inner;  // no observer: the decomposition's fits report nothing themselves
    inner.seed = ctx.seed;
    inner.stop = ctx.stop;
    whole->fit(job->data.trainX, job->data.trainY, inner);

    const BiasVariance current = decompose(*job, job->index, true, inner);
    if (!ctx.checkpoint())
        return nullptr;
    picture->bias2 = current.bias;
    picture->variance = current.variance;
    picture->noise = current.noise;
    picture->total = current.expectedLoss;
    picture->average = current.mainPrediction;
    picture->fits = current.predictions;
    picture->index = job->index;
    progress.step = 1;
    ctx.report(progress, *whole);
    if (job->sweep) {
        picture->sweepBias = QVector<double>(n, kNaN);
        picture->sweepVariance = picture->sweepBias;
        picture->sweepNoise = picture->sweepBias;
        picture->sweepTotal = picture->sweepBias;
        for (int i = 0; i < n; ++i) {
            if (!ctx.checkpoint())
                return nullptr;
            const BiasVariance bv = i == job->index ? current : decompose(*job, i, false, inner);
            picture->sweepBias[i] = bv.bias;
            picture->sweepVariance[i] = bv.variance;
            picture->sweepNoise[i] = bv.noise;
            picture->sweepTotal[i] = bv.expectedLoss;
            progress.step = 2 + i;
            ctx.report(progress, *whole);
        }
    }
    return whole.get();
}

}  // namespace

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::DecompositionPicture)

namespace dslab {

BiasVarianceLab::BiasVarianceLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &BiasVarianceLab::onSteps);
    connect(m_session, &TrainingSession::snapshotArrived, this, &BiasVarianceLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &BiasVarianceLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &BiasVarianceLab::showError);
    buildUi();
}

BiasVarianceLab::~BiasVarianceLab()
{
    shutdown();
}

void BiasVarianceLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    m_dataControls->setKind(DatasetControls::Kind::Curve);
    controls->addWidget(m_dataControls, 1);
    auto* modelBox = new QGroupBox(tr("Model and resampling"), this);
    auto* form = new QFormLayout(modelBox);
    m_slider = new QSlider(Qt::Horizontal, modelBox);
    m_slider->setPageStep(1);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setAccessibleName(tr("model complexity"));
    m_sliderLabel = new QLabel(modelBox);
    m_sliderLabel->setMinimumWidth(m_sliderLabel->fontMetrics().horizontalAdvance("max_depth 000"));
    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_sliderLabel);
    form->addRow(sliderRow);
    m_fits = new QSpinBox(modelBox);
    m_fits->setRange(2, 500);
    m_fits->setSingleStep(10);
    m_fits->setAccessibleName(tr("number of bootstrap fits"));
    m_fits->setToolTip(tr("How many bootstrap samples of the training points the model is refitted on"));
    form->addRow(tr("n_fits"), m_fits);
    m_knobs = new ParamForm(modelBox);
    form->addRow(m_knobs);
    controls->addWidget(modelBox, 1);
    root->addLayout(controls);

    const RunRow row = createRunRow(tr("Train"), tr("Decompose the error at every complexity value; then move the slider"));
    m_trainButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_metrics = createSummaryLabel(tr("decomposition at the current complexity"));
    root->addWidget(m_metrics);

    auto* charts = new QSplitter(Qt::Horizontal, this);
    m_fitView = new FitCurveView(charts);
    auto* right = new QSplitter(Qt::Vertical, charts);
    m_bars = new FeatureBarView(right);
    m_bars->setMinimumSize(220, 110);
    m_curve = new ComplexityCurveView(right);
    m_curve->setMinimumSize(220, 160);
    right->setSizes({350, 650});
    charts->setSizes({1000, 1000});
    root->addWidget(charts, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &BiasVarianceLab::train);
    connect(m_dataControls, &DatasetControls::changed, this, [this] {
        reset();
        if (m_live)
            train();
    });
    connect(m_fits, &QSpinBox::valueChanged, this, &BiasVarianceLab::settingsChanged);
    connect(m_knobs, &ParamForm::valueChanged, this, &BiasVarianceLab::settingsChanged);
    connect(m_slider, &QSlider::valueChanged, this, [this] {
        updateSliderLabel();
        if (m_live)
            start(!m_sweepValid);
    });
}

void BiasVarianceLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    m_live = false;
    setPresetError({});
    m_dataControls->applyPreset(preset);
    m_pipeline = preset.value("pipeline").toObject();
    m_complexity = ComplexitySpec{};
    const QSignalBlocker blockSlider(m_slider), blockFits(m_fits);
    m_fits->setValue(preset.value("n_fits").toInt(50));
    try {
        const QString resample = preset.value("resample").toString("bootstrap");
        if (resample != "bootstrap")
            throw ParamError("resample must be \"bootstrap\" (the only resampling this lab does), not \""
                             + resample.toStdString() + "\"");
        const Pipeline pipeline = pipelineFromPreset(m_pipeline, preset.value("pipeline_params").toObject());
        const Estimator* model = pipeline.finalEstimator();
        if (!model || model->isClassifier())
            throw ParamError("the bias-variance lab decomposes squared error: its pipeline must end in a regressor");
        m_complexity = complexityFromPreset(preset, pipeline);
        m_modelStep = QString::fromStdString(pipeline.step(pipeline.stepCount() - 1).name);
        const QStringList visible = visibleModelKnobs(preset, *model, m_complexity, m_modelStep);
        m_knobs->build(model->paramSpecs(), model->params(), visible);
        m_knobs->setVisible(!visible.isEmpty());
        m_slider->setRange(0, m_complexity.count() - 1);
        m_slider->setValue(m_complexity.nearestIndex(pipeline));
    } catch (const std::exception& e) {
        m_knobs->build({}, {}, {});
        m_slider->setRange(0, 0);
        setPresetError(tr("This lab's preset cannot be used: %1").arg(QString::fromUtf8(e.what())));
    }
    updateSliderLabel();
    reset();
}

void BiasVarianceLab::reset()
{
    shutdown();
    clearError();
    m_sweepValid = false;
    for (auto* v : {&m_sweepBias, &m_sweepVariance, &m_sweepNoise, &m_sweepTotal})
        v->clear();
    m_measurements.clear();
    m_sweepMeasurements.clear();
    m_metrics->clear();
    m_curve->clear();
    m_bars->clear();
    m_fitView->clearCurves();
    try {
        m_data = buildCurveData(m_dataControls->dataPreset(m_preset), m_preset.value("test_samples").toInt(kDefaultTestRows),
                                true);
        if (!m_data.regression)
            throw DataError("the bias-variance lab decomposes squared error on the sine wave; choose the sine dataset");
    } catch (const std::exception& e) {
        m_data = CurveData{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    if (m_data.trainX.rows() > 0) {
        m_fitView->setPoints(m_data.trainX.col(0), m_data.trainY, {}, {});
        m_fitView->setGrid(m_data.testX.col(0));
        m_fitView->setTruth(m_data.testTruth);
        const double span = 1.3 + 2.5 * m_dataControls->dataPreset(m_preset).value("noise").toDouble();
        m_fitView->setYRange(-span, span);
    }
    m_curve->setAxisTitles(m_complexity.name(), tr("squared error"));
    m_status->setText(m_data.description + (m_live ? QString() : tr(". Press Train; then move the slider.")));
}

void BiasVarianceLab::settingsChanged()
{
    m_sweepValid = false;
    if (m_live)
        train();
    else
        m_status->setText(tr("The settings changed: press Train."));
}

void BiasVarianceLab::train()
{
    m_live = true;
    start(true);
}

void BiasVarianceLab::start(bool sweep)
{
    m_session->stopAndJoin();
    clearError();
    if (m_data.trainX.rows() == 0 || hasPresetError() || m_complexity.count() == 0)
        return;
    auto job = std::make_shared<DecompositionJob>();
    try {
        job->pipeline = pipelineFromPreset(m_pipeline, m_preset.value("pipeline_params").toObject());
        for (const auto& [name, value] : m_knobs->values())
            job->pipeline.setParam(m_modelStep.toStdString() + "__" + name, value);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    job->complexity = m_complexity;
    job->data = m_data;
    job->index = complexityIndex();
    job->fits = m_fits->value();
    job->sweep = sweep;
    if (sweep) {
        m_sweepValid = false;
        m_sweepMeasurements.clear();
        m_curve->setBest(kNaN, {});
        m_sweepBias = QVector<double>(m_complexity.count(), kNaN);
        m_sweepVariance = m_sweepNoise = m_sweepTotal = m_sweepBias;
    }
    auto picture = std::make_shared<DecompositionPicture>();
    auto whole = std::make_shared<Pipeline>();
    m_session->setSnapshotFunction([picture](const Predictor&) { return QVariant::fromValue(*picture); });
    std::shared_ptr<const DecompositionJob> shared = job;
    m_session->start([shared, picture, whole](TrainContext& ctx) { return runDecomposition(shared, picture, whole, ctx); },
                     static_cast<std::uint64_t>(m_dataControls->seed()));
    m_trainButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Refitting on %1 bootstrap samples…").arg(job->fits));
}

void BiasVarianceLab::onSteps(const QList<TrainStep>& steps)
{
    const TrainStep& last = steps.back();
    if (last.totalSteps > 1)
        m_status->setText(tr("Sweep: %1 of %2 values decomposed (%3 fits each)…")
                              .arg(std::max(0, last.step - 1))
                              .arg(last.totalSteps - 1)
                              .arg(m_fits->value()));
}

void BiasVarianceLab::onSnapshot(const QVariant& value, int)
{
    const auto p = value.value<DecompositionPicture>();
    if (p.index < 0 || p.index >= m_complexity.count())
        return;
    const double v = m_complexity.numbers[p.index];
    if (p.average.size() == m_data.testX.rows()) {
        m_fitView->setSpread(p.fits);
        m_fitView->setFit(p.average, tr("average of the fits"));
    }
    Vector bars(4);
    bars << p.bias2, p.variance, p.noise, p.total;
    m_bars->setMaxDisplay(0);
    m_bars->setValues(FeatureBarView::Mode::Magnitude, bars, Vector(),
                      {tr("bias²"), tr("variance"), tr("noise"), tr("total (measured)")});
    m_bars->setAxisLabel(tr("squared error at %1 %2").arg(m_complexity.name(), ComplexitySpec::valueText(v)));
    m_measurements["complexity"] = v;
    m_measurements["bias2"] = p.bias2;
    m_measurements["variance"] = p.variance;
    m_measurements["noise"] = p.noise;
    m_measurements["total"] = p.total;
    if (!p.sweepBias.isEmpty()) {
        m_sweepBias = p.sweepBias;
        m_sweepVariance = p.sweepVariance;
        m_sweepNoise = p.sweepNoise;
        m_sweepTotal = p.sweepTotal;
    }
    drawSweep();
    QString text = tr("At %1 <b>%2</b> over %3 bootstrap fits: bias² <b>%4</b> + variance <b>%5</b> + noise <b>%6</b> "
                      "= %7; measured total error <b>%8</b>")
                       .arg(m_complexity.name(), ComplexitySpec::valueText(v))
                       .arg(m_fits->value())
                       .arg(p.bias2, 0, 'g', 4)
                       .arg(p.variance, 0, 'g', 4)
                       .arg(p.noise, 0, 'g', 4)
                       .arg(p.bias2 + p.variance + p.noise, 0, 'g', 4)
                       .arg(p.total, 0, 'g', 4);
    if (m_sweepMeasurements.contains("best_value"))
        text += tr(" · lowest total at %1 %2").arg(m_complexity.name(), ComplexitySpec::valueText(m_sweepMeasurements.value("best_value")));
    m_metrics->setText(text);
}

void BiasVarianceLab::drawSweep()
{
    m_curve->setCurrent(m_complexity.numbers.value(complexityIndex()));
    if (m_sweepBias.size() != m_complexity.count())
        return;
    m_curve->setCurves(m_complexity.numbers, {{tr("bias²"), m_sweepBias, classColor(0), false},
                                              {tr("variance"), m_sweepVariance, classColor(5), false},
                                              {tr("total"), m_sweepTotal, classColor(2), false},
                                              {tr("noise"), m_sweepNoise, QColor(128, 128, 128), true}});
    int best = -1;
    for (int i = 0; i < m_sweepTotal.size(); ++i) {
        if (!std::isfinite(m_sweepTotal[i]))
            return;  // not complete yet
        if (best < 0 || m_sweepTotal[i] < m_sweepTotal[best])
            best = i;
    }
    if (best < 0)
        return;
    m_sweepMeasurements["best_value"] = m_complexity.numbers[best];
    m_sweepMeasurements["best_total"] = m_sweepTotal[best];
    for (int i = 0; i < m_sweepTotal.size(); ++i) {
        const QString at = ComplexitySpec::valueText(m_complexity.numbers[i]);
        m_sweepMeasurements["bias2_at_" + at] = m_sweepBias[i];
        m_sweepMeasurements["variance_at_" + at] = m_sweepVariance[i];
        m_sweepMeasurements["total_at_" + at] = m_sweepTotal[i];
    }
    m_curve->setBest(m_complexity.numbers[best],
                     tr("lowest total error at %1 %2").arg(m_complexity.name(), ComplexitySpec::valueText(m_complexity.numbers[best])));
    m_sweepValid = true;
}

QMap<QString, double> BiasVarianceLab::measurements() const
{
    QMap<QString, double> all = m_sweepMeasurements;
    all.insert(m_measurements);
    return all;
}

void BiasVarianceLab::onFinished(bool cancelled)
{
    m_trainButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    if (hasError())
        return;
    m_status->setText(cancelled ? tr("Cancelled.")
                                : tr("%1. Move the slider: each step repeats the %2 bootstrap fits on the worker.")
                                      .arg(m_data.description)
                                      .arg(m_fits->value()));
}

void BiasVarianceLab::updateSliderLabel()
{
    m_sliderLabel->setText(m_complexity.label(complexityIndex()));
}

void BiasVarianceLab::setComplexityIndex(int index)
{
    m_slider->setValue(index);
}

int BiasVarianceLab::complexityIndex() const
{
    return m_slider->value();
}

}  // namespace dslab
