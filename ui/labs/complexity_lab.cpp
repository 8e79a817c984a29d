#include "ui/labs/complexity_lab.h"

#include "engine/core/errors.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/complexity_curve_view.h"
#include "ui/charts/decision_boundary_view.h"
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
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

namespace dslab {

namespace {

constexpr int kCurvePoints = 300;   // regression: inputs at which the fitted curve is drawn
constexpr int kBoundaryGrid = 90;   // classification: grid cells per side
constexpr int kDefaultTestRows = 500;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

// What the worker hands the GUI: the fit at one complexity value and the sweep so far.
struct ComplexityPicture {
    int index = -1;  // complexity index of the single fit; -1 before it is done
    double trainError = 0, testError = 0;
    QVector<double> curve;  // regression: the fit at the grid inputs
    BoundaryField field;    // classification
    QVector<double> sweepTrain, sweepTest;  // NaN where not yet fitted; empty without a sweep
};

// Everything a job needs, copied from the GUI so it can change its own state meanwhile.
struct ComplexityJob {
    Pipeline pipeline;  // the knobs applied; the complexity parameter is set per fit
    ComplexitySpec complexity;
    CurveData data;
    int index = 0;
    bool sweep = false;
    Matrix grid;  // curve inputs (regression) or boundary grid (classification)
    QRectF bounds;
};

// Mean squared error (regression) or misclassification rate.
double errorOf(const Predictor& model, const Matrix& X, const Vector& y, bool regression)
{
    const Vector predicted = model.predict(X);
    if (regression)
        return (predicted - y).array().square().mean();
    return (predicted.array() != y.array()).cast<double>().mean();
}

// A fresh copy of the pipeline at complexity value `index`, fitted on the training sample.
std::unique_ptr<Pipeline> fitAt(const ComplexityJob& job, int index, const TrainContext& outer)
{
    auto model = std::make_unique<Pipeline>(job.pipeline.cloneUnfitted());
    model->setParam(job.complexity.param.toStdString(), job.complexity.values[static_cast<std::size_t>(index)]);
    TrainContext inner;  // no observer: the lab reports per fit, not per solver step
    inner.seed = outer.seed;
    inner.stop = outer.stop;
    model->fit(job.data.trainX, job.data.trainY, inner);
    return model;
}

const Predictor* runComplexity(const std::shared_ptr<const ComplexityJob>& job,
                               const std::shared_ptr<ComplexityPicture>& picture,
                               const std::shared_ptr<std::unique_ptr<Pipeline>>& keep, TrainContext& ctx)
{
    const CurveData& d = job->data;
    const int n = job->complexity.count();
    TrainStep progress;
    progress.totalSteps = 1 + (job->sweep ? n : 0);

    *keep = fitAt(*job, job->index, ctx);
    const Pipeline& model = **keep;
    picture->trainError = errorOf(model, d.trainX, d.trainY, d.regression);
    picture->testError = errorOf(model, d.testX, d.testY, d.regression);
    if (d.regression) {
        const Vector curve = model.predict(job->grid);
        picture->curve = QVector<double>(curve.data(), curve.data() + curve.size());
    } else {
        const Matrix proba = model.predictProba(job->grid);
        std::vector<float> values(static_cast<std::size_t>(proba.size()));
        for (Eigen::Index r = 0; r < proba.rows(); ++r)
            for (Eigen::Index c = 0; c < proba.cols(); ++c)
                values[static_cast<std::size_t>(r * proba.cols() + c)] = static_cast<float>(proba(r, c));
        picture->field.bounds = job->bounds;
        picture->field.image = renderBoundaryImage(values, kBoundaryGrid, static_cast<int>(proba.cols()));
    }
    picture->index = job->index;
    progress.step = 1;
    ctx.report(progress, model);

    if (job->sweep) {
        picture->sweepTrain = QVector<double>(n, kNaN);
        picture->sweepTest = QVector<double>(n, kNaN);
        for (int i = 0; i < n; ++i) {
            if (!ctx.checkpoint())
                return nullptr;
            const auto fitted = fitAt(*job, i, ctx);
            picture->sweepTrain[i] = errorOf(*fitted, d.trainX, d.trainY, d.regression);
            picture->sweepTest[i] = errorOf(*fitted, d.testX, d.testY, d.regression);
            progress.step = 2 + i;
            progress.metrics["fitted_values"] = i + 1;
            ctx.report(progress, model);
        }
    }
    return &model;
}

}  // namespace

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::ComplexityPicture)

namespace dslab {

ComplexityLab::ComplexityLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &ComplexityLab::onSteps);
    connect(m_session, &TrainingSession::snapshotArrived, this, &ComplexityLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &ComplexityLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &ComplexityLab::showError);
    buildUi();
}

ComplexityLab::~ComplexityLab()
{
    shutdown();
}

void ComplexityLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    m_dataControls->setKind(DatasetControls::Kind::Curve);
    controls->addWidget(m_dataControls, 1);
    auto* modelBox = new QGroupBox(tr("Model complexity"), this);
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
    m_knobs = new ParamForm(modelBox);
    form->addRow(m_knobs);
    controls->addWidget(modelBox, 1);
    root->addLayout(controls);

    const RunRow row = createRunRow(tr("Train"), tr("Fit the model at every complexity value; then move the slider"));
    m_trainButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_metrics = createSummaryLabel(tr("errors at the current complexity"));
    root->addWidget(m_metrics);

    auto* charts = new QSplitter(Qt::Horizontal, this);
    m_pictures = new QStackedWidget(charts);
    m_fitView = new FitCurveView(m_pictures);
    m_boundary = new DecisionBoundaryView(m_pictures);
    m_pictures->addWidget(m_fitView);
    m_pictures->addWidget(m_boundary);
    m_curve = new ComplexityCurveView(charts);
    charts->setSizes({1000, 1000});
    root->addWidget(charts, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &ComplexityLab::train);
    connect(m_dataControls, &DatasetControls::changed, this, [this] {
        reset();
        if (m_live)
            train();
    });
    connect(m_knobs, &ParamForm::valueChanged, this, &ComplexityLab::modelChanged);
    connect(m_slider, &QSlider::valueChanged, this, [this] {
        updateSliderLabel();
        refitCurrent();
    });
}

void ComplexityLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    m_live = false;
    setPresetError({});
    m_dataControls->applyPreset(preset);
    m_pipeline = preset.value("pipeline").toObject();
    m_complexity = ComplexitySpec{};
    const QSignalBlocker blockSlider(m_slider);
    try {
        const Pipeline pipeline = pipelineFromPreset(m_pipeline, preset.value("pipeline_params").toObject());
        const Estimator* model = pipeline.finalEstimator();
        if (!model)
            throw ParamError("the complexity lab's pipeline must end in a model");
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

void ComplexityLab::reset()
{
    shutdown();
    clearError();
    m_sweepValid = false;
    m_sweepTrain.clear();
    m_sweepTest.clear();
    m_measurements.clear();
    m_sweepMeasurements.clear();
    m_metrics->clear();
    m_curve->clear();
    m_fitView->clearCurves();
    m_boundary->clearField();
    try {
        m_data = buildCurveData(m_dataControls->dataPreset(m_preset), m_preset.value("test_samples").toInt(kDefaultTestRows));
    } catch (const std::exception& e) {
        m_data = CurveData{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    m_pictures->setCurrentWidget(m_data.regression ? static_cast<QWidget*>(m_fitView) : m_boundary);
    if (m_data.trainX.rows() > 0) {
        if (m_data.regression) {
            m_fitView->setPoints(m_data.trainX.col(0), m_data.trainY, m_data.testX.col(0), m_data.testY);
            Vector grid = Vector::LinSpaced(kCurvePoints, m_data.xMin, m_data.xMax);
            m_fitView->setGrid(grid);
            m_fitView->setTruth(grid.unaryExpr([](double v) { return sineTruth(v); }));
            const double span = 1.3 + 2.5 * m_dataControls->dataPreset(m_preset).value("noise").toDouble();
            m_fitView->setYRange(-span, span);
        } else {
            QVector<DecisionBoundaryView::Point> points;
            for (Eigen::Index i = 0; i < m_data.trainX.rows(); ++i)
                points.push_back({QPointF(m_data.trainX(i, 0), m_data.trainX(i, 1)), static_cast<int>(m_data.trainY(i)), false});
            // A sample of the test points, hollow, so the training points stay readable.
            const Eigen::Index stride = std::max<Eigen::Index>(1, m_data.testX.rows() / 150);
            for (Eigen::Index i = 0; i < m_data.testX.rows(); i += stride)
                points.push_back({QPointF(m_data.testX(i, 0), m_data.testX(i, 1)), static_cast<int>(m_data.testY(i)), true});
            m_boundary->setPoints(points, m_data.classNames, m_data.xName, m_data.yName);
            m_boundary->setBounds(m_data.bounds());
        }
    }
    m_curve->setAxisTitles(m_complexity.name(), m_data.regression ? tr("mean squared error") : tr("error rate (1 − accuracy)"));
    m_status->setText(m_data.description + (m_live ? QString() : tr(". Press Train; then move the slider.")));
}

void ComplexityLab::modelChanged()
{
    m_sweepValid = false;
    if (m_live)
        train();
    else
        m_status->setText(tr("The model changed: press Train."));
}

void ComplexityLab::train()
{
    m_live = true;
    start(true);
}

void ComplexityLab::refitCurrent()
{
    if (!m_live)
        return;
    // A sweep cut short by the slider is run again with this fit.
    start(!m_sweepValid);
}

void ComplexityLab::start(bool sweep)
{
    m_session->stopAndJoin();
    clearError();
    if (m_data.trainX.rows() == 0 || hasPresetError() || m_complexity.count() == 0)
        return;
    auto job = std::make_shared<ComplexityJob>();
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
    job->sweep = sweep;
    if (m_data.regression) {
        job->grid = Vector::LinSpaced(kCurvePoints, m_data.xMin, m_data.xMax);
    } else {
        job->bounds = m_data.bounds();
        job->grid.resize(static_cast<Eigen::Index>(kBoundaryGrid) * kBoundaryGrid, 2);
        for (int gy = 0; gy < kBoundaryGrid; ++gy)
            for (int gx = 0; gx < kBoundaryGrid; ++gx) {
                const Eigen::Index row = static_cast<Eigen::Index>(gy) * kBoundaryGrid + gx;
                job->grid(row, 0) = job->bounds.left() + (gx + 0.5) / kBoundaryGrid * job->bounds.width();
                job->grid(row, 1) = job->bounds.top() + (gy + 0.5) / kBoundaryGrid * job->bounds.height();
            }
    }
    if (sweep) {
        m_sweepValid = false;
        m_sweepMeasurements.clear();
        m_curve->setBest(kNaN, {});
        m_sweepTrain = QVector<double>(m_complexity.count(), kNaN);
        m_sweepTest = m_sweepTrain;
    }
    auto picture = std::make_shared<ComplexityPicture>();
    auto keep = std::make_shared<std::unique_ptr<Pipeline>>();
    m_session->setSnapshotFunction([picture](const Predictor&) { return QVariant::fromValue(*picture); });
    std::shared_ptr<const ComplexityJob> shared = job;
    m_session->start([shared, picture, keep](TrainContext& ctx) { return runComplexity(shared, picture, keep, ctx); },
                     static_cast<std::uint64_t>(m_dataControls->seed()));
    m_trainButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(sweep ? tr("Fitting every %1…").arg(m_complexity.name()) : tr("Fitting…"));
}

void ComplexityLab::onSteps(const QList<TrainStep>& steps)
{
    const TrainStep& last = steps.back();
    if (last.totalSteps > 1)
        m_status->setText(tr("Sweep: %1 of %2 values fitted…").arg(std::max(0, last.step - 1)).arg(last.totalSteps - 1));
}

void ComplexityLab::onSnapshot(const QVariant& value, int)
{
    const auto p = value.value<ComplexityPicture>();
    if (p.index < 0 || p.index >= m_complexity.count())
        return;
    const double v = m_complexity.numbers[p.index];
    const QString fitName = tr("fit, %1 %2").arg(m_complexity.name(), ComplexitySpec::valueText(v));
    if (m_data.regression && p.curve.size() == kCurvePoints)
        m_fitView->setFit(Eigen::Map<const Vector>(p.curve.data(), p.curve.size()), fitName);
    else if (!m_data.regression && !p.field.image.isNull())
        m_boundary->setField(p.field);
    m_measurements["complexity"] = v;
    m_measurements["train_error"] = p.trainError;
    m_measurements["test_error"] = p.testError;
    if (!m_data.regression) {
        m_measurements["train_accuracy"] = 1 - p.trainError;
        m_measurements["test_accuracy"] = 1 - p.testError;
    }
    if (!p.sweepTrain.isEmpty()) {
        m_sweepTrain = p.sweepTrain;
        m_sweepTest = p.sweepTest;
    }
    drawSweep();
    const QString unit = m_data.regression ? tr("MSE") : tr("error rate");
    QString text = tr("At %1 <b>%2</b>: training %3 <b>%4</b> · test %3 <b>%5</b>")
                       .arg(m_complexity.name(), ComplexitySpec::valueText(v), unit)
                       .arg(p.trainError, 0, 'g', 4)
                       .arg(p.testError, 0, 'g', 4);
    if (m_sweepMeasurements.contains("best_value"))
        text += tr(" · lowest test %1 %2 at %3 %4")
                    .arg(unit)
                    .arg(m_sweepMeasurements.value("best_test_error"), 0, 'g', 4)
                    .arg(m_complexity.name(), ComplexitySpec::valueText(m_sweepMeasurements.value("best_value")));
    m_metrics->setText(text);
}

void ComplexityLab::drawSweep()
{
    m_curve->setCurrent(m_complexity.numbers.value(complexityIndex()));
    if (m_sweepTrain.size() != m_complexity.count())
        return;
    const QString unit = m_data.regression ? tr("MSE") : tr("error");
    m_curve->setCurves(m_complexity.numbers, {{tr("training %1").arg(unit), m_sweepTrain, classColor(0), false},
                                              {tr("test %1").arg(unit), m_sweepTest, classColor(5), false}});
    int best = -1;
    for (int i = 0; i < m_sweepTest.size(); ++i) {
        if (!std::isfinite(m_sweepTest[i]) || !std::isfinite(m_sweepTrain[i]))
            return;  // the sweep is not complete yet
        if (best < 0 || m_sweepTest[i] < m_sweepTest[best])
            best = i;
    }
    if (best < 0)
        return;
    const int last = static_cast<int>(m_sweepTest.size()) - 1;
    m_sweepMeasurements["best_value"] = m_complexity.numbers[best];
    m_sweepMeasurements["best_test_error"] = m_sweepTest[best];
    m_sweepMeasurements["train_error_first"] = m_sweepTrain[0];
    m_sweepMeasurements["test_error_first"] = m_sweepTest[0];
    m_sweepMeasurements["train_error_last"] = m_sweepTrain[last];
    m_sweepMeasurements["test_error_last"] = m_sweepTest[last];
    for (int i = 0; i <= last; ++i) {
        m_sweepMeasurements["train_error_at_" + ComplexitySpec::valueText(m_complexity.numbers[i])] = m_sweepTrain[i];
        m_sweepMeasurements["test_error_at_" + ComplexitySpec::valueText(m_complexity.numbers[i])] = m_sweepTest[i];
    }
    m_curve->setBest(m_complexity.numbers[best],
                     tr("lowest test error at %1 %2").arg(m_complexity.name(), ComplexitySpec::valueText(m_complexity.numbers[best])));
    m_sweepValid = true;
}

QMap<QString, double> ComplexityLab::measurements() const
{
    QMap<QString, double> all = m_sweepMeasurements;
    all.insert(m_measurements);
    return all;
}

void ComplexityLab::onFinished(bool cancelled)
{
    m_trainButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    if (hasError())
        return;
    if (cancelled)
        m_status->setText(tr("Cancelled."));
    else
        m_status->setText(tr("%1. Move the slider: each step refits one model on the worker.").arg(m_data.description));
}

void ComplexityLab::updateSliderLabel()
{
    m_sliderLabel->setText(m_complexity.label(complexityIndex()));
    m_slider->setToolTip(tr("%1: the model's complexity (%2)").arg(m_complexity.name(), m_complexity.param));
}

void ComplexityLab::setComplexityIndex(int index)
{
    m_slider->setValue(index);
}

int ComplexityLab::complexityIndex() const
{
    return m_slider->value();
}

}  // namespace dslab
