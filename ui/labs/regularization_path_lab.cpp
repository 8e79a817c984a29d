#include "ui/labs/regularization_path_lab.h"

#include "engine/core/errors.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/chart_painting.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/line_band_view.h"
#include "ui/labs/fitted_attributes.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QComboBox>
#include <QFontMetricsF>
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
#include <cstdio>
#include <memory>

namespace dslab {

namespace {

// The metric key of coefficient j in a step ("c0", "c1", ...). Built with
// snprintf: GCC 12 reports a false -Wrestrict on "c" + std::to_string(j).
std::string coefficientKey(int j)
{
    char key[24];
    std::snprintf(key, sizeof key, "c%d", j);
    return key;
}

struct PathJob {
    Matrix X;
    Vector y;
    std::shared_ptr<Pipeline> pipeline;
    std::string param;
    std::vector<double> values;  // the grid, increasing
    std::vector<int> order;      // grid indices, strongest penalty first
    QStringList features;
    int folds = 5;
    bool classifier = false;
    std::string scoring;
};

// Fits the pipeline on all rows at each value (the coefficients) and
// cross-validates it there (the score); one step per value.
const Predictor* runPath(const std::shared_ptr<const PathJob>& job, TrainContext& ctx)
{
    std::unique_ptr<CrossValidator> cv;
    if (job->classifier)
        cv = std::make_unique<StratifiedKFold>(job->folds, true, 0);
    else
        cv = std::make_unique<KFold>(job->folds, true, 0);
    CrossValidationOptions options;
    options.scoring = job->scoring;
    const auto count = static_cast<int>(job->order.size());
    for (int k = 0; k < count; ++k) {
        if (ctx.cancelled())
            return nullptr;
        const int index = job->order[static_cast<std::size_t>(k)];
        Pipeline model = job->pipeline->cloneUnfitted();
        model.setParam(job->param, ParamValue(job->values[static_cast<std::size_t>(index)]));
        TrainContext inner;
        inner.seed = ctx.seed;
        inner.stop = ctx.stop;
        model.fit(job->X, job->y, inner);
        const CrossValidationResult r = crossValidate(model, job->X, job->y, *cv, inner, options);
        if (ctx.cancelled() || r.cancelled)
            return nullptr;
        TrainStep step;
        step.step = k + 1;
        step.totalSteps = count;
        step.metrics["index"] = index;
        step.metrics["score"] = r.meanTestScore();
        step.metrics["score_std"] = r.stdTestScore();
        const FittedAttributes fitted = readFittedAttributes(model, job->features);
        int j = 0;
        for (const auto& [name, value] : fitted.values)
            if (j < job->features.size() && name == job->features[j])
                step.metrics[coefficientKey(j++)] = value;
        if (ctx.observer)
            ctx.observer->onStep(step, model);
    }
    return nullptr;
}

// Distinct colours for up to 30 coefficient lines: the class palette first, then hues around the wheel.
QColor lineColour(int j)
{
    if (j < 8)
        return classColor(j);
    return QColor::fromHsvF(static_cast<float>(std::fmod(0.07 + 0.618034 * j, 1.0)), 0.75f, 0.8f);
}

QString valueText(double v)
{
    return formatNumber(v, 3);
}

}  // namespace

RegularizationPathLab::RegularizationPathLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &RegularizationPathLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &RegularizationPathLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &RegularizationPathLab::showError);
    buildUi();
}

RegularizationPathLab::~RegularizationPathLab()
{
    shutdown();
}

void RegularizationPathLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    auto* dataBox = new QGroupBox(tr("Data and path"), this);
    auto* form = new QFormLayout(dataBox);
    m_dataset = new QComboBox(dataBox);
    m_dataset->setAccessibleName(tr("dataset"));
    m_dataset->addItem(tr("Diabetes (442 rows, 10 features, regression)"), QStringLiteral("diabetes"));
    m_dataset->addItem(tr("Breast cancer (569 rows, 30 features, classes)"), QStringLiteral("breast_cancer"));
    m_dataset->addItem(tr("Wine (178 rows, 13 features, 3 classes)"), QStringLiteral("wine"));
    m_pathInfo = new QLabel(dataBox);
    m_pathInfo->setWordWrap(true);
    m_pathInfo->setMinimumHeight(m_pathInfo->fontMetrics().height() * 2 + 4);  // a long address wraps, never clips
    m_points = new QSpinBox(dataBox);
    m_points->setRange(5, 200);
    m_points->setAccessibleName(tr("points on the path"));
    m_points->setToolTip(tr("How many values of the parameter are fitted"));
    form->addRow(tr("dataset"), m_dataset);
    form->addRow(tr("path"), m_pathInfo);
    form->addRow(tr("points"), m_points);
    controls->addWidget(dataBox, 1);

    auto* pointBox = new QGroupBox(tr("Current point"), this);
    auto* pointForm = new QFormLayout(pointBox);
    m_slider = new QSlider(Qt::Horizontal, pointBox);
    m_slider->setAccessibleName(tr("penalty on the path"));
    m_slider->setToolTip(tr("Pick a value on the path: its coefficients appear as bars"));
    m_sliderLabel = new QLabel(pointBox);
    auto* sliderRow = new QHBoxLayout;
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_sliderLabel);
    m_knobs = new ParamForm(pointBox);
    pointForm->addRow(tr("value"), sliderRow);
    pointForm->addRow(m_knobs);
    controls->addWidget(pointBox, 1);
    root->addLayout(controls);

    const RunRow row = createRunRow(tr("Run path"), tr("Fit the pipeline at every value, strongest penalty first, and cross-validate each"));
    m_runButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_current = createSummaryLabel(tr("current point"));
    root->addWidget(m_current);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* charts = new QSplitter(Qt::Vertical, split);
    m_pathView = new LineBandView(charts);
    m_pathView->setAccessibleName(tr("coefficient paths"));
    m_pathView->setLegendLimit(11);
    m_scoreView = new LineBandView(charts);
    m_scoreView->setAccessibleName(tr("cross-validated score along the path"));
    m_scoreView->setMinimumHeight(120);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    charts->setSizes({600, 380});
    m_bars = new FeatureBarView(split);
    m_bars->setMinimumWidth(200);
    m_bars->setMaxDisplay(12);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 330});
    root->addWidget(split, 1);

    connect(m_runButton, &QPushButton::clicked, this, &RegularizationPathLab::run);
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &RegularizationPathLab::reset);
    connect(m_points, &QSpinBox::valueChanged, this, &RegularizationPathLab::reset);
    connect(m_knobs, &ParamForm::valueChanged, this, &RegularizationPathLab::reset);
    connect(m_slider, &QSlider::valueChanged, this, &RegularizationPathLab::showCurrent);
}

void RegularizationPathLab::alignCharts()
{
    // The same margins for both charts, so the coefficient and score plots share one x axis.
    const QFontMetricsF fm(font());
    double legend = fm.horizontalAdvance(tr("CV score ± std"));
    for (const QString& name : m_data.featureNames)
        legend = std::max(legend, fm.horizontalAdvance(name));
    legend += fm.height() * 1.2 + 14;
    const double left = fm.horizontalAdvance(QStringLiteral("-0.000")) + fm.height() * 2 + 10;
    m_pathView->setMinimumMargins(left, legend);
    m_scoreView->setMinimumMargins(left, legend);
}

bool RegularizationPathLab::strongIsLarge() const
{
    // C (and similar inverse strengths) regularize more when small.
    return !m_param.endsWith(QLatin1String("__C"));
}

void RegularizationPathLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    const QSignalBlocker b1(m_dataset), b2(m_points), b3(m_slider);
    const int dataIndex = m_dataset->findData(preset.value("dataset").toString("diabetes"));
    m_dataset->setCurrentIndex(std::max(0, dataIndex));
    m_pipeline = preset.value("pipeline").toObject();
    const QJsonObject path = preset.value("path").toObject();
    m_param = path.value("param").toString();
    m_log = path.value("log").toBool(true);
    m_points->setValue(path.value("num").toInt(40));
    try {
        if (dataIndex < 0)
            throw DataError("dataset '" + preset.value("dataset").toString().toStdString()
                            + "' is not offered here; use diabetes, breast_cancer or wine");
        const Pipeline pipeline = pipelineFromPreset(m_pipeline, preset.value("pipeline_params").toObject());
        const Estimator* model = pipeline.finalEstimator();
        if (!model)
            throw ParamError("the regularization lab's pipeline must end in a model");
        const auto split = m_param.indexOf(QLatin1String("__"));
        if (split <= 0)
            throw ParamError("path.param must name a step's parameter, e.g. \"Lasso__alpha\", not \""
                             + m_param.toStdString() + "\"");
        (void)pipeline.param(m_param.toStdString());  // throws naming the step or parameter that is missing
        const double lo = path.value("min").toDouble(0.01), hi = path.value("max").toDouble(100);
        if (!(hi > lo) || (m_log && lo <= 0))
            throw ParamError("path needs min < max (and min > 0 on a log scale)");
        // Knobs besides the swept parameter (which the slider stands for).
        const QString swept = m_param.mid(split + 2);
        QStringList own;
        for (const auto& k : preset.value("knobs").toArray())
            for (const ParamSpec& s : model->paramSpecs())
                if (QString::fromStdString(s.name) == k.toString() && k.toString() != swept)
                    own << k.toString();
        if (own.isEmpty())
            m_knobs->build({}, {}, {});
        else
            m_knobs->build(model->paramSpecs(), model->params(), own);
        m_knobs->setVisible(!own.isEmpty());
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's preset cannot be used: %1").arg(QString::fromUtf8(e.what())));
    }
    reset();
}

void RegularizationPathLab::reset()
{
    shutdown();
    clearError();
    m_measurements.clear();
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    const QJsonObject path = m_preset.value("path").toObject();
    const double lo = path.value("min").toDouble(0.01), hi = path.value("max").toDouble(100);
    const int num = m_points->value();
    m_values.clear();
    for (int i = 0; i < num; ++i) {
        const double t = num > 1 ? static_cast<double>(i) / (num - 1) : 0.0;
        m_values.push_back(m_log && lo > 0 ? lo * std::pow(hi / lo, t) : lo + (hi - lo) * t);
    }
    m_coefs.assign(m_values.size(), {});
    m_scores.assign(m_values.size(), std::nan(""));
    m_scoreStds.assign(m_values.size(), std::nan(""));
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, std::max(0, num - 1));
        // Start at the pipeline's own value of the parameter.
        double start = std::sqrt(lo * hi);
        try {
            const Pipeline pipeline = pipelineFromPreset(m_pipeline, m_preset.value("pipeline_params").toObject());
            if (const auto* v = std::get_if<double>(&pipeline.param(m_param.toStdString())); v)
                start = *v;
        } catch (const std::exception&) {
            // the preset error already says what is wrong
        }
        int nearest = 0;
        for (int i = 1; i < num; ++i)
            if (std::abs(std::log(m_values[static_cast<std::size_t>(i)] / start))
                < std::abs(std::log(m_values[static_cast<std::size_t>(nearest)] / start)))
                nearest = i;
        m_slider->setValue(nearest);
    }
    m_pathInfo->setText(tr("%1: %2 … %3 (%4)")
                            .arg(m_param, valueText(lo), valueText(hi), m_log ? tr("log") : tr("linear")));
    try {
        m_data = loadFullTable(m_dataset->currentData().toString(), m_datasetsDir);
    } catch (const std::exception& e) {
        m_data = FullTable{};
        showError(tr("Cannot load the data: %1").arg(QString::fromUtf8(e.what())));
    }

    const QString name = m_param.mid(m_param.indexOf(QLatin1String("__")) + 2);
    m_pathView->clear();
    m_pathView->setLogX(m_log);
    m_pathView->setXRange(lo, hi);
    m_pathView->setTitles(QString(), tr("coefficient (standardized units if scaled)"));
    for (int j = 0; j < m_data.featureNames.size(); ++j)
        m_pathView->addSeries(m_data.featureNames[j], lineColour(j));
    m_scoreView->clear();
    m_scoreView->setLogX(m_log);
    m_scoreView->setXRange(lo, hi);
    const QString scoring = m_preset.value("scoring").toString(m_data.classification() ? "accuracy" : "r2");
    m_scoreView->setTitles(tr("%1 (%2)").arg(name, strongIsLarge() ? tr("stronger penalty →") : tr("← stronger penalty")),
                           tr("%1-fold CV %2").arg(m_preset.value("cv").toInt(5)).arg(scoring));
    m_scoreView->addSeries(tr("CV score ± std"), classColor(1));
    alignCharts();
    m_bars->clear();
    m_current->clear();
    showCurrent();
    m_status->setText(tr("%1: %2 rows, %3 features. Press Run path: %4 fits, each cross-validated.")
                          .arg(m_data.key)
                          .arg(m_data.X.rows())
                          .arg(m_data.featureNames.size())
                          .arg(num));
}

void RegularizationPathLab::run()
{
    m_session->stopAndJoin();
    clearError();
    if (m_data.X.rows() == 0 || hasPresetError())
        return;
    auto job = std::make_shared<PathJob>();
    try {
        job->pipeline = std::make_shared<Pipeline>(pipelineFromPreset(m_pipeline, m_preset.value("pipeline_params").toObject()));
        const std::string step = m_param.left(m_param.indexOf(QLatin1String("__"))).toStdString();
        for (const auto& [name, value] : m_knobs->values())
            job->pipeline->setParam(step + "__" + name, value);
        job->classifier = job->pipeline->isClassifier();
        if (job->classifier != m_data.classification())
            throw DataError(m_data.classification()
                                ? "'" + m_data.key.toStdString() + "' has classes but the pipeline ends in a regressor; "
                                      "pick diabetes, or a classifier (LogisticRegression) preset"
                                : "'" + m_data.key.toStdString() + "' has a numeric target but the pipeline ends in a "
                                      "classifier; pick breast_cancer or wine, or a regressor (Lasso, Ridge)");
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    job->X = m_data.X;
    job->y = m_data.y;
    job->param = m_param.toStdString();
    job->values = m_values;
    job->features = m_data.featureNames;
    job->folds = m_preset.value("cv").toInt(5);
    job->scoring = m_preset.value("scoring").toString().toStdString();
    for (int i = 0; i < static_cast<int>(m_values.size()); ++i)
        job->order.push_back(i);
    if (strongIsLarge())
        std::reverse(job->order.begin(), job->order.end());
    // A fresh picture: the lines grow from the strong-penalty end.
    reset();
    std::shared_ptr<const PathJob> shared = job;
    m_session->start([shared](TrainContext& ctx) { return runPath(shared, ctx); }, 0);
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Fitting the path, strongest penalty first…"));
}

void RegularizationPathLab::onSteps(const QList<TrainStep>& steps)
{
    bool any = false;
    for (const TrainStep& s : steps) {
        if (!s.metrics.count("index"))
            continue;
        const int index = static_cast<int>(s.metrics.at("index"));
        if (index < 0 || index >= static_cast<int>(m_values.size()))
            continue;
        const auto i = static_cast<std::size_t>(index);
        std::vector<double> coefs;
        for (int j = 0; j < m_data.featureNames.size(); ++j) {
            const auto it = s.metrics.find(coefficientKey(j));
            coefs.push_back(it == s.metrics.end() ? std::nan("") : it->second);
        }
        m_coefs[i] = coefs;
        m_scores[i] = s.metrics.at("score");
        m_scoreStds[i] = s.metrics.at("score_std");
        any = true;
        m_status->setText(tr("Fitted %1 of %2 values.").arg(s.step).arg(s.totalSteps));
    }
    if (!any)
        return;
    // Redraw the lines in grid order (the fits arrive from one end).
    m_pathView->clear();
    m_pathView->setLogX(m_log);
    for (int j = 0; j < m_data.featureNames.size(); ++j)
        m_pathView->addSeries(m_data.featureNames[j], lineColour(j));
    m_scoreView->clear();
    m_scoreView->addSeries(tr("CV score ± std"), classColor(1));
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        if (m_coefs[i].empty())
            continue;
        for (int j = 0; j < static_cast<int>(m_coefs[i].size()); ++j)
            m_pathView->append(j, m_values[i], m_coefs[i][static_cast<std::size_t>(j)]);
        m_scoreView->append(0, m_values[i], m_scores[i], m_scores[i] - m_scoreStds[i], m_scores[i] + m_scoreStds[i]);
    }
    updatePathMeasurements();
    showCurrent();
}

void RegularizationPathLab::updatePathMeasurements()
{
    int best = -1, fitted = 0;
    double minZeros = 1e9, maxZeros = -1;
    double allZeroAbove = std::nan("");
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        if (m_coefs[i].empty())
            continue;
        ++fitted;
        if (best < 0 || m_scores[i] > m_scores[static_cast<std::size_t>(best)])
            best = static_cast<int>(i);
        const auto zeros = static_cast<double>(std::count(m_coefs[i].begin(), m_coefs[i].end(), 0.0));
        minZeros = std::min(minZeros, zeros);
        maxZeros = std::max(maxZeros, zeros);
        // The weakest penalty at which the model is still empty.
        if (zeros == static_cast<double>(m_coefs[i].size())) {
            if (!std::isfinite(allZeroAbove) || (strongIsLarge() ? m_values[i] < allZeroAbove : m_values[i] > allZeroAbove))
                allZeroAbove = m_values[i];
        }
    }
    if (best < 0)
        return;
    const double bestValue = m_values[static_cast<std::size_t>(best)];
    m_measurements["best_value"] = bestValue;
    m_measurements["best_score"] = m_scores[static_cast<std::size_t>(best)];
    m_measurements["min_zero_count"] = minZeros;
    m_measurements["max_zero_count"] = maxZeros;
    m_measurements["path_points"] = fitted;
    if (std::isfinite(allZeroAbove))
        m_measurements["all_zero_above"] = allZeroAbove;
    else
        m_measurements.remove("all_zero_above");
    m_scoreView->setMarker(QStringLiteral("best"), bestValue,
                           tr("best %1 at %2").arg(m_scores[static_cast<std::size_t>(best)], 0, 'f', 3).arg(valueText(bestValue)),
                           classColor(2));
}

void RegularizationPathLab::showCurrent()
{
    const int index = m_slider->value();
    if (index < 0 || index >= static_cast<int>(m_values.size()))
        return;
    const auto i = static_cast<std::size_t>(index);
    const double value = m_values[i];
    const QString name = m_param.mid(m_param.indexOf(QLatin1String("__")) + 2);
    m_sliderLabel->setText(QStringLiteral("%1 = %2").arg(name, valueText(value)));
    m_pathView->setMarker(QStringLiteral("current"), value, QString(), palette().color(QPalette::WindowText));
    m_scoreView->setMarker(QStringLiteral("current"), value, QString(), palette().color(QPalette::WindowText));
    m_measurements["current_value"] = value;
    if (m_coefs[i].empty()) {
        m_bars->clear();
        m_measurements.remove("nonzero_coefficients");
        m_measurements.remove("zero_coefficients");
        m_measurements.remove("score_at_current");
        m_current->setText(tr("%1 = %2: not fitted yet.").arg(name, valueText(value)));
        return;
    }
    const std::vector<double>& c = m_coefs[i];
    Eigen::VectorXd weights(static_cast<Eigen::Index>(c.size()));
    for (std::size_t j = 0; j < c.size(); ++j)
        weights(static_cast<Eigen::Index>(j)) = c[j];
    m_bars->setWeights(weights, m_data.featureNames);
    m_bars->setAxisLabel(tr("coefficient at %1 = %2").arg(name, valueText(value)));
    const auto zeros = static_cast<int>(std::count(c.begin(), c.end(), 0.0));
    m_measurements["zero_coefficients"] = zeros;
    m_measurements["nonzero_coefficients"] = static_cast<double>(c.size()) - zeros;
    m_measurements["score_at_current"] = m_scores[i];
    // The features still in the model, largest first (at most six named).
    std::vector<int> kept;
    for (int j = 0; j < static_cast<int>(c.size()); ++j)
        if (c[static_cast<std::size_t>(j)] != 0.0)
            kept.push_back(j);
    std::sort(kept.begin(), kept.end(), [&](int a, int b) {
        return std::abs(c[static_cast<std::size_t>(a)]) > std::abs(c[static_cast<std::size_t>(b)]);
    });
    QStringList named;
    for (std::size_t k = 0; k < kept.size() && k < 6; ++k)
        named << QStringLiteral("%1 %2").arg(m_data.featureNames[kept[k]], valueText(c[static_cast<std::size_t>(kept[k])]));
    if (kept.size() > 6)
        named << tr("and %1 more").arg(kept.size() - 6);
    m_current->setText(tr("At %1 = <b>%2</b>: <b>%3 of %4 coefficients exactly zero</b>, CV score %5 ± %6"
                          "%7. Non-zero: %8")
                           .arg(name, valueText(value))
                           .arg(zeros)
                           .arg(c.size())
                           .arg(m_scores[i], 0, 'f', 3)
                           .arg(m_scoreStds[i], 0, 'f', 3)
                           .arg(m_measurements.contains("best_value")
                                    ? tr(" (best %1 at %2 = %3)")
                                          .arg(m_measurements.value("best_score"), 0, 'f', 3)
                                          .arg(name, valueText(m_measurements.value("best_value")))
                                    : QString())
                           .arg(named.isEmpty() ? tr("none (the model predicts the mean or the base rate)")
                                                : named.join(QStringLiteral(", "))));
}

void RegularizationPathLab::setCurrentValue(double value)
{
    int nearest = 0;
    for (int i = 1; i < static_cast<int>(m_values.size()); ++i)
        if (std::abs(m_values[static_cast<std::size_t>(i)] - value) < std::abs(m_values[static_cast<std::size_t>(nearest)] - value))
            nearest = i;
    if (m_log && value > 0)
        for (int i = 0; i < static_cast<int>(m_values.size()); ++i)
            if (std::abs(std::log(m_values[static_cast<std::size_t>(i)] / value))
                < std::abs(std::log(m_values[static_cast<std::size_t>(nearest)] / value)))
                nearest = i;
    m_slider->setValue(nearest);
    showCurrent();
}

int RegularizationPathLab::currentIndex() const
{
    return m_slider->value();
}

bool RegularizationPathLab::hasPoint(int index) const
{
    return index >= 0 && index < static_cast<int>(m_coefs.size()) && !m_coefs[static_cast<std::size_t>(index)].empty();
}

std::vector<double> RegularizationPathLab::coefficientsAt(int index) const
{
    return hasPoint(index) ? m_coefs[static_cast<std::size_t>(index)] : std::vector<double>{};
}

double RegularizationPathLab::scoreAt(int index) const
{
    return hasPoint(index) ? m_scores[static_cast<std::size_t>(index)] : std::nan("");
}

void RegularizationPathLab::onFinished(bool cancelled)
{
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    if (hasError())
        return;
    m_status->setText(cancelled ? tr("Cancelled; the values fitted so far are shown.")
                                : tr("Path done. Move the slider to read the coefficients at any value."));
}

}  // namespace dslab
