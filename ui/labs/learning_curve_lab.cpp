#include "ui/labs/learning_curve_lab.h"

#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/learning_curve.h"
#include "engine/model_selection/scorer.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/chart_painting.h"
#include "ui/charts/line_band_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <memory>

namespace dslab {

namespace {

// Thresholds of the diagnosis, on the score's own scale (accuracy-like).
constexpr double kWideGap = 0.06;   // train minus validation above this: variance
constexpr double kFlatGain = 0.015; // validation rising less than this over the second half: plateau

struct SizeJob {
    Matrix X;
    Vector y;
    std::shared_ptr<Pipeline> pipeline;
    std::vector<double> sizes;
    int folds = 5;
    bool classifier = true;
    std::string scoring;
};

// One learningCurve call per size, so each size is reported when it is done.
const Predictor* runSizes(const std::shared_ptr<const SizeJob>& job, TrainContext& ctx)
{
    std::unique_ptr<CrossValidator> cv;
    if (job->classifier)
        cv = std::make_unique<StratifiedKFold>(job->folds);
    else
        cv = std::make_unique<KFold>(job->folds);
    for (std::size_t i = 0; i < job->sizes.size(); ++i) {
        if (ctx.cancelled())
            return nullptr;
        TrainContext inner;
        inner.seed = ctx.seed;
        inner.stop = ctx.stop;
        const LearningCurve curve = learningCurve(*job->pipeline, job->X, job->y, *cv, {job->sizes[i]}, inner, job->scoring);
        if (ctx.cancelled() || curve.testScores.empty())
            return nullptr;
        TrainStep step;
        step.step = static_cast<int>(i) + 1;
        step.totalSteps = static_cast<int>(job->sizes.size());
        step.metrics["rows"] = static_cast<double>(curve.trainSizes.front());
        step.metrics["train_mean"] = mean(curve.trainScores.front());
        step.metrics["train_std"] = populationStd(curve.trainScores.front());
        step.metrics["test_mean"] = mean(curve.testScores.front());
        step.metrics["test_std"] = populationStd(curve.testScores.front());
        if (ctx.observer)
            ctx.observer->onStep(step, *job->pipeline);  // no snapshot in this mode: the view is never read
    }
    return nullptr;
}

QVector<double> accuracies(const Predictor& model, const PlaneDataset& data)
{
    return {accuracy(data.trainY, model.predict(data.trainX)), accuracy(data.validationY, model.predict(data.validationX))};
}

}  // namespace

LearningCurveLab::LearningCurveLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &LearningCurveLab::onSteps);
    connect(m_session, &TrainingSession::snapshotArrived, this, &LearningCurveLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &LearningCurveLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &LearningCurveLab::showError);
    buildUi();
}

LearningCurveLab::~LearningCurveLab()
{
    shutdown();
}

void LearningCurveLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    controls->addWidget(m_dataControls, 1);
    auto* box = new QGroupBox(tr("Curve and model"), this);
    auto* form = new QFormLayout(box);
    m_curve = new QComboBox(box);
    m_curve->addItem(tr("score vs training rows"), QStringLiteral("train_size"));
    m_curve->addItem(tr("loss vs epoch (one fit)"), QStringLiteral("epochs"));
    m_curve->setAccessibleName(tr("curve"));
    m_trainSizes = new QLineEdit(box);
    m_trainSizes->setAccessibleName(tr("training sizes"));
    m_trainSizes->setToolTip(tr("Fractions of a fold's training part (0.1, 0.5, 1) or row counts, comma-separated"));
    m_cv = new QSpinBox(box);
    m_cv->setRange(2, 20);
    m_cv->setAccessibleName(tr("folds"));
    m_cv->setToolTip(tr("Folds of the cross-validation behind each point (stratified for a classifier)"));
    m_scoring = new QComboBox(box);
    m_scoring->setAccessibleName(tr("scoring"));
    m_knobs = new ParamForm(box);
    form->addRow(tr("curve"), m_curve);
    form->addRow(tr("train_sizes"), m_trainSizes);
    form->addRow(tr("cv folds"), m_cv);
    form->addRow(tr("scoring"), m_scoring);
    form->addRow(m_knobs);
    controls->addWidget(box, 1);
    root->addLayout(controls);

    const RunRow row = createRunRow(tr("Run"), tr("Refit on growing training sets (rows), or train once and record every epoch"));
    m_runButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_diagnosis = createSummaryLabel(tr("diagnosis"));
    root->addWidget(m_diagnosis);
    m_chart = new LineBandView(this);
    m_chart->setAccessibleName(tr("learning curve"));
    root->addWidget(m_chart, 1);

    connect(m_runButton, &QPushButton::clicked, this, &LearningCurveLab::run);
    connect(m_dataControls, &DatasetControls::changed, this, &LearningCurveLab::reset);
    connect(m_curve, &QComboBox::currentIndexChanged, this, &LearningCurveLab::reset);
    connect(m_trainSizes, &QLineEdit::editingFinished, this, &LearningCurveLab::reset);
    connect(m_cv, &QSpinBox::valueChanged, this, &LearningCurveLab::reset);
    connect(m_scoring, &QComboBox::currentIndexChanged, this, &LearningCurveLab::reset);
    connect(m_knobs, &ParamForm::valueChanged, this, &LearningCurveLab::reset);
}

QString LearningCurveLab::curveKind() const
{
    return m_curve->currentData().toString();
}

void LearningCurveLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_dataControls->setKind(DatasetControls::Kind::Plane);
    const QSignalBlocker b1(m_curve), b2(m_trainSizes), b3(m_cv), b4(m_scoring);
    m_dataControls->applyPreset(preset);
    m_pipeline = preset.value("pipeline").toObject();
    QStringList sizes;
    for (const auto& v : preset.value("train_sizes").toArray())
        sizes << formatNumber(v.toDouble(), 4);
    m_trainSizes->setText(sizes.isEmpty() ? QStringLiteral("0.1, 0.25, 0.5, 0.75, 1") : sizes.join(QStringLiteral(", ")));
    m_cv->setValue(preset.value("cv").toInt(5));
    try {
        const QString curve = preset.value("curve").toString("train_size");
        const int curveIndex = m_curve->findData(curve);
        if (curveIndex < 0)
            throw ParamError("curve must be \"train_size\" or \"epochs\", not \"" + curve.toStdString() + "\"");
        m_curve->setCurrentIndex(curveIndex);
        const Pipeline pipeline = pipelineFromPreset(m_pipeline, preset.value("pipeline_params").toObject());
        const Estimator* model = pipeline.finalEstimator();
        if (!model)
            throw ParamError("the learning-curve lab's pipeline must end in a model");
        m_classifier = model->isClassifier();
        m_modelStep = QString::fromStdString(pipeline.step(pipeline.stepCount() - 1).name);
        m_scoring->clear();
        for (const std::string& name : scorerNames()) {
            try {
                makeScorer(name, m_classifier);
                m_scoring->addItem(QString::fromStdString(name));
            } catch (const Error&) {
                // a scorer of the other task
            }
        }
        const QString scoring = preset.value("scoring").toString(m_classifier ? "accuracy" : "r2");
        const int scoringIndex = m_scoring->findText(scoring);
        // The epoch curve plots the model's own loss, so its scoring is only a label.
        if (scoringIndex < 0 && curve == QLatin1String("train_size"))
            throw ParamError("unknown scoring '" + scoring.toStdString() + "' for this model; e.g. "
                             + (m_classifier ? "accuracy" : "r2"));
        m_scoring->setCurrentIndex(std::max(0, scoringIndex));
        // The knobs the lesson lists that this model has (C for a logistic
        // regression, max_depth for a tree, ...); curve keys have their own controls.
        QStringList own;
        for (const auto& k : preset.value("knobs").toArray())
            for (const ParamSpec& s : model->paramSpecs())
                if (QString::fromStdString(s.name) == k.toString())
                    own << k.toString();
        if (own.isEmpty())
            m_knobs->build({}, {}, {});
        else
            m_knobs->build(model->paramSpecs(), model->params(), own);
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's preset cannot be used: %1").arg(QString::fromUtf8(e.what())));
    }
    reset();
}

void LearningCurveLab::reset()
{
    shutdown();
    clearError();
    m_measurements.clear();
    m_sizes.clear();
    m_trainLoss.clear();
    m_validationLoss.clear();
    m_diagnosis->clear();
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    const bool epochs = curveKind() == QLatin1String("epochs");
    m_trainSizes->setEnabled(!epochs);
    m_cv->setEnabled(!epochs);
    m_scoring->setEnabled(!epochs);
    QJsonObject data = m_dataControls->dataPreset(m_preset);
    data.insert("validation_fraction", m_preset.value("validation_fraction").toDouble(0.3));
    try {
        m_data = buildPlaneDataset(data, m_datasetsDir);
    } catch (const std::exception& e) {
        m_data = PlaneDataset{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    prepareChart();
    if (epochs)
        m_status->setText(tr("%1: %2 training and %3 validation rows. Press Run: one fit, every epoch recorded.")
                              .arg(m_data.description)
                              .arg(m_data.trainX.rows())
                              .arg(m_data.validationX.rows()));
    else
        m_status->setText(tr("%1. Press Run: %2-fold cross-validation at each training size.")
                              .arg(m_data.description)
                              .arg(m_cv->value()));
}

void LearningCurveLab::prepareChart()
{
    m_chart->clear();
    m_chart->clearYRange();
    if (curveKind() == QLatin1String("epochs")) {
        m_chart->addSeries(tr("training loss"), classColor(0));
        m_chart->addSeries(tr("validation loss"), classColor(1));
        m_chart->setTitles(tr("epoch (boosting round, iteration)"), tr("loss (the model's objective)"));
    } else {
        m_chart->addSeries(tr("training score ± std"), classColor(0));
        m_chart->addSeries(tr("validation score ± std"), classColor(1));
        m_chart->setTitles(tr("training rows"), m_scoring->currentText());
    }
}

void LearningCurveLab::run()
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
    m_measurements.clear();
    m_sizes.clear();
    m_trainLoss.clear();
    m_validationLoss.clear();
    m_diagnosis->clear();
    prepareChart();
    const auto seed = static_cast<std::uint64_t>(m_dataControls->seed());

    if (curveKind() == QLatin1String("epochs")) {
        auto data = std::make_shared<const PlaneDataset>(m_data);
        const bool classifier = m_classifier;
        m_session->setSnapshotFunction([data, classifier](const Predictor& model) {
            return classifier ? QVariant::fromValue(accuracies(model, *data)) : QVariant();
        });
        m_session->start(
            [pipeline, data](TrainContext& ctx) -> const Predictor* {
                ctx.validationX = &data->validationX;
                ctx.validationY = &data->validationY;
                pipeline->fit(data->trainX, data->trainY, ctx);
                return pipeline.get();
            },
            seed);
        m_status->setText(tr("Training…"));
    } else {
        auto job = std::make_shared<SizeJob>();
        job->X.resize(m_data.trainX.rows() + m_data.validationX.rows(), m_data.trainX.cols());
        job->X << m_data.trainX, m_data.validationX;
        job->y.resize(job->X.rows());
        job->y << m_data.trainY, m_data.validationY;
        job->pipeline = pipeline;
        job->folds = m_cv->value();
        job->classifier = m_classifier;
        job->scoring = m_scoring->currentText().toStdString();
        for (const QString& part : m_trainSizes->text().split(',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const double v = part.trimmed().toDouble(&ok);
            if (!ok || v <= 0) {
                showError(tr("train_sizes: '%1' is not a positive number; give fractions like 0.1, 0.5, 1").arg(part.trimmed()));
                return;
            }
            job->sizes.push_back(v);
        }
        if (job->sizes.empty()) {
            showError(tr("train_sizes: give at least one size, e.g. 0.1, 0.5, 1"));
            return;
        }
        std::sort(job->sizes.begin(), job->sizes.end());
        m_session->setSnapshotFunction({});
        std::shared_ptr<const SizeJob> shared = job;
        m_session->start([shared](TrainContext& ctx) { return runSizes(shared, ctx); }, seed);
        m_status->setText(tr("Cross-validating the smallest training size…"));
    }
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
}

void LearningCurveLab::onSteps(const QList<TrainStep>& steps)
{
    const bool epochs = curveKind() == QLatin1String("epochs");
    for (const TrainStep& s : steps) {
        if (!epochs) {
            if (!s.metrics.count("rows"))
                continue;
            SizePoint p;
            p.rows = s.metrics.at("rows");
            p.trainMean = s.metrics.at("train_mean");
            p.trainStd = s.metrics.at("train_std");
            p.testMean = s.metrics.at("test_mean");
            p.testStd = s.metrics.at("test_std");
            m_sizes.push_back(p);
            m_chart->append(0, p.rows, p.trainMean, p.trainMean - p.trainStd, p.trainMean + p.trainStd);
            m_chart->append(1, p.rows, p.testMean, p.testMean - p.testStd, p.testMean + p.testStd);
            m_status->setText(tr("Size %1 of %2 done (%3 training rows).").arg(s.step).arg(s.totalSteps).arg(p.rows));
            continue;
        }
        if (!std::isfinite(s.trainLoss))
            continue;  // a step without a loss (e.g. a transformer's)
        m_trainLoss.push_back(s.trainLoss);
        m_validationLoss.push_back(s.validationLoss);
        const auto epoch = static_cast<double>(m_trainLoss.size());
        m_chart->append(0, epoch, s.trainLoss);
        m_chart->append(1, epoch, s.validationLoss);
    }
    if (epochs && !m_validationLoss.empty()) {
        int best = -1;
        for (int i = 0; i < static_cast<int>(m_validationLoss.size()); ++i)
            if (std::isfinite(m_validationLoss[static_cast<std::size_t>(i)])
                && (best < 0 || m_validationLoss[static_cast<std::size_t>(i)] < m_validationLoss[static_cast<std::size_t>(best)]))
                best = i;
        if (best >= 0) {
            const double bestLoss = m_validationLoss[static_cast<std::size_t>(best)];
            m_chart->setMarker(QStringLiteral("best"), best + 1,
                               tr("lowest validation loss %1 at epoch %2").arg(bestLoss, 0, 'f', 3).arg(best + 1),
                               classColor(1));
            m_measurements["best_epoch"] = best + 1;
            m_measurements["best_validation_loss"] = bestLoss;
        }
        m_measurements["epochs"] = static_cast<double>(m_trainLoss.size());
        m_measurements["final_train_loss"] = m_trainLoss.back();
        if (std::isfinite(m_validationLoss.back())) {
            m_measurements["final_validation_loss"] = m_validationLoss.back();
            m_measurements["loss_gap"] = m_validationLoss.back() - m_trainLoss.back();
        }
        m_status->setText(tr("Epoch %1: training loss %2, validation loss %3")
                              .arg(m_trainLoss.size())
                              .arg(m_trainLoss.back(), 0, 'f', 4)
                              .arg(m_validationLoss.back(), 0, 'f', 4));
    }
    if (!epochs)
        diagnoseSizes();
}

void LearningCurveLab::onSnapshot(const QVariant& snapshot, int)
{
    const auto scores = snapshot.value<QVector<double>>();
    if (scores.size() != 2)
        return;
    m_measurements["final_train_score"] = scores[0];
    m_measurements["final_validation_score"] = scores[1];
}

void LearningCurveLab::diagnoseSizes()
{
    if (m_sizes.empty())
        return;
    const SizePoint& first = m_sizes.front();
    const SizePoint& last = m_sizes.back();
    const double gap = last.trainMean - last.testMean;
    const double firstGap = first.trainMean - first.testMean;
    // The validation gain over the second half of the sizes: is it still rising?
    const SizePoint& middle = m_sizes[m_sizes.size() / 2];
    const double recentGain = last.testMean - middle.testMean;
    m_measurements["final_train_score"] = last.trainMean;
    m_measurements["final_validation_score"] = last.testMean;
    m_measurements["train_std"] = last.trainStd;
    m_measurements["validation_std"] = last.testStd;
    m_measurements["gap"] = gap;
    m_measurements["first_gap"] = firstGap;
    m_measurements["first_train_score"] = first.trainMean;
    m_measurements["first_validation_score"] = first.testMean;
    m_measurements["validation_gain"] = last.testMean - first.testMean;
    m_measurements["recent_validation_gain"] = recentGain;
    m_measurements["largest_size"] = last.rows;
    const QString numbers =
        tr("At %1 rows: training %2 ± %3, validation %4 ± %5, gap %6 (it was %7 at %8 rows); validation gained %9 over "
           "the second half of the sizes.")
            .arg(last.rows)
            .arg(last.trainMean, 0, 'f', 3)
            .arg(last.trainStd, 0, 'f', 3)
            .arg(last.testMean, 0, 'f', 3)
            .arg(last.testStd, 0, 'f', 3)
            .arg(gap, 0, 'f', 3)
            .arg(firstGap, 0, 'f', 3)
            .arg(first.rows)
            .arg(recentGain, 0, 'f', 3);
    QString verdict;
    if (m_sizes.size() < 2)
        verdict = tr("One size so far:");
    else if (gap > kWideGap)
        verdict = firstGap > gap + 0.01
                      ? tr("<b>High variance</b>: a wide gap that narrows as rows are added; more data or more regularization helps.")
                      : tr("<b>High variance</b>: a wide gap between training and validation; regularize or simplify the model (more rows help only if the gap narrows).");
    else if (recentGain < kFlatGain)
        verdict = tr("<b>High bias</b> (if this plateau is too low): the curves are close and validation has stopped rising, so more rows will not help; a more flexible model or better features might.");
    else
        verdict = tr("<b>Still learning</b>: a small gap and validation still rising; more rows would help a little.");
    m_diagnosis->setText(verdict + QStringLiteral(" ") + numbers);
}

QString LearningCurveLab::diagnosis() const
{
    return m_diagnosis->text();
}

void LearningCurveLab::onFinished(bool cancelled)
{
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    if (hasError())
        return;
    if (cancelled) {
        m_status->setText(tr("Cancelled; the points so far are shown."));
        return;
    }
    if (curveKind() == QLatin1String("epochs")) {
        if (m_trainLoss.empty()) {
            showError(tr("This model reports no per-epoch loss. Use an iteratively trained model, e.g. "
                         "GradientBoostingClassifier (one step per round) or LogisticRegression with solver gd."));
            return;
        }
        const double best = m_measurements.value("best_epoch");
        m_diagnosis->setText(
            tr("Lowest validation loss <b>%1</b> at epoch <b>%2</b> of %3; at the end: training loss %4, validation loss %5"
               "%6. Early stopping would keep the weights of epoch %2.")
                .arg(m_measurements.value("best_validation_loss"), 0, 'f', 3)
                .arg(best)
                .arg(m_trainLoss.size())
                .arg(m_measurements.value("final_train_loss"), 0, 'f', 3)
                .arg(m_measurements.value("final_validation_loss"), 0, 'f', 3)
                .arg(m_measurements.contains("final_validation_score")
                         ? tr(" (accuracy %1 training, %2 validation)")
                               .arg(m_measurements.value("final_train_score"), 0, 'f', 3)
                               .arg(m_measurements.value("final_validation_score"), 0, 'f', 3)
                         : QString()));
        m_status->setText(tr("Trained %1 epochs.").arg(m_trainLoss.size()));
    } else {
        m_status->setText(tr("Done: %1 training sizes, each cross-validated over %2 folds.").arg(m_sizes.size()).arg(m_cv->value()));
    }
}

}  // namespace dslab
