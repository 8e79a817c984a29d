#include "ui/labs/leakage_lab.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/score_strip_view.h"
#include "ui/session/training_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <memory>
#include <thread>

namespace dslab {

namespace {

struct LeakageJob {
    int samples = 100;
    int features = 2000;
    double spread = 1.0;  // cluster_std: the noise's standard deviation
    std::uint64_t dataSeed = 0;
    int repeats = 10;
    std::shared_ptr<CrossValidator> cv;
    std::shared_ptr<Pipeline> whole;           // every step: cross-validated as one (honest)
    std::shared_ptr<Pipeline> preprocessing;   // the steps before the model, or null
    std::shared_ptr<Pipeline> model;           // the model alone
    int threads = 1;
};

// Pure noise: no column says anything about the labels, which are exactly
// balanced and shuffled, so every honest estimate of accuracy is 0.5.
void makeNoise(int rows, int cols, double spread, std::uint64_t seed, Matrix& X, Vector& y)
{
    SeededRandom rng(seed);
    X.resize(rows, cols);
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            X(i, j) = spread * rng.normal();
    std::vector<double> labels(static_cast<std::size_t>(rows));
    for (int i = 0; i < rows; ++i)
        labels[static_cast<std::size_t>(i)] = i % 2;
    rng.shuffle(labels);
    y = Eigen::Map<const Vector>(labels.data(), rows);
}

const Predictor* runLeakage(const std::shared_ptr<const LeakageJob>& job, TrainContext& ctx)
{
    TrainContext c;
    c.seed = ctx.seed;
    c.threads = job->threads;
    c.stop = ctx.stop;
    for (int r = 0; r < job->repeats; ++r) {
        Matrix X;
        Vector y;
        makeNoise(job->samples, job->features, job->spread, job->dataSeed + static_cast<std::uint64_t>(r), X, y);
        if (ctx.cancelled())
            return nullptr;
        // Leaky: the preprocessing sees every row and every label, the folds only split what is left.
        Matrix chosen = X;
        if (job->preprocessing) {
            Pipeline pre = job->preprocessing->cloneUnfitted();
            pre.fit(X, y, c);
            chosen = pre.transform(X);
        }
        const CrossValidationResult leaky = crossValidate(*job->model, chosen, y, *job->cv, c);
        if (ctx.cancelled())
            return nullptr;
        // Honest: each fold fits the preprocessing on its own training rows.
        const CrossValidationResult honest = crossValidate(*job->whole, X, y, *job->cv, c);
        if (ctx.cancelled())
            return nullptr;
        TrainStep s;
        s.step = r + 1;
        s.totalSteps = job->repeats;
        s.metrics["folds"] = static_cast<double>(leaky.testScores.size());
        for (std::size_t f = 0; f < leaky.testScores.size(); ++f) {
            s.metrics["leaky_" + std::to_string(f)] = leaky.testScores[f];
            s.metrics["honest_" + std::to_string(f)] = honest.testScores[f];
        }
        if (ctx.observer)
            ctx.observer->onStep(s, *job->whole);
    }
    return nullptr;
}

double meanOf(const QVector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s / static_cast<double>(std::max<qsizetype>(1, v.size()));
}

double stdOf(const QVector<double>& v)
{
    const double m = meanOf(v);
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / static_cast<double>(std::max<qsizetype>(1, v.size())));
}

int selectorIndex(const QJsonArray& steps)
{
    for (int i = 0; i < steps.size(); ++i)
        if (steps[i].toObject().value("type").toString() == "SelectKBest")
            return i;
    return -1;
}

}  // namespace

LeakageLab::LeakageLab(QWidget* parent) : Lab(parent)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &LeakageLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &LeakageLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &LeakageLab::showError);
    buildUi();
}

LeakageLab::~LeakageLab()
{
    shutdown();
}

void LeakageLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* box = new QGroupBox(tr("Experiment: pure noise, random labels"), this);
    auto* columns = new QHBoxLayout(box);
    m_form = new QFormLayout;
    auto* form2 = m_form2 = new QFormLayout;
    columns->addLayout(m_form, 1);
    columns->addLayout(form2, 1);
    m_mode = new QComboBox(box);
    m_mode->addItem(tr("before_cv (fit on all rows)"), QStringLiteral("before_cv"));
    m_mode->addItem(tr("inside_cv (inside the pipeline)"), QStringLiteral("inside_cv"));
    m_mode->setAccessibleName(tr("where the preprocessing is fitted"));
    m_mode->setToolTip(tr("before_cv: StandardScaler and SelectKBest are fitted on all rows, then only the model is "
                          "cross-validated. inside_cv: the whole pipeline is cross-validated."));
    m_selector = new QCheckBox(tr("SelectKBest step"), box);
    m_selector->setAccessibleName(tr("SelectKBest step in the pipeline"));
    m_selector->setToolTip(tr("Without it the pipeline is StandardScaler + LogisticRegression on all n_features columns"));
    m_k = new QSpinBox(box);
    m_k->setRange(1, 20000);
    m_k->setAccessibleName(tr("k: columns SelectKBest keeps"));
    m_features = new QSpinBox(box);
    m_features->setRange(1, 20000);
    m_features->setAccessibleName(tr("n_features: noise columns"));
    m_samples = new QSpinBox(box);
    m_samples->setRange(20, 5000);
    m_samples->setAccessibleName(tr("n_samples: rows"));
    m_repeats = new QSpinBox(box);
    m_repeats->setRange(1, 50);
    m_repeats->setAccessibleName(tr("repeats: random data sets"));
    m_form->addRow(tr("fit_preprocessing"), m_mode);
    m_form->addRow(tr("steps"), m_selector);
    m_form->addRow(tr("k"), m_k);
    form2->addRow(tr("n_features"), m_features);
    form2->addRow(tr("n_samples"), m_samples);
    form2->addRow(tr("repeats"), m_repeats);
    root->addWidget(box);
    connect(m_selector, &QCheckBox::toggled, m_k, &QWidget::setEnabled);
    // The chosen workflow only changes which one is highlighted and whose folds are shown.
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] { redraw(); });

    const RunRow row = createRunRow(tr("Run"), tr("Draw `repeats` noise data sets and cross-validate both workflows on each"));
    m_runButton = row.run;
    m_status = row.status;
    connect(m_runButton, &QPushButton::clicked, this, &LeakageLab::run);
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("leakage result"));
    root->addWidget(m_summary);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_repeatsView = new ScoreStripView(split);
    m_repeatsView->setAccessibleName(tr("mean CV accuracy per repeat, both workflows"));
    m_repeatsView->setReference(0.5, tr("chance 0.5"));
    m_repeatsView->setYTitle(tr("mean CV accuracy per data set"));
    m_foldsView = new ScoreStripView(split);
    m_foldsView->setAccessibleName(tr("fold scores of the chosen workflow"));
    m_foldsView->setReference(0.5, QString());
    m_foldsView->setYTitle(tr("fold accuracy"));
    split->addWidget(m_repeatsView);
    split->addWidget(m_foldsView);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    root->addWidget(split, 1);
}

void LeakageLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError(QString());
    clearResults();
    const QString mode = preset.value("fit_preprocessing").toString("before_cv");
    if (mode != "before_cv" && mode != "inside_cv" && mode != "inside_pipeline")
        setPresetError(tr("fit_preprocessing must be before_cv or inside_cv, not '%1'").arg(mode));
    setLeaky(mode == "before_cv");
    const QJsonArray steps = preset.value("pipeline").toObject().value("steps").toArray();
    const int at = selectorIndex(steps);
    m_selectorSpec = at >= 0 ? steps[at].toObject()
                             : QJsonObject{{"type", "SelectKBest"}, {"score_func", "f_classif"}, {"k", 20}};
    m_k->setValue(m_selectorSpec.value("k").toInt(20));
    m_selector->setChecked(at >= 0);
    m_k->setEnabled(at >= 0);
    m_features->setValue(preset.value("n_features").toInt(2000));
    m_samples->setValue(preset.value("n_samples").toInt(100));
    m_repeats->setValue(preset.value("repeats").toInt(10));
    // Only the listed knobs are shown (the preset still sets the others).
    const QJsonValue knobsValue = preset.value("knobs");
    QStringList knobs;
    for (const QJsonValue& v : knobsValue.toArray())
        knobs << v.toString();
    const bool all = !knobsValue.isArray();
    m_form->setRowVisible(m_mode, all || knobs.contains("fit_preprocessing"));
    m_form->setRowVisible(m_selector, all || knobs.contains("steps"));
    m_form->setRowVisible(m_k, all || knobs.contains("k"));
    m_form2->setRowVisible(m_features, all || knobs.contains("n_features"));
    m_form2->setRowVisible(m_samples, all || knobs.contains("n_samples"));
    m_form2->setRowVisible(m_repeats, all || knobs.contains("repeats"));
    if (!hasPresetError()) {
        try {
            if (steps.isEmpty())
                throw ParamError("the preset's pipeline has no steps; it needs a model as its last step");
            const Pipeline p = pipelineFromPreset(resolvedSpec(), preset.value("pipeline_params").toObject());
            if (!p.finalEstimator())
                throw ParamError("the pipeline's last step must be a model (LogisticRegression)");
        } catch (const std::exception& e) {
            setPresetError(tr("This lab's pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    m_status->setText(tr("%1 rows × %2 noise columns, %3 data sets. Press Run.")
                          .arg(m_samples->value()).arg(m_features->value()).arg(m_repeats->value()));
}

QJsonObject LeakageLab::resolvedSpec() const
{
    QJsonObject spec = m_preset.value("pipeline").toObject();
    QJsonArray steps = spec.value("steps").toArray();
    const int at = selectorIndex(steps);
    if (m_selector->isChecked()) {
        QJsonObject selector = at >= 0 ? steps[at].toObject() : m_selectorSpec;
        selector.insert("k", m_k->value());
        if (at >= 0)
            steps[at] = selector;
        else
            steps.insert(std::max<qsizetype>(0, steps.size() - 1), selector);
    } else if (at >= 0) {
        steps.removeAt(at);
    }
    spec.insert("steps", steps);
    return spec;
}

QString LeakageLab::validate() const
{
    const int folds = m_preset.value("cv").toObject().value("n_splits").toInt(5);
    if (m_samples->value() < 2 * folds)
        return tr("n_samples (%1) is too small for %2 folds of two classes: use at least %3 rows")
            .arg(m_samples->value()).arg(folds).arg(2 * folds);
    if (m_selector->isChecked() && m_k->value() > m_features->value())
        return tr("k (%1) is larger than n_features (%2): SelectKBest would keep every column; lower k or add columns")
            .arg(m_k->value()).arg(m_features->value());
    // 8 bytes a value: keep one data set under about 80 MB.
    if (static_cast<double>(m_samples->value()) * m_features->value() > 1e7)
        return tr("n_samples × n_features = %1 values is more than this lab draws (10 million); lower one of them")
            .arg(static_cast<double>(m_samples->value()) * m_features->value(), 0, 'g', 3);
    return {};
}

void LeakageLab::setLeaky(bool beforeCv)
{
    m_mode->setCurrentIndex(beforeCv ? 0 : 1);
}

bool LeakageLab::isLeaky() const
{
    return m_mode->currentIndex() == 0;
}

void LeakageLab::setK(int k)
{
    m_k->setValue(k);
}

void LeakageLab::setFeatures(int n)
{
    m_features->setValue(n);
}

void LeakageLab::setSamples(int n)
{
    m_samples->setValue(n);
}

void LeakageLab::setRepeats(int n)
{
    m_repeats->setValue(n);
}

void LeakageLab::setSelectorStep(bool on)
{
    m_selector->setChecked(on);
}

void LeakageLab::clearResults()
{
    m_leaky.clear();
    m_honest.clear();
    m_leakyFolds.clear();
    m_honestFolds.clear();
    m_measurements.clear();
    m_repeatsView->clear();
    m_foldsView->clear();
    m_summary->clear();
}

void LeakageLab::run()
{
    m_session->stopAndJoin();
    clearError();
    clearResults();
    if (hasPresetError())
        return;
    if (const QString problem = validate(); !problem.isEmpty()) {
        showError(problem);
        return;
    }
    auto job = std::make_shared<LeakageJob>();
    try {
        const QJsonObject params = m_preset.value("pipeline_params").toObject();
        const QJsonObject spec = resolvedSpec();
        const QJsonArray steps = spec.value("steps").toArray();
        job->whole = std::make_shared<Pipeline>(pipelineFromPreset(spec, params));
        if (steps.size() > 1) {
            QJsonObject pre = spec;
            QJsonArray preSteps = steps;
            preSteps.removeLast();
            pre.insert("steps", preSteps);
            job->preprocessing = std::make_shared<Pipeline>(pipelineFromPreset(pre, params));
        }
        QJsonObject model = spec;
        model.insert("steps", QJsonArray{steps.last()});
        job->model = std::make_shared<Pipeline>(pipelineFromPreset(model, params));
        const QJsonObject cv = m_preset.value("cv").toObject();
        const int folds = cv.value("n_splits").toInt(5);
        const bool shuffle = cv.value("shuffle").toBool(true);
        const auto cvSeed = static_cast<std::uint64_t>(cv.value("random_state").toInt(0));
        if (cv.value("type").toString("StratifiedKFold") == "KFold")
            job->cv = std::make_shared<KFold>(folds, shuffle, cvSeed);
        else
            job->cv = std::make_shared<StratifiedKFold>(folds, shuffle, cvSeed);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    job->samples = m_samples->value();
    job->features = m_features->value();
    job->spread = m_preset.value("cluster_std").toDouble(1.0);
    job->dataSeed = static_cast<std::uint64_t>(m_preset.value("random_state").toInt(0));
    job->repeats = m_repeats->value();
    job->threads = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
    m_session->start([job](TrainContext& ctx) { return runLeakage(job, ctx); }, job->dataSeed);
    errorShown();
    m_status->setText(tr("Drawing noise and cross-validating both workflows…"));
}

void LeakageLab::onSteps(const QList<TrainStep>& steps)
{
    for (const TrainStep& s : steps) {
        const auto metric = [&s](const std::string& name) {
            const auto it = s.metrics.find(name);
            return it == s.metrics.end() ? std::nan("") : it->second;
        };
        const int folds = static_cast<int>(metric("folds"));
        QVector<double> leaky, honest;
        for (int f = 0; f < folds; ++f) {
            leaky << metric("leaky_" + std::to_string(f));
            honest << metric("honest_" + std::to_string(f));
        }
        m_leakyFolds << leaky;
        m_honestFolds << honest;
        m_leaky << meanOf(leaky);
        m_honest << meanOf(honest);
        m_status->setText(tr("Data set %1 of %2 done…").arg(s.step).arg(s.totalSteps));
    }
    if (m_leaky.isEmpty())
        return;
    const auto [leakyMin, leakyMax] = std::minmax_element(m_leaky.begin(), m_leaky.end());
    const auto [honestMin, honestMax] = std::minmax_element(m_honest.begin(), m_honest.end());
    m_measurements["leaky_mean"] = meanOf(m_leaky);
    m_measurements["leaky_std"] = stdOf(m_leaky);
    m_measurements["leaky_min"] = *leakyMin;
    m_measurements["leaky_max"] = *leakyMax;
    m_measurements["honest_mean"] = meanOf(m_honest);
    m_measurements["honest_std"] = stdOf(m_honest);
    m_measurements["honest_min"] = *honestMin;
    m_measurements["honest_max"] = *honestMax;
    m_measurements["gap"] = m_measurements["leaky_mean"] - m_measurements["honest_mean"];
    m_measurements["repeats"] = static_cast<double>(m_leaky.size());
    redraw();
}

void LeakageLab::redraw()
{
    m_measurements.remove("score");
    if (m_leaky.isEmpty())
        return;
    const bool leaky = isLeaky();
    m_measurements["score"] = leaky ? m_measurements["leaky_mean"] : m_measurements["honest_mean"];
    const QColor leakyColour(0xd6, 0x27, 0x28), honestColour(0x1f, 0x77, 0xb4);
    m_repeatsView->setGroups({{tr("before_cv"), m_leaky, leakyColour}, {tr("inside_cv"), m_honest, honestColour}});
    m_repeatsView->setHighlighted(leaky ? 0 : 1);
    m_repeatsView->setXTitle(tr("%n data set(s), one dot each", "", static_cast<int>(m_leaky.size())));
    QList<ScoreStripView::Group> folds;
    const QList<QVector<double>>& chosen = leaky ? m_leakyFolds : m_honestFolds;
    for (int r = 0; r < chosen.size(); ++r)
        folds.append({QString::number(r + 1), chosen[r], leaky ? leakyColour : honestColour});
    m_foldsView->setGroups(folds);
    m_foldsView->setXTitle(leaky ? tr("fold scores per data set: before_cv") : tr("fold scores per data set: inside_cv"));

    const QJsonArray steps = resolvedSpec().value("steps").toArray();
    const bool selecting = selectorIndex(steps) >= 0;
    QString text = tr("Leaky (preprocessing fitted on all %1 rows, then CV): <b>%2</b> ± %3 (%4 to %5) · "
                      "honest (fitted inside each fold): <b>%6</b> ± %7 (%8 to %9) · <b>gap %10</b> on data with no signal.")
                       .arg(m_samples->value())
                       .arg(m_measurements["leaky_mean"], 0, 'f', 3).arg(m_measurements["leaky_std"], 0, 'f', 3)
                       .arg(m_measurements["leaky_min"], 0, 'f', 2).arg(m_measurements["leaky_max"], 0, 'f', 2)
                       .arg(m_measurements["honest_mean"], 0, 'f', 3).arg(m_measurements["honest_std"], 0, 'f', 3)
                       .arg(m_measurements["honest_min"], 0, 'f', 2).arg(m_measurements["honest_max"], 0, 'f', 2)
                       .arg(m_measurements["gap"], 0, 'f', 3);
    if (selecting)
        text += tr(" SelectKBest picked the %1 of %2 columns that best fit all the labels, the validation rows' included.")
                    .arg(std::min(m_k->value(), m_features->value())).arg(m_features->value());
    else
        text += tr(" Without a supervised step only the scaler's means and standard deviations leak, which changes almost nothing.");
    m_summary->setText(text);
}

void LeakageLab::onFinished(bool cancelled)
{
    errorShown();
    if (hasError())
        return;
    m_status->setText(cancelled ? tr("Cancelled after %n data set(s): the scores so far are kept.", "", static_cast<int>(m_leaky.size()))
                                : tr("Done: %n data set(s). Each dot on the left is one data set's mean %1-fold accuracy; the dashed line is chance.",
                                     "", static_cast<int>(m_leaky.size()))
                                      .arg(m_preset.value("cv").toObject().value("n_splits").toInt(5)));
}

}  // namespace dslab
