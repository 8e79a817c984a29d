#include "ui/labs/clustering_lab.h"

#include "engine/core/errors.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/metrics/clustering_metrics.h"
#include "engine/models/cluster/k_means.h"
#include "engine/models/cluster/silhouette.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QEventLoop>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

namespace dslab {

namespace {

constexpr int kClassifierPhase = 0;
constexpr int kClusteringPhase = 1;
constexpr int kSweepPhase = 2;

// What the training thread last drew of both models.
struct ClusteringPicture {
    BoundaryField classifierField;
    BoundaryField clusterField;
    QVector<QPointF> centres;  // mean of each cluster's training points, in data units
};

struct ClusteringJob {
    Matrix trainX, validationX;
    Vector trainY, validationY;
    int classCount = 2;
    QRectF bounds;
    Matrix grid;
    int gridSize = 160;
    std::shared_ptr<Pipeline> classifier, clusterer;
    std::string clusterStep;  // name of the KMeans step, for n_clusters in the sweep
    int kMin = 2, kMax = 8;
};

// Worker-side state (training thread only).
struct ClusteringRun {
    int phase = kClassifierPhase;
    ClusteringPicture picture;
};

BoundaryField fieldFromProbabilities(const Matrix& proba, const ClusteringJob& job)
{
    std::vector<float> values(static_cast<std::size_t>(proba.size()));
    for (Eigen::Index r = 0; r < proba.rows(); ++r)
        for (Eigen::Index c = 0; c < proba.cols(); ++c)
            values[static_cast<std::size_t>(r * proba.cols() + c)] = static_cast<float>(proba(r, c));
    return BoundaryField{job.bounds, renderBoundaryImage(values, job.gridSize, static_cast<int>(proba.cols()))};
}

// Cluster regions as one-hot "probabilities" (a clusterer is sure of its
// assignment), and each cluster's centre as the mean of its training points
// in the data's own units (k-means may run on scaled features).
void drawClusters(const Predictor& model, const ClusteringJob& job, int k, ClusteringPicture& picture)
{
    const Vector gridLabels = model.predict(job.grid);
    Matrix oneHot = Matrix::Zero(gridLabels.size(), k);
    for (Eigen::Index i = 0; i < gridLabels.size(); ++i) {
        const auto c = static_cast<Eigen::Index>(gridLabels(i));
        if (c >= 0 && c < k)
            oneHot(i, c) = 1.0;
    }
    picture.clusterField = fieldFromProbabilities(oneHot, job);
    const Vector labels = model.predict(job.trainX);
    QVector<QPointF> sums(k, QPointF(0, 0));
    QVector<int> counts(k, 0);
    for (Eigen::Index i = 0; i < labels.size(); ++i) {
        const int c = static_cast<int>(labels(i));
        if (c < 0 || c >= k)
            continue;
        sums[c] += QPointF(job.trainX(i, 0), job.trainX(i, 1));
        ++counts[c];
    }
    picture.centres.clear();
    for (int c = 0; c < k; ++c)
        picture.centres << (counts[c] > 0 ? sums[c] / counts[c] : QPointF(qQNaN(), qQNaN()));
}

// Tags each step with the phase and keeps the run's phase current for the snapshot function.
class PhaseObserver : public TrainObserver {
public:
    PhaseObserver(TrainObserver* inner, ClusteringRun& run, int phase) : m_inner(inner), m_run(run), m_phase(phase) {}
    void onStep(const TrainStep& step, const Predictor& view) override
    {
        m_run.phase = m_phase;
        m_lastStep = step.step;
        if (!m_inner)
            return;
        TrainStep tagged = step;
        tagged.metrics["phase"] = m_phase;
        m_inner->onStep(tagged, view);
    }
    int lastStep() const { return m_lastStep; }

private:
    TrainObserver* m_inner;
    ClusteringRun& m_run;
    int m_phase;
    int m_lastStep = 0;
};

int clusterCount(const Pipeline& pipeline)
{
    const auto* kmeans = dynamic_cast<const KMeans*>(pipeline.finalEstimator());
    return kmeans ? static_cast<int>(kmeans->clusterCenters().rows()) : 0;
}

// Inertia (k-means' own objective, in the space it clustered), silhouette in
// that same space, and agreement with the hidden labels.
void scoreClustering(const Pipeline& pipeline, const ClusteringJob& job, TrainStep& out)
{
    const auto* kmeans = dynamic_cast<const KMeans*>(pipeline.finalEstimator());
    const Vector labels = pipeline.predict(job.trainX);
    out.metrics["k"] = clusterCount(pipeline);
    out.metrics["inertia"] = kmeans ? kmeans->inertia() : std::nan("");
    out.metrics["ari"] = adjustedRandScore(job.trainY, labels);
    try {
        out.metrics["silhouette"] = silhouetteScore(pipeline.transform(job.trainX), labels);
    } catch (const Error&) {
        out.metrics["silhouette"] = std::nan("");  // one cluster: silhouette is undefined
    }
}

const Predictor* runClustering(const std::shared_ptr<const ClusteringJob>& job, ClusteringRun& run, TrainContext& ctx)
{
    // 1. With labels.
    run.phase = kClassifierPhase;
    {
        PhaseObserver observer(ctx.observer, run, kClassifierPhase);
        TrainContext c = ctx;
        c.observer = &observer;
        c.validationX = &job->validationX;
        c.validationY = &job->validationY;
        // The lab's Step button walks k-means iterations: the classifier runs
        // through without consuming them (and is quick to fit anyway).
        c.stop = std::make_shared<StopToken>();
        job->classifier->fit(job->trainX, job->trainY, c);
        if (ctx.cancelled())
            return nullptr;
        TrainStep summary;
        summary.step = observer.lastStep() + 1;
        summary.totalSteps = summary.step;  // a last step: the session draws it
        summary.metrics["summary"] = 1;
        summary.metrics["validation_accuracy"] = accuracy(job->validationY, job->classifier->predict(job->validationX));
        observer.onStep(summary, *job->classifier);
    }
    // 2. Without labels: k-means, every iteration shown.
    {
        PhaseObserver observer(ctx.observer, run, kClusteringPhase);
        TrainContext c = ctx;
        c.observer = &observer;
        job->clusterer->fit(job->trainX, job->trainY, c);  // KMeans ignores y
        if (ctx.cancelled())
            return nullptr;
        TrainStep summary;
        summary.step = observer.lastStep() + 1;
        summary.totalSteps = summary.step;
        summary.metrics["summary"] = 1;
        scoreClustering(*job->clusterer, *job, summary);
        observer.onStep(summary, *job->clusterer);
    }
    // 3. The same clustering for every k in the range: how would one choose k?
    PhaseObserver observer(ctx.observer, run, kSweepPhase);
    for (int k = job->kMin; k <= job->kMax; ++k) {
        if (ctx.cancelled())
            return nullptr;
        if (k >= job->trainX.rows())
            break;
        Pipeline candidate = job->clusterer->cloneUnfitted();
        candidate.setParam(job->clusterStep + "__n_clusters", static_cast<long long>(k));
        // Its own stop token: a paused session must not block these quick silent fits.
        TrainContext c;
        c.seed = ctx.seed;
        c.threads = ctx.threads;
        candidate.fit(job->trainX, job->trainY, c);
        TrainStep point;
        point.step = k;
        scoreClustering(candidate, *job, point);
        observer.onStep(point, candidate);
    }
    return job->clusterer.get();
}

}  // namespace

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::ClusteringPicture)

namespace dslab {

ClusteringLab::ClusteringLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    qRegisterMetaType<ClusteringPicture>();
    connect(m_session, &TrainingSession::stepsArrived, this, &ClusteringLab::onSteps);
    connect(m_session, &TrainingSession::snapshotArrived, this, &ClusteringLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &ClusteringLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &ClusteringLab::showError);
    buildUi();
}

ClusteringLab::~ClusteringLab()
{
    shutdown();
}

void ClusteringLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);

    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    controls->addWidget(m_dataControls, 1);
    auto* modelBox = new QGroupBox(tr("k-means"), this);
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
    m_trainButton->setToolTip(tr("Fit the classifier with the labels, then k-means without them"));
    m_pauseButton->setToolTip(tr("Pause k-means (Train resumes)"));
    m_stepButton->setToolTip(tr("Run one k-means iteration: assign points, move the centres"));
    m_resetButton->setToolTip(tr("Stop, discard the models and draw the data again"));
    for (auto* b : {m_trainButton, m_pauseButton, m_stepButton, m_resetButton})
        buttons->addWidget(b);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);

    root->addWidget(createErrorLabel());
    m_dataInfo = new QLabel(this);
    m_dataInfo->setWordWrap(true);
    root->addWidget(m_dataInfo);

    auto* results = new QSplitter(Qt::Vertical, this);
    auto* views = new QWidget(results);
    auto* viewsLayout = new QHBoxLayout(views);
    viewsLayout->setContentsMargins(0, 0, 0, 0);
    auto addView = [&](QLabel*& caption, DecisionBoundaryView*& view, const QString& name) {
        auto* column = new QWidget(views);
        auto* layout = new QVBoxLayout(column);
        layout->setContentsMargins(0, 0, 0, 0);
        caption = new QLabel(column);
        caption->setAlignment(Qt::AlignCenter);
        caption->setWordWrap(true);
        view = new DecisionBoundaryView(column);
        // Side by side they share the width: a smaller floor keeps 1280x720 unclipped.
        view->setMinimumSize(180, 180);
        view->setAccessibleName(name);
        layout->addWidget(caption);
        layout->addWidget(view, 1);
        viewsLayout->addWidget(column, 1);
    };
    addView(m_classifierCaption, m_classifierView, tr("classifier regions, learned with the labels"));
    addView(m_clusterCaption, m_clusterView, tr("k-means clusters, found without the labels"));

    m_tabs = new QTabWidget(results);
    m_sweepScores = new LearningCurveView(tr("score"), {tr("silhouette"), tr("agreement with the classes (ARI)")}, m_tabs);
    m_sweepScores->setXTitle(tr("number of clusters k"));
    m_sweepInertia = new LearningCurveView(tr("inertia"), {tr("inertia")}, m_tabs);
    m_sweepInertia->setXTitle(tr("number of clusters k"));
    m_iterations = new LearningCurveView(tr("inertia"), {tr("inertia")}, m_tabs);
    m_iterations->setXTitle(tr("k-means iteration (all n_init runs)"));
    m_tabs->addTab(m_sweepScores, tr("Choosing k: silhouette vs ARI"));
    m_tabs->addTab(m_sweepInertia, tr("Choosing k: inertia"));
    m_tabs->addTab(m_iterations, tr("Iterations"));
    results->addWidget(views);
    results->addWidget(m_tabs);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);
    // Room enough for the sweep charts' axis labels (Qt Charts elides them to "..." otherwise).
    m_tabs->setMinimumHeight(200);
    root->addWidget(results, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &ClusteringLab::train);
    connect(m_pauseButton, &QPushButton::clicked, this, &ClusteringLab::pause);
    connect(m_stepButton, &QPushButton::clicked, this, &ClusteringLab::step);
    connect(m_resetButton, &QPushButton::clicked, this, &ClusteringLab::reset);
    connect(m_dataControls, &DatasetControls::changed, this, &ClusteringLab::reset);
    connect(m_knobs, &ParamForm::valueChanged, this, [this] {
        if (m_session->isRunning()) {
            m_session->stopAndJoin();
            updateButtons();
        }
    });
    updateButtons();
}

void ClusteringLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    m_dataControls->setKind(DatasetControls::Kind::Plane);
    m_dataControls->applyPreset(preset);
    m_clusterSpec = preset.value("pipeline").toObject();
    if (m_clusterSpec.isEmpty())
        m_clusterSpec = QJsonObject{{"steps", QJsonArray{QJsonObject{{"type", "StandardScaler"}},
                                                         QJsonObject{{"type", "KMeans"}, {"n_clusters", 3}}}}};
    m_classifierSpec = preset.value("supervised_pipeline").toObject();
    if (m_classifierSpec.isEmpty())
        m_classifierSpec = QJsonObject{{"steps", QJsonArray{QJsonObject{{"type", "StandardScaler"}},
                                                            QJsonObject{{"type", "KNeighborsClassifier"}}}}};
    rebuildKnobs();
    reset();
}

void ClusteringLab::rebuildKnobs()
{
    setPresetError({});
    clearError();
    try {
        const QJsonObject overrides = m_preset.value("pipeline_params").toObject();
        const Pipeline clusterer = pipelineFromPreset(m_clusterSpec, overrides);
        const auto* kmeans = dynamic_cast<const KMeans*>(clusterer.finalEstimator());
        if (!kmeans)
            throw ParamError("the clustering pipeline must end in KMeans");
        const Pipeline classifier = pipelineFromPreset(m_classifierSpec, overrides);
        if (!classifier.finalEstimator() || !classifier.finalEstimator()->isClassifier())
            throw ParamError("supervised_pipeline must end in a classifier");
        m_classifierName = QString::fromStdString(classifier.finalEstimator()->typeName());
        QStringList knobs;
        for (const auto& k : m_preset.value("knobs").toArray()) {
            QString name = k.toString();
            if (name.startsWith(QLatin1String("KMeans__")))
                name = name.mid(8);
            knobs << name;
        }
        // Knobs that are not KMeans parameters (such as "noise", a data control) are left out by build().
        m_knobs->build(kmeans->paramSpecs(), kmeans->params(), knobs);
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's pipelines cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
}

void ClusteringLab::regenerateData()
{
    try {
        m_data = buildPlaneDataset(m_dataControls->dataPreset(m_preset), m_datasetsDir);
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
    for (auto* view : {m_classifierView, m_clusterView}) {
        view->setBounds(m_data.bounds());
        view->setPoints(points, m_data.classNames, m_data.xName, m_data.yName);
    }
    m_dataInfo->setText(tr("%1 — dot colour: true class; %2 filled dots train both models (k-means without "
                           "the colours), %3 hollow ones score the classifier.")
                            .arg(m_data.description)
                            .arg(m_data.trainX.rows())
                            .arg(m_data.validationX.rows()));
}

void ClusteringLab::clearResults()
{
    m_scores.clear();
    m_sweepDone = false;
    m_lastIteration = 0;
    m_classifierView->clearField();
    m_clusterView->clearField();
    m_clusterView->setMarkers({});
    m_iterations->clear();
    m_sweepScores->clear();
    m_sweepInertia->clear();
    showScores();
    m_status->setText(tr("Press Train: first a classifier with the labels, then k-means without them."));
}

void ClusteringLab::reset()
{
    shutdown();
    clearError();
    clearResults();
    regenerateData();
    updateButtons();
}

void ClusteringLab::startTraining(bool paused)
{
    m_session->stopAndJoin();
    clearError();
    clearResults();
    if (m_data.trainX.rows() == 0) {
        showError(tr("There is no data to train on."));
        return;
    }
    auto job = std::make_shared<ClusteringJob>();
    job->trainX = m_data.trainX;
    job->trainY = m_data.trainY;
    job->validationX = m_data.validationX;
    job->validationY = m_data.validationY;
    job->classCount = m_data.classCount();
    job->bounds = m_data.bounds();
    job->gridSize = m_gridSize;
    const int grid = m_gridSize;
    job->grid.resize(static_cast<Eigen::Index>(grid) * grid, 2);
    for (int gy = 0; gy < grid; ++gy)
        for (int gx = 0; gx < grid; ++gx) {
            const Eigen::Index row = static_cast<Eigen::Index>(gy) * grid + gx;
            job->grid(row, 0) = job->bounds.left() + (gx + 0.5) / grid * job->bounds.width();
            job->grid(row, 1) = job->bounds.top() + (gy + 0.5) / grid * job->bounds.height();
        }
    const QJsonArray range = m_preset.value("k_range").toArray();
    if (range.size() == 2) {
        job->kMin = std::max(1, range.at(0).toInt(2));
        job->kMax = std::max(job->kMin, range.at(1).toInt(8));
    }
    try {
        const QJsonObject overrides = m_preset.value("pipeline_params").toObject();
        job->classifier = std::make_shared<Pipeline>(pipelineFromPreset(m_classifierSpec, overrides));
        job->clusterer = std::make_shared<Pipeline>(pipelineFromPreset(m_clusterSpec, overrides));
        job->clusterStep = job->clusterer->step(job->clusterer->stepCount() - 1).name;
        for (const auto& [name, value] : m_knobs->values())
            job->clusterer->setParam(job->clusterStep + "__" + name, value);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }

    auto run = std::make_shared<ClusteringRun>();
    std::shared_ptr<const ClusteringJob> shared = job;
    m_session->setSnapshotFunction([shared, run](const Predictor& model) {
        if (run->phase == kClassifierPhase)
            run->picture.classifierField = fieldFromProbabilities(model.predictProba(shared->grid), *shared);
        else if (run->phase == kClusteringPhase)
            drawClusters(model, *shared, clusterCount(*shared->clusterer), run->picture);
        return QVariant::fromValue(run->picture);
    });
    m_session->start([shared, run](TrainContext& ctx) { return runClustering(shared, *run, ctx); },
                     static_cast<std::uint64_t>(m_dataControls->seed()), paused);
    m_status->setText(paused ? tr("Paused before the first k-means iteration.") : tr("Training…"));
    updateButtons();
}

void ClusteringLab::train()
{
    if (m_session->isRunning() && m_session->isPaused()) {
        m_session->resume();
        updateButtons();
        return;
    }
    if (!m_session->isRunning())
        startTraining(false);
}

void ClusteringLab::pause()
{
    m_session->pause();
    updateButtons();
}

void ClusteringLab::step()
{
    if (!m_session->isRunning())
        startTraining(true);
    m_session->step(1);
    updateButtons();
}

void ClusteringLab::updateButtons()
{
    const bool running = m_session->isRunning();
    const bool paused = running && m_session->isPaused();
    m_trainButton->setText(paused ? tr("Resume") : tr("Train"));
    m_trainButton->setEnabled(!running || paused);
    m_pauseButton->setEnabled(running && !paused);
    m_stepButton->setEnabled(!running || paused);
}

void ClusteringLab::errorShown()
{
    updateButtons();
}

void ClusteringLab::onSteps(const QList<TrainStep>& steps)
{
    QList<QPointF> iterations, silhouettes, aris, inertias;
    for (const TrainStep& s : steps) {
        const auto phaseAt = s.metrics.find("phase");
        if (phaseAt == s.metrics.end())
            continue;
        const int phase = static_cast<int>(phaseAt->second);
        const bool summary = s.metrics.count("summary") > 0;
        auto metric = [&](const char* key) {
            const auto it = s.metrics.find(key);
            return it == s.metrics.end() ? std::nan("") : it->second;
        };
        if (phase == kClassifierPhase && summary) {
            m_scores["validation_accuracy"] = metric("validation_accuracy");
        } else if (phase == kClusteringPhase && !summary) {
            iterations << QPointF(s.step, s.trainLoss);
            m_lastIteration = s.step;
            m_status->setText(tr("k-means run %1, iteration %2 · inertia %3")
                                  .arg(metric("run"))
                                  .arg(metric("iteration"))
                                  .arg(s.trainLoss, 0, 'g', 5));
        } else if (phase == kClusteringPhase) {
            for (const char* key : {"inertia", "silhouette", "ari", "k"})
                m_scores[QString::fromLatin1(key)] = metric(key);
        } else if (phase == kSweepPhase) {
            const int k = static_cast<int>(metric("k"));
            for (const char* key : {"inertia", "silhouette", "ari"})
                m_scores[QStringLiteral("%1@%2").arg(QString::fromLatin1(key)).arg(k)] = metric(key);
            silhouettes << QPointF(k, metric("silhouette"));
            aris << QPointF(k, metric("ari"));
            inertias << QPointF(k, metric("inertia"));
        }
    }
    m_iterations->append(0, iterations);
    m_sweepScores->append(0, silhouettes);
    m_sweepScores->append(1, aris);
    m_sweepInertia->append(0, inertias);
    showScores();
}

void ClusteringLab::showScores()
{
    auto fmt = [this](const char* key) {
        const double v = m_scores.value(QString::fromLatin1(key), std::nan(""));
        return std::isfinite(v) ? QString::number(v, 'f', 3) : QStringLiteral("–");
    };
    m_classifierCaption->setText(tr("<b>With labels</b>: %1<br>validation accuracy %2")
                                     .arg(m_classifierName, fmt("validation_accuracy")));
    const double k = m_scores.value("k", std::nan(""));
    m_clusterCaption->setText(tr("<b>Without labels</b>: k-means%1<br>silhouette %2 · ARI %3 · inertia %4")
                                  .arg(std::isfinite(k) ? tr(", k = %1").arg(static_cast<int>(k)) : QString(),
                                       fmt("silhouette"), fmt("ari"), fmt("inertia")));
}

void ClusteringLab::onSnapshot(const QVariant& value, int)
{
    const auto picture = value.value<ClusteringPicture>();
    if (!picture.classifierField.image.isNull())
        m_classifierView->setField(picture.classifierField);
    if (!picture.clusterField.image.isNull())
        m_clusterView->setField(picture.clusterField);
    m_clusterView->setMarkers(picture.centres);
    ++m_snapshotsShown;
}

namespace {

// The k of the sweep with the highest `metric@k` score, or 0 without a sweep.
int bestK(const QMap<QString, double>& scores, const QString& metric)
{
    int best = 0;
    double value = -2;
    const QString prefix = metric + '@';
    for (auto it = scores.begin(); it != scores.end(); ++it)
        if (it.key().startsWith(prefix) && std::isfinite(it.value()) && it.value() > value) {
            value = it.value();
            best = it.key().mid(prefix.size()).toInt();
        }
    return best;
}

}  // namespace

void ClusteringLab::onFinished(bool cancelled)
{
    if (!cancelled && !hasError()) {
        // Name the k each criterion would pick: the lesson's point is that they can disagree.
        const int bySilhouette = bestK(m_scores, "silhouette");
        m_sweepDone = bySilhouette > 0;
        m_status->setText(m_sweepDone ? tr("Done. Highest silhouette at k = %1; best agreement with the true classes at k = %2.")
                                            .arg(bySilhouette)
                                            .arg(bestK(m_scores, "ari"))
                                      : tr("Done."));
    }
    updateButtons();
}

QMap<QString, double> ClusteringLab::measurements() const
{
    QMap<QString, double> out;
    for (const char* key : {"validation_accuracy", "inertia", "silhouette", "ari"}) {
        const double v = m_scores.value(QString::fromLatin1(key), std::nan(""));
        if (std::isfinite(v))
            out.insert(QString::fromLatin1(key), v);
    }
    if (const int k = bestK(m_scores, "silhouette"))
        out.insert("best_k_silhouette", k);
    if (const int k = bestK(m_scores, "ari"))
        out.insert("best_k_ari", k);
    return out;
}

double ClusteringLab::score(const QString& name) const
{
    return m_scores.value(name, std::nan(""));
}

QString ClusteringLab::statusText() const
{
    return m_status->text();
}

bool ClusteringLab::runStepsBlocking(int steps, int timeoutMs)
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
        else if (m_lastIteration >= steps && m_session->isPaused())
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
