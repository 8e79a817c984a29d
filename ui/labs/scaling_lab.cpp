#include "ui/labs/scaling_lab.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/decision_boundary_view.h"
#include "ui/charts/grouped_bar_view.h"
#include "ui/charts/loss_contour_view.h"
#include "ui/labs/descent_contours.h"
#include "ui/session/training_session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <thread>

namespace dslab {

namespace {

const QStringList kScalerTypes{"StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler"};
const QStringList kViews{"data", "scalers", "boundary", "contours"};
constexpr int kGrid = 110;
constexpr int kContourGrid = 140;

QString shortModel(const QString& type)
{
    if (type == "KNeighborsClassifier")
        return QStringLiteral("k-NN");
    if (type == "LogisticRegression")
        return QStringLiteral("LogReg");
    if (type == "DecisionTreeClassifier")
        return QStringLiteral("Tree");
    return type;
}

// A condition number as people say it: 3.7, 6.4 million.
QString formatKappa(double k)
{
    if (k >= 1e6)
        return ScalingLab::tr("%1 million").arg(k / 1e6, 0, 'f', 1);
    return QString::number(k, k >= 100 ? 'f' : 'g', k >= 100 ? 0 : 2);
}

// At most `limit` characters, cut at a word with an ellipsis.
QString shortened(const QString& text, int limit)
{
    if (text.size() <= limit)
        return text;
    const qsizetype space = text.lastIndexOf(' ', limit);
    return text.left(space > 0 ? space : limit) + QStringLiteral(" …");
}

// numpy's default (linear) percentile.
double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto i = static_cast<std::size_t>(std::floor(pos));
    const double f = pos - static_cast<double>(i);
    return i + 1 < v.size() ? v[i] + f * (v[i + 1] - v[i]) : v[i];
}

// A square box in data units around the points, so both axes have the same scale.
QRectF squareBounds(const Matrix& X)
{
    const double x0 = X.col(0).minCoeff(), x1 = X.col(0).maxCoeff();
    const double y0 = X.col(1).minCoeff(), y1 = X.col(1).maxCoeff();
    const double side = std::max({x1 - x0, y1 - y0, 1e-9}) * 1.1;
    return QRectF((x0 + x1) / 2 - side / 2, (y0 + y1) / 2 - side / 2, side, side);
}

// Each axis over its own range (5% margin): the usual view of decision regions.
QRectF ownBounds(const Matrix& X)
{
    const double x0 = X.col(0).minCoeff(), x1 = X.col(0).maxCoeff();
    const double y0 = X.col(1).minCoeff(), y1 = X.col(1).maxCoeff();
    const double mx = std::max(x1 - x0, 1e-9) * 0.05, my = std::max(y1 - y0, 1e-9) * 0.05;
    return QRectF(x0 - mx, y0 - my, x1 - x0 + 2 * mx, y1 - y0 + 2 * my);
}

}  // namespace

// Filled on the worker, read on the GUI thread once the session has finished.
struct ScalingResult {
    Eigen::MatrixXd cvTwo, cvAll;  // models x scalers
    QStringList failures;          // "model + scaler: why", for the summary
    Matrix scaledX;                // the two features after the shown scaler (all rows)
    QImage boundaryRaw, boundaryScaled;
    QString boundaryRawError, boundaryScaledError;
    double boundaryAccuracyRaw = std::nan(""), boundaryAccuracyScaled = std::nan("");
    DescentContours contoursRaw, contoursScaled;
    QImage contoursRawImage, contoursScaledImage;
    bool contoursDone = false;
};

namespace {

struct ScalingJob {
    Matrix X2, Xall;
    Vector y;
    int classes = 2;
    std::vector<std::vector<std::shared_ptr<Pipeline>>> two, all;  // [model][scaler]
    QStringList cellNames;                                         // "model + scaler", row-major
    int folds = 5;
    bool shuffle = true;
    std::uint64_t cvSeed = 0;
    std::shared_ptr<Pipeline> boundaryRaw, boundaryScaled, scaler;
    QRectF bounds;
    double learningRate = 0.1, contourC = 1.0;
    int maxSteps = 200;
    int threads = 1;
    std::shared_ptr<ScalingResult> result;
};

void sendProgress(TrainContext& ctx, const Pipeline& view, int done, int total)
{
    TrainStep s;
    s.step = done;
    s.totalSteps = total;
    if (ctx.observer)
        ctx.observer->onStep(s, view);
}

// Decision regions of a fitted model on the grid over `bounds` (one-hot: SVC has no probabilities).
QImage regions(const Pipeline& model, const QRectF& bounds, int classes)
{
    Matrix grid(kGrid * kGrid, 2);
    for (int gy = 0; gy < kGrid; ++gy)
        for (int gx = 0; gx < kGrid; ++gx) {
            grid(gy * kGrid + gx, 0) = bounds.left() + (gx + 0.5) / kGrid * bounds.width();
            grid(gy * kGrid + gx, 1) = bounds.top() + (gy + 0.5) / kGrid * bounds.height();
        }
    const Vector predicted = model.predict(grid);
    std::vector<float> proba(static_cast<std::size_t>(kGrid) * kGrid * static_cast<std::size_t>(classes), 0.0f);
    for (Eigen::Index i = 0; i < predicted.size(); ++i) {
        const int k = std::clamp(static_cast<int>(predicted(i)), 0, classes - 1);
        proba[static_cast<std::size_t>(i) * static_cast<std::size_t>(classes) + static_cast<std::size_t>(k)] = 1.0f;
    }
    return renderBoundaryImage(proba, kGrid, classes);
}

const Predictor* runScaling(const std::shared_ptr<const ScalingJob>& job, TrainContext& ctx)
{
    ScalingResult& out = *job->result;
    TrainContext c;
    c.seed = ctx.seed;
    c.threads = job->threads;
    c.stop = ctx.stop;
    const StratifiedKFold cv(job->folds, job->shuffle, job->cvSeed);
    const auto models = static_cast<Eigen::Index>(job->two.size());
    const auto scalers = static_cast<Eigen::Index>(models > 0 ? job->two[0].size() : 0);
    const int total = static_cast<int>(models * scalers) * (job->all.empty() ? 1 : 2) + 2;
    int done = 0;
    auto grid = [&](const std::vector<std::vector<std::shared_ptr<Pipeline>>>& pipes, const Matrix& X, Eigen::MatrixXd& scores,
                    const QString& what) {
        scores = Eigen::MatrixXd::Constant(models, scalers, std::nan(""));
        for (Eigen::Index m = 0; m < models; ++m)
            for (Eigen::Index s = 0; s < scalers; ++s) {
                if (ctx.cancelled())
                    return;
                try {
                    const CrossValidationResult r = crossValidate(*pipes[static_cast<std::size_t>(m)][static_cast<std::size_t>(s)], X,
                                                                  job->y, cv, c);
                    if (!r.cancelled)
                        scores(m, s) = r.meanTestScore();
                } catch (const std::exception& e) {
                    // One failing cell (gradient descent diverging on raw features) must not hide the others.
                    out.failures << QStringLiteral("%1 (%2): %3").arg(job->cellNames[static_cast<int>(m * scalers + s)], what,
                                                                      QString::fromUtf8(e.what()));
                }
                sendProgress(ctx, *job->boundaryRaw, ++done, total);
            }
    };
    grid(job->two, job->X2, out.cvTwo, QStringLiteral("2 features"));
    if (!job->all.empty())
        grid(job->all, job->Xall, out.cvAll, QStringLiteral("all features"));
    if (ctx.cancelled())
        return nullptr;

    // The data after the shown scaler, and the decision regions without and with it.
    {
        Pipeline scaler = job->scaler->cloneUnfitted();
        scaler.fit(job->X2, job->y, c);
        out.scaledX = scaler.transform(job->X2);
    }
    auto fitRegions = [&](const Pipeline& spec, QImage& image, double& accuracy, QString& error) {
        try {
            Pipeline model = spec.cloneUnfitted();
            model.fit(job->X2, job->y, c);
            if (ctx.cancelled())
                return;
            accuracy = (model.predict(job->X2).array() == job->y.array()).cast<double>().mean();
            image = regions(model, job->bounds, job->classes);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
    };
    fitRegions(*job->boundaryRaw, out.boundaryRaw, out.boundaryAccuracyRaw, out.boundaryRawError);
    fitRegions(*job->boundaryScaled, out.boundaryScaled, out.boundaryAccuracyScaled, out.boundaryScaledError);
    sendProgress(ctx, *job->boundaryRaw, ++done, total);
    if (ctx.cancelled())
        return nullptr;

    // Gradient descent on cultivar 0 against the rest, raw and scaled.
    const Vector target = (job->y.array() == 0.0).cast<double>();
    // Raw: each axis over its own range, or the zigzag across proline's weight would hide in a flat line.
    out.contoursRaw = computeDescentContours(job->X2, target, job->learningRate, job->maxSteps, job->contourC, kContourGrid,
                                             false, ctx.stop.get());
    out.contoursScaled = computeDescentContours(out.scaledX, target, job->learningRate, job->maxSteps, job->contourC,
                                                kContourGrid, true, ctx.stop.get());
    if (ctx.cancelled())
        return nullptr;
    out.contoursRawImage = renderLossContourImage(out.contoursRaw.loss, out.contoursRaw.gridSize, out.contoursRaw.optimumLoss);
    out.contoursScaledImage =
        renderLossContourImage(out.contoursScaled.loss, out.contoursScaled.gridSize, out.contoursScaled.optimumLoss);
    out.contoursDone = true;
    sendProgress(ctx, *job->boundaryRaw, ++done, total);
    return nullptr;
}

QWidget* titled(QLabel* title, QWidget* view, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    title->setWordWrap(true);
    title->setAlignment(Qt::AlignHCenter);
    layout->addWidget(title);
    layout->addWidget(view, 1);
    return box;
}

}  // namespace

ScalingLab::ScalingLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &ScalingLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &ScalingLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &ScalingLab::showError);
    buildUi();
}

ScalingLab::~ScalingLab()
{
    shutdown();
}

void ScalingLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* box = new QGroupBox(tr("Scaler and model"), this);
    auto* columns = new QHBoxLayout(box);
    m_form = new QFormLayout;
    m_form2 = new QFormLayout;
    columns->addLayout(m_form, 1);
    columns->addLayout(m_form2, 1);
    m_scaler = new QComboBox(box);
    m_scaler->setAccessibleName(tr("scaler"));
    m_scaler->setToolTip(tr("Fitted inside the pipeline, on each fold's training rows"));
    m_model = new QComboBox(box);
    m_model->setAccessibleName(tr("model"));
    m_model->setToolTip(tr("The model whose decision regions are drawn; the accuracy chart shows every model"));
    m_neighbors = new QSpinBox(box);
    m_neighbors->setRange(1, 100);
    m_neighbors->setAccessibleName(tr("n_neighbors of k-NN"));
    m_c = new QDoubleSpinBox(box);
    m_c->setDecimals(3);
    m_c->setRange(0.001, 1000);
    m_c->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_c->setAccessibleName(tr("C of the SVC"));
    m_gamma = new QDoubleSpinBox(box);
    m_gamma->setDecimals(4);
    m_gamma->setRange(0, 1000);
    m_gamma->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_gamma->setSpecialValueText(tr("scale"));
    m_gamma->setAccessibleName(tr("gamma of the SVC"));
    m_gamma->setToolTip(tr("RBF width; 'scale' (0) is 1/(n_features·variance of X), scikit-learn's default"));
    m_rate = new QDoubleSpinBox(box);
    m_rate->setDecimals(6);
    m_rate->setRange(0.000001, 100);
    m_rate->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_rate->setAccessibleName(tr("learning rate of the gradient descent"));
    m_rate->setToolTip(tr("Step size of the plain gradient descent drawn over the loss contours (same rate raw and scaled)"));
    m_form->addRow(tr("scaler"), m_scaler);
    m_form->addRow(tr("model"), m_model);
    m_form->addRow(tr("learning_rate (GD)"), m_rate);
    m_form2->addRow(tr("n_neighbors (k-NN)"), m_neighbors);
    m_form2->addRow(tr("C (SVC)"), m_c);
    m_form2->addRow(tr("gamma (SVC)"), m_gamma);
    root->addWidget(box);

    const RunRow row = createRunRow(tr("Train"), tr("Cross-validate every model under every scaler, draw the regions and run gradient descent"));
    m_runButton = row.run;
    m_status = row.status;
    connect(m_runButton, &QPushButton::clicked, this, &ScalingLab::run);
    // A new scaler or model retrains at once when results are shown (one run takes a second or two).
    auto rerun = [this] {
        if (m_result && !m_session->isRunning())
            run();
    };
    connect(m_scaler, &QComboBox::currentTextChanged, this, rerun);
    connect(m_model, &QComboBox::currentTextChanged, this, rerun);
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("scaling result"));
    root->addWidget(m_summary);

    m_tabs = new QTabWidget(this);
    auto pair = [this](QWidget* a, QWidget* b) {
        auto* page = new QWidget(m_tabs);
        auto* layout = new QHBoxLayout(page);
        layout->setContentsMargins(2, 2, 16, 2);
        layout->setSpacing(16);  // room for the left chart's last tick label
        layout->addWidget(a, 1);
        layout->addWidget(b, 1);
        return page;
    };
    m_scatterRaw = new DecisionBoundaryView(this);
    m_scatterScaled = new DecisionBoundaryView(this);
    m_scatterScaledTitle = new QLabel(this);
    m_scatterRaw->setAccessibleName(tr("raw features, equal units on both axes"));
    m_scatterScaled->setAccessibleName(tr("scaled features, equal units on both axes"));
    m_tabs->addTab(pair(titled(new QLabel(tr("raw, same units on both axes"), this), m_scatterRaw, this),
                        titled(m_scatterScaledTitle, m_scatterScaled, this)),
                   tr("Data"));
    auto* barsPage = new QWidget(m_tabs);
    auto* barsLayout = new QVBoxLayout(barsPage);
    barsLayout->setContentsMargins(2, 2, 2, 2);
    m_barsTwo = new GroupedBarView(barsPage);
    m_barsAll = new GroupedBarView(barsPage);
    m_barsTwo->setAccessibleName(tr("CV accuracy per model and scaler, two features"));
    m_barsAll->setAccessibleName(tr("CV accuracy per model and scaler, all features"));
    m_barsTwo->setYTitle(tr("CV accuracy"));
    m_barsAll->setYTitle(tr("CV accuracy"));
    barsLayout->addWidget(m_barsTwo, 1);
    barsLayout->addWidget(m_barsAll, 1);
    m_tabs->addTab(barsPage, tr("Accuracy per scaler"));
    m_boundaryRaw = new DecisionBoundaryView(this);
    m_boundaryScaled = new DecisionBoundaryView(this);
    m_boundaryRawTitle = new QLabel(this);
    m_boundaryScaledTitle = new QLabel(this);
    m_boundaryRaw->setAccessibleName(tr("decision regions without a scaler"));
    m_boundaryScaled->setAccessibleName(tr("decision regions with the scaler"));
    m_tabs->addTab(pair(titled(m_boundaryRawTitle, m_boundaryRaw, this), titled(m_boundaryScaledTitle, m_boundaryScaled, this)),
                   tr("Decision boundary"));
    m_contoursRaw = new LossContourView(this);
    m_contoursScaled = new LossContourView(this);
    m_contoursScaledTitle = new QLabel(this);
    m_contoursRaw->setAccessibleName(tr("loss contours and gradient descent path, raw features"));
    m_contoursScaled->setAccessibleName(tr("loss contours and gradient descent path, scaled features"));
    m_tabs->addTab(pair(titled(new QLabel(tr("raw features"), this), m_contoursRaw, this),
                        titled(m_contoursScaledTitle, m_contoursScaled, this)),
                   tr("Gradient descent"));
    root->addWidget(m_tabs, 1);
}

void ScalingLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError(QString());
    clearResults();
    m_models.clear();
    for (const QJsonValue& v : preset.value("model_choices").toArray())
        m_models << v.toString();
    if (m_models.isEmpty())
        m_models = {"KNeighborsClassifier", "SVC", "LogisticRegression", "DecisionTreeClassifier"};
    m_scalers.clear();
    for (const QJsonValue& v : preset.value("scaler_choices").toArray())
        m_scalers << v.toString();
    if (m_scalers.isEmpty())
        m_scalers = {"none", "StandardScaler", "MinMaxScaler", "RobustScaler"};
    for (const QString& s : m_scalers)
        if (s != "none" && !kScalerTypes.contains(s))
            setPresetError(tr("Unknown scaler choice '%1': use none, %2").arg(s, kScalerTypes.join(", ")));

    // The preset's pipeline: an optional scaler, then the model.
    const QJsonArray steps = preset.value("pipeline").toObject().value("steps").toArray();
    QString scaler = "none";
    m_presetModel = {};
    for (const QJsonValue& v : steps) {
        const QString type = v.toObject().value("type").toString();
        if (kScalerTypes.contains(type))
            scaler = type;
        else
            m_presetModel = v.toObject();
    }
    const QString modelType = m_presetModel.value("type").toString(m_models.first());
    if (!m_models.contains(modelType))
        m_models << modelType;
    if (!m_scalers.contains(scaler))
        m_scalers << scaler;
    {
        const QSignalBlocker b1(m_scaler), b2(m_model);
        m_scaler->clear();
        m_scaler->addItems(m_scalers);
        m_scaler->setCurrentText(scaler);
        m_model->clear();
        m_model->addItems(m_models);
        m_model->setCurrentText(modelType);
    }
    m_neighbors->setValue(m_presetModel.value("type").toString() == "KNeighborsClassifier"
                              ? m_presetModel.value("n_neighbors").toInt(5) : 5);
    const bool svc = m_presetModel.value("type").toString() == "SVC";
    m_c->setValue(svc ? m_presetModel.value("C").toDouble(1.0) : 1.0);
    m_gamma->setValue(svc ? m_presetModel.value("gamma").toDouble(0.0) : 0.0);
    const QJsonObject contours = preset.value("contours").toObject();
    const bool gdModel = m_presetModel.value("type").toString() == "LogisticRegression"
                         && m_presetModel.value("solver").toString() == "gd" && m_presetModel.contains("learning_rate");
    m_rate->setValue(gdModel ? m_presetModel.value("learning_rate").toDouble() : contours.value("learning_rate").toDouble(0.1));

    const QJsonValue knobsValue = preset.value("knobs");
    QStringList knobs;
    for (const QJsonValue& v : knobsValue.toArray())
        knobs << v.toString();
    const bool all = !knobsValue.isArray();
    m_form->setRowVisible(m_scaler, all || knobs.contains("scaler"));
    m_form->setRowVisible(m_model, all || knobs.contains("model"));
    m_form->setRowVisible(m_rate, all || knobs.contains("learning_rate"));
    m_form2->setRowVisible(m_neighbors, all || knobs.contains("n_neighbors"));
    m_form2->setRowVisible(m_c, all || knobs.contains("C"));
    m_form2->setRowVisible(m_gamma, all || knobs.contains("gamma"));

    const QString view = preset.value("view").toString("boundary");
    if (!kViews.contains(view))
        setPresetError(tr("Unknown view '%1': use one of %2").arg(view, kViews.join(", ")));
    m_tabs->setCurrentIndex(std::max<int>(0, static_cast<int>(kViews.indexOf(view))));
    if (!hasPresetError())
        loadData();
    if (!hasPresetError()) {
        try {
            for (const QString& m : m_models)
                for (const QString& s : m_scalers)
                    pipelineFromPreset(pipelineSpec(m, s), {});
        } catch (const std::exception& e) {
            setPresetError(tr("This lab's pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
        }
    }
}

void ScalingLab::loadData()
{
    m_X2.resize(0, 0);
    m_Xall.resize(0, 0);
    try {
        const std::string key = m_preset.value("dataset").toString("wine").toStdString();
        const Dataset data = loadBuiltinDataset(key, m_datasetsDir.toStdString());
        StringList features;
        for (const QJsonValue& v : m_preset.value("features").toArray())
            features.push_back(v.toString().toStdString());
        if (features.size() != 2)
            throw ParamError("'features' must name exactly two columns (the x and y axes)");
        StringList numeric;
        for (const auto& name : data.featureNames())
            if (data.column(name).type == ColumnType::Numeric)
                numeric.push_back(name);
        for (const auto& f : features)
            if (std::find(numeric.begin(), numeric.end(), f) == numeric.end())
                throw DataError("'" + f + "' is not a numeric column of '" + key + "'");
        m_X2 = data.featureMatrix(features);
        m_Xall = data.featureMatrix(numeric);
        m_allCount = static_cast<int>(numeric.size());
        m_y = data.targetCodes();
        if (!m_X2.allFinite() || !m_Xall.allFinite())
            throw DataError("'" + key + "' has missing values; this lab needs complete numeric columns");
        m_featureNames = {QString::fromStdString(features[0]), QString::fromStdString(features[1])};
        m_classNames.clear();
        for (const auto& label : data.classLabels())
            m_classNames << QString::fromStdString(label);
        m_status->setText(tr("%1: %2 rows; %3 and %4. Press Train.")
                              .arg(QString::fromStdString(key)).arg(m_X2.rows()).arg(m_featureNames[0], m_featureNames[1]));
    } catch (const std::exception& e) {
        m_X2.resize(0, 0);
        setPresetError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
}

QJsonObject ScalingLab::modelSpec(const QString& type) const
{
    QJsonObject spec{{"type", type}};
    if (m_presetModel.value("type").toString() == type)
        spec = m_presetModel;
    if (type == "KNeighborsClassifier")
        spec.insert("n_neighbors", m_neighbors->value());
    if (type == "SVC") {
        spec.insert("C", m_c->value());
        if (m_gamma->value() > 0)
            spec.insert("gamma", m_gamma->value());
        else
            spec.remove("gamma");
    }
    if (type == "LogisticRegression" && !spec.contains("max_iter"))
        spec.insert("max_iter", 1000);
    if (type == "LogisticRegression" && spec.value("solver").toString() == "gd")
        spec.insert("learning_rate", m_rate->value());
    return spec;
}

QJsonObject ScalingLab::pipelineSpec(const QString& model, const QString& scaler) const
{
    QJsonArray steps;
    if (scaler != "none")
        steps.append(QJsonObject{{"type", scaler}});
    steps.append(modelSpec(model));
    return QJsonObject{{"steps", steps}};
}

QString ScalingLab::shownScaler() const
{
    return scaler() == "none" ? QStringLiteral("StandardScaler") : scaler();
}

void ScalingLab::setScaler(const QString& scaler)
{
    m_scaler->setCurrentText(scaler);
}

QString ScalingLab::scaler() const
{
    return m_scaler->currentText();
}

void ScalingLab::setModel(const QString& model)
{
    m_model->setCurrentText(model);
}

QString ScalingLab::model() const
{
    return m_model->currentText();
}

void ScalingLab::setNeighbors(int k)
{
    m_neighbors->setValue(k);
}

void ScalingLab::setLearningRate(double rate)
{
    m_rate->setValue(rate);
}

const Eigen::MatrixXd& ScalingLab::twoFeatureScores() const
{
    static const Eigen::MatrixXd empty;
    return m_result ? m_result->cvTwo : empty;
}

const Eigen::MatrixXd& ScalingLab::allFeatureScores() const
{
    static const Eigen::MatrixXd empty;
    return m_result ? m_result->cvAll : empty;
}

QString ScalingLab::currentView() const
{
    return kViews.value(m_tabs->currentIndex());
}

void ScalingLab::clearResults()
{
    m_result.reset();
    m_measurements.clear();
    m_summary->clear();
    m_barsTwo->clear();
    m_barsAll->clear();
    m_boundaryRaw->clearField();
    m_boundaryScaled->clearField();
    m_contoursRaw->clear();
    m_contoursScaled->clear();
    m_scatterRaw->setPoints({}, {}, {}, {});
    m_scatterScaled->setPoints({}, {}, {}, {});
}

void ScalingLab::run()
{
    m_session->stopAndJoin();
    clearError();
    clearResults();
    if (hasPresetError() || m_X2.rows() == 0)
        return;
    auto job = std::make_shared<ScalingJob>();
    try {
        const bool compareAll = m_preset.value("compare_all_features").toBool(false);
        job->two.resize(static_cast<std::size_t>(m_models.size()));
        if (compareAll)
            job->all.resize(static_cast<std::size_t>(m_models.size()));
        for (int m = 0; m < m_models.size(); ++m)
            for (const QString& s : m_scalers) {
                const QJsonObject spec = pipelineSpec(m_models[m], s);
                job->two[static_cast<std::size_t>(m)].push_back(std::make_shared<Pipeline>(pipelineFromPreset(spec, {})));
                if (compareAll)
                    job->all[static_cast<std::size_t>(m)].push_back(std::make_shared<Pipeline>(pipelineFromPreset(spec, {})));
                job->cellNames << QStringLiteral("%1 + %2").arg(m_models[m], s);
            }
        job->boundaryRaw = std::make_shared<Pipeline>(pipelineFromPreset(pipelineSpec(model(), "none"), {}));
        job->boundaryScaled = std::make_shared<Pipeline>(pipelineFromPreset(pipelineSpec(model(), shownScaler()), {}));
        job->scaler = std::make_shared<Pipeline>(
            pipelineFromPreset(QJsonObject{{"steps", QJsonArray{QJsonObject{{"type", shownScaler()}}}}}, {}));
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    const QJsonObject cv = m_preset.value("cv").toObject();
    job->folds = cv.value("n_splits").toInt(5);
    job->shuffle = cv.value("shuffle").toBool(true);
    job->cvSeed = static_cast<std::uint64_t>(cv.value("random_state").toInt(0));
    const QJsonObject contours = m_preset.value("contours").toObject();
    job->learningRate = m_rate->value();
    job->maxSteps = std::clamp(contours.value("max_steps").toInt(200), 1, 100000);
    job->contourC = contours.value("C").toDouble(1.0);
    job->X2 = m_X2;
    if (!job->all.empty())
        job->Xall = m_Xall;
    job->y = m_y;
    job->classes = std::max(2, static_cast<int>(m_classNames.size()));
    job->bounds = ownBounds(m_X2);
    job->threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
    job->result = std::make_shared<ScalingResult>();
    m_result = job->result;
    m_session->start([job](TrainContext& ctx) { return runScaling(job, ctx); }, job->cvSeed);
    errorShown();
    m_status->setText(tr("Cross-validating %1 models under %2 scalers…").arg(m_models.size()).arg(m_scalers.size()));
}

void ScalingLab::onSteps(const QList<TrainStep>& steps)
{
    if (!steps.isEmpty())
        m_status->setText(tr("%1 of %2 fits done…").arg(steps.last().step).arg(steps.last().totalSteps));
}

void ScalingLab::onFinished(bool cancelled)
{
    errorShown();
    if (hasError() || !m_result)
        return;
    showResult();
    m_status->setText(cancelled ? tr("Cancelled: the results so far are shown.")
                                : tr("Done. The tabs show the data, the accuracy per scaler, the decision regions and "
                                     "gradient descent over the loss contours."));
}

void ScalingLab::showResult()
{
    const ScalingResult& r = *m_result;
    const QString xName = m_featureNames.value(0), yName = m_featureNames.value(1);
    const QString shown = shownScaler();
    auto pointsOf = [this](const Matrix& X) {
        QVector<DecisionBoundaryView::Point> points;
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            points.push_back({QPointF(X(i, 0), X(i, 1)), static_cast<int>(m_y(i)), false});
        return points;
    };
    // Data: equal units on both axes.
    m_scatterRaw->setBounds(squareBounds(m_X2));
    m_scatterRaw->setPoints(pointsOf(m_X2), m_classNames, xName, yName);
    if (r.scaledX.rows() == m_X2.rows()) {
        m_scatterScaled->setBounds(squareBounds(r.scaledX));
        m_scatterScaled->setPoints(pointsOf(r.scaledX), m_classNames, xName + tr(" (scaled)"), yName + tr(" (scaled)"));
        std::vector<double> x(r.scaledX.col(0).data(), r.scaledX.col(0).data() + r.scaledX.rows());
        m_measurements["x_scaled_min"] = percentile(x, 0);
        m_measurements["x_scaled_q75"] = percentile(x, 0.75);
        m_measurements["x_scaled_max"] = percentile(x, 1);
        m_scatterScaledTitle->setText(tr("%1: %2 from %3 to %4, 75% below %5")
                                          .arg(shown, xName)
                                          .arg(m_measurements["x_scaled_min"], 0, 'f', 2)
                                          .arg(m_measurements["x_scaled_max"], 0, 'f', 2)
                                          .arg(m_measurements["x_scaled_q75"], 0, 'f', 2));
    }

    // Accuracy per model and scaler.
    QStringList modelLabels;
    for (const QString& m : m_models)
        modelLabels << shortModel(m);
    const int current = static_cast<int>(m_models.indexOf(model()));
    const int folds = m_preset.value("cv").toObject().value("n_splits").toInt(5);
    auto record = [&](const Eigen::MatrixXd& scores, const QString& prefix) {
        for (Eigen::Index m = 0; m < scores.rows(); ++m)
            for (Eigen::Index s = 0; s < scores.cols(); ++s)
                if (std::isfinite(scores(m, s)))
                    m_measurements[QStringLiteral("%1_%2_%3").arg(prefix, m_models[static_cast<int>(m)], m_scalers[static_cast<int>(s)])] =
                        scores(m, s);
    };
    if (r.cvTwo.size() > 0) {
        m_barsTwo->setValues(r.cvTwo, modelLabels, m_scalers);
        m_barsTwo->setCurrentCategory(current);
        m_barsTwo->setTitle(tr("%1 + %2, %3-fold CV accuracy").arg(xName, yName).arg(folds));
        record(r.cvTwo, "cv");
    }
    m_barsAll->setVisible(r.cvAll.size() > 0);
    if (r.cvAll.size() > 0) {
        m_barsAll->setValues(r.cvAll, modelLabels, m_scalers);
        m_barsAll->setCurrentCategory(current);
        m_barsAll->setTitle(tr("all %1 features, %2-fold CV accuracy").arg(m_allCount).arg(folds));
        record(r.cvAll, "cv_all");
    }
    const QString modelName = model();
    const int noneAt = static_cast<int>(m_scalers.indexOf("none"));
    const int shownAt = static_cast<int>(m_scalers.indexOf(shown));
    auto cell = [&](const Eigen::MatrixXd& scores, int s) {
        return current >= 0 && s >= 0 && current < scores.rows() && s < scores.cols() ? scores(current, s) : std::nan("");
    };
    const double raw2 = cell(r.cvTwo, noneAt), scaled2 = cell(r.cvTwo, shownAt);
    if (std::isfinite(raw2))
        m_measurements["model_cv_raw"] = raw2;
    if (std::isfinite(scaled2))
        m_measurements["model_cv_scaled"] = scaled2;

    // Decision regions, each axis over its own range.
    const QRectF bounds = ownBounds(m_X2);
    for (DecisionBoundaryView* view : {m_boundaryRaw, m_boundaryScaled}) {
        view->setBounds(bounds);
        view->setPoints(pointsOf(m_X2), m_classNames, xName, yName);
    }
    auto regionTitle = [&](const QString& scaler, double cvScore, double trainScore, const QString& error) {
        if (!error.isEmpty())
            return tr("%1, %2: failed (%3)").arg(shortModel(modelName), scaler, error.left(90));
        return tr("%1, %2: CV %3 · train %4")
            .arg(shortModel(modelName), scaler, std::isfinite(cvScore) ? QString::number(cvScore, 'f', 3) : tr("n/a"))
            .arg(trainScore, 0, 'f', 3);
    };
    if (!r.boundaryRaw.isNull())
        m_boundaryRaw->setField({bounds, r.boundaryRaw});
    if (!r.boundaryScaled.isNull())
        m_boundaryScaled->setField({bounds, r.boundaryScaled});
    m_boundaryRawTitle->setText(regionTitle(tr("no scaler"), raw2, r.boundaryAccuracyRaw, r.boundaryRawError));
    m_boundaryScaledTitle->setText(regionTitle(shown, scaled2, r.boundaryAccuracyScaled, r.boundaryScaledError));
    if (std::isfinite(r.boundaryAccuracyRaw))
        m_measurements["boundary_accuracy_raw"] = r.boundaryAccuracyRaw;
    if (std::isfinite(r.boundaryAccuracyScaled))
        m_measurements["boundary_accuracy_scaled"] = r.boundaryAccuracyScaled;

    // Gradient descent.
    const int maxSteps = std::clamp(m_preset.value("contours").toObject().value("max_steps").toInt(200), 1, 100000);
    auto descentNote = [&](const DescentContours& d) {
        return d.stepsToConverge >= 0 ? tr("converged in %1 steps · κ = %2").arg(d.stepsToConverge).arg(formatKappa(d.conditionNumber))
                                      : tr("not converged in %1 steps · κ = %2").arg(maxSteps).arg(formatKappa(d.conditionNumber));
    };
    auto showDescent = [&](LossContourView* view, const DescentContours& d, const QImage& image, const QString& suffix,
                           const QString& key) {
        QVector<QPointF> path;
        for (std::size_t i = 0; i < d.pathW1.size(); ++i)
            path << QPointF(d.pathW1[i], d.pathW2[i]);
        view->setSurface(image, QRectF(d.w1Lo, d.w2Lo, d.w1Hi - d.w1Lo, d.w2Hi - d.w2Lo));
        view->setPath(path);
        view->setOptimum(QPointF(d.optimumW1, d.optimumW2));
        view->setAxisNames(tr("weight of %1%2").arg(xName, suffix), tr("weight of %1%2").arg(yName, suffix));
        view->setNote(descentNote(d).replace(QStringLiteral(" · "), QStringLiteral("\n")));
        m_measurements["gd_kappa_" + key] = d.conditionNumber;
        m_measurements["gd_converged_" + key] = d.stepsToConverge >= 0 ? 1 : 0;
        if (d.stepsToConverge >= 0)
            m_measurements["gd_steps_" + key] = d.stepsToConverge;
    };
    if (r.contoursDone) {
        showDescent(m_contoursRaw, r.contoursRaw, r.contoursRawImage, QString(), "raw");
        showDescent(m_contoursScaled, r.contoursScaled, r.contoursScaledImage, tr(" (scaled)"), "scaled");
        m_contoursScaledTitle->setText(tr("after %1").arg(shown));
    }

    // The summary: the chosen model's gain, all features, and gradient descent.
    QStringList lines;
    if (std::isfinite(raw2) && std::isfinite(scaled2))
        lines << tr("%1 on %2 + %3, %4-fold CV accuracy: no scaler <b>%5</b> → %6 <b>%7</b>.")
                     .arg(shortModel(modelName), xName, yName).arg(folds)
                     .arg(raw2, 0, 'f', 3).arg(shown).arg(scaled2, 0, 'f', 3);
    const double rawAll = cell(r.cvAll, noneAt), scaledAll = cell(r.cvAll, shownAt);
    if (std::isfinite(rawAll) && std::isfinite(scaledAll))
        lines << tr("All %1 features: <b>%2</b> → <b>%3</b>.").arg(m_allCount).arg(rawAll, 0, 'f', 3).arg(scaledAll, 0, 'f', 3);
    if (r.contoursDone)
        lines << tr("Gradient descent (cultivar %1 vs rest, learning_rate %2): raw %3; scaled %4.")
                     .arg(m_classNames.value(0), QString::number(m_rate->value(), 'g', 6))
                     .arg(descentNote(r.contoursRaw), descentNote(r.contoursScaled));
    if (!r.failures.isEmpty())
        lines << tr("<span style='color:#b00020'>%n fit(s) failed (bars marked n/a): %1</span>", "", static_cast<int>(r.failures.size()))
                     .arg(shortened(r.failures.first(), 170).toHtmlEscaped());
    m_summary->setText(lines.join("<br>"));
}

}  // namespace dslab
