#include "ui/labs/feature_selection_lab.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/feature_selection/model_importance.h"
#include "engine/feature_selection/rfe.h"
#include "engine/feature_selection/select_from_model.h"
#include "engine/feature_selection/select_k_best.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/learning_curve_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
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
#include <nlohmann/json.hpp>
#include <thread>

namespace dslab {

namespace {

constexpr int kSelectionPhase = 0;
constexpr int kScorePhase = 1;
constexpr int kSweepPhase = 2;

using Method = FeatureSelectionLab::Method;

const QStringList kSelectorTypes{"SelectKBest", "RFE", "SelectFromModel"};

QString selectorType(Method m)
{
    return kSelectorTypes[static_cast<int>(m)];
}

// The selector a method uses when the preset's pipeline holds another one.
QJsonObject defaultSelector(Method m)
{
    const QJsonObject logistic{{"type", "LogisticRegression"}, {"max_iter", 5000}};
    switch (m) {
    case Method::Filter: return {{"type", "SelectKBest"}, {"score_func", "f_classif"}, {"k", 5}};
    case Method::Rfe: return {{"type", "RFE"}, {"estimator", logistic}, {"n_features_to_select", 5}, {"step", 1}};
    case Method::L1:
        return {{"type", "SelectFromModel"},
                // saga stops early at its default 100 passes, leaving small nonzero weights.
                {"estimator", QJsonObject{{"type", "LogisticRegression"}, {"penalty", "l1"}, {"solver", "saga"}, {"C", 0.1},
                                          {"max_iter", 5000}}}};
    }
    return {};
}

int selectorIndex(const QJsonArray& steps)
{
    for (int i = 0; i < steps.size(); ++i)
        if (kSelectorTypes.contains(steps[i].toObject().value("type").toString()))
            return i;
    return -1;
}

// The estimator_params text with C replaced.
std::string withC(const std::string& paramsJson, double c)
{
    nlohmann::json params = nlohmann::json::parse(paramsJson.empty() ? std::string("{}") : paramsJson);
    params["C"] = c;
    return params.dump();
}

// What the sweep depends on: the data, the folds and the pipeline with the
// swept setting (k, n_features_to_select or the L1 model's C) left out, so
// moving that knob reuses the curve.
QString sweepKey(const QString& dataset, int folds, const Pipeline& pipeline, std::size_t selector)
{
    nlohmann::json spec = pipelineSpecToJson(pipeline);
    nlohmann::json& step = spec["steps"][selector];
    step.erase("k");
    step.erase("n_features_to_select");
    if (step.contains("estimator_params") && step["estimator_params"].is_string()) {
        nlohmann::json params = nlohmann::json::parse(step["estimator_params"].get<std::string>());
        params.erase("C");
        step["estimator_params"] = params.dump();
    }
    spec["dataset"] = dataset.toStdString();
    spec["folds"] = folds;
    return QString::fromStdString(spec.dump());
}

struct SweepPoint {
    double setting = 0;  // k, n_features_to_select or C
    std::shared_ptr<Pipeline> pipeline;
};

struct SelectionJob {
    Matrix X;
    Vector y;
    int folds = 5;
    Method method = Method::Filter;
    std::shared_ptr<Pipeline> pipeline;
    std::size_t selector = 0;
    std::shared_ptr<Pipeline> baseline;  // the same pipeline without its selector
    std::vector<SweepPoint> sweep;
    int threads = 1;
};

// What the fitted selector says about each input column of the selector.
std::vector<double> featureValues(const Component& selector, Method method)
{
    std::vector<double> out;
    if (method == Method::Filter) {
        const Vector& s = dynamic_cast<const SelectKBest&>(selector).scores();
        out.assign(s.data(), s.data() + s.size());
    } else if (method == Method::Rfe) {
        // Rounds survived: the kept features (rank 1) highest, the first dropped lowest.
        const std::vector<int>& ranking = dynamic_cast<const Rfe&>(selector).ranking();
        const int worst = ranking.empty() ? 1 : *std::max_element(ranking.begin(), ranking.end());
        for (int r : ranking)
            out.push_back(worst - r + 1);
    } else {
        const Vector& s = dynamic_cast<const SelectFromModel&>(selector).importances();
        out.assign(s.data(), s.data() + s.size());
    }
    return out;
}

const Predictor* runSelection(const std::shared_ptr<const SelectionJob>& job, TrainContext& ctx)
{
    int stepCount = 0;
    auto send = [&](TrainStep step, const Predictor& model) {
        step.step = ++stepCount;
        if (ctx.observer)
            ctx.observer->onStep(step, model);
    };
    TrainContext c;
    c.seed = ctx.seed;
    c.threads = job->threads;
    c.stop = ctx.stop;
    const StratifiedKFold cv(job->folds);

    // 1. The selection on all rows: what each feature scored and what was kept.
    {
        Pipeline fitted = job->pipeline->cloneUnfitted();
        fitted.fit(job->X, job->y, c);
        if (ctx.cancelled())
            return nullptr;
        const Component& selector = *fitted.step(job->selector).component;
        const std::vector<double> values = featureValues(selector, job->method);
        const auto& support = dynamic_cast<const FeatureSelector&>(selector).support();
        TrainStep s;
        s.metrics["phase"] = kSelectionPhase;
        s.metrics["features"] = static_cast<double>(values.size());
        for (std::size_t j = 0; j < values.size(); ++j) {
            s.metrics["value_" + std::to_string(j)] = values[j];
            s.metrics["selected_" + std::to_string(j)] = 0;
        }
        for (Eigen::Index j : support)
            s.metrics["selected_" + std::to_string(j)] = 1;
        send(s, fitted);
    }
    // 2. The whole pipeline cross-validated: each fold selects on its own training rows.
    {
        const CrossValidationResult r = crossValidate(*job->pipeline, job->X, job->y, cv, c);
        if (ctx.cancelled())
            return nullptr;
        const CrossValidationResult all = crossValidate(*job->baseline, job->X, job->y, cv, c);
        if (ctx.cancelled())
            return nullptr;
        TrainStep s;
        s.metrics["phase"] = kScorePhase;
        s.metrics["cv_score"] = r.meanTestScore();
        s.metrics["cv_std"] = r.stdTestScore();
        s.metrics["all_features_score"] = all.meanTestScore();
        send(s, *job->pipeline);
    }
    // 3. The same, over the number of features (or, for L1, over C).
    for (const SweepPoint& point : job->sweep) {
        TrainStep s;
        try {
            const CrossValidationResult r = crossValidate(*point.pipeline, job->X, job->y, cv, c);
            if (ctx.cancelled())
                return nullptr;
            s.metrics["score"] = r.meanTestScore();
            s.metrics["std"] = r.stdTestScore();
            s.metrics["features"] = point.setting;
            if (job->method == Method::L1) {
                Pipeline fitted = point.pipeline->cloneUnfitted();
                fitted.fit(job->X, job->y, c);
                s.metrics["features"] = static_cast<double>(
                    dynamic_cast<const FeatureSelector&>(*fitted.step(job->selector).component).support().size());
            }
        } catch (const Error&) {
            // A C so small that L1 keeps no feature (in some fold): no point to draw.
            if (job->method == Method::L1 && !ctx.cancelled())
                continue;
            throw;
        }
        if (ctx.cancelled())
            return nullptr;
        s.metrics["phase"] = kSweepPhase;
        s.metrics["setting"] = point.setting;
        send(s, *point.pipeline);
    }
    return nullptr;
}

}  // namespace

FeatureSelectionLab::FeatureSelectionLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &FeatureSelectionLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &FeatureSelectionLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &FeatureSelectionLab::showError);
    buildUi();
}

FeatureSelectionLab::~FeatureSelectionLab()
{
    shutdown();
}

void FeatureSelectionLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    controls->addWidget(m_dataControls, 1);
    auto* box = new QGroupBox(tr("Selection"), this);
    m_form = new QFormLayout(box);
    m_method = new QComboBox(box);
    m_method->addItem(tr("filter: SelectKBest"));
    m_method->addItem(tr("wrapper: RFE"));
    m_method->addItem(tr("embedded: L1 (SelectFromModel)"));
    m_method->setAccessibleName(tr("selection method"));
    m_k = new QSpinBox(box);
    m_k->setRange(1, 1000);
    m_k->setAccessibleName(tr("k: features kept by the filter"));
    m_scoreFunc = new QComboBox(box);
    m_scoreFunc->addItems({"f_classif", "chi2", "mutual_info_classif"});
    m_scoreFunc->setAccessibleName(tr("univariate score"));
    m_scoreFunc->setToolTip(tr("chi2 needs non-negative inputs: a StandardScaler step is then replaced by MinMaxScaler"));
    m_nSelect = new QSpinBox(box);
    m_nSelect->setRange(1, 1000);
    m_nSelect->setAccessibleName(tr("features RFE keeps"));
    m_c = new QDoubleSpinBox(box);
    m_c->setDecimals(4);
    m_c->setRange(0.0001, 1000);
    m_c->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_c->setAccessibleName(tr("C of the L1 model"));
    m_c->setToolTip(tr("Inverse strength of the L1 penalty: smaller C, fewer nonzero coefficients"));
    m_folds = new QSpinBox(box);
    m_folds->setRange(2, 10);
    m_folds->setAccessibleName(tr("cross-validation folds"));
    m_form->addRow(tr("method"), m_method);
    m_form->addRow(tr("k"), m_k);
    m_form->addRow(tr("score_func"), m_scoreFunc);
    m_form->addRow(tr("n_features_to_select"), m_nSelect);
    m_form->addRow(tr("C (L1 model)"), m_c);
    m_form->addRow(tr("folds (cv)"), m_folds);
    controls->addWidget(box, 1);
    root->addLayout(controls);

    const RunRow row = createRunRow(tr("Train"), tr("Select on all rows, cross-validate the pipeline, then sweep the number of features"));
    m_trainButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_result = createSummaryLabel(tr("cross-validated score and selected features"));
    root->addWidget(m_result);

    auto* charts = new QSplitter(Qt::Horizontal, this);
    m_bars = new FeatureBarView(charts);
    m_bars->setMaxDisplay(0);
    m_bars->setMinimumSize(260, 300);
    m_sweepView = new LearningCurveView(tr("CV accuracy"), {tr("CV accuracy")}, charts);
    m_sweepView->setXTitle(tr("features kept"));
    m_sweepView->setMinimumSize(200, 200);
    charts->setSizes({1100, 900});
    root->addWidget(charts, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &FeatureSelectionLab::train);
    connect(m_dataControls, &DatasetControls::changed, this, &FeatureSelectionLab::reset);
    const auto changed = [this] {
        m_session->stopAndJoin();
        clearResults();
        updateKnobRows();
        m_status->setText(tr("The selection changed: press Train."));
    };
    connect(m_method, &QComboBox::currentIndexChanged, this, changed);
    connect(m_k, &QSpinBox::valueChanged, this, changed);
    connect(m_scoreFunc, &QComboBox::currentIndexChanged, this, changed);
    connect(m_nSelect, &QSpinBox::valueChanged, this, changed);
    connect(m_c, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_folds, &QSpinBox::valueChanged, this, changed);
}

void FeatureSelectionLab::updateKnobRows()
{
    const Method m = method();
    const auto shown = [this](const char* name) { return m_visibleKnobs.isEmpty() || m_visibleKnobs.contains(name); };
    m_form->setRowVisible(m_method, shown("method"));
    m_form->setRowVisible(m_k, m == Method::Filter && shown("k"));
    m_form->setRowVisible(m_scoreFunc, m == Method::Filter && shown("score_func"));
    m_form->setRowVisible(m_nSelect, m == Method::Rfe && shown("n_features_to_select"));
    m_form->setRowVisible(m_c, m == Method::L1 && shown("C"));
    m_form->setRowVisible(m_folds, shown("cv"));
}

void FeatureSelectionLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_dataControls->setKind(DatasetControls::Kind::Tabular);
    m_dataControls->applyPreset(preset);
    m_visibleKnobs.clear();
    for (const auto& k : preset.value("knobs").toArray())
        m_visibleKnobs << k.toString();
    const QSignalBlocker b1(m_method), b2(m_k), b3(m_scoreFunc), b4(m_nSelect), b5(m_c), b6(m_folds);
    m_folds->setValue(preset.value("cv").toInt(5));
    try {
        const QString method = preset.value("method").toString("filter");
        const int index = QStringList{"filter", "rfe", "l1"}.indexOf(method);
        if (index < 0)
            throw ParamError("method must be filter, rfe or l1, not '" + method.toStdString() + "'");
        m_method->setCurrentIndex(index);
        initKnobsFromPipeline();
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
    updateKnobRows();
    reset();
}

// The knobs start from the preset's pipeline (and its pipeline_params), each
// method's selector from its defaults when the pipeline holds another one.
void FeatureSelectionLab::initKnobsFromPipeline()
{
    const QJsonObject params = m_preset.value("pipeline_params").toObject();
    const QJsonArray steps = m_preset.value("pipeline").toObject().value("steps").toArray();
    const int at = selectorIndex(steps);
    const QString presetType = at >= 0 ? steps[at].toObject().value("type").toString() : QString();
    for (Method m : {Method::Filter, Method::Rfe, Method::L1}) {
        const bool fromPreset = presetType == selectorType(m);
        QJsonObject spec{{"steps", QJsonArray{fromPreset ? steps[at].toObject() : defaultSelector(m)}}};
        Pipeline selector = pipelineFromPreset(spec, params);
        const std::string name = selector.step(0).name;
        if (m == Method::Filter) {
            m_k->setValue(static_cast<int>(std::get<long long>(selector.param(name + "__k"))));
            m_scoreFunc->setCurrentText(QString::fromStdString(std::get<std::string>(selector.param(name + "__score_func"))));
        } else if (m == Method::Rfe) {
            const auto n = std::get<long long>(selector.param(name + "__n_features_to_select"));
            m_nSelect->setValue(n > 0 ? static_cast<int>(n) : 5);
        } else {
            const std::string paramsJson = std::get<std::string>(selector.param(name + "__estimator_params"));
            const std::string c = selectorModelParam(paramsJson, "C");
            m_c->setValue(c.empty() ? 1.0 : std::stod(c));
            // An unknown estimator or parameter is named now, not at Train.
            makeSelectorModel(name, std::get<std::string>(selector.param(name + "__estimator")), paramsJson);
        }
    }
    if (at >= 0) {
        QString note;
        pipelineFromPreset(resolvedSpec(&note), params);
    }
}

QJsonObject FeatureSelectionLab::resolvedSpec(QString* note) const
{
    QJsonObject spec = m_preset.value("pipeline").toObject();
    QJsonArray steps = spec.value("steps").toArray();
    const Method m = method();
    const int at = selectorIndex(steps);
    if (at < 0)
        steps.insert(std::max<qsizetype>(0, steps.size() - 1), defaultSelector(m));
    else if (steps[at].toObject().value("type").toString() != selectorType(m))
        steps[at] = defaultSelector(m);
    if (m == Method::Filter && m_scoreFunc->currentText() == "chi2") {
        for (int i = 0; i < steps.size(); ++i)
            if (steps[i].toObject().value("type").toString() == "StandardScaler") {
                steps[i] = QJsonObject{{"type", "MinMaxScaler"}};
                if (note)
                    *note = tr("chi2 needs non-negative inputs, so MinMaxScaler replaces StandardScaler. ");
            }
    }
    spec.insert("steps", steps);
    return spec;
}

void FeatureSelectionLab::clearResults()
{
    m_values.clear();
    m_selected.clear();
    m_sweep.clear();
    m_sweepStd.clear();
    m_measurements.clear();
    m_bars->clear();
    m_sweepView->clear();
    m_result->clear();
}

void FeatureSelectionLab::reset()
{
    shutdown();
    clearError();
    clearResults();
    m_X.resize(0, 0);
    m_names.clear();
    try {
        // Every row in the file's order: cross-validation makes its own splits.
        const std::string key = m_dataControls->dataPreset(m_preset).value("dataset").toString("breast_cancer").toStdString();
        const Dataset data = loadBuiltinDataset(key, m_datasetsDir.toStdString());
        StringList columns;
        for (const auto& name : data.featureNames())
            if (data.column(name).type == ColumnType::Numeric) {
                columns.push_back(name);
                m_names << QString::fromStdString(name);
            }
        if (columns.size() < 2)
            throw DataError("'" + key + "' has fewer than two numeric features; pick another dataset");
        m_X = data.featureMatrix(columns);
        m_y = data.targetCodes();
        if (m_X.array().isNaN().any())
            throw DataError("'" + key + "' has missing values, which the selectors cannot score; pick another dataset");
        m_k->setMaximum(static_cast<int>(columns.size()));
        m_nSelect->setMaximum(static_cast<int>(columns.size()));
        m_description = tr("%1: %2 rows, %3 numeric features").arg(QString::fromStdString(key)).arg(m_X.rows()).arg(columns.size());
    } catch (const std::exception& e) {
        m_X.resize(0, 0);
        showError(tr("Cannot build the data: %1").arg(QString::fromUtf8(e.what())));
    }
    m_status->setText(tr("%1. Press Train.").arg(m_description));
}

void FeatureSelectionLab::setMethod(Method m)
{
    m_method->setCurrentIndex(static_cast<int>(m));
}

FeatureSelectionLab::Method FeatureSelectionLab::method() const
{
    return static_cast<Method>(std::clamp(m_method->currentIndex(), 0, 2));
}

void FeatureSelectionLab::setK(int k)
{
    m_k->setValue(k);
}

void FeatureSelectionLab::setScoreFunc(const QString& name)
{
    m_scoreFunc->setCurrentText(name);
}

void FeatureSelectionLab::setFeaturesToSelect(int n)
{
    m_nSelect->setValue(n);
}

void FeatureSelectionLab::setC(double c)
{
    m_c->setValue(c);
}

void FeatureSelectionLab::train()
{
    m_session->stopAndJoin();
    clearError();
    clearResults();
    if (m_X.rows() == 0 || hasPresetError())
        return;
    auto job = std::make_shared<SelectionJob>();
    QString note;
    try {
        const QJsonObject spec = resolvedSpec(&note);
        auto pipeline = std::make_shared<Pipeline>(pipelineFromPreset(spec, m_preset.value("pipeline_params").toObject()));
        const int at = selectorIndex(spec.value("steps").toArray());
        job->selector = static_cast<std::size_t>(at);
        const std::string name = pipeline->step(job->selector).name + "__";
        const Method m = method();
        job->method = m;
        std::string paramsJson;
        if (m == Method::Filter) {
            pipeline->setParam(name + "k", static_cast<long long>(m_k->value()));
            pipeline->setParam(name + "score_func", m_scoreFunc->currentText().toStdString());
        } else if (m == Method::Rfe) {
            pipeline->setParam(name + "n_features_to_select", static_cast<long long>(m_nSelect->value()));
        } else {
            paramsJson = std::get<std::string>(pipeline->param(name + "estimator_params"));
            pipeline->setParam(name + "estimator_params", withC(paramsJson, m_c->value()));
        }
        job->pipeline = pipeline;
        // The baseline: every step but the selector.
        QJsonObject baseSpec = spec;
        QJsonArray steps = baseSpec.value("steps").toArray();
        steps.removeAt(at);
        baseSpec.insert("steps", steps);
        job->baseline = std::make_shared<Pipeline>(pipelineFromPreset(baseSpec, m_preset.value("pipeline_params").toObject()));
        // The sweep's pipelines are made here, on one thread (reading parameters fills in defaults).
        m_sweepKey = sweepKey(m_dataControls->datasetKey(), m_folds->value(), *pipeline, job->selector);
        if (const auto cached = sweepCache().constFind(m_sweepKey); cached != sweepCache().constEnd()) {
            m_sweep = cached->first;
            m_sweepStd = cached->second;
        } else if (m == Method::L1) {
            for (int i = 0; i <= 8; ++i) {
                const double c = 0.005 * std::pow(10.0, i * 0.41);  // 0.005 .. 9.7, log-spaced
                auto p = std::make_shared<Pipeline>(pipeline->cloneUnfitted());
                p->setParam(name + "estimator_params", withC(paramsJson, c));
                job->sweep.push_back({c, p});
            }
        } else {
            for (int k = 1; k <= m_X.cols(); ++k) {
                auto p = std::make_shared<Pipeline>(pipeline->cloneUnfitted());
                p->setParam(name + (m == Method::Filter ? "k" : "n_features_to_select"), static_cast<long long>(k));
                job->sweep.push_back({static_cast<double>(k), p});
            }
        }
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    job->X = m_X;
    job->y = m_y;
    job->folds = m_folds->value();
    job->threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
    m_sweepView->setXTitle(method() == Method::L1 ? tr("features kept (C from 0.005 to 10)") : tr("features kept (k)"));
    m_session->start([job](TrainContext& ctx) { return runSelection(job, ctx); },
                     static_cast<std::uint64_t>(m_dataControls->seed()));
    if (!m_sweep.isEmpty())
        drawSweep();  // from the cache: this knob does not change the curve
    m_trainButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(note + tr("Selecting and cross-validating…"));
}

void FeatureSelectionLab::onSteps(const QList<TrainStep>& steps)
{
    bool sweepChanged = false;
    for (const TrainStep& s : steps) {
        const auto metric = [&s](const std::string& name) {
            const auto it = s.metrics.find(name);
            return it == s.metrics.end() ? std::nan("") : it->second;
        };
        const int phase = static_cast<int>(metric("phase"));
        if (phase == kSelectionPhase) {
            const auto n = static_cast<std::size_t>(metric("features"));
            m_values.assign(n, 0.0);
            m_selected.assign(n, false);
            for (std::size_t j = 0; j < n; ++j) {
                m_values[j] = metric("value_" + std::to_string(j));
                m_selected[j] = metric("selected_" + std::to_string(j)) == 1.0;
            }
            // Names of the selector's inputs (the raw columns unless a step before it reshapes them).
            QStringList names = m_names;
            if (static_cast<std::size_t>(names.size()) != n) {
                names.clear();
                for (std::size_t j = 0; j < n; ++j)
                    names << QStringLiteral("x%1").arg(j);
            }
            Eigen::VectorXd values = Eigen::Map<const Eigen::VectorXd>(m_values.data(), static_cast<Eigen::Index>(n));
            m_bars->setValues(FeatureBarView::Mode::Magnitude, values, Eigen::VectorXd::Zero(values.size()), names);
            m_bars->setHighlighted(m_selected);
            const Method m = method();
            const QString scoreName = m_scoreFunc->currentText() == "chi2" ? tr("chi² statistic")
                                      : m_scoreFunc->currentText() == "f_classif" ? tr("ANOVA F")
                                                                                  : tr("mutual information");
            m_bars->setAxisLabel(m == Method::Filter ? tr("%1 (selected in colour)").arg(scoreName)
                                 : m == Method::Rfe  ? tr("RFE rounds survived (selected in colour)")
                                                     : tr("|coefficient| of the L1 model (selected in colour)"));
            int kept = 0;
            for (std::size_t j = 0; j < n; ++j)
                if (m_selected[j]) {
                    ++kept;
                    if (j < static_cast<std::size_t>(names.size()))
                        m_measurements["selected_" + names[static_cast<int>(j)]] = 1;
                }
            m_measurements["n_selected"] = kept;
        } else if (phase == kScorePhase) {
            m_measurements["cv_score"] = metric("cv_score");
            m_measurements["cv_std"] = metric("cv_std");
            m_measurements["all_features_score"] = metric("all_features_score");
        } else if (phase == kSweepPhase) {
            m_sweep << QPointF(metric("features"), metric("score"));
            m_sweepStd << metric("std");
            sweepChanged = true;
            m_status->setText(tr("Sweeping the number of features: %1 settings done…").arg(m_sweep.size()));
        }
    }
    if (sweepChanged)
        drawSweep();
    // The result line.
    if (!m_measurements.contains("cv_score"))
        return;
    QStringList kept;
    for (std::size_t j = 0; j < m_selected.size(); ++j)
        if (m_selected[j] && j < static_cast<std::size_t>(m_names.size()))
            kept << m_names[static_cast<int>(j)];
    const int keptCount = static_cast<int>(m_measurements.value("n_selected"));
    QString text = (keptCount == 1 ? tr("<b>1</b> feature kept (selection on all rows): %1.")
                                   : tr("<b>%1</b> features kept (selection on all rows): %2.").arg(keptCount))
                       .arg(kept.join(QStringLiteral(", ")))
                   + tr("<br>Pipeline %1-fold CV accuracy, selection inside each fold: <b>%2</b> ± %3 · all %4 features: %5")
                       .arg(m_folds->value())
                       .arg(m_measurements["cv_score"], 0, 'f', 4)
                       .arg(m_measurements["cv_std"], 0, 'f', 4)
                       .arg(m_X.cols())
                       .arg(m_measurements["all_features_score"], 0, 'f', 4);
    if (m_measurements.contains("best_k"))
        text += tr(" · best in the sweep: %1 at %2 features").arg(m_measurements["best_k_score"], 0, 'f', 4).arg(m_measurements["best_k"]);
    m_result->setText(text);
}

QList<QPointF> FeatureSelectionLab::sweep() const
{
    QList<QPointF> points = m_sweep;
    std::stable_sort(points.begin(), points.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    return points;
}

void FeatureSelectionLab::drawSweep()
{
    const QList<QPointF> points = sweep();
    m_sweepView->clear();
    m_sweepView->append(0, points);
    double best = -1, bestK = 0;
    for (const QPointF& p : points)
        if (p.y() > best + 1e-12) {
            best = p.y();
            bestK = p.x();
        }
    if (!points.isEmpty()) {
        m_measurements["best_k"] = bestK;
        m_measurements["best_k_score"] = best;
    }
}

QHash<QString, QPair<QList<QPointF>, QList<double>>>& FeatureSelectionLab::sweepCache()
{
    static QHash<QString, QPair<QList<QPointF>, QList<double>>> cache;
    return cache;
}

void FeatureSelectionLab::onFinished(bool cancelled)
{
    m_trainButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    if (!cancelled && !hasError() && !m_sweep.isEmpty())
        sweepCache().insert(m_sweepKey, {m_sweep, m_sweepStd});
    if (hasError())
        return;
    m_status->setText(cancelled ? tr("Cancelled: the results so far are kept.")
                                : tr("Done. Coloured bars are the features the selector kept; the curve is the CV accuracy "
                                     "of the whole pipeline at each size."));
}

bool FeatureSelectionLab::runStepsBlocking(int steps, int timeoutMs)
{
    if (steps <= 0)
        return true;
    train();
    if (!m_session->isRunning())
        return false;
    return waitForSession(timeoutMs);
}

}  // namespace dslab
