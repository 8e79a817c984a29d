#include "ui/labs/dimensionality_reduction_lab.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/models/decomposition/pca.h"
#include "engine/models/decomposition/trustworthiness.h"
#include "engine/models/decomposition/tsne.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/digit_images_view.h"
#include "ui/charts/explained_variance_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/charts/projection_scatter_view.h"
#include "ui/session/training_session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>
#include <thread>

namespace dslab {

// What the worker computes; the GUI reads it once the job has ended.
struct DimensionalityReductionResult {
    Matrix projection;          // N x 2 (PCA scores or the t-SNE embedding)
    Vector ratios;              // every component's explained_variance_ratio (PCA)
    Matrix originals, reconstructions;  // example images, original units
    std::map<std::string, double> numbers;
};

namespace {

using Method = DimensionalityReductionLab::Method;

constexpr int kSeparationNeighbours = 5;  // k of the 2-D k-NN score and of trustworthiness

struct Scaling {
    Vector shift, scale;  // x' = (x − shift) / scale
};

// scikit-learn's StandardScaler (population std, constant columns left at 1)
// or MinMaxScaler to [0, 1]; kept here as plain numbers so reconstructions
// can be shown back in pixel units.
Scaling scalingFor(const Matrix& X, const std::string& scaler)
{
    Scaling s;
    const Eigen::Index d = X.cols();
    s.shift = Vector::Zero(d);
    s.scale = Vector::Ones(d);
    if (scaler == "StandardScaler") {
        s.shift = X.colwise().mean().transpose();
        for (Eigen::Index j = 0; j < d; ++j) {
            const double sd = std::sqrt((X.col(j).array() - s.shift(j)).square().mean());
            s.scale(j) = sd > 0 ? sd : 1.0;
        }
    } else if (scaler == "MinMaxScaler") {
        s.shift = X.colwise().minCoeff().transpose();
        for (Eigen::Index j = 0; j < d; ++j) {
            const double range = X.col(j).maxCoeff() - s.shift(j);
            s.scale(j) = range > 0 ? range : 1.0;
        }
    }
    return s;
}

Matrix applyScaling(const Matrix& X, const Scaling& s)
{
    return (X.rowwise() - s.shift.transpose()).array().rowwise() / s.scale.transpose().array();
}

Matrix undoScaling(const Matrix& Z, const Scaling& s)
{
    Matrix X = Z.array().rowwise() * s.scale.transpose().array();
    X.rowwise() += s.shift.transpose();
    return X;
}

struct Job {
    Matrix X;
    Vector y;
    Method method = Method::Pca;
    int k = 2;
    std::string scaler = "none";
    std::shared_ptr<Pipeline> reduced;     // [scaler] + PCA(k) + classifier
    std::shared_ptr<Pipeline> raw;         // [scaler] + classifier
    std::shared_ptr<Pipeline> separation;  // k-NN on 2-D coordinates
    int folds = 5;
    bool shuffle = true;
    std::uint64_t cvSeed = 0;
    std::vector<Eigen::Index> examples;
    std::shared_ptr<TSNE> tsne;
    int threads = 1;
    std::shared_ptr<DimensionalityReductionResult> result;
};

// How well a 2-D picture keeps classes apart and neighbourhoods intact.
void scoreProjection(const Job& job, const Matrix& input, const Matrix& projection, TrainContext& c,
                     const std::string& prefix, DimensionalityReductionResult& out)
{
    const StratifiedKFold cv(job.folds, job.shuffle, job.cvSeed);
    out.numbers[prefix + "knn_accuracy_2d"] = crossValidate(*job.separation, projection, job.y, cv, c).meanTestScore();
    out.numbers[prefix + "trustworthiness"] = trustworthiness(input, projection, kSeparationNeighbours, c.threads);
}

const Predictor* runReduction(const std::shared_ptr<Job>& job, TrainContext& ctx)
{
    TrainContext c;
    c.seed = ctx.seed;
    c.threads = job->threads;
    c.stop = ctx.stop;
    DimensionalityReductionResult& out = *job->result;
    const Scaling scaling = scalingFor(job->X, job->scaler);
    const Matrix Xs = applyScaling(job->X, scaling);

    // PCA with every component: the variance shares, the first two as the
    // scatter (or the baseline t-SNE is compared with), reconstructions at k.
    PCA pca;
    pca.setParam("svd_solver", std::string("full"));
    pca.fit(Xs, nullptr, c);
    const Matrix scores = pca.transform(Xs);
    const Matrix pca2 = scores.leftCols(std::min<Eigen::Index>(2, scores.cols()));
    if (ctx.cancelled())
        return nullptr;

    if (job->method == Method::Tsne) {
        TrainContext t = ctx;  // the session's observer and stop token: each iteration is seen
        t.threads = job->threads;
        t.reportEvery = 10;
        const Matrix embedding = job->tsne->fitTransform(Xs, t);
        if (ctx.cancelled())
            return nullptr;
        out.projection = embedding;
        out.numbers["kl_divergence"] = job->tsne->klDivergence();
        out.numbers["iterations"] = job->tsne->nIter() + 1;
        scoreProjection(*job, Xs, embedding, c, "", out);
        scoreProjection(*job, Xs, pca2, c, "pca2_", out);
        return nullptr;
    }

    const Vector ratios = pca.explainedVarianceRatio();
    out.ratios = ratios;
    out.projection = pca2;
    const auto k = std::min<Eigen::Index>(job->k, ratios.size());
    out.numbers["n_components"] = static_cast<double>(k);
    out.numbers["explained_variance_1"] = ratios(0);
    if (ratios.size() > 1)
        out.numbers["explained_variance_2"] = ratios(1);
    out.numbers["cumulative_variance"] = ratios.head(k).sum();
    for (const auto& [name, level] : {std::pair{"components_for_90", 0.90}, std::pair{"components_for_95", 0.95},
                                      std::pair{"components_for_99", 0.99}}) {
        double running = 0;
        Eigen::Index needed = 0;
        while (needed < ratios.size() && running < level)
            running += ratios(needed++);
        out.numbers[name] = static_cast<double>(needed);
    }
    // x̂ = mean + Z_k W_k, back in the data's own units.
    const Matrix approx = undoScaling(
        (scores.leftCols(k) * pca.components().topRows(k)).rowwise() + pca.mean().transpose(), scaling);
    out.numbers["reconstruction_mse"] = (approx - job->X).array().square().mean();
    out.originals.resize(static_cast<Eigen::Index>(job->examples.size()), job->X.cols());
    out.reconstructions.resize(out.originals.rows(), job->X.cols());
    for (std::size_t e = 0; e < job->examples.size(); ++e) {
        out.originals.row(static_cast<Eigen::Index>(e)) = job->X.row(job->examples[e]);
        out.reconstructions.row(static_cast<Eigen::Index>(e)) = approx.row(job->examples[e]);
    }
    if (ctx.cancelled())
        return nullptr;
    scoreProjection(*job, Xs, pca2, c, "", out);
    // The downstream model, PCA inside each fold, against the raw features.
    const StratifiedKFold cv(job->folds, job->shuffle, job->cvSeed);
    out.numbers["cv_accuracy"] = crossValidate(*job->reduced, job->X, job->y, cv, c).meanTestScore();
    if (ctx.cancelled())
        return nullptr;
    out.numbers["cv_accuracy_raw"] = crossValidate(*job->raw, job->X, job->y, cv, c).meanTestScore();
    return nullptr;
}

QVariant embeddingSnapshot(const Predictor& model)
{
    const auto* tsne = dynamic_cast<const TSNE*>(model.component());
    if (!tsne || tsne->embedding().cols() < 1)
        return {};
    const Matrix& e = tsne->embedding();
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(e.rows()));
    for (Eigen::Index i = 0; i < e.rows(); ++i)
        points << QPointF(e(i, 0), e.cols() > 1 ? e(i, 1) : 0.0);
    return QVariant::fromValue(points);
}

// A numeric parameter, whether the preset wrote it as an integer or a float.
double asNumber(const ParamValue& v, double fallback)
{
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* i = std::get_if<long long>(&v))
        return static_cast<double>(*i);
    return fallback;
}

QString percent(double share)
{
    return QStringLiteral("%1%").arg(share * 100, 0, 'f', 1);
}

}  // namespace

DimensionalityReductionLab::DimensionalityReductionLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &DimensionalityReductionLab::onSteps);
    connect(m_session, &TrainingSession::snapshotArrived, this, &DimensionalityReductionLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &DimensionalityReductionLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &DimensionalityReductionLab::showError);
    // A 1,797-point scatter redrawn ten times a second is smooth enough and
    // leaves the GUI thread idle between frames.
    m_session->setFrameInterval(100);
    m_session->setSnapshotFunction(embeddingSnapshot);
    buildUi();
}

DimensionalityReductionLab::~DimensionalityReductionLab()
{
    shutdown();
}

void DimensionalityReductionLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    m_box = new QGroupBox(tr("Reduction"), this);
    auto* boxLayout = new QHBoxLayout(m_box);
    m_form = new QFormLayout;
    m_form2 = new QFormLayout;
    auto* form2 = m_form2;
    m_method = new QComboBox(m_box);
    m_method->addItem(tr("PCA"));
    m_method->addItem(tr("t-SNE"));
    m_method->setAccessibleName(tr("method"));
    m_components = new QSpinBox(m_box);
    m_components->setRange(1, 64);
    m_components->setAccessibleName(tr("n_components: principal components kept"));
    m_components->setToolTip(tr("Components kept for the reconstructions and the downstream classifier"));
    m_perplexity = new QDoubleSpinBox(m_box);
    m_perplexity->setRange(2, 100);
    m_perplexity->setDecimals(0);
    m_perplexity->setAccessibleName(tr("t-SNE perplexity"));
    m_perplexity->setToolTip(tr("Effective number of neighbours each point's Gaussian covers"));
    m_randomState = new QSpinBox(m_box);
    m_randomState->setRange(0, 1000000);
    m_randomState->setAccessibleName(tr("random_state"));
    m_randomState->setToolTip(tr("Seed of t-SNE's random start (init=\"random\"); the PCA start does not use it"));
    m_scaler = new QComboBox(m_box);
    m_scaler->addItems({"none", "StandardScaler", "MinMaxScaler"});
    m_scaler->setAccessibleName(tr("scaler before the reduction"));
    m_dataLabel = new QLabel(m_box);
    m_dataLabel->setWordWrap(true);
    m_form->addRow(tr("method"), m_method);
    m_form->addRow(tr("n_components"), m_components);
    m_form->addRow(tr("perplexity"), m_perplexity);
    form2->addRow(tr("random_state"), m_randomState);
    form2->addRow(tr("scaler"), m_scaler);
    form2->addRow(tr("data"), m_dataLabel);
    boxLayout->addLayout(m_form, 1);
    boxLayout->addLayout(form2, 1);
    root->addWidget(m_box);

    const RunRow row = createRunRow(tr("Run"), tr("Fit the reduction on the worker and score it"));
    m_trainButton = row.run;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("explained variance and downstream accuracy"));
    root->addWidget(m_summary);

    auto* vertical = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, vertical);
    m_scatter = new ProjectionScatterView(top);
    m_rightStack = new QStackedWidget(top);
    m_variance = new ExplainedVarianceView(m_rightStack);
    m_kl = new LearningCurveView(tr("KL divergence"), {tr("KL(P || Q)")}, m_rightStack);
    m_kl->setXTitle(tr("iteration (exaggerated to 250)"));
    m_rightStack->addWidget(m_variance);
    m_rightStack->addWidget(m_kl);
    top->setSizes({560, 440});
    m_images = new DigitImagesView(vertical);
    vertical->addWidget(top);
    vertical->addWidget(m_images);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);
    root->addWidget(vertical, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &DimensionalityReductionLab::train);
    const auto changed = [this] {
        m_session->stopAndJoin();
        clearResults();
        updateKnobRows();
        m_status->setText(tr("Settings changed: press Run."));
    };
    connect(m_method, &QComboBox::currentIndexChanged, this, changed);
    connect(m_components, &QSpinBox::valueChanged, this, changed);
    connect(m_perplexity, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_randomState, &QSpinBox::valueChanged, this, changed);
    connect(m_scaler, &QComboBox::currentIndexChanged, this, changed);
}

void DimensionalityReductionLab::updateKnobRows()
{
    const bool tsne = method() == Method::Tsne;
    const auto shown = [this](const char* name) { return m_visibleKnobs.isEmpty() || m_visibleKnobs.contains(name); };
    m_form->setRowVisible(m_method, shown("method"));
    m_form->setRowVisible(m_components, shown("n_components"));
    m_form->setRowVisible(m_perplexity, shown("perplexity"));
    m_components->setEnabled(!tsne);
    m_perplexity->setEnabled(tsne);
    m_randomState->setEnabled(tsne);
    m_form2->setRowVisible(m_randomState, shown("random_state"));
    m_form2->setRowVisible(m_scaler, shown("scaler"));
    m_rightStack->setCurrentWidget(tsne ? static_cast<QWidget*>(m_kl) : m_variance);
    const QJsonArray show = m_preset.value("show").toArray();
    const bool withImages = show.isEmpty() || show.contains(QJsonValue("reconstructions"));
    // t-SNE has no inverse: the images row gives its room to the scatter.
    m_images->setVisible(withImages && m_imageSide > 0 && !tsne);
}

void DimensionalityReductionLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_visibleKnobs.clear();
    for (const auto& k : preset.value("knobs").toArray())
        m_visibleKnobs << k.toString();
    const QSignalBlocker b1(m_method), b2(m_components), b3(m_perplexity), b4(m_randomState), b5(m_scaler);
    try {
        const QString method = preset.value("method").toString("PCA");
        if (method != "PCA" && method != "TSNE")
            throw ParamError("method must be PCA or TSNE, not '" + method.toStdString() + "'");
        m_method->setCurrentIndex(method == "TSNE" ? 1 : 0);
        const QString scaler = preset.value("scaler").toString("none");
        if (m_scaler->findText(scaler) < 0)
            throw ParamError("scaler must be none, StandardScaler or MinMaxScaler, not '" + scaler.toStdString() + "'");
        m_scaler->setCurrentText(scaler);
        // The knobs start from the preset's PCA step and TSNE settings.
        Pipeline pipeline = pipelineFromPreset(preset.value("pipeline").toObject(), preset.value("pipeline_params").toObject());
        bool hasPca = false;
        for (std::size_t i = 0; i < pipeline.stepCount(); ++i)
            if (pipeline.step(i).component->typeName() == "PCA") {
                hasPca = true;
                const ParamValue k = pipeline.param(pipeline.step(i).name + "__n_components");
                m_components->setValue(static_cast<int>(asNumber(k, 2)));
            }
        if (!hasPca || !pipeline.finalEstimator())
            throw ParamError("the pipeline needs a PCA step before a classifier");
        TSNE tsne;
        const QJsonObject t = preset.value("tsne").toObject();
        for (auto it = t.begin(); it != t.end(); ++it)
            if (it.key() != "type")
                tsne.setParam(it.key().toStdString(), paramFromPreset(it.value()));
        m_perplexity->setValue(asNumber(tsne.param("perplexity"), 30));
        m_randomState->setValue(static_cast<int>(asNumber(tsne.param("random_state"), 0)));
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's preset cannot be used: %1").arg(QString::fromUtf8(e.what())));
    }
    reset();
    updateKnobRows();
}

void DimensionalityReductionLab::clearResults()
{
    m_measurements.clear();
    m_projection.resize(0, 0);
    m_klPoints.clear();
    m_redraws = 0;
    m_scatter->clear();
    m_variance->clear();
    m_kl->clear();
    m_images->clear();
    m_summary->clear();
}

void DimensionalityReductionLab::reset()
{
    shutdown();
    clearError();
    clearResults();
    m_X.resize(0, 0);
    try {
        const std::string key = m_preset.value("dataset").toString("digits").toStdString();
        const Dataset data = loadBuiltinDataset(key, m_datasetsDir.toStdString());
        StringList columns;
        for (const auto& name : data.featureNames())
            if (data.column(name).type == ColumnType::Numeric)
                columns.push_back(name);
        if (columns.size() < 3)
            throw DataError("'" + key + "' has fewer than three numeric features; pick a wider dataset");
        Matrix X = data.featureMatrix(columns);
        Vector y = data.targetCodes();
        if (X.array().isNaN().any())
            throw DataError("'" + key + "' has missing values, which PCA cannot use; pick another dataset");
        const int rows = m_preset.value("rows").toInt(0);
        if (rows > 0 && rows < X.rows()) {
            X = X.topRows(rows).eval();
            y = y.head(rows).eval();
        }
        m_X = X;
        m_y = y;
        m_labels = y.cast<int>();
        m_classNames.clear();
        for (const auto& label : data.classLabels())
            m_classNames << QString::fromStdString(label);
        const auto side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(m_X.cols()))));
        m_imageSide = side * side == m_X.cols() ? side : 0;
        m_components->setMaximum(static_cast<int>(std::min(m_X.rows(), m_X.cols())));
        m_description = tr("%1: %2 rows × %3 features").arg(QString::fromStdString(key)).arg(m_X.rows()).arg(m_X.cols());
        m_dataLabel->setText(m_description);
    } catch (const std::exception& e) {
        m_X.resize(0, 0);
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    m_status->setText(tr("%1. Press Run.").arg(m_description));
}

void DimensionalityReductionLab::setMethod(Method m)
{
    m_method->setCurrentIndex(m == Method::Tsne ? 1 : 0);
}

DimensionalityReductionLab::Method DimensionalityReductionLab::method() const
{
    return m_method->currentIndex() == 1 ? Method::Tsne : Method::Pca;
}

void DimensionalityReductionLab::setComponents(int k)
{
    m_components->setValue(k);
}

void DimensionalityReductionLab::setPerplexity(double perplexity)
{
    m_perplexity->setValue(perplexity);
}

void DimensionalityReductionLab::setRandomState(int seed)
{
    m_randomState->setValue(seed);
}

void DimensionalityReductionLab::setScaler(const QString& scaler)
{
    m_scaler->setCurrentText(scaler);
}

void DimensionalityReductionLab::train()
{
    m_session->stopAndJoin();
    clearError();
    clearResults();
    if (m_X.rows() == 0 || hasPresetError())
        return;
    auto job = std::make_shared<Job>();
    try {
        job->method = method();
        job->k = m_components->value();
        job->scaler = m_scaler->currentText().toStdString();
        const QJsonObject overrides = m_preset.value("pipeline_params").toObject();
        QJsonObject spec = m_preset.value("pipeline").toObject();
        QJsonArray steps = spec.value("steps").toArray();
        if (job->scaler != "none")
            steps.prepend(QJsonObject{{"type", m_scaler->currentText()}});
        spec.insert("steps", steps);
        job->reduced = std::make_shared<Pipeline>(pipelineFromPreset(spec, overrides));
        for (std::size_t i = 0; i < job->reduced->stepCount(); ++i)
            if (job->reduced->step(i).component->typeName() == "PCA")
                job->reduced->setParam(job->reduced->step(i).name + "__n_components", static_cast<double>(job->k));
        QJsonArray rawSteps;
        for (const auto& s : steps)
            if (s.toObject().value("type").toString() != "PCA")
                rawSteps << s;
        QJsonObject rawSpec = spec;
        rawSpec.insert("steps", rawSteps);
        job->raw = std::make_shared<Pipeline>(pipelineFromPreset(rawSpec, overrides));
        job->separation = std::make_shared<Pipeline>(pipelineFromPreset(
            QJsonObject{{"steps", QJsonArray{QJsonObject{{"type", "KNeighborsClassifier"},
                                                         {"n_neighbors", kSeparationNeighbours}}}}},
            {}));
        const QJsonObject cv = m_preset.value("cv").toObject();
        if (!cv.isEmpty() && cv.value("type").toString("StratifiedKFold") != "StratifiedKFold")
            throw ParamError("cv must be a StratifiedKFold");
        job->folds = cv.value("n_splits").toInt(5);
        job->shuffle = cv.value("shuffle").toBool(true);
        job->cvSeed = static_cast<std::uint64_t>(cv.value("random_state").toInt(0));
        // One example of each class first (the first of each), then the next rows.
        const int wanted = std::clamp(m_preset.value("reconstruct_examples").toInt(10), 1, 20);
        std::vector<bool> taken(static_cast<std::size_t>(m_X.rows()), false);
        for (int label = 0; label < m_classNames.size() && static_cast<int>(job->examples.size()) < wanted; ++label)
            for (Eigen::Index i = 0; i < m_X.rows(); ++i)
                if (m_labels(i) == label) {
                    job->examples.push_back(i);
                    taken[static_cast<std::size_t>(i)] = true;
                    break;
                }
        for (Eigen::Index i = 0; i < m_X.rows() && static_cast<int>(job->examples.size()) < wanted; ++i)
            if (!taken[static_cast<std::size_t>(i)])
                job->examples.push_back(i);
        job->tsne = std::make_shared<TSNE>();
        const QJsonObject t = m_preset.value("tsne").toObject();
        for (auto it = t.begin(); it != t.end(); ++it)
            if (it.key() != "type")
                job->tsne->setParam(it.key().toStdString(), paramFromPreset(it.value()));
        job->tsne->setParam("perplexity", m_perplexity->value());
        job->tsne->setParam("random_state", static_cast<long long>(m_randomState->value()));
        if (job->method == Method::Tsne && m_perplexity->value() >= static_cast<double>(m_X.rows()))
            throw ParamError("perplexity must be less than the number of rows (" + std::to_string(m_X.rows()) + ")");
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    job->X = m_X;
    job->y = m_y;
    job->threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
    job->result = std::make_shared<DimensionalityReductionResult>();
    m_result = job->result;
    if (job->method == Method::Tsne) {
        m_images->setNote(tr("No reconstructions: t-SNE has no inverse (and no transform for new rows), so it cannot "
                             "rebuild images or feed a classifier."));
        m_scatter->setAxisTitles(tr("t-SNE 1"), tr("t-SNE 2"));
    } else {
        m_scatter->setAxisTitles(tr("PC1"), tr("PC2"));
    }
    m_session->start([job](TrainContext& ctx) { return runReduction(job, ctx); }, 0);
    m_trainButton->setEnabled(false);
    m_status->setText(job->method == Method::Tsne ? tr("t-SNE: computing P, then optimising…")
                                                   : tr("PCA, reconstructions and %1-fold CV of k-NN…").arg(job->folds));
}

void DimensionalityReductionLab::onSteps(const QList<TrainStep>& steps)
{
    bool added = false;
    for (const TrainStep& s : steps)
        if (std::isfinite(s.trainLoss)) {
            m_klPoints << QPointF(s.step, s.trainLoss);
            m_kl->append(0, {QPointF(s.step, s.trainLoss)});
            added = true;
        }
    if (!steps.isEmpty()) {
        const TrainStep& last = steps.back();
        m_status->setText(tr("t-SNE iteration %1 of at most %2%3").arg(last.step).arg(last.totalSteps)
                              .arg(last.step <= 250 ? tr(" (early exaggeration)") : QString()));
    }
    Q_UNUSED(added);
}

void DimensionalityReductionLab::onSnapshot(const QVariant& snapshot, int step)
{
    const auto points = snapshot.value<QList<QPointF>>();
    if (points.isEmpty())
        return;
    Matrix e(points.size(), 2);
    for (qsizetype i = 0; i < points.size(); ++i) {
        e(i, 0) = points[i].x();
        e(i, 1) = points[i].y();
    }
    m_scatter->setPoints(e, m_labels, m_classNames);
    const QString kl = m_klPoints.isEmpty() ? QString() : tr(", KL %1").arg(m_klPoints.back().y(), 0, 'f', 3);
    m_scatter->setCaption(tr("t-SNE, iteration %1%2").arg(step).arg(kl));
    ++m_redraws;
}

void DimensionalityReductionLab::onFinished(bool cancelled)
{
    m_trainButton->setEnabled(true);
    if (hasError())
        return;
    if (cancelled) {
        m_status->setText(tr("Cancelled: the picture so far is kept; press Run to start again."));
        return;
    }
    showResult();
}

void DimensionalityReductionLab::showResult()
{
    if (!m_result)
        return;
    const DimensionalityReductionResult& r = *m_result;
    for (const auto& [name, value] : r.numbers)
        if (std::isfinite(value))
            m_measurements[QString::fromStdString(name)] = value;
    m_projection = r.projection;
    const auto value = [this](const char* name) { return m_measurements.value(name); };
    if (method() == Method::Tsne) {
        m_scatter->setPoints(m_projection, m_labels, m_classNames);
        m_scatter->setCaption(tr("perplexity %1, KL %2, %3 iterations")
                                  .arg(m_perplexity->value())
                                  .arg(value("kl_divergence"), 0, 'f', 3)
                                  .arg(value("iterations")));
        m_summary->setText(tr("How well the 2-D picture keeps the classes apart (%1-NN CV accuracy on the two "
                              "coordinates): t-SNE <b>%2</b> vs PCA's first two components %3. Trustworthiness "
                              "(neighbourhoods kept, 1 = all): t-SNE <b>%4</b> vs PCA %5. KL(P‖Q) %6. No pipeline score and no "
                              "reconstructions: t-SNE has no transform for new rows and no inverse.")
                               .arg(kSeparationNeighbours)
                               .arg(value("knn_accuracy_2d"), 0, 'f', 3)
                               .arg(value("pca2_knn_accuracy_2d"), 0, 'f', 3)
                               .arg(value("trustworthiness"), 0, 'f', 3)
                               .arg(value("pca2_trustworthiness"), 0, 'f', 3)
                               .arg(value("kl_divergence"), 0, 'f', 3));
        m_status->setText(tr("Done. Islands and gaps depend on perplexity and the start: read neighbourhoods, not "
                             "distances or sizes."));
        return;
    }
    const int k = static_cast<int>(value("n_components"));
    m_scatter->setPoints(m_projection, m_labels, m_classNames);
    m_scatter->setCaption(tr("PC1 %1, PC2 %2 of the variance")
                              .arg(percent(value("explained_variance_1")), percent(value("explained_variance_2"))));
    m_variance->setRatios(r.ratios);
    m_variance->setKept(k);
    if (m_imageSide > 0 && r.originals.rows() > 0) {
        const double lo = std::min(0.0, m_X.minCoeff()), hi = m_X.maxCoeff();
        m_images->setRows({r.originals, r.reconstructions},
                          {tr("original"), tr("from %1 PC%2").arg(k).arg(k == 1 ? QString() : QStringLiteral("s"))},
                          m_imageSide, m_imageSide, lo, hi);
    }
    m_summary->setText(tr("%1 components keep <b>%2</b> of the variance (90% needs %3, 95% %4, 99% %5). "
                          "Reconstruction error per pixel: %6. %7-fold CV accuracy of the pipeline with PCA(%1): "
                          "<b>%8</b> · with all %9 features: %10.")
                           .arg(k)
                           .arg(percent(value("cumulative_variance")))
                           .arg(value("components_for_90"))
                           .arg(value("components_for_95"))
                           .arg(value("components_for_99"))
                           .arg(value("reconstruction_mse"), 0, 'f', 2)
                           .arg(m_preset.value("cv").toObject().value("n_splits").toInt(5))
                           .arg(value("cv_accuracy"), 0, 'f', 3)
                           .arg(m_X.cols())
                           .arg(value("cv_accuracy_raw"), 0, 'f', 3));
    m_status->setText(tr("Done. Change n_components and press Run to move the marker, the reconstructions and "
                         "the score."));
}

}  // namespace dslab
