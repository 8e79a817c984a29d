#include "ui/labs/interpretability_lab.h"

#include "engine/core/errors.h"
#include "engine/explain/kernel_shap.h"
#include "engine/explain/lime_tabular_explainer.h"
#include "engine/explain/partial_dependence.h"
#include "engine/explain/permutation_importance.h"
#include "engine/explain/tree_shap.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/models/trees/tree_model.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/partial_dependence_view.h"
#include "ui/charts/shap_beeswarm_view.h"
#include "ui/charts/shap_dependence_view.h"
#include "ui/charts/shap_waterfall_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"

#include <QCheckBox>
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
#include <QTabWidget>
#include <QVBoxLayout>
#include <chrono>
#include <cmath>
#include <random>

namespace dslab {

namespace {

// What the worker is asked to explain.
struct ExplainRequest {
    int method = 0;  // InterpretabilityLab::Method
    bool kernel = false;
    int instance = 0;
    int feature = 0;
    int classIndex = 1;
    int repeats = 10;
    double kernelWidth = 0;
    std::uint64_t seed = 0;
};

// Everything one explanation needs to be drawn (plain values, safe to copy across threads).
struct Explanation {
    int method = -1;
    QString units;
    double testAccuracy = std::nan("");
    double explainMs = 0;
    // Importance
    QStringList impurityNames, permutationNames;
    Vector impurity, permutationMean, permutationStd;
    // SHAP (rows of the held-out set in `rows`)
    QStringList shapNames;
    Matrix shap, shapX;
    double expected = 0;
    double additivityError = std::nan("");
    std::vector<int> rows;
    QString explainer;
    // LIME for one row, with that row's SHAP values beside it
    Vector limeWeights;
    double limeScore = std::nan(""), limeLocal = 0, limeModel = 0;
    double kernelVsTree = std::nan("");
    // Partial dependence
    QString pdpFeature;
    Vector grid, average, dataValues;
    Matrix ice;
};

struct ExplainJob {
    Matrix trainX, testX;
    Vector trainY, testY;
    QStringList names;
    int classCount = 2;
    std::shared_ptr<Pipeline> model;
    bool fit = true;
    ExplainRequest request;
};

const TreeModel* treeModelOf(const Pipeline& pipeline)
{
    return dynamic_cast<const TreeModel*>(pipeline.finalEstimator());
}

// Names of the columns the final estimator sees (after the transformers).
QStringList modelInputNames(const Pipeline& pipeline, const QStringList& raw)
{
    StringList names;
    for (const QString& n : raw)
        names.push_back(n.toStdString());
    for (std::size_t s = 0; s + 1 < pipeline.stepCount(); ++s)
        if (const auto* t = dynamic_cast<const Transformer*>(pipeline.step(s).component.get()))
            names = t->featureNamesOut(names);
    QStringList out;
    for (const auto& n : names)
        out << QString::fromStdString(n);
    return out;
}

// The output column an explanation is about: the chosen class, or the one
// margin column of a binary booster.
int outputColumn(std::size_t columns, int classIndex)
{
    return columns <= 1 ? 0 : std::clamp(classIndex, 0, static_cast<int>(columns) - 1);
}

QString unitsOf(const TreeModel* tree, bool kernel)
{
    if (!kernel && tree && (tree->outputLink() == TreeOutputLink::Logistic || tree->outputLink() == TreeOutputLink::Softmax))
        return QObject::tr("log-odds");
    return QObject::tr("probability");
}

void explainTreeShap(const ExplainJob& job, const TreeModel& tree, int threads, Explanation& out)
{
    const Matrix Xt = job.model->transform(job.testX);
    const ShapValues sv = treeShap(tree, Xt, threads);
    const int k = outputColumn(sv.values.size(), job.request.classIndex);
    out.shap = sv.values[static_cast<std::size_t>(k)];
    out.expected = sv.expectedValue[static_cast<std::size_t>(k)];
    out.shapX = Xt;
    out.shapNames = modelInputNames(*job.model, job.names);
    out.rows.resize(static_cast<std::size_t>(Xt.rows()));
    for (Eigen::Index r = 0; r < Xt.rows(); ++r)
        out.rows[static_cast<std::size_t>(r)] = static_cast<int>(r);
    // Additivity, shown to the learner: base value + contributions = the model's raw output.
    const Matrix raw = treeModelRawOutput(tree, Xt);
    out.additivityError = ((out.shap.rowwise().sum().array() + out.expected) - raw.col(k).array()).abs().maxCoeff();
    out.explainer = QObject::tr("TreeSHAP (exact)");
}

// KernelSHAP on the chosen row and up to 39 more held-out rows, in small
// batches so a cancel is honoured and progress is reported.
bool explainKernelShap(const ExplainJob& job, TrainContext& ctx, Explanation& out)
{
    const int n = static_cast<int>(job.testX.rows());
    std::vector<int> rows{std::clamp(job.request.instance, 0, n - 1)};
    for (int r = 0; r < n && rows.size() < 40; ++r)
        if (r != rows.front())
            rows.push_back(r);
    const ShapBackground background = summarizeBackground(job.trainX, 20, job.request.seed);
    KernelShapOptions options;
    options.nSamples = 1024;
    options.seed = job.request.seed;
    options.threads = std::max(1, ctx.threads);
    out.shap.resize(static_cast<Eigen::Index>(rows.size()), job.testX.cols());
    out.shapX.resize(static_cast<Eigen::Index>(rows.size()), job.testX.cols());
    double expected = 0;
    Vector outputs(static_cast<Eigen::Index>(rows.size()));
    for (std::size_t start = 0; start < rows.size(); start += 4) {
        if (!ctx.checkpoint())
            return false;
        const std::size_t end = std::min(rows.size(), start + 4);
        Matrix batch(static_cast<Eigen::Index>(end - start), job.testX.cols());
        for (std::size_t i = start; i < end; ++i)
            batch.row(static_cast<Eigen::Index>(i - start)) = job.testX.row(rows[i]);
        const ShapValues sv = kernelShap(*job.model, batch, background, options);
        const int k = outputColumn(sv.values.size(), job.request.classIndex);
        expected = sv.expectedValue[static_cast<std::size_t>(k)];
        const Matrix proba = job.model->isClassifier() ? job.model->predictProba(batch) : Matrix(job.model->predict(batch));
        for (std::size_t i = start; i < end; ++i) {
            out.shap.row(static_cast<Eigen::Index>(i)) = sv.values[static_cast<std::size_t>(k)].row(static_cast<Eigen::Index>(i - start));
            out.shapX.row(static_cast<Eigen::Index>(i)) = batch.row(static_cast<Eigen::Index>(i - start));
            outputs(static_cast<Eigen::Index>(i)) = proba(static_cast<Eigen::Index>(i - start), std::min<Eigen::Index>(k, proba.cols() - 1));
        }
        TrainStep progress;
        progress.step = static_cast<int>(end);
        progress.totalSteps = static_cast<int>(rows.size()) + 1;  // the last one is the summary
        progress.metrics["explained_rows"] = static_cast<double>(end);
        ctx.report(progress, *job.model);
    }
    out.expected = expected;
    out.rows = rows;
    out.shapNames = job.names;
    out.additivityError = ((out.shap.rowwise().sum().array() + expected) - outputs.array()).abs().maxCoeff();
    out.explainer = QObject::tr("KernelSHAP (1,024 coalitions per row, 20 background centres)");
    // How far the sampled values are from the exact ones, where both exist in the same units.
    if (const TreeModel* tree = treeModelOf(*job.model); tree && tree->outputLink() == TreeOutputLink::Identity) {
        const ShapValues exact = treeShap(*tree, job.model->transform(out.shapX.topRows(1)), 1);
        const int k = outputColumn(exact.values.size(), job.request.classIndex);
        if (exact.values[static_cast<std::size_t>(k)].cols() == out.shap.cols())
            out.kernelVsTree = (exact.values[static_cast<std::size_t>(k)].row(0) - out.shap.row(0)).cwiseAbs().maxCoeff();
    }
    return true;
}

const Predictor* runExplain(const std::shared_ptr<const ExplainJob>& job, const std::shared_ptr<Explanation>& result,
                            TrainContext& ctx)
{
    Pipeline& model = *job->model;
    if (job->fit) {
        TrainContext fitCtx = ctx;
        model.fit(job->trainX, job->trainY, fitCtx);
        if (ctx.cancelled())
            return nullptr;
    }
    Explanation out;
    out.method = job->request.method;
    out.testAccuracy = accuracy(job->testY, model.predict(job->testX));
    const TreeModel* tree = treeModelOf(model);
    const auto start = std::chrono::steady_clock::now();
    using Method = InterpretabilityLab::Method;
    const int threads = std::max(1, ctx.threads);
    switch (static_cast<Method>(job->request.method)) {
    case Method::Importance: {
        if (tree) {
            const std::vector<double> imp = tree->featureImportances();
            out.impurity = Eigen::Map<const Vector>(imp.data(), static_cast<Eigen::Index>(imp.size()));
            out.impurityNames = modelInputNames(model, job->names);
        }
        PermutationImportanceOptions options;
        options.nRepeats = job->request.repeats;
        options.seed = job->request.seed;
        const PermutationImportance p = permutationImportance(model, job->testX, job->testY, options);
        out.permutationMean = p.mean;
        out.permutationStd = p.std;
        out.permutationNames = job->names;
        break;
    }
    case Method::Shap:
        if (job->request.kernel || !tree) {
            if (!explainKernelShap(*job, ctx, out))
                return nullptr;
        } else {
            explainTreeShap(*job, *tree, threads, out);
        }
        out.units = unitsOf(tree, job->request.kernel || !tree);
        break;
    case Method::Lime: {
        const int row = std::clamp(job->request.instance, 0, static_cast<int>(job->testX.rows()) - 1);
        LimeOptions options;
        options.seed = job->request.seed;
        // The knob is lime's factor: width = factor * sqrt(features) (0: lime's default 0.75).
        options.kernelWidth = job->request.kernelWidth * std::sqrt(static_cast<double>(job->testX.cols()));
        options.outputColumn = model.isClassifier() ? job->request.classIndex : -1;
        const LimeTabularExplainer lime(job->trainX);
        const LimeExplanation e = lime.explain(model, job->testX.row(row).transpose(), options);
        out.limeWeights = Vector::Zero(job->testX.cols());
        for (std::size_t i = 0; i < e.features.size(); ++i)
            out.limeWeights(e.features[i]) = e.weights[i];
        out.limeScore = e.score;
        out.limeLocal = e.localPrediction;
        out.limeModel = e.modelPrediction;
        // The same row's SHAP values, for the side-by-side comparison.
        ExplainJob single = *job;
        single.testX = job->testX.row(row);
        single.request.instance = 0;
        if (tree && !job->request.kernel) {
            explainTreeShap(single, *tree, 1, out);
        } else if (!explainKernelShap(single, ctx, out)) {
            return nullptr;
        }
        out.units = unitsOf(tree, job->request.kernel || !tree);
        out.rows = {row};
        break;
    }
    case Method::PartialDependence: {
        const int f = std::clamp(job->request.feature, 0, static_cast<int>(job->testX.cols()) - 1);
        PartialDependenceOptions options;
        options.gridResolution = 50;
        const PartialDependence pd = partialDependence(model, job->testX, {f}, options);
        const int k = outputColumn(static_cast<std::size_t>(pd.average.rows()), job->request.classIndex);
        out.grid = pd.grid.at(0);
        out.average = pd.average.row(k).transpose();
        if (!pd.individual.empty())
            out.ice = pd.individual.at(static_cast<std::size_t>(k));
        out.dataValues = job->testX.col(f);
        out.pdpFeature = job->names.value(f);
        out.units = model.isClassifier() ? QObject::tr("predicted probability") : QObject::tr("prediction");
        break;
    }
    }
    out.explainMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    *result = std::move(out);
    return &model;
}

// SHAP values of a binary booster are in log-odds. For a probability view
// each row's contributions are scaled by (σ(f) − σ(base)) / (f − base): they
// keep their signs and proportions and add up exactly to σ(f) − σ(base).
// This is a display rescaling, not Shapley values of the probability.
Explanation inProbabilitySpace(const Explanation& e)
{
    Explanation out = e;
    auto sigmoid = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
    const double base = sigmoid(e.expected);
    for (Eigen::Index i = 0; i < e.shap.rows(); ++i) {
        const double f = e.expected + e.shap.row(i).sum();
        const double scale = std::abs(f - e.expected) > 1e-12 ? (sigmoid(f) - base) / (f - e.expected) : base * (1 - base);
        out.shap.row(i) = e.shap.row(i) * scale;
    }
    out.expected = base;
    out.units = QObject::tr("probability, rescaled from log-odds");
    return out;
}

}  // namespace

}  // namespace dslab

Q_DECLARE_METATYPE(dslab::Explanation)

namespace dslab {

InterpretabilityLab::InterpretabilityLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    qRegisterMetaType<Explanation>();
    connect(m_session, &TrainingSession::stepsArrived, this, &InterpretabilityLab::onSteps);
    connect(m_session, &TrainingSession::snapshotArrived, this, &InterpretabilityLab::onSnapshot);
    connect(m_session, &TrainingSession::finished, this, &InterpretabilityLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &InterpretabilityLab::showError);
    buildUi();
}

InterpretabilityLab::~InterpretabilityLab()
{
    shutdown();
}

void InterpretabilityLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);

    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    m_dataControls->setKind(DatasetControls::Kind::Tabular);
    controls->addWidget(m_dataControls, 1);
    auto* explainBox = new QGroupBox(tr("Explain"), this);
    auto* form = new QFormLayout(explainBox);
    m_method = new QComboBox(explainBox);
    m_method->addItem(tr("Importance: impurity vs permutation"));
    m_method->addItem(tr("SHAP: summary and one row"));
    m_method->addItem(tr("LIME vs SHAP for one row"));
    m_method->addItem(tr("Partial dependence + ICE"));
    m_method->setAccessibleName(tr("method"));
    m_explainer = new QComboBox(explainBox);
    m_explainer->addItem(tr("TreeSHAP (exact)"), "tree");
    m_explainer->addItem(tr("KernelSHAP (sampled)"), "kernel");
    m_explainer->setAccessibleName(tr("explainer"));
    m_instance = new QSpinBox(explainBox);
    m_instance->setAccessibleName(tr("held-out row"));
    m_instance->setToolTip(tr("The held-out row explained by the waterfall and LIME (click a dot in the beeswarm to pick one)"));
    m_feature = new QComboBox(explainBox);
    m_feature->setAccessibleName(tr("feature"));
    m_feature->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_feature->setMinimumContentsLength(12);
    m_class = new QComboBox(explainBox);
    m_class->setAccessibleName(tr("class explained"));
    m_repeats = new QSpinBox(explainBox);
    m_repeats->setRange(1, 100);
    m_repeats->setAccessibleName(tr("permutation repeats"));
    m_kernelWidth = new QDoubleSpinBox(explainBox);
    m_kernelWidth->setRange(0, 5);
    m_kernelWidth->setSingleStep(0.25);
    m_kernelWidth->setSpecialValueText(tr("default (0.75)"));
    m_kernelWidth->setAccessibleName(tr("LIME kernel width, times the square root of the feature count"));
    m_kernelWidth->setToolTip(tr("LIME's locality kernel width as a multiple of √(number of features); lime's default is 0.75"));
    form->addRow(tr("method"), m_method);
    form->addRow(tr("explainer"), m_explainer);
    form->addRow(tr("row"), m_instance);
    form->addRow(tr("feature"), m_feature);
    form->addRow(tr("class"), m_class);
    form->addRow(tr("repeats"), m_repeats);
    form->addRow(tr("kernel width ×√d"), m_kernelWidth);
    m_probability = new QCheckBox(tr("show SHAP as probability"), explainBox);
    m_probability->setAccessibleName(tr("show SHAP values as probability instead of log-odds"));
    m_probability->setToolTip(tr("Boosting explains log-odds; this rescales each row's contributions so they add up to its probability"));
    m_probability->setEnabled(false);
    form->addRow(m_probability);
    controls->addWidget(explainBox, 1);
    root->addLayout(controls);

    auto* buttons = new QHBoxLayout;
    m_trainButton = new QPushButton(tr("Train and explain"), this);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    buttons->addWidget(m_trainButton);
    buttons->addWidget(m_cancelButton);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);
    root->addWidget(createErrorLabel());
    m_info = new QLabel(this);
    m_info->setWordWrap(true);
    root->addWidget(m_info);

    m_pages = new QStackedWidget(this);
    auto* importance = new QSplitter(Qt::Horizontal, m_pages);
    m_impurity = new FeatureBarView(importance);
    m_impurity->setAxisLabel(tr("impurity importance (training data)"));
    m_permutation = new FeatureBarView(importance);
    m_permutation->setAxisLabel(tr("permutation importance (held-out accuracy drop)"));
    m_pages->addWidget(importance);
    auto* shap = new QSplitter(Qt::Horizontal, m_pages);
    m_beeswarm = new ShapBeeswarmView(shap);
    // Beside the summary: one row's waterfall, the global mean |SHAP| bars
    // and the dependence plot of the chosen feature, one at a time.
    auto* shapRight = new QTabWidget(shap);
    m_waterfall = new ShapWaterfallView(shapRight);
    m_shapBars = new FeatureBarView(shapRight);
    m_dependence = new ShapDependenceView(shapRight);
    shapRight->addTab(m_waterfall, tr("Waterfall (row)"));
    shapRight->addTab(m_shapBars, tr("Mean |SHAP|"));
    shapRight->addTab(m_dependence, tr("Dependence"));
    m_pages->addWidget(shap);
    auto* lime = new QSplitter(Qt::Horizontal, m_pages);
    m_lime = new FeatureBarView(lime);
    m_lime->setAxisLabel(tr("LIME weight (per standard deviation)"));
    m_limeShap = new ShapWaterfallView(lime);
    m_pages->addWidget(lime);
    m_pdp = new PartialDependenceView(m_pages);
    m_pages->addWidget(m_pdp);
    root->addWidget(m_pages, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &InterpretabilityLab::train);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] { m_session->cancel(); });
    connect(m_dataControls, &DatasetControls::changed, this, &InterpretabilityLab::reset);
    connect(m_beeswarm, &ShapBeeswarmView::rowClicked, this, [this](int explainedRow) {
        const auto e = m_last.value<Explanation>();
        if (explainedRow >= 0 && explainedRow < static_cast<int>(e.rows.size()))
            setInstance(e.rows[static_cast<std::size_t>(explainedRow)]);
    });
    // Views that need a new computation re-explain with the fitted model;
    // a new row in a SHAP summary only redraws the waterfall.
    auto reexplain = [this] {
        if (!m_updating) {
            m_pages->setCurrentIndex(m_method->currentIndex());
            updateControls();
            explain();
        }
    };
    connect(m_method, &QComboBox::currentIndexChanged, this, reexplain);
    connect(m_explainer, &QComboBox::currentIndexChanged, this, reexplain);
    connect(m_feature, &QComboBox::currentIndexChanged, this, [this, reexplain] {
        if (method() == Method::Shap)
            showInstance();
        else if (method() == Method::PartialDependence)
            reexplain();
    });
    connect(m_class, &QComboBox::currentIndexChanged, this, reexplain);
    connect(m_probability, &QCheckBox::toggled, this, &InterpretabilityLab::showShap);
    connect(m_repeats, &QSpinBox::valueChanged, this, [this, reexplain] {
        if (method() == Method::Importance)
            reexplain();
    });
    connect(m_kernelWidth, &QDoubleSpinBox::valueChanged, this, [this, reexplain] {
        if (method() == Method::Lime)
            reexplain();
    });
    connect(m_instance, &QSpinBox::valueChanged, this, [this, reexplain] {
        if (m_updating)
            return;
        const auto e = m_last.value<Explanation>();
        const bool explained = std::find(e.rows.begin(), e.rows.end(), m_instance->value()) != e.rows.end();
        if (method() == Method::Shap && explained && e.rows.size() > 1)
            showInstance();
        else if (method() == Method::Shap || method() == Method::Lime)
            reexplain();
    });
    updateControls();
}

InterpretabilityLab::Method InterpretabilityLab::method() const
{
    return static_cast<Method>(m_method->currentIndex());
}

void InterpretabilityLab::setMethod(Method m)
{
    m_method->setCurrentIndex(static_cast<int>(m));
}

void InterpretabilityLab::setInstance(int row)
{
    m_instance->setValue(row);
}

void InterpretabilityLab::updateControls()
{
    const Method m = method();
    m_explainer->setEnabled(m == Method::Shap || m == Method::Lime);
    m_instance->setEnabled(m == Method::Shap || m == Method::Lime);
    m_feature->setEnabled(m == Method::Shap || m == Method::PartialDependence);
    m_repeats->setEnabled(m == Method::Importance);
    m_kernelWidth->setEnabled(m == Method::Lime);
    m_class->setEnabled(m_class->count() > 2);
    // Only the controls the method uses are shown (and, from a preset with
    // "knobs", only those it names), so the lab fits 1280x720.
    auto* form = static_cast<QFormLayout*>(m_method->parentWidget()->layout());
    for (QWidget* w : {static_cast<QWidget*>(m_explainer), static_cast<QWidget*>(m_instance), static_cast<QWidget*>(m_feature),
                       static_cast<QWidget*>(m_repeats), static_cast<QWidget*>(m_kernelWidth), static_cast<QWidget*>(m_class)})
        form->setRowVisible(w, w->isEnabled() && !m_hiddenKnobs.contains(w));
    form->setRowVisible(m_probability, m == Method::Shap);
    const bool running = m_session->isRunning();
    m_trainButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
}

void InterpretabilityLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_hiddenKnobs.clear();
    m_updating = true;
    m_dataControls->applyPreset(preset);
    const QString method = preset.value("method").toString("importance");
    m_method->setCurrentIndex(method == "shap" ? 1 : method == "lime" ? 2 : method == "pdp" ? 3 : 0);
    m_pages->setCurrentIndex(m_method->currentIndex());
    m_explainer->setCurrentIndex(preset.value("explainer").toString() == "kernel" ? 1 : 0);
    m_repeats->setValue(preset.value("n_repeats").toInt(10));
    m_kernelWidth->setValue(preset.value("kernel_width").toDouble(0));
    m_updating = false;
    // Knobs: in presenter mode only the preset's controls stay visible.
    const QJsonArray knobs = preset.value("knobs").toArray();
    if (!knobs.isEmpty()) {
        QStringList names;
        for (const auto& k : knobs)
            names << k.toString();
        auto* form = static_cast<QFormLayout*>(m_method->parentWidget()->layout());
        const QList<QPair<QWidget*, QString>> rows = {{m_method, "method"}, {m_explainer, "explainer"}, {m_instance, "instance"},
                                                       {m_feature, "feature"}, {m_repeats, "n_repeats"},
                                                       {m_kernelWidth, "kernel_width"}};
        for (const auto& [widget, key] : rows) {
            form->setRowVisible(widget, names.contains(key));
            if (!names.contains(key))
                m_hiddenKnobs.insert(widget);
        }
    }
    reset();
}

void InterpretabilityLab::regenerateData()
{
    QJsonObject data = m_dataControls->dataPreset(m_preset);
    if (!data.contains("validation_fraction"))
        data.insert("validation_fraction", m_preset.value("test_size").toDouble(0.25));
    try {
        m_data = buildTabularDataset(data, m_datasetsDir);
        // Pure-noise columns: a model should find nothing in them, and an
        // importance measure that gives them credit is misleading.
        std::mt19937_64 rng(static_cast<std::uint64_t>(m_dataControls->seed()) * 7919 + 17);
        std::normal_distribution<double> normal;
        std::uniform_int_distribution<int> level(0, 2);
        for (const auto& v : m_preset.value("add_random_features").toArray()) {
            const QString name = v.toString();
            const bool categorical = name.contains("cat");
            for (Matrix* X : {&m_data.trainX, &m_data.validationX}) {
                X->conservativeResize(Eigen::NoChange, X->cols() + 1);
                for (Eigen::Index r = 0; r < X->rows(); ++r)
                    (*X)(r, X->cols() - 1) = categorical ? level(rng) : normal(rng);
            }
            m_data.featureNames << name;
        }
    } catch (const std::exception& e) {
        m_data = TabularDataset{};
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    m_updating = true;
    m_feature->clear();
    m_feature->addItems(m_data.featureNames);
    const int f = static_cast<int>(m_data.featureNames.indexOf(m_preset.value("feature").toString()));
    m_feature->setCurrentIndex(f >= 0 ? f : 0);
    m_class->clear();
    m_class->addItems(m_data.classNames);
    m_class->setCurrentIndex(m_data.classNames.size() == 2 ? 1 : 0);  // binary: the positive class
    m_instance->setRange(0, std::max<int>(0, static_cast<int>(m_data.validationX.rows()) - 1));
    m_instance->setValue(m_preset.value("instance").toInt(0));
    m_updating = false;
    m_info->setText(tr("%1. The model is trained on %2 rows; every explanation uses the %3 held-out rows.")
                        .arg(m_data.description)
                        .arg(m_data.trainX.rows())
                        .arg(m_data.validationX.rows()));
}

void InterpretabilityLab::reset()
{
    shutdown();
    clearError();
    m_model.reset();
    m_pendingModel.reset();
    m_measurements.clear();
    m_last = QVariant();
    for (FeatureBarView* v : {m_impurity, m_permutation, m_lime})
        v->clear();
    m_beeswarm->clear();
    m_waterfall->clear();
    m_limeShap->clear();
    m_dependence->clear();
    m_pdp->clear();
    regenerateData();
    m_status->setText(tr("Press Train and explain: the model trains on the worker, then the explanation is computed."));
    updateControls();
}

void InterpretabilityLab::train()
{
    startJob(true);
}

void InterpretabilityLab::explain()
{
    if (m_model)
        startJob(false);
}

void InterpretabilityLab::startJob(bool fit)
{
    m_session->stopAndJoin();
    clearError();
    if (m_data.trainX.rows() == 0) {
        showError(tr("There is no data to train on."));
        return;
    }
    auto job = std::make_shared<ExplainJob>();
    job->trainX = m_data.trainX;
    job->trainY = m_data.trainY;
    job->testX = m_data.validationX;
    job->testY = m_data.validationY;
    job->names = m_data.featureNames;
    job->classCount = m_data.classCount();
    job->fit = fit || !m_model;
    if (job->fit) {
        try {
            job->model = std::make_shared<Pipeline>(
                pipelineFromPreset(m_preset.value("pipeline").toObject(), m_preset.value("pipeline_params").toObject()));
            if (!job->model->finalEstimator() || !job->model->finalEstimator()->isClassifier())
                throw ParamError("the interpretability lab's pipeline must end in a classifier");
        } catch (const std::exception& e) {
            setPresetError(tr("This lab's pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
            return;
        }
    } else {
        job->model = m_model;
    }
    ExplainRequest& r = job->request;
    r.method = m_method->currentIndex();
    r.kernel = m_explainer->currentData().toString() == "kernel";
    r.instance = m_instance->value();
    r.feature = m_feature->currentIndex();
    r.classIndex = std::max(0, m_class->currentIndex());
    r.repeats = m_repeats->value();
    r.kernelWidth = m_kernelWidth->value();
    r.seed = static_cast<std::uint64_t>(m_dataControls->seed());

    auto result = std::make_shared<Explanation>();
    m_session->setSnapshotFunction([result](const Predictor&) { return QVariant::fromValue(*result); });
    std::shared_ptr<const ExplainJob> shared = job;
    m_session->start([shared, result](TrainContext& ctx) { return runExplain(shared, result, ctx); },
                     static_cast<std::uint64_t>(m_dataControls->seed()));
    m_pendingModel = job->fit ? job->model : nullptr;
    m_status->setText(job->fit ? tr("Training the model…") : tr("Explaining…"));
    updateControls();
}

void InterpretabilityLab::onSteps(const QList<TrainStep>& steps)
{
    const TrainStep& last = steps.back();
    if (const auto it = last.metrics.find("explained_rows"); it != last.metrics.end())
        m_status->setText(tr("KernelSHAP: %1 rows explained…").arg(it->second));
    else
        m_status->setText(last.totalSteps > 0 ? tr("Training: step %1 / %2").arg(last.step).arg(last.totalSteps)
                                              : tr("Training: step %1").arg(last.step));
}

void InterpretabilityLab::onSnapshot(const QVariant& value, int)
{
    const auto e = value.value<Explanation>();
    if (e.method < 0)
        return;  // training still running: the explanation is not there yet
    m_last = value;
    m_measurements["test_accuracy"] = e.testAccuracy;
    m_measurements["explain_ms"] = e.explainMs;
    switch (static_cast<Method>(e.method)) {
    case Method::Importance:
        // Every feature is listed, so the noise columns' bars can be found.
        m_impurity->setMaxDisplay(0);
        m_permutation->setMaxDisplay(0);
        m_impurity->setValues(FeatureBarView::Mode::Magnitude, e.impurity, Vector(), e.impurityNames);
        m_permutation->setImportances(e.permutationMean, e.permutationStd, e.permutationNames);
        m_impurity->setAxisLabel(tr("impurity importance (training data)"));
        m_permutation->setAxisLabel(tr("permutation importance: held-out accuracy drop (mean ± std)"));
        for (int j = 0; j < e.impurity.size() && j < e.impurityNames.size(); ++j)
            m_measurements["impurity:" + e.impurityNames[j]] = e.impurity(j);
        for (int j = 0; j < e.permutationMean.size() && j < e.permutationNames.size(); ++j)
            m_measurements["permutation:" + e.permutationNames[j]] = e.permutationMean(j);
        m_info->setText(tr("Held-out accuracy %1. Impurity importance is learned on the training rows and credits any "
                           "column the trees split on; permutation importance asks how much held-out accuracy drops "
                           "when a column is shuffled (%2 repeats, mean ± std).")
                            .arg(e.testAccuracy, 0, 'f', 3)
                            .arg(m_repeats->value()));
        break;
    case Method::Shap:
        m_probability->setEnabled(e.units == tr("log-odds"));
        showShap();
        m_measurements["additivity_error"] = e.additivityError;
        if (std::isfinite(e.kernelVsTree))
            m_measurements["kernel_vs_tree"] = e.kernelVsTree;
        m_info->setText(tr("%1: %2 held-out rows in %3 ms. For every row, base value + contributions = the model's "
                           "output (largest gap %4).%5")
                            .arg(e.explainer)
                            .arg(e.shap.rows())
                            .arg(e.explainMs, 0, 'f', 0)
                            .arg(e.additivityError, 0, 'g', 2)
                            .arg(std::isfinite(e.kernelVsTree)
                                     ? tr(" For row %1 the sampled values differ from TreeSHAP's exact ones by up to %2.")
                                           .arg(e.rows.front())
                                           .arg(e.kernelVsTree, 0, 'g', 2)
                                     : QString()));
        showInstance();
        break;
    case Method::Lime: {
        m_lime->setWeights(e.limeWeights, m_data.featureNames);
        const Vector values = e.shapX.row(0).transpose();
        m_limeShap->setUnitsLabel(e.units);
        m_limeShap->setExplanation(e.expected, e.shap.row(0).transpose(), values, e.shapNames);
        m_measurements["lime_score"] = e.limeScore;
        m_info->setText(tr("Row %1. LIME fits a weighted linear model to %2 perturbed samples around the row: local fit R² "
                           "%3, its prediction %4 vs the model's %5. Its weights are per standard deviation of each "
                           "feature and depend on the kernel width and the sample; SHAP's (right, %6) add up exactly "
                           "to the model's output.")
                            .arg(e.rows.front())
                            .arg(5000)
                            .arg(e.limeScore, 0, 'f', 2)
                            .arg(e.limeLocal, 0, 'f', 3)
                            .arg(e.limeModel, 0, 'f', 3)
                            .arg(e.units));
        break;
    }
    case Method::PartialDependence:
        m_pdp->setResponseLabel(e.units);
        m_pdp->setOneWay(e.pdpFeature, e.grid, e.average, e.ice, e.dataValues);
        m_info->setText(tr("Partial dependence of the %1 on %2: the thick line averages the thin ICE lines, one per "
                           "held-out row, each the model's output as only %2 changes.")
                            .arg(e.units, e.pdpFeature));
        break;
    }
}

void InterpretabilityLab::showShap()
{
    const auto last = m_last.value<Explanation>();
    if (last.method != static_cast<int>(Method::Shap) || last.shap.rows() == 0)
        return;
    const Explanation e = m_probability->isChecked() && m_probability->isEnabled() ? inProbabilitySpace(last) : last;
    m_beeswarm->setAxisLabel(tr("SHAP value (%1)").arg(e.units));
    m_beeswarm->setData(e.shap, e.shapX, e.shapNames);
    m_shapBars->setShapValues(e.shap, e.shapNames);
    m_shapBars->setAxisLabel(tr("mean |SHAP value| (%1)").arg(e.units));
    m_dependence->setShapLabel(tr("SHAP value (%1)").arg(e.units));
    showInstance();
}

void InterpretabilityLab::showInstance()
{
    const auto last = m_last.value<Explanation>();
    if (last.method != static_cast<int>(Method::Shap) || last.shap.rows() == 0)
        return;
    const Explanation e = m_probability->isChecked() && m_probability->isEnabled() ? inProbabilitySpace(last) : last;
    m_waterfall->setUnitsLabel(e.units);
    const auto at = std::find(e.rows.begin(), e.rows.end(), m_instance->value());
    const Eigen::Index i = at == e.rows.end() ? 0 : static_cast<Eigen::Index>(at - e.rows.begin());
    m_waterfall->setExplanation(e.expected, e.shap.row(i).transpose(), e.shapX.row(i).transpose(), e.shapNames);
    m_beeswarm->setHighlightedRow(static_cast<int>(i));
    const int f = std::clamp(m_feature->currentIndex(), 0, static_cast<int>(e.shap.cols()) - 1);
    const int colour = ShapDependenceView::strongestInteraction(e.shap, e.shapX, f);
    m_dependence->setData(e.shapX.col(f), e.shap.col(f), e.shapNames.value(f),
                          colour >= 0 ? Vector(e.shapX.col(colour)) : Vector(), colour >= 0 ? e.shapNames.value(colour) : QString());
}

void InterpretabilityLab::onFinished(bool cancelled)
{
    // Only a model that finished fitting is kept for re-explaining.
    if (m_pendingModel && !cancelled && !hasError())
        m_model = m_pendingModel;
    m_pendingModel.reset();
    if (cancelled)
        m_status->setText(tr("Cancelled."));
    else if (!hasError())
        m_status->setText(tr("Done: %1 ms to explain.").arg(m_measurements.value("explain_ms"), 0, 'f', 0));
    updateControls();
}

void InterpretabilityLab::errorShown()
{
    updateControls();
}

QString InterpretabilityLab::statusText() const
{
    return m_status->text();
}

bool InterpretabilityLab::runStepsBlocking(int steps, int timeoutMs)
{
    if (steps <= 0)
        return true;
    train();
    if (!m_session->isRunning())
        return false;
    const bool ok = waitForSession(timeoutMs);
    updateControls();
    return ok;
}

}  // namespace dslab
