#include "ui/workbench/workbench_run_panel.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/dataset.h"
#include "engine/data/seeded_random.h"
#include "engine/data/split.h"
#include "engine/explain/permutation_importance.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/scorer.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/evaluation.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/session/training_session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace dslab {

namespace {

// Shares of each fold's training part the learning curve fits on. It starts at
// a fifth so that every class is still present in the smallest part.
const std::vector<double> kCurveShares = {0.2, 0.4, 0.6, 0.8, 1.0};
constexpr int kImportanceRepeats = 5;
// Permutation importance predicts the test split repeats x features times;
// beyond this many features (a wide one-hot or TF-IDF output) it is skipped.
constexpr Eigen::Index kMaxImportanceFeatures = 200;

// A metric, as the engine names it, and how the table shows it. For a loss
// scorer (neg_*) the table shows the loss itself, positive.
struct MetricName {
    const char* key;      // measurements() key and engine evaluation key
    const char* scorer;   // scikit-learn scoring name for cross-validation
    const char* label;
};

const std::vector<MetricName>& classificationMetrics()
{
    static const std::vector<MetricName> names = {
        {"accuracy", "accuracy", "accuracy"},
        {"balanced_accuracy", "balanced_accuracy", "balanced accuracy"},
        {"f1_macro", "f1_macro", "F1 (macro)"},
        {"roc_auc", "roc_auc", "ROC AUC"},
        {"log_loss", "neg_log_loss", "log loss"},
    };
    return names;
}

const std::vector<MetricName>& regressionMetrics()
{
    static const std::vector<MetricName> names = {
        {"r2", "r2", "R²"},
        {"rmse", "neg_root_mean_squared_error", "RMSE"},
        {"mae", "neg_mean_absolute_error", "MAE"},
    };
    return names;
}

// The class codes of part's rows in the order of the training labels, so that
// a test split encodes its classes as the fitted model does.
Vector codesIn(const Dataset& part, const StringList& trainingLabels)
{
    const StringList labels = part.classLabels();
    const Vector codes = part.targetCodes();
    Vector out(codes.size());
    for (Eigen::Index i = 0; i < codes.size(); ++i) {
        const std::string& label = labels[static_cast<std::size_t>(codes(i))];
        const auto it = std::find(trainingLabels.begin(), trainingLabels.end(), label);
        if (it == trainingLabels.end())
            throw DataError("the held-out rows have the class '" + label + "', which the training rows do not have");
        out(i) = static_cast<double>(it - trainingLabels.begin());
    }
    return out;
}

QString metricText(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    return QString::number(value, 'f', 4);
}

}  // namespace

// One run's settings and results. The GUI thread fills the settings and
// builds the unfitted pipeline; the worker alone then writes the results,
// which the GUI reads only after the session reported the end.
struct WorkbenchRunPanel::RunResult {
    std::shared_ptr<const Dataset> data;
    std::unique_ptr<Pipeline> pipeline;
    Job job = Job::Evaluate;
    Mode mode = Mode::TrainTestSplit;
    double testSize = 0.25;
    int folds = 5;
    std::uint64_t seed = 0;
    bool classifier = false;

    StringList classLabels;
    std::string modelName;
    double seconds = 0;
    // Split: the test split's metrics, rows and the permutation importance.
    std::map<std::string, double> metrics;
    Matrix confusion;  // split: test rows; cross-validation: summed over the validation folds
    Eigen::Index trainRows = 0, testRows = 0;
    StringList featureNames;
    Vector importanceMean, importanceStd;
    double importanceBaseline = 0;
    std::string importanceSkipped;
    // Cross-validation: scores per metric key (loss scorers already turned positive), per fold.
    std::vector<std::string> cvKeys;
    std::vector<std::vector<double>> cvScores;
    // Learning curve: training rows and mean train / validation score per size.
    std::vector<double> curveRows, curveTrain, curveValidation;

    // The folds cross-validation and the learning curve use: stratified for a classifier.
    std::vector<SplitIndices> makeFolds() const
    {
        const auto rows = static_cast<Eigen::Index>(data->rowCount());
        if (classifier) {
            const Vector codes = data->targetCodes();
            return StratifiedKFold(folds, true, seed).split(rows, &codes);
        }
        return KFold(folds, true, seed).split(rows);
    }

    void report(TrainContext& ctx, int step, int total, double score, const char* what) const
    {
        if (!ctx.observer)
            return;
        TrainStep s;
        s.step = step;
        s.totalSteps = total;
        s.metrics["score"] = score;
        s.metrics[what] = 1;
        ctx.observer->onStep(s, *pipeline);  // the view is never read: no snapshot function
    }
};

namespace {

struct FittedFold {
    Pipeline model;
    Matrix trainX, testX;
    Vector trainY, testY;
};

// Fits an unfitted copy of spec on the rows `train` and prepares both parts'
// features and targets as the fitted model reads them.
FittedFold fitFold(const Pipeline& spec, const Dataset& data, const IndexList& train, const IndexList& test,
                   bool classifier, std::uint64_t seed, const std::shared_ptr<StopToken>& stop, bool keepTrain)
{
    FittedFold fold{spec.cloneUnfitted(), {}, {}, {}, {}};
    const Dataset trainPart = data.selectRows(train);
    const Dataset testPart = data.selectRows(test);
    TrainContext ctx;
    ctx.seed = seed;
    ctx.stop = stop;
    fold.model.fit(trainPart, ctx);
    fold.testX = fold.model.featuresFor(testPart);
    fold.testY = classifier ? codesIn(testPart, fold.model.schema().classLabels) : testPart.targetValues();
    if (keepTrain) {
        fold.trainX = fold.model.featuresFor(trainPart);
        fold.trainY = classifier ? codesIn(trainPart, fold.model.schema().classLabels) : trainPart.targetValues();
    }
    return fold;
}

}  // namespace

WorkbenchRunPanel::WorkbenchRunPanel(QWidget* parent) : QWidget(parent), m_session(new TrainingSession(this))
{
    connect(m_session, &TrainingSession::stepsArrived, this, &WorkbenchRunPanel::onSteps);
    connect(m_session, &TrainingSession::failed, this, &WorkbenchRunPanel::onFailed);
    connect(m_session, &TrainingSession::finished, this, &WorkbenchRunPanel::onFinished);
    buildUi();
    updateControls();
}

WorkbenchRunPanel::~WorkbenchRunPanel()
{
    // Join the worker while the result it writes still exists.
    m_session->stopAndJoin();
}

void WorkbenchRunPanel::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);

    auto* settings = new QHBoxLayout;
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_mode = new QComboBox(this);
    m_mode->addItem(tr("Train/test split"));
    m_mode->addItem(tr("k-fold cross-validation"));
    m_mode->setAccessibleName(tr("evaluation"));
    m_mode->setToolTip(tr("Fit once on a stratified training split and score the held-out rows, "
                          "or fit k times and score each fold's validation rows"));
    form->addRow(tr("Evaluate by"), m_mode);
    settings->addLayout(form);

    m_testSize = new QDoubleSpinBox(this);
    m_testSize->setRange(0.05, 0.5);
    m_testSize->setSingleStep(0.05);
    m_testSize->setDecimals(2);
    m_testSize->setValue(0.25);
    m_testSize->setAccessibleName(tr("test size"));
    m_testSize->setToolTip(tr("Share of the rows held out for testing (the split keeps each class's share)"));
    m_folds = new QSpinBox(this);
    m_folds->setRange(2, 20);
    m_folds->setValue(5);
    m_folds->setAccessibleName(tr("folds"));
    m_folds->setToolTip(tr("k of cross-validation, also the folds of the learning curve"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 999999);
    m_seed->setAccessibleName(tr("seed"));
    m_seed->setToolTip(tr("Seed of the split, the folds' shuffle and the models' randomness"));
    auto* knobRow = new QHBoxLayout;
    knobRow->addWidget(new QLabel(tr("test size"), this));
    knobRow->addWidget(m_testSize);
    knobRow->addSpacing(8);
    knobRow->addWidget(new QLabel(tr("folds"), this));
    knobRow->addWidget(m_folds);
    knobRow->addSpacing(8);
    knobRow->addWidget(new QLabel(tr("seed"), this));
    knobRow->addWidget(m_seed);
    settings->addSpacing(12);
    settings->addLayout(knobRow);
    settings->addStretch(1);
    root->addLayout(settings);

    auto* runRow = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run"), this);
    m_runButton->setToolTip(tr("Train the pipeline on the worker thread and score it"));
    m_curveButton = new QPushButton(tr("Learning curve"), this);
    m_curveButton->setToolTip(tr("Refit the pipeline on growing shares of each fold's training rows "
                                 "(folds x 5 fits: slower)"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setToolTip(tr("Stop the run; nothing of it is shown"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setMaximumWidth(220);
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_curveButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress);
    runRow->addStretch(1);
    root->addLayout(runRow);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setMinimumHeight(m_status->fontMetrics().height() * 2 + 4);
    m_status->setAccessibleName(tr("run status"));
    root->addWidget(m_status);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_error->setStyleSheet("QLabel { color: #b00020; font-weight: bold; }");
    m_error->setAccessibleName(tr("error message"));
    m_error->hide();
    root->addWidget(m_error);

    auto* results = new QSplitter(Qt::Horizontal, this);
    m_metrics = new QTableWidget(0, 3, results);
    m_metrics->setHorizontalHeaderLabels({tr("metric"), tr("value"), tr("± std")});
    m_metrics->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_metrics->horizontalHeader()->setStretchLastSection(true);
    m_metrics->verticalHeader()->hide();
    m_metrics->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_metrics->setAccessibleName(tr("metrics"));
    m_metrics->setMinimumWidth(200);
    m_tabs = new QTabWidget(results);
    m_confusion = new ConfusionMatrixView(m_tabs);
    m_tabs->addTab(m_confusion, tr("Confusion matrix"));
    m_learningCurve = new LearningCurveView(tr("score"), {tr("training"), tr("validation")}, m_tabs);
    m_learningCurve->setXTitle(tr("training rows"));
    m_tabs->addTab(m_learningCurve, tr("Learning curve"));
    auto* importancePage = new QWidget(m_tabs);
    auto* importanceLayout = new QVBoxLayout(importancePage);
    importanceLayout->setContentsMargins(0, 0, 0, 0);
    m_importanceNote = new QLabel(importancePage);
    m_importanceNote->setWordWrap(true);
    m_importanceNote->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_importance = new FeatureBarView(importancePage);
    m_importance->setMaxDisplay(12);
    importanceLayout->addWidget(m_importanceNote);
    importanceLayout->addWidget(m_importance, 1);
    m_tabs->addTab(importancePage, tr("Permutation importance"));
    results->addWidget(m_metrics);
    results->addWidget(m_tabs);
    results->setStretchFactor(0, 2);
    results->setStretchFactor(1, 5);
    results->setSizes({300, 750});
    root->addWidget(results, 1);

    connect(m_runButton, &QPushButton::clicked, this, &WorkbenchRunPanel::run);
    connect(m_curveButton, &QPushButton::clicked, this, &WorkbenchRunPanel::runLearningCurve);
    connect(m_cancelButton, &QPushButton::clicked, this, &WorkbenchRunPanel::cancel);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &WorkbenchRunPanel::updateControls);
    m_status->setText(tr("Open a dataset with a target and build a pipeline, then press Run."));
}

void WorkbenchRunPanel::updateControls()
{
    const bool running = m_session->isRunning();
    m_runButton->setEnabled(!running);
    m_curveButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_testSize->setEnabled(mode() == Mode::TrainTestSplit);
    m_mode->setEnabled(!running);
}

void WorkbenchRunPanel::setDataset(std::shared_ptr<const Dataset> data)
{
    m_session->stopAndJoin();
    m_data = std::move(data);
    clearResults();
    if (m_data)
        m_status->setText(tr("%1: %2 rows, %3 columns, target '%4'. Press Run.")
                              .arg(QString::fromStdString(m_data->name))
                              .arg(m_data->rowCount())
                              .arg(m_data->columnCount())
                              .arg(QString::fromStdString(m_data->targetName())));
    updateControls();
}

void WorkbenchRunPanel::setPipelineJson(const nlohmann::json& spec)
{
    m_session->stopAndJoin();
    m_pipelineText = spec.dump();
    m_pipelineError.clear();
    clearResults();
    try {
        const Pipeline pipeline = pipelineFromJson(spec);
        if (!pipeline.finalEstimator())
            throw ParamError("the pipeline's last step must be a model (a classifier or a regressor)");
    } catch (const std::exception& e) {
        m_pipelineError = tr("The pipeline cannot be built: %1").arg(QString::fromUtf8(e.what()));
        showError(m_pipelineError);
    }
    updateControls();
}

void WorkbenchRunPanel::setMode(Mode mode)
{
    m_mode->setCurrentIndex(mode == Mode::TrainTestSplit ? 0 : 1);
}

WorkbenchRunPanel::Mode WorkbenchRunPanel::mode() const
{
    return m_mode->currentIndex() == 0 ? Mode::TrainTestSplit : Mode::CrossValidation;
}

void WorkbenchRunPanel::setTestSize(double share)
{
    m_testSize->setValue(share);
}

void WorkbenchRunPanel::setFolds(int k)
{
    m_folds->setValue(k);
}

void WorkbenchRunPanel::setSeed(int seed)
{
    m_seed->setValue(seed);
}

bool WorkbenchRunPanel::isRunning() const
{
    return m_session->isRunning();
}

QString WorkbenchRunPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString WorkbenchRunPanel::statusText() const
{
    return m_status->text();
}

void WorkbenchRunPanel::cancel()
{
    m_session->cancel();
    m_status->setText(tr("Cancelling…"));
}

void WorkbenchRunPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

void WorkbenchRunPanel::clearResults(Job which)
{
    // A run keeps the learning curve and the learning curve keeps the run's
    // results (they answer different questions); new data or a new pipeline clears both.
    const bool evaluation = which != Job::LearningCurve;
    const bool curve = which != Job::Evaluate;
    for (auto it = m_measurements.begin(); it != m_measurements.end();) {
        const bool curveKey = it.key().startsWith(QLatin1String("lc_"));
        it = (curveKey ? curve : evaluation) ? m_measurements.erase(it) : std::next(it);
    }
    m_result.reset();
    if (evaluation) {
        m_metrics->setRowCount(0);
        m_metrics->setColumnHidden(2, true);
        m_confusion->clear();
        m_importance->clear();
        m_importanceNote->setText(tr("Run on a train/test split to see how much the test score drops when each "
                                     "feature is shuffled."));
    }
    if (curve)
        m_learningCurve->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_error->clear();
    m_error->hide();
}

void WorkbenchRunPanel::run()
{
    start(Job::Evaluate);
}

void WorkbenchRunPanel::runLearningCurve()
{
    start(Job::LearningCurve);
}

namespace {

// The worker's part of a run, one function per kind of job. Every exception
// leaves through the session's failed() signal, prefixed with the stage.

// Fits once on a stratified split (as dslab-cli fit does: the same split, seed
// and engine calls) and scores the test rows, then permutation importance.
void workerSplit(auto& r, TrainContext& ctx)
{
    std::string stage = "splitting the rows";
    try {
        const auto rows = static_cast<Eigen::Index>(r.data->rowCount());
        Vector codes;
        if (r.classifier)
            codes = r.data->targetCodes();
        const SplitIndices split = trainTestSplit(rows, r.testSize, r.seed, r.classifier ? &codes : nullptr);
        r.trainRows = static_cast<Eigen::Index>(split.train.size());
        r.testRows = static_cast<Eigen::Index>(split.test.size());
        const Dataset train = r.data->selectRows(split.train);
        const Dataset test = r.data->selectRows(split.test);
        stage = "fitting on the " + std::to_string(r.trainRows) + " training rows";
        Pipeline& model = *r.pipeline;
        TrainContext fitCtx;
        fitCtx.seed = r.seed;
        fitCtx.stop = ctx.stop;
        model.fit(train, fitCtx);
        if (ctx.cancelled())
            return;
        r.report(ctx, 1, 3, std::nan(""), "fitted");
        // An engine message's row numbers count within the test split.
        stage = "scoring the " + std::to_string(r.testRows) + " test rows (rows numbered within the test split)";
        r.classLabels = model.schema().classLabels;
        const Matrix testX = model.featuresFor(test);
        const Vector testY = r.classifier ? codesIn(test, r.classLabels) : test.targetValues();
        const Evaluation evaluation = evaluateModel(model, testX, testY, static_cast<int>(r.classLabels.size()));
        r.metrics = evaluation.metrics;
        if (r.classifier) {
            const Vector predicted = model.predict(testX);
            r.metrics["balanced_accuracy"] = balancedAccuracy(testY, predicted);
            r.metrics["f1_macro"] = precisionRecallF1(testY, predicted, evaluation.labels, Average::Macro, 1.0).f1;
            r.confusion = evaluation.confusion;
        } else {
            r.metrics["rmse"] = std::sqrt(r.metrics.at("mse"));
        }
        r.report(ctx, 2, 3, r.metrics.count("accuracy") ? r.metrics.at("accuracy") : r.metrics.at("r2"), "scored");
        if (ctx.cancelled())
            return;
        stage = "computing permutation importance";
        r.featureNames = model.featureNames();
        if (testX.cols() > kMaxImportanceFeatures) {
            r.importanceSkipped = "the model reads " + std::to_string(testX.cols()) + " features (more than "
                                  + std::to_string(kMaxImportanceFeatures) + "): permutation importance is skipped";
        } else {
            PermutationImportanceOptions options;
            options.nRepeats = kImportanceRepeats;
            options.seed = r.seed;
            const PermutationImportance importance = permutationImportance(model, testX, testY, options);
            r.importanceMean = importance.mean;
            r.importanceStd = importance.std;
            r.importanceBaseline = importance.baselineScore;
        }
        r.report(ctx, 3, 3, std::nan(""), "explained");
    } catch (const std::exception& e) {
        throw std::runtime_error("While " + stage + ": " + e.what());
    }
}

// k-fold cross-validation on the table: each fold fits an unfitted copy of
// the pipeline on its training rows only (so encoders and imputers never see
// the validation fold), as the engine's crossValidate does for a matrix.
void workerCrossValidation(auto& r, TrainContext& ctx, const std::vector<MetricName>& metrics)
{
    std::string stage = "making the folds";
    try {
        const std::vector<SplitIndices> splits = r.makeFolds();
        std::vector<Scorer> scorers;
        const bool multiclass = r.classifier && r.data->classLabels().size() > 2;
        for (const MetricName& m : metrics) {
            const bool auc = std::string(m.key) == "roc_auc";
            scorers.push_back(makeScorer(auc && multiclass ? "roc_auc_ovr" : m.scorer, r.classifier));
            r.cvKeys.push_back(m.key);
        }
        r.cvScores.assign(r.cvKeys.size(), {});
        std::vector<bool> available(r.cvKeys.size(), true);
        const int k = static_cast<int>(splits.size());
        for (int f = 0; f < k; ++f) {
            if (ctx.cancelled())
                return;
            const SplitIndices& s = splits[static_cast<std::size_t>(f)];
            stage = "fitting fold " + std::to_string(f + 1) + " of " + std::to_string(k) + " ("
                    + std::to_string(s.train.size()) + " training rows)";
            FittedFold fold = fitFold(*r.pipeline, *r.data, s.train, s.test, r.classifier, r.seed, ctx.stop, false);
            if (ctx.cancelled())
                return;
            stage = "scoring fold " + std::to_string(f + 1);
            if (f == 0)
                r.classLabels = fold.model.schema().classLabels;
            for (std::size_t i = 0; i < scorers.size(); ++i) {
                if (!available[i])
                    continue;
                try {
                    const double score = scorers[i].score(fold.model, fold.testX, fold.testY);
                    // Losses are scored negated (greater is better); the table shows the loss.
                    const bool loss = scorers[i].name.rfind("neg_", 0) == 0;
                    r.cvScores[i].push_back(loss ? -score : score);
                } catch (const ParamError&) {
                    if (i == 0)
                        throw;
                    available[i] = false;  // e.g. a model without probabilities: no AUC or log loss
                    r.cvScores[i].clear();
                }
            }
            if (r.classifier) {
                std::vector<double> labels;
                for (std::size_t c = 0; c < r.classLabels.size(); ++c)
                    labels.push_back(static_cast<double>(c));
                const Matrix cm = confusionMatrix(fold.testY, fold.model.predict(fold.testX), labels);
                r.confusion = r.confusion.size() == 0 ? cm : Matrix(r.confusion + cm);
            }
            r.report(ctx, f + 1, k, r.cvScores[0].back(), "fold");
        }
    } catch (const std::exception& e) {
        throw std::runtime_error("While " + stage + ": " + e.what());
    }
}

// scikit-learn's learning_curve with shuffle: each fold's training rows are
// shuffled once, and the model is fitted on the first n of them for each size.
void workerLearningCurve(auto& r, TrainContext& ctx)
{
    std::string stage = "making the folds";
    try {
        std::vector<SplitIndices> splits = r.makeFolds();
        SeededRandom random(r.seed);
        for (SplitIndices& s : splits)
            random.shuffle(s.train);
        const Scorer scorer = makeScorer({}, r.classifier);
        const std::size_t maxTrain = splits.front().train.size();
        const int total = static_cast<int>(kCurveShares.size() * splits.size());
        int step = 0;
        for (double share : kCurveShares) {
            const auto n = std::max<std::size_t>(2, static_cast<std::size_t>(std::floor(share * static_cast<double>(maxTrain))));
            std::vector<double> trainScores, validationScores;
            for (std::size_t f = 0; f < splits.size(); ++f) {
                if (ctx.cancelled())
                    return;
                IndexList train = splits[f].train;
                train.resize(std::min(train.size(), n));
                stage = "fitting fold " + std::to_string(f + 1) + " on " + std::to_string(train.size()) + " rows";
                FittedFold fold = fitFold(*r.pipeline, *r.data, train, splits[f].test, r.classifier, r.seed, ctx.stop, true);
                if (ctx.cancelled())
                    return;
                trainScores.push_back(scorer.score(fold.model, fold.trainX, fold.trainY));
                validationScores.push_back(scorer.score(fold.model, fold.testX, fold.testY));
                r.report(ctx, ++step, total, validationScores.back(), "curve");
            }
            r.curveRows.push_back(static_cast<double>(n));
            r.curveTrain.push_back(mean(trainScores));
            r.curveValidation.push_back(mean(validationScores));
        }
    } catch (const std::exception& e) {
        throw std::runtime_error("While " + stage + ": " + e.what());
    }
}

}  // namespace

void WorkbenchRunPanel::start(Job job)
{
    m_session->stopAndJoin();
    clearResults(job);
    if (!m_pipelineError.isEmpty()) {
        showError(m_pipelineError);
        emit runFinished(false);
        return;
    }
    auto result = std::make_shared<RunResult>();
    try {
        if (!m_data)
            throw DataError("open a dataset first");
        if (!m_data->hasTarget())
            throw DataError("the data has no target column: choose the column to predict");
        if (m_pipelineText.empty())
            throw ParamError("build a pipeline first: it needs at least a model");
        result->pipeline = std::make_unique<Pipeline>(pipelineFromJson(nlohmann::json::parse(m_pipelineText)));
        const Estimator* model = result->pipeline->finalEstimator();
        if (!model)
            throw ParamError("the pipeline's last step must be a model (a classifier or a regressor)");
        const CatalogEntry* entry = Catalog::builtin().find(model->typeName());
        if (entry && entry->kind == ComponentKind::Clusterer)
            throw ParamError(model->typeName() + " is a clusterer: it has no target to be scored against; "
                             "end the pipeline with a classifier or a regressor");
        result->classifier = model->isClassifier();
        result->modelName = model->typeName();
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        emit runFinished(false);
        return;
    }
    result->data = m_data;
    result->job = job;
    result->mode = mode();
    result->testSize = m_testSize->value();
    result->folds = m_folds->value();
    result->seed = static_cast<std::uint64_t>(m_seed->value());
    m_result = result;
    m_job = job;
    m_failed = false;

    const int k = result->folds;
    if (job == Job::LearningCurve) {
        m_progress->setRange(0, static_cast<int>(kCurveShares.size()) * k);
        m_status->setText(tr("Learning curve: fitting %1 shares of the training rows on %2 folds…")
                              .arg(kCurveShares.size())
                              .arg(k));
        m_tabs->setCurrentWidget(m_learningCurve);
    } else if (result->mode == Mode::CrossValidation) {
        m_progress->setRange(0, k);
        m_status->setText(tr("Cross-validating: fitting fold 1 of %1…").arg(k));
    } else {
        m_progress->setRange(0, 3);
        m_status->setText(tr("Fitting on the training split…"));
    }
    m_progress->setValue(0);

    std::shared_ptr<RunResult> shared = result;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_session->start(
        [shared, timer](TrainContext& ctx) -> const Predictor* {
            RunResult& r = *shared;
            if (r.job == Job::LearningCurve)
                workerLearningCurve(r, ctx);
            else if (r.mode == Mode::CrossValidation)
                workerCrossValidation(r, ctx, r.classifier ? classificationMetrics() : regressionMetrics());
            else
                workerSplit(r, ctx);
            r.seconds = static_cast<double>(timer->elapsed()) / 1000.0;
            return nullptr;
        },
        result->seed);
    updateControls();
}

void WorkbenchRunPanel::onSteps(const QList<TrainStep>& steps)
{
    if (steps.isEmpty() || !m_result)
        return;
    const TrainStep& s = steps.back();
    m_progress->setRange(0, s.totalSteps);
    m_progress->setValue(s.step);
    if (s.metrics.count("fold")) {
        const QString scoreName = m_result->classifier ? tr("accuracy") : tr("R²");
        m_status->setText(tr("Cross-validating: fold %1 of %2 done (%3 %4)…")
                              .arg(s.step)
                              .arg(s.totalSteps)
                              .arg(scoreName)
                              .arg(s.metrics.at("score"), 0, 'f', 3));
    } else if (s.metrics.count("curve")) {
        m_status->setText(tr("Learning curve: %1 of %2 fits done…").arg(s.step).arg(s.totalSteps));
    } else if (s.metrics.count("fitted")) {
        m_status->setText(tr("Fitted; scoring the test split…"));
    } else if (s.metrics.count("scored")) {
        m_status->setText(tr("Scored; computing permutation importance…"));
    }
}

void WorkbenchRunPanel::onFailed(const QString& message)
{
    m_failed = true;
    showError(message);
}

void WorkbenchRunPanel::onFinished(bool cancelled)
{
    updateControls();
    const std::shared_ptr<RunResult> result = m_result;
    if (!result) {
        // The run was stopped by new data or a new pipeline, which already reset the panel.
        emit runFinished(false);
        return;
    }
    if (m_failed) {
        m_status->setText(tr("The run failed; nothing is shown. The message below says why."));
        m_progress->setValue(0);
        emit runFinished(false);
        return;
    }
    if (cancelled) {
        m_status->setText(tr("Cancelled after %1 of %2 steps; nothing of the run is shown.")
                              .arg(m_progress->value())
                              .arg(m_progress->maximum()));
        m_result.reset();
        emit runFinished(false);
        return;
    }
    if (result->job == Job::LearningCurve)
        showLearningCurve(*result);
    else if (result->mode == Mode::CrossValidation)
        showCrossValidationResult(*result);
    else
        showSplitResult(*result);
    emit runFinished(true);
}

void WorkbenchRunPanel::showConfusion(const RunResult& r)
{
    // A regressor has no confusion matrix: its tab is greyed out rather than empty.
    m_tabs->setTabEnabled(m_tabs->indexOf(m_confusion), r.classifier);
    if (!r.classifier || r.confusion.size() == 0) {
        m_confusion->clear();
        return;
    }
    QVector<double> counts;
    for (Eigen::Index i = 0; i < r.confusion.rows(); ++i)
        for (Eigen::Index j = 0; j < r.confusion.cols(); ++j)
            counts << r.confusion(i, j);
    QStringList names;
    for (const std::string& label : r.classLabels)
        names << QString::fromStdString(label);
    m_confusion->setMatrix(counts, names);
    m_measurements["confusion_sum"] = r.confusion.sum();
    m_measurements["classes"] = static_cast<double>(r.confusion.rows());
}

void WorkbenchRunPanel::showSplitResult(const RunResult& r)
{
    const auto& names = r.classifier ? classificationMetrics() : regressionMetrics();
    m_metrics->setHorizontalHeaderLabels({tr("metric"), tr("test split"), QString()});
    m_metrics->setColumnHidden(2, true);
    m_metrics->setRowCount(0);
    for (const MetricName& m : names) {
        const auto it = r.metrics.find(m.key);
        if (it == r.metrics.end() || !std::isfinite(it->second))
            continue;
        const int row = m_metrics->rowCount();
        m_metrics->insertRow(row);
        QString label = tr(m.label);
        if (std::string(m.key) == "roc_auc" && r.classLabels.size() > 2)
            label = tr("ROC AUC (one-vs-rest)");
        m_metrics->setItem(row, 0, new QTableWidgetItem(label));
        m_metrics->setItem(row, 1, new QTableWidgetItem(metricText(it->second)));
        m_measurements[QString::fromLatin1(m.key)] = it->second;
    }
    m_measurements["train_rows"] = static_cast<double>(r.trainRows);
    m_measurements["test_rows"] = static_cast<double>(r.testRows);
    showConfusion(r);
    if (r.classifier)
        m_tabs->setCurrentWidget(m_confusion);

    QStringList featureNames;
    for (const std::string& name : r.featureNames)
        featureNames << QString::fromStdString(name);
    if (!r.importanceSkipped.empty()) {
        m_importanceNote->setText(QString::fromStdString(r.importanceSkipped));
    } else if (r.importanceMean.size() > 0) {
        while (featureNames.size() < r.importanceMean.size())
            featureNames << tr("x%1").arg(featureNames.size());
        m_importance->setImportances(r.importanceMean, r.importanceStd, featureNames);
        m_importance->setAxisLabel(tr("drop in test %1 when the feature is shuffled (mean ± std of %2)")
                                       .arg(r.classifier ? tr("accuracy") : tr("R²"))
                                       .arg(kImportanceRepeats));
        m_importanceNote->setText(tr("Test %1 %2; each feature (as the model reads it) shuffled %3 times.")
                                      .arg(r.classifier ? tr("accuracy") : tr("R²"))
                                      .arg(r.importanceBaseline, 0, 'f', 3)
                                      .arg(kImportanceRepeats));
        m_measurements["importance_features"] = static_cast<double>(r.importanceMean.size());
        if (!r.classifier)
            m_tabs->setCurrentIndex(2);
    }
    const auto primary = r.metrics.find(r.classifier ? "accuracy" : "r2");
    m_status->setText(tr("%1 fitted on %2 rows and tested on %3 held-out rows in %4 s: test %5 %6.")
                          .arg(QString::fromStdString(r.modelName))
                          .arg(r.trainRows)
                          .arg(r.testRows)
                          .arg(r.seconds, 0, 'f', 2)
                          .arg(r.classifier ? tr("accuracy") : tr("R²"))
                          .arg(primary == r.metrics.end() ? QString() : metricText(primary->second)));
}

void WorkbenchRunPanel::showCrossValidationResult(const RunResult& r)
{
    const auto& names = r.classifier ? classificationMetrics() : regressionMetrics();
    m_metrics->setHorizontalHeaderLabels({tr("metric"), tr("CV mean"), tr("± std over folds")});
    m_metrics->setColumnHidden(2, false);
    m_metrics->setRowCount(0);
    const int k = static_cast<int>(r.cvScores.empty() ? 0 : r.cvScores.front().size());
    for (std::size_t i = 0; i < r.cvKeys.size(); ++i) {
        const std::vector<double>& scores = r.cvScores[i];
        if (scores.empty())
            continue;
        const double m = mean(scores), sd = populationStd(scores);
        if (!std::isfinite(m))
            continue;
        const auto it = std::find_if(names.begin(), names.end(), [&](const MetricName& n) { return r.cvKeys[i] == n.key; });
        QString label = it == names.end() ? QString::fromStdString(r.cvKeys[i]) : tr(it->label);
        const int row = m_metrics->rowCount();
        m_metrics->insertRow(row);
        m_metrics->setItem(row, 0, new QTableWidgetItem(label));
        m_metrics->setItem(row, 1, new QTableWidgetItem(metricText(m)));
        m_metrics->setItem(row, 2, new QTableWidgetItem(metricText(sd)));
        QStringList perFold;
        for (double s : scores)
            perFold << QString::number(s, 'f', 3);
        m_metrics->item(row, 1)->setToolTip(tr("per fold: %1").arg(perFold.join(QStringLiteral(", "))));
        const QString key = QString::fromStdString(r.cvKeys[i]);
        m_measurements[QStringLiteral("cv_%1_mean").arg(key)] = m;
        m_measurements[QStringLiteral("cv_%1_std").arg(key)] = sd;
    }
    m_measurements["folds"] = k;
    showConfusion(r);
    if (r.classifier)
        m_tabs->setCurrentWidget(m_confusion);
    m_importanceNote->setText(tr("Permutation importance needs one fitted model and its test rows: run on a "
                                 "train/test split to see it."));
    QStringList perFold;
    if (!r.cvScores.empty())
        for (double s : r.cvScores.front())
            perFold << QString::number(s, 'f', 3);
    m_status->setText(tr("%1, %2-fold cross-validation in %3 s: %4 per fold %5 (the confusion matrix sums the "
                         "validation folds).")
                          .arg(QString::fromStdString(r.modelName))
                          .arg(k)
                          .arg(r.seconds, 0, 'f', 2)
                          .arg(r.classifier ? tr("accuracy") : tr("R²"))
                          .arg(perFold.join(QStringLiteral(", "))));
}

void WorkbenchRunPanel::showLearningCurve(const RunResult& r)
{
    m_learningCurve->clear();
    QList<QPointF> train, validation;
    for (std::size_t i = 0; i < r.curveRows.size(); ++i) {
        train << QPointF(r.curveRows[i], r.curveTrain[i]);
        validation << QPointF(r.curveRows[i], r.curveValidation[i]);
    }
    m_learningCurve->append(0, train);
    m_learningCurve->append(1, validation);
    m_tabs->setCurrentWidget(m_learningCurve);
    if (r.curveRows.empty())
        return;
    const double gap = r.curveTrain.back() - r.curveValidation.back();
    m_measurements["lc_sizes"] = static_cast<double>(r.curveRows.size());
    m_measurements["lc_last_validation"] = r.curveValidation.back();
    m_measurements["lc_last_train"] = r.curveTrain.back();
    m_status->setText(tr("Learning curve (%1 folds, %2 s): validation %3 %4 → %5 from %6 to %7 rows; the training "
                         "score is %8 above it at the end.")
                          .arg(r.folds)
                          .arg(r.seconds, 0, 'f', 2)
                          .arg(r.classifier ? tr("accuracy") : tr("R²"))
                          .arg(r.curveValidation.front(), 0, 'f', 3)
                          .arg(r.curveValidation.back(), 0, 'f', 3)
                          .arg(r.curveRows.front())
                          .arg(r.curveRows.back())
                          .arg(gap, 0, 'f', 3));
}

}  // namespace dslab
