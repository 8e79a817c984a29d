#include "ui/labs/tuning_lab.h"

#include "engine/core/errors.h"
#include "engine/model_selection/bayes_search_cv.h"
#include "engine/model_selection/grid_search_cv.h"
#include "engine/model_selection/randomized_search_cv.h"
#include "engine/model_selection/scorer.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/charts/score_heatmap_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <set>
#include <thread>

namespace dslab {

namespace {

constexpr int kSurfacePhase = 0;
constexpr int kTrialPhase = 1;
constexpr int kHeldOutPhase = 2;
// The true surface: affordable, yet fine enough to show the band of good
// settings (12 x 8 candidates; an integer axis with fewer values takes them all).
constexpr int kSurfaceX = 12;
constexpr int kSurfaceY = 8;

const char* const kMethodKeys[TuningLab::kMethodCount] = {"grid", "random", "bayesian"};

double numberOf(const ParamValue& value)
{
    if (const auto* d = std::get_if<double>(&value))
        return *d;
    if (const auto* i = std::get_if<long long>(&value))
        return static_cast<double>(*i);
    return std::nan("");
}

ParamValue valueOf(const TuningLab::Axis& axis, double v)
{
    if (axis.isInteger)
        return static_cast<long long>(std::llround(v));
    return v;
}

// n values from low to high (geometric on a log axis); integers rounded and
// repeated ones dropped.
Eigen::VectorXd spread(const TuningLab::Axis& axis, int n)
{
    std::vector<double> values;
    if (axis.isInteger && axis.high - axis.low + 1 <= n) {
        for (auto v = static_cast<long long>(axis.low); v <= static_cast<long long>(axis.high); ++v)
            values.push_back(static_cast<double>(v));
    } else {
        for (int i = 0; i < n; ++i) {
            const double t = n > 1 ? static_cast<double>(i) / (n - 1) : 0.5;
            double v = axis.log ? std::exp(std::log(axis.low) + t * (std::log(axis.high) - std::log(axis.low)))
                                : axis.low + t * (axis.high - axis.low);
            if (axis.isInteger)
                v = static_cast<double>(std::llround(v));
            if (values.empty() || v != values.back())
                values.push_back(v);
        }
    }
    return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

ParamDistribution distributionOf(const TuningLab::Axis& axis)
{
    if (axis.isInteger)
        return ParamDistribution::integer(static_cast<long long>(axis.low), static_cast<long long>(axis.high));
    return axis.log ? ParamDistribution::logUniform(axis.low, axis.high) : ParamDistribution::uniform(axis.low, axis.high);
}

int nearestIndex(const Eigen::VectorXd& values, double v)
{
    Eigen::Index best = 0;
    (values.array() - v).abs().minCoeff(&best);
    return static_cast<int>(best);
}

struct TuningJob {
    Matrix X, heldX;
    Vector y, heldY;
    std::shared_ptr<const Pipeline> pipeline;
    QList<TuningLab::Axis> axes;
    int nIter = 16;
    int folds = 5;
    std::string scoring;
    QList<int> methods;
    bool needSurface = false;
    Eigen::VectorXd surfaceX, surfaceY;
    int threads = 1;
};

std::unique_ptr<HyperparameterSearch> makeSearch(const TuningJob& job, int method)
{
    if (method == TuningLab::Grid) {
        const QList<Eigen::VectorXd> values = TuningLab::gridValues(job.axes, job.nIter);
        ParamGrid grid;
        for (int a = 0; a < 2; ++a)
            for (Eigen::Index i = 0; i < values[a].size(); ++i)
                grid[job.axes[a].address].push_back(valueOf(job.axes[a], values[a](i)));
        return std::make_unique<GridSearchCV>(grid);
    }
    ParamDistributions space;
    for (const auto& axis : job.axes)
        space[axis.address] = distributionOf(axis);
    if (method == TuningLab::Random)
        return std::make_unique<RandomizedSearchCV>(space, job.nIter);
    // A quarter of the budget (at least 3) explores at random before the model steers.
    const int initial = std::clamp(job.nIter / 4, 3, 8);
    return std::make_unique<BayesSearchCV>(space, job.nIter, std::min(initial, job.nIter));
}

// Runs on the worker: the surface (if not cached), then each method's search;
// every finished candidate goes to the GUI as a step tagged with its phase.
const Predictor* runTuning(const std::shared_ptr<const TuningJob>& job, TrainContext& ctx)
{
    const StratifiedKFold cv(job->folds);
    int stepCount = 0;
    auto send = [&](TrainStep step) {
        step.step = ++stepCount;
        if (ctx.observer)
            ctx.observer->onStep(step, *job->pipeline);
    };
    TrainContext c;
    c.seed = ctx.seed;
    c.threads = job->threads;
    c.stop = ctx.stop;
    if (job->needSurface) {
        ParamGrid grid;
        for (Eigen::Index i = 0; i < job->surfaceX.size(); ++i)
            grid[job->axes[0].address].push_back(valueOf(job->axes[0], job->surfaceX(i)));
        for (Eigen::Index i = 0; i < job->surfaceY.size(); ++i)
            grid[job->axes[1].address].push_back(valueOf(job->axes[1], job->surfaceY(i)));
        GridSearchCV surface(grid);
        surface.setRefit(false);
        surface.setScoring(job->scoring);
        surface.setObserver([&](const SearchEvaluation& e) {
            TrainStep s;
            s.metrics["phase"] = kSurfacePhase;
            s.metrics["column"] = nearestIndex(job->surfaceX, numberOf(e.params.at(job->axes[0].address)));
            s.metrics["row"] = nearestIndex(job->surfaceY, numberOf(e.params.at(job->axes[1].address)));
            s.metrics["score"] = e.meanScore;
            send(s);
        });
        surface.fit(*job->pipeline, job->X, job->y, cv, c);
        if (ctx.cancelled())
            return nullptr;
    }
    for (int method : job->methods) {
        auto search = makeSearch(*job, method);
        search->setScoring(job->scoring);
        search->setObserver([&](const SearchEvaluation& e) {
            TrainStep s;
            s.metrics["phase"] = kTrialPhase;
            s.metrics["method"] = method;
            s.metrics["x"] = numberOf(e.params.at(job->axes[0].address));
            s.metrics["y"] = numberOf(e.params.at(job->axes[1].address));
            s.metrics["score"] = e.meanScore;
            s.metrics["std"] = e.stdScore;
            s.metrics["index"] = e.index;
            send(s);
        });
        SearchResult result = search->fit(*job->pipeline, job->X, job->y, cv, c);
        if (ctx.cancelled() || !result.refitted)
            return nullptr;
        // The refitted winner, scored once on rows the search never saw.
        TrainStep s;
        s.metrics["phase"] = kHeldOutPhase;
        s.metrics["method"] = method;
        s.metrics["held_out"] = makeScorer(job->scoring, true).score(result.bestPipeline, job->heldX, job->heldY);
        send(s);
    }
    return nullptr;
}

QString formatValue(const TuningLab::Axis& axis, double v)
{
    return axis.isInteger ? QString::number(std::llround(v)) : QString::number(v, 'g', 3);
}

}  // namespace

TuningLab::TuningLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &TuningLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &TuningLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &TuningLab::showError);
    buildUi();
}

TuningLab::~TuningLab()
{
    shutdown();
}

void TuningLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    controls->addWidget(m_dataControls, 1);
    auto* searchBox = new QGroupBox(tr("Search"), this);
    auto* form = new QFormLayout(searchBox);
    m_method = new QComboBox(searchBox);
    m_method->addItem(tr("grid"));
    m_method->addItem(tr("random"));
    m_method->addItem(tr("Bayesian (GP + EI)"));
    m_method->setAccessibleName(tr("search method"));
    m_method->setToolTip(tr("Grid: every combination of about √budget values per axis. Random: independent draws. "
                            "Bayesian: a Gaussian process picks the point of highest expected improvement."));
    m_budget = new QSpinBox(searchBox);
    m_budget->setRange(2, 100);
    m_budget->setAccessibleName(tr("budget: candidates evaluated"));
    m_budget->setToolTip(tr("n_iter: how many settings the search may cross-validate"));
    m_folds = new QSpinBox(searchBox);
    m_folds->setRange(2, 10);
    m_folds->setAccessibleName(tr("cross-validation folds"));
    m_folds->setToolTip(tr("cv: stratified folds of the training rows; each candidate is fitted once per fold"));
    m_spaceLabel = new QLabel(searchBox);
    m_spaceLabel->setWordWrap(true);
    form->addRow(tr("method"), m_method);
    form->addRow(tr("budget (n_iter)"), m_budget);
    form->addRow(tr("folds (cv)"), m_folds);
    form->addRow(m_spaceLabel);
    controls->addWidget(searchBox, 1);
    root->addLayout(controls);

    auto* buttons = new QHBoxLayout;
    m_searchButton = new QPushButton(tr("Search"), this);
    m_searchButton->setToolTip(tr("Run the chosen method with this budget"));
    m_compareButton = new QPushButton(tr("Compare all three"), this);
    m_compareButton->setToolTip(tr("Run grid, random and Bayesian search in turn on the same budget and folds"));
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setToolTip(tr("Stop the search; the finished trials stay"));
    m_cancelButton->setEnabled(false);
    buttons->addWidget(m_searchButton);
    buttons->addWidget(m_compareButton);
    buttons->addWidget(m_cancelButton);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);
    root->addWidget(createErrorLabel());
    m_result = createSummaryLabel(tr("best parameters and score"));
    root->addWidget(m_result);

    auto* charts = new QSplitter(Qt::Horizontal, this);
    m_heatmap = new ScoreHeatmapView(charts);
    m_heatmap->setMinimumSize(260, 220);
    auto* side = new QSplitter(Qt::Vertical, charts);
    m_bestCurve = new LearningCurveView(tr("best CV score so far"), {tr("grid"), tr("random"), tr("Bayesian")}, side);
    m_bestCurve->setXTitle(tr("trial"));
    m_bestCurve->setMinimumSize(200, 150);
    m_top = new QLabel(side);
    m_top->setWordWrap(true);
    m_top->setTextFormat(Qt::RichText);
    m_top->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_top->setAccessibleName(tr("top configurations with their fold spread"));
    side->setSizes({600, 400});
    charts->setSizes({1300, 700});  // the heatmap needs the width; the curve and list fit beside it
    root->addWidget(charts, 1);

    connect(m_searchButton, &QPushButton::clicked, this, &TuningLab::search);
    connect(m_compareButton, &QPushButton::clicked, this, &TuningLab::compareAllMethods);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] { m_session->cancel(); });
    connect(m_dataControls, &DatasetControls::changed, this, &TuningLab::reset);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] { showMethod(); });
    // Another budget or other folds make earlier runs incomparable.
    connect(m_budget, &QSpinBox::valueChanged, this, [this] {
        m_session->stopAndJoin();
        clearResults();
        m_status->setText(tr("New budget: run the methods again to compare them."));
    });
    connect(m_folds, &QSpinBox::valueChanged, this, &TuningLab::reset);
}

void TuningLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_dataControls->setKind(DatasetControls::Kind::Plane);
    m_dataControls->applyPreset(preset);
    m_pipelineSpec = preset.value("pipeline").toObject();
    const QJsonObject searchSpec = preset.value("search").toObject();
    const QSignalBlocker b1(m_method), b2(m_budget), b3(m_folds);
    // A try-this step overrides the knobs with top-level keys (a step's
    // "search" object would replace the whole search, space included).
    const auto setting = [&](const char* key) { return preset.contains(key) ? preset.value(key) : searchSpec.value(key); };
    const QString method = setting("method").toString("grid");
    m_budget->setValue(setting("n_iter").toInt(16));
    m_folds->setValue(setting("cv").toInt(5));
    m_scoring = searchSpec.value("scoring").toString();
    m_axes.clear();
    QStringList knobs;
    for (const auto& k : preset.value("knobs").toArray())
        knobs << k.toString();
    auto* form = qobject_cast<QFormLayout*>(m_method->parentWidget()->layout());
    form->setRowVisible(m_method, knobs.isEmpty() || knobs.contains("method"));
    form->setRowVisible(m_budget, knobs.isEmpty() || knobs.contains("n_iter"));
    form->setRowVisible(m_folds, knobs.isEmpty() || knobs.contains("cv"));
    try {
        const int methodIndex = QStringList{"grid", "random", "bayesian"}.indexOf(method);
        if (methodIndex < 0)
            throw ParamError("search.method must be grid, random or bayesian, not '" + method.toStdString() + "'");
        m_method->setCurrentIndex(methodIndex);
        const Pipeline pipeline = pipelineFromPreset(m_pipelineSpec, preset.value("pipeline_params").toObject());
        if (!pipeline.finalEstimator() || !pipeline.isClassifier())
            throw ParamError("the tuning lab's pipeline must end in a classifier");
        makeScorer(m_scoring.toStdString(), true);  // an unknown scoring name is named now, not mid-search
        const QJsonObject space = searchSpec.value("space").toObject();
        if (space.size() != 2)
            throw ParamError("search.space must name exactly two parameters (the heatmap's axes); it names "
                             + std::to_string(space.size()));
        ParamDistributions distributions;
        for (auto it = space.begin(); it != space.end(); ++it) {
            const QJsonObject range = it.value().toObject();
            Axis axis;
            axis.address = it.key().toStdString();
            const auto split = it.key().indexOf("__");
            axis.name = split >= 0 ? it.key().mid(split + 2) : it.key();
            const QString type = range.value("type").toString("float");
            if (type != "float" && type != "int")
                throw ParamError("search.space." + axis.address + ".type must be float or int, not '" + type.toStdString() + "'");
            axis.isInteger = type == "int";
            axis.log = range.value("log").toBool(false);
            axis.low = range.value("low").toDouble(std::nan(""));
            axis.high = range.value("high").toDouble(std::nan(""));
            if (!(axis.low < axis.high))
                throw ParamError("search.space." + axis.address + " needs low < high");
            distributions[axis.address] = distributionOf(axis);  // throws for log with low <= 0
            m_axes << axis;
        }
        checkDistributionsOn(pipeline, distributions);
        m_spaceLabel->setText(tr("Space: %1 in [%2, %3]%4 × %5 in [%6, %7]%8; scoring %9")
                                  .arg(m_axes[0].name, formatValue(m_axes[0], m_axes[0].low), formatValue(m_axes[0], m_axes[0].high),
                                       m_axes[0].log ? tr(" (log)") : QString(), m_axes[1].name,
                                       formatValue(m_axes[1], m_axes[1].low), formatValue(m_axes[1], m_axes[1].high),
                                       m_axes[1].log ? tr(" (log)") : QString())
                                  .arg(m_scoring.isEmpty() ? QStringLiteral("accuracy") : m_scoring));
        m_heatmap->setAxisNames(m_axes[0].name, m_axes[1].name);
        m_heatmap->setLogAxes(m_axes[0].log, m_axes[1].log);
        m_heatmap->setScoreLabel(tr("CV %1").arg(m_scoring.isEmpty() ? QStringLiteral("accuracy") : m_scoring));
        m_heatmap->setHigherIsBetter(true);  // every scorer is "greater is better" (losses negated)
    } catch (const std::exception& e) {
        m_axes.clear();
        m_spaceLabel->clear();
        setPresetError(tr("This lab's search cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
    reset();
}

QList<Eigen::VectorXd> TuningLab::gridValues(const QList<Axis>& axes, int budget)
{
    // About sqrt(budget) values each; when an integer axis has fewer values
    // than that, the other axis gets the budget it leaves.
    const int n = std::max(2, static_cast<int>(std::floor(std::sqrt(static_cast<double>(budget)) + 1e-9)));
    QList<Eigen::VectorXd> values{spread(axes[0], n), spread(axes[1], n)};
    for (int a = 0; a < 2; ++a) {
        const int other = 1 - a;
        const auto count = static_cast<int>(values[a].size());
        if (count < n && budget / count > values[other].size())
            values[other] = spread(axes[other], budget / count);
    }
    return values;
}

QString TuningLab::surfaceKey() const
{
    // Only what the surface depends on (not the method or the budget).
    const QJsonObject data = m_dataControls->dataPreset(m_preset);
    QJsonObject key;
    for (const char* name : {"dataset", "n_samples", "noise", "seed", "features", "test_size"})
        key.insert(name, data.value(name));
    key.insert("folds", m_folds->value());
    key.insert("scoring", m_scoring);
    key.insert("search_space", m_preset.value("search").toObject().value("space"));
    key.insert("pipeline", m_pipelineSpec);
    key.insert("pipeline_params", m_preset.value("pipeline_params"));
    return QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}

QHash<QString, TuningLab::Surface>& TuningLab::surfaceCache()
{
    static QHash<QString, Surface> cache;
    return cache;
}

bool TuningLab::hasSurface() const
{
    return m_surface.scores.size() > 0 && m_surface.done == m_surface.scores.size();
}

void TuningLab::clearResults()
{
    for (auto& run : m_runs)
        run = MethodRun{};
    m_measurements.clear();
    m_bestCurve->clear();
    m_result->clear();
    m_top->clear();
    m_heatmap->setTrials({});
}

void TuningLab::reset()
{
    shutdown();
    clearError();
    clearResults();
    m_heatmap->clear();
    m_surface = Surface{};
    QJsonObject data = m_dataControls->dataPreset(m_preset);
    data.insert("validation_fraction", m_preset.value("test_size").toDouble(0.25));
    try {
        m_data = buildPlaneDataset(data, m_datasetsDir);
        if (m_data.classCount() < 2)
            throw DataError("the tuning lab needs at least two classes");
    } catch (const std::exception& e) {
        m_data = PlaneDataset{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    if (m_axes.size() == 2) {
        const auto cached = surfaceCache().constFind(surfaceKey());
        if (cached != surfaceCache().constEnd()) {
            m_surface = *cached;
        } else {
            m_surface.x = spread(m_axes[0], kSurfaceX);
            m_surface.y = spread(m_axes[1], kSurfaceY);
            m_surface.scores = Eigen::MatrixXd::Constant(m_surface.y.size(), m_surface.x.size(), std::nan(""));
        }
        m_heatmap->setGrid(m_surface.x, m_surface.y, m_surface.scores);
    }
    m_status->setText(tr("%1: %2 rows searched with cross-validation, %3 held out. Press Search.")
                          .arg(m_data.description)
                          .arg(m_data.trainX.rows())
                          .arg(m_data.validationX.rows()));
}

void TuningLab::setMethod(Method method)
{
    m_method->setCurrentIndex(static_cast<int>(method));
}

TuningLab::Method TuningLab::method() const
{
    return static_cast<Method>(std::clamp(m_method->currentIndex(), 0, kMethodCount - 1));
}

void TuningLab::setBudget(int nIter)
{
    m_budget->setValue(nIter);
}

void TuningLab::search()
{
    start({static_cast<int>(method())});
}

void TuningLab::compareAllMethods()
{
    start({Grid, Random, Bayesian});
}

void TuningLab::start(const QList<int>& methods)
{
    m_session->stopAndJoin();
    clearError();
    if (m_data.trainX.rows() == 0 || hasPresetError() || m_axes.size() != 2)
        return;
    auto job = std::make_shared<TuningJob>();
    try {
        auto pipeline = std::make_shared<Pipeline>(pipelineFromPreset(m_pipelineSpec, m_preset.value("pipeline_params").toObject()));
        job->pipeline = pipeline;
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    const int folds = m_folds->value();
    job->X = m_data.trainX;
    job->y = m_data.trainY;
    job->heldX = m_data.validationX;
    job->heldY = m_data.validationY;
    job->axes = m_axes;
    job->nIter = m_budget->value();
    job->folds = folds;
    job->scoring = m_scoring.toStdString();
    job->methods = methods;
    job->needSurface = !hasSurface();
    if (job->needSurface) {
        // A partial surface from a cancelled run is computed again in full.
        m_surface.scores.setConstant(std::nan(""));
        m_surface.done = 0;
        m_heatmap->setGrid(m_surface.x, m_surface.y, m_surface.scores);
    }
    job->surfaceX = m_surface.x;
    job->surfaceY = m_surface.y;
    job->threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
    for (int m : methods)
        m_runs[static_cast<std::size_t>(m)] = MethodRun{};
    if (methods.size() == 1)
        setMethod(static_cast<Method>(methods.front()));
    showMethod();
    redrawCurves();
    m_session->start([job](TrainContext& ctx) { return runTuning(job, ctx); },
                     static_cast<std::uint64_t>(m_dataControls->seed()));
    m_searchButton->setEnabled(false);
    m_compareButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(job->needSurface ? tr("Computing the true CV score surface (%1 settings)…").arg(m_surface.scores.size())
                                       : tr("Searching…"));
}

void TuningLab::onSteps(const QList<TrainStep>& steps)
{
    bool surfaceChanged = false, trialsChanged = false;
    QString status;
    for (const TrainStep& s : steps) {
        const auto metric = [&s](const char* name) {
            const auto it = s.metrics.find(name);
            return it == s.metrics.end() ? std::nan("") : it->second;
        };
        const int phase = static_cast<int>(metric("phase"));
        if (phase == kSurfacePhase) {
            const auto r = static_cast<Eigen::Index>(metric("row")), c = static_cast<Eigen::Index>(metric("column"));
            if (r >= 0 && r < m_surface.scores.rows() && c >= 0 && c < m_surface.scores.cols()) {
                if (std::isnan(m_surface.scores(r, c)))
                    ++m_surface.done;
                m_surface.scores(r, c) = metric("score");
            }
            surfaceChanged = true;
            status = tr("Computing the true CV score surface: %1 of %2 settings…").arg(m_surface.done).arg(m_surface.scores.size());
            if (hasSurface())
                surfaceCache().insert(surfaceKey(), m_surface);
            continue;
        }
        const int m = static_cast<int>(metric("method"));
        if (m < 0 || m >= kMethodCount)
            continue;
        MethodRun& run = m_runs[static_cast<std::size_t>(m)];
        if (phase == kTrialPhase) {
            // Numbered in the order the search proposed them (parallel folds
            // may finish a batch out of order).
            const Trial trial{metric("x"), metric("y"), metric("score"), metric("std"), static_cast<int>(metric("index"))};
            auto at = std::upper_bound(run.trials.begin(), run.trials.end(), trial.index,
                                       [](int index, const Trial& t) { return index < t.index; });
            run.trials.insert(at, trial);
            trialsChanged = true;
            status = tr("%1 search: trial %2 of %3…").arg(QString::fromLatin1(kMethodKeys[m])).arg(run.trials.size()).arg(m_budget->value());
        } else if (phase == kHeldOutPhase) {
            run.heldOut = metric("held_out");
            run.complete = true;
            trialsChanged = true;
        }
    }
    if (surfaceChanged)
        m_heatmap->setGrid(m_surface.x, m_surface.y, m_surface.scores);
    if (trialsChanged) {
        redrawCurves();
        showMethod();
    }
    if (!status.isEmpty())
        m_status->setText(status);
}

void TuningLab::redrawCurves()
{
    m_bestCurve->clear();
    for (int m = 0; m < kMethodCount; ++m) {
        QList<QPointF> points;
        double best = -INFINITY;
        const auto& trials = m_runs[static_cast<std::size_t>(m)].trials;
        for (int i = 0; i < trials.size(); ++i) {
            best = std::max(best, trials[i].score);
            points << QPointF(i + 1, best);
        }
        m_bestCurve->append(m, points);
    }
}

void TuningLab::showMethod()
{
    const MethodRun& run = m_runs[static_cast<std::size_t>(method())];
    QVector<ScoreHeatmapView::Trial> marks;
    for (const Trial& t : run.trials)
        marks << ScoreHeatmapView::Trial{t.x, t.y, t.score};
    m_heatmap->setTrials(marks);
    updateMeasurements();
    if (run.trials.isEmpty() || m_axes.size() != 2) {
        const bool othersRan = std::any_of(m_runs.begin(), m_runs.end(), [](const MethodRun& r) { return !r.trials.isEmpty(); });
        m_result->setText(othersRan ? tr("No %1 search yet with this budget: press Search.").arg(m_method->currentText()) : QString());
        m_top->clear();
        return;
    }
    const int best = static_cast<int>(m_measurements.value("best_trial")) - 1;
    const Trial& b = run.trials[best];
    QString text = tr("<b>%1</b> best after %2 trials: %3 = %4, %5 = %6 → CV %7 <b>%8</b> ± %9 (found at trial %10)")
                       .arg(m_method->currentText())
                       .arg(run.trials.size())
                       .arg(m_axes[0].name, formatValue(m_axes[0], b.x), m_axes[1].name, formatValue(m_axes[1], b.y),
                            m_scoring.isEmpty() ? QStringLiteral("accuracy") : m_scoring)
                       .arg(b.score, 0, 'f', 4)
                       .arg(b.stdScore, 0, 'f', 4)
                       .arg(best + 1);
    if (m_measurements.contains("held_out_score"))
        text += tr(" · refitted, on the %1 held-out rows: %2").arg(m_data.validationX.rows()).arg(m_measurements["held_out_score"], 0, 'f', 4);
    if (m_measurements.contains("surface_best"))
        text += tr(" · best of the true surface: %1").arg(m_measurements["surface_best"], 0, 'f', 4);
    m_result->setText(text);

    // The top five by mean score, with their spread over the folds.
    QVector<int> order(run.trials.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int c) { return run.trials[a].score > run.trials[c].score; });
    QString top = tr("<b>Top 5</b> (%1, %2): mean ± fold std<br>").arg(m_axes[0].name, m_axes[1].name);
    for (int i = 0; i < std::min<int>(5, static_cast<int>(order.size())); ++i) {
        const Trial& t = run.trials[order[i]];
        const bool tie = b.score - t.score <= b.stdScore;
        top += tr("#%1 (%2, %3): %4 ± %5%6<br>")
                   .arg(order[i] + 1)
                   .arg(formatValue(m_axes[0], t.x), formatValue(m_axes[1], t.y))
                   .arg(t.score, 0, 'f', 4)
                   .arg(t.stdScore, 0, 'f', 3)
                   .arg(tie && order[i] != best ? tr(" <i>tie</i>") : QString());
    }
    top += tr("%1 of %2 trials lie within one fold std of the best: a statistical tie.")
               .arg(static_cast<int>(m_measurements.value("ties_with_best")))
               .arg(run.trials.size());
    m_top->setText(top);
}

void TuningLab::updateMeasurements()
{
    m_measurements.clear();
    if (hasSurface()) {
        m_measurements["surface_best"] = m_surface.scores.maxCoeff();
        m_measurements["surface_worst"] = m_surface.scores.minCoeff();
    }
    for (int m = 0; m < kMethodCount; ++m) {
        const MethodRun& run = m_runs[static_cast<std::size_t>(m)];
        if (run.trials.isEmpty())
            continue;
        int best = 0;
        for (int i = 1; i < run.trials.size(); ++i)
            if (run.trials[i].score > run.trials[best].score)
                best = i;
        const QString key = QString::fromLatin1(kMethodKeys[m]);
        m_measurements["best_score_" + key] = run.trials[best].score;
        m_measurements["best_trial_" + key] = best + 1;
        m_measurements["n_trials_" + key] = static_cast<double>(run.trials.size());
        if (!std::isnan(run.heldOut))
            m_measurements["held_out_score_" + key] = run.heldOut;
        if (m != method() || m_axes.size() != 2)
            continue;
        const Trial& b = run.trials[best];
        m_measurements["best_score"] = b.score;
        m_measurements["best_std"] = b.stdScore;
        m_measurements["best_trial"] = best + 1;
        m_measurements["n_trials"] = static_cast<double>(run.trials.size());
        m_measurements["best_" + m_axes[0].name] = b.x;
        m_measurements["best_" + m_axes[1].name] = b.y;
        std::set<double> xs, ys;
        int ties = 0;
        for (const Trial& t : run.trials) {
            xs.insert(t.x);
            ys.insert(t.y);
            if (b.score - t.score <= b.stdScore)
                ++ties;
        }
        m_measurements["distinct_" + m_axes[0].name] = static_cast<double>(xs.size());
        m_measurements["distinct_" + m_axes[1].name] = static_cast<double>(ys.size());
        m_measurements["ties_with_best"] = ties;
        if (!std::isnan(run.heldOut))
            m_measurements["held_out_score"] = run.heldOut;
        if (hasSurface())
            m_measurements["gap_to_surface"] = m_surface.scores.maxCoeff() - b.score;
    }
}

void TuningLab::onFinished(bool cancelled)
{
    m_searchButton->setEnabled(true);
    m_compareButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    if (hasError())
        return;
    int trials = 0;
    for (const auto& run : m_runs)
        trials += static_cast<int>(run.trials.size());
    if (cancelled)
        m_status->setText(tr("Cancelled: the %1 finished trials are kept.").arg(trials));
    else
        m_status->setText(tr("Done. Switch the method to see where each one searched; the lines on the right compare them trial by trial."));
}

void TuningLab::errorShown()
{
    const bool idle = !m_session->isRunning();
    m_searchButton->setEnabled(idle);
    m_compareButton->setEnabled(idle);
    m_cancelButton->setEnabled(!idle);
}

bool TuningLab::runStepsBlocking(int steps, int timeoutMs)
{
    if (steps <= 0)
        return true;
    search();
    if (!m_session->isRunning())
        return false;
    return waitForSession(timeoutMs);
}

bool TuningLab::compareBlocking(int timeoutMs)
{
    compareAllMethods();
    if (!m_session->isRunning())
        return false;
    return waitForSession(timeoutMs);
}

}  // namespace dslab
