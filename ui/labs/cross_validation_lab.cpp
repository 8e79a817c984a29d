#include "ui/labs/cross_validation_lab.h"

#include "engine/core/errors.h"
#include "engine/data/split.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/scorer.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/fold_bands_view.h"
#include "ui/labs/dataset_controls.h"
#include "ui/session/training_session.h"
#include "ui/widgets/param_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

namespace dslab {

namespace {

constexpr double kSingleSplitTestSize = 0.2;

// What the worker needs, copied so the GUI may change its own state meanwhile.
struct CrossValidationJob {
    std::vector<FoldData> folds;
    Matrix X;
    Vector y;
    std::shared_ptr<Pipeline> pipeline;
    Scorer scorer;
    std::uint64_t seed = 0;
};

// Fits and scores one fold at a time through the engine's cross-validation,
// reporting each fold as a step; then one plain train/test split.
const Predictor* runCrossValidation(const std::shared_ptr<const CrossValidationJob>& job, TrainContext& ctx)
{
    const int folds = static_cast<int>(job->folds.size());
    for (int f = 0; f < folds; ++f) {
        if (ctx.cancelled())
            return nullptr;
        TrainContext foldCtx;
        foldCtx.seed = ctx.seed;
        foldCtx.stop = ctx.stop;
        const CrossValidationResult r =
            crossValidateFolds(*job->pipeline, {job->folds[static_cast<std::size_t>(f)]}, job->scorer, foldCtx, true);
        if (r.cancelled)
            return nullptr;
        TrainStep step;
        step.step = f + 1;
        step.totalSteps = folds + 1;
        step.metrics["fold"] = f;
        step.metrics["score"] = r.testScores.front();
        step.metrics["train_score"] = r.trainScores.front();
        step.metrics["fit_ms"] = 1000.0 * r.fitSeconds.front();
        if (ctx.observer)
            ctx.observer->onStep(step, *job->pipeline);  // no snapshot is taken: the view is never read
    }
    if (ctx.cancelled())
        return nullptr;
    // One split of the same size as the usual hold-out, for comparison.
    const SplitIndices split = trainTestSplit(job->X.rows(), kSingleSplitTestSize, job->seed, &job->y);
    Pipeline single = job->pipeline->cloneUnfitted();
    TrainContext singleCtx;
    singleCtx.seed = ctx.seed;
    singleCtx.stop = ctx.stop;
    single.fit(selectRows(job->X, split.train), selectRows(job->y, split.train), singleCtx);
    TrainStep step;
    step.step = folds + 1;
    step.totalSteps = folds + 1;
    step.metrics["single"] = 1;
    step.metrics["score"] = job->scorer.score(single, selectRows(job->X, split.test), selectRows(job->y, split.test));
    if (ctx.observer)
        ctx.observer->onStep(step, single);
    return nullptr;
}

QString percent(double share)
{
    return QStringLiteral("%1%").arg(100.0 * share, 0, 'f', 1);
}

}  // namespace

CrossValidationLab::CrossValidationLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &CrossValidationLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &CrossValidationLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &CrossValidationLab::showError);
    buildUi();
}

CrossValidationLab::~CrossValidationLab()
{
    shutdown();
}

void CrossValidationLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    m_dataControls = new DatasetControls(this);
    m_dataControls->setKind(DatasetControls::Kind::Tabular);
    controls->addWidget(m_dataControls, 1);

    auto* cvBox = new QGroupBox(tr("Splitter"), this);
    auto* form = new QFormLayout(cvBox);
    m_nSplits = new QSpinBox(cvBox);
    m_nSplits->setRange(2, 20);
    m_nSplits->setAccessibleName(tr("number of folds"));
    m_nSplits->setToolTip(tr("k: the rows are cut into k folds; each fold validates once"));
    m_stratified = new QCheckBox(tr("stratified (keep class shares)"), cvBox);
    m_stratified->setToolTip(tr("StratifiedKFold: every fold gets each class in its overall share"));
    m_shuffle = new QCheckBox(tr("shuffle rows first"), cvBox);
    m_shuffle->setToolTip(tr("Without shuffling, folds are contiguous blocks of rows in the file's order"));
    m_randomState = new QSpinBox(cvBox);
    m_randomState->setRange(0, 99999);
    m_randomState->setAccessibleName(tr("random state"));
    m_randomState->setToolTip(tr("Seed of the shuffle and of the single train/test split"));
    m_scoring = new QComboBox(cvBox);
    m_scoring->setAccessibleName(tr("scoring"));
    for (const std::string& name : scorerNames()) {
        try {
            makeScorer(name, true);
            m_scoring->addItem(QString::fromStdString(name));
        } catch (const Error&) {
            // a regression scorer: not offered for a classifier
        }
    }
    form->addRow(tr("folds (k)"), m_nSplits);
    form->addRow(m_stratified);
    form->addRow(m_shuffle);
    form->addRow(tr("random_state"), m_randomState);
    form->addRow(tr("scoring"), m_scoring);
    m_knobs = new ParamForm(cvBox);
    form->addRow(m_knobs);
    controls->addWidget(cvBox, 1);
    root->addLayout(controls);

    const RunRow row = createRunRow(tr("Run CV"), tr("Fit one model per fold on its training rows and score it on its validation rows"));
    m_runButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("cross-validation summary"));
    root->addWidget(m_summary);

    auto* charts = new QSplitter(Qt::Vertical, this);
    m_bands = new FoldBandsView(charts);
    m_table = new QTableWidget(0, 6, charts);
    m_table->setHorizontalHeaderLabels({tr("fold"), tr("train rows"), tr("validation rows"), tr("validation class mix"),
                                        tr("train / validation score"), tr("fit time (ms)")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAccessibleName(tr("folds"));
    m_table->setMinimumHeight(80);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 1);
    charts->setSizes({700, 220});
    root->addWidget(charts, 1);

    connect(m_runButton, &QPushButton::clicked, this, &CrossValidationLab::run);
    connect(m_dataControls, &DatasetControls::changed, this, &CrossValidationLab::reset);
    for (QSpinBox* box : {m_nSplits, m_randomState})
        connect(box, &QSpinBox::valueChanged, this, &CrossValidationLab::reset);
    for (QCheckBox* box : {m_stratified, m_shuffle})
        connect(box, &QCheckBox::toggled, this, &CrossValidationLab::reset);
    connect(m_scoring, &QComboBox::currentIndexChanged, this, &CrossValidationLab::reset);
    connect(m_knobs, &ParamForm::valueChanged, this, &CrossValidationLab::reset);
}

void CrossValidationLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    const QSignalBlocker b1(m_nSplits), b2(m_stratified), b3(m_shuffle), b4(m_randomState), b5(m_scoring);
    m_dataControls->applyPreset(preset);
    const QJsonValue cv = preset.value("cv");
    const QJsonObject spec = cv.toObject();
    m_nSplits->setValue(cv.isDouble() ? cv.toInt(5) : spec.value("n_splits").toInt(5));
    m_stratified->setChecked(spec.value("stratified").toBool(true));
    m_shuffle->setChecked(spec.value("shuffle").toBool(false));
    m_randomState->setValue(spec.value("random_state").toInt(0));
    const QString scoring = preset.value("scoring").toString("accuracy");
    const int scoringIndex = m_scoring->findText(scoring);
    m_scoring->setCurrentIndex(std::max(0, scoringIndex));

    // Which controls the lesson shows: the splitter's keys, the rest are the model's.
    QStringList modelKnobs;
    const QStringList cvKeys = {"n_splits", "stratified", "shuffle", "random_state", "scoring"};
    QStringList shown;
    for (const auto& k : preset.value("knobs").toArray())
        (cvKeys.contains(k.toString()) ? shown : modelKnobs) << k.toString();
    m_pipeline = preset.value("pipeline").toObject();
    try {
        if (scoringIndex < 0)
            throw ParamError("unknown scoring '" + scoring.toStdString() + "'; use a classification scorer such as accuracy");
        const Pipeline pipeline = pipelineFromPreset(m_pipeline, preset.value("pipeline_params").toObject());
        const Estimator* model = pipeline.finalEstimator();
        if (!model || !model->isClassifier())
            throw ParamError("the cross-validation lab's pipeline must end in a classifier");
        m_modelStep = QString::fromStdString(pipeline.step(pipeline.stepCount() - 1).name);
        QStringList own;
        for (const QString& k : modelKnobs)
            if (std::any_of(model->paramSpecs().begin(), model->paramSpecs().end(),
                            [&](const ParamSpec& s) { return QString::fromStdString(s.name) == k; }))
                own << k;
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

void CrossValidationLab::setSplitter(int nSplits, bool stratified, bool shuffle, int randomState)
{
    {
        const QSignalBlocker b1(m_nSplits), b2(m_stratified), b3(m_shuffle), b4(m_randomState);
        m_nSplits->setValue(nSplits);
        m_stratified->setChecked(stratified);
        m_shuffle->setChecked(shuffle);
        m_randomState->setValue(randomState);
    }
    reset();
}

void CrossValidationLab::reset()
{
    shutdown();
    clearError();
    m_splits.clear();
    m_scores.clear();
    m_trainScores.clear();
    m_fitMs.clear();
    m_hasSingle = false;
    m_measurements.clear();
    m_bands->clear();
    m_table->setRowCount(0);
    m_summary->clear();
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    try {
        m_data = loadFullTable(m_dataControls->datasetKey(), m_datasetsDir);
        if (!m_data.classification())
            throw DataError("'" + m_data.key.toStdString() + "' has a numeric target; this lab needs classes");
        const int k = m_nSplits->value();
        const auto seed = static_cast<std::uint64_t>(m_randomState->value());
        const bool shuffle = m_shuffle->isChecked();
        if (m_stratified->isChecked())
            m_splits = StratifiedKFold(k, shuffle, seed).split(m_data.X.rows(), &m_data.y);
        else
            m_splits = KFold(k, shuffle, seed).split(m_data.X.rows());
    } catch (const std::exception& e) {
        m_splits.clear();
        showError(tr("Cannot split the data: %1").arg(QString::fromUtf8(e.what())));
        return;
    }

    // Bands and the table's row counts and class mixes are known before any fit.
    QVector<int> classes(static_cast<int>(m_data.y.size()));
    for (int i = 0; i < classes.size(); ++i)
        classes[i] = static_cast<int>(m_data.y(i));
    QVector<QVector<bool>> validation;
    const int k = static_cast<int>(m_splits.size());
    m_table->setRowCount(k);
    double spread = 0;
    int unseen = 0;
    std::vector<std::vector<double>> shares(static_cast<std::size_t>(m_data.classCount()));
    for (int f = 0; f < k; ++f) {
        const SplitIndices& s = m_splits[static_cast<std::size_t>(f)];
        QVector<bool> v(classes.size(), false);
        for (Eigen::Index r : s.test)
            v[static_cast<int>(r)] = true;
        validation << v;
        std::set<int> trained;
        for (Eigen::Index r : s.train)
            trained.insert(classes[static_cast<int>(r)]);
        bool lacks = false;
        std::vector<double> counts(static_cast<std::size_t>(m_data.classCount()), 0.0);
        for (Eigen::Index r : s.test) {
            counts[static_cast<std::size_t>(classes[static_cast<int>(r)])] += 1;
            lacks = lacks || !trained.count(classes[static_cast<int>(r)]);
        }
        unseen += lacks ? 1 : 0;
        QStringList mix;
        for (int c = 0; c < m_data.classCount(); ++c) {
            const double share = counts[static_cast<std::size_t>(c)] / std::max<double>(1.0, static_cast<double>(s.test.size()));
            shares[static_cast<std::size_t>(c)].push_back(share);
            mix << QStringLiteral("%1 %2").arg(m_data.classNames[c], percent(share));
        }
        m_table->setItem(f, 0, new QTableWidgetItem(QString::number(f + 1)));
        m_table->setItem(f, 1, new QTableWidgetItem(QString::number(s.train.size())));
        m_table->setItem(f, 2, new QTableWidgetItem(QString::number(s.test.size())));
        m_table->setItem(f, 3, new QTableWidgetItem(mix.join(QStringLiteral(" · "))));
        m_table->setItem(f, 4, new QTableWidgetItem(QStringLiteral("…")));
        m_table->setItem(f, 5, new QTableWidgetItem(QStringLiteral("…")));
    }
    for (const auto& perClass : shares)
        if (!perClass.empty()) {
            const auto [mn, mx] = std::minmax_element(perClass.begin(), perClass.end());
            spread = std::max(spread, *mx - *mn);
        }
    m_bands->setFolds(classes, m_data.classNames, validation);
    m_bands->setScoreName(tr("validation %1").arg(m_scoring->currentText()));
    m_measurements["class_share_spread"] = spread;
    m_measurements["unseen_class_folds"] = unseen;
    m_measurements["n_splits"] = k;
    m_scores.assign(static_cast<std::size_t>(k), std::nan(""));
    m_trainScores.assign(static_cast<std::size_t>(k), std::nan(""));
    m_fitMs.assign(static_cast<std::size_t>(k), std::nan(""));
    QString note = tr("%1: %2 rows, %3 features, %4 folds (%5%6). Press Run CV.")
                       .arg(m_data.key)
                       .arg(m_data.X.rows())
                       .arg(m_data.featureNames.size())
                       .arg(k)
                       .arg(m_stratified->isChecked() ? tr("StratifiedKFold") : tr("KFold"))
                       .arg(m_shuffle->isChecked() ? tr(", shuffled") : tr(", in file order"));
    if (unseen > 0)
        note += tr(" Warning: %1 of the %2 validation folds hold a class their training rows never show.").arg(unseen).arg(k);
    m_status->setText(note);
}

void CrossValidationLab::run()
{
    m_session->stopAndJoin();
    clearError();
    if (m_splits.empty() || hasPresetError())
        return;
    auto job = std::make_shared<CrossValidationJob>();
    try {
        job->pipeline = std::make_shared<Pipeline>(pipelineFromPreset(m_pipeline, m_preset.value("pipeline_params").toObject()));
        for (const auto& [name, value] : m_knobs->values())
            if (m_knobs->names().contains(QString::fromStdString(name)))
                job->pipeline->setParam(m_modelStep.toStdString() + "__" + name, value);
        job->scorer = makeScorer(m_scoring->currentText().toStdString(), true);
        job->folds = materializeFolds(m_data.X, m_data.y, m_splits);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    job->X = m_data.X;
    job->y = m_data.y;
    job->seed = static_cast<std::uint64_t>(m_randomState->value());
    std::fill(m_scores.begin(), m_scores.end(), std::nan(""));
    m_hasSingle = false;
    for (int f = 0; f < m_bands->foldCount(); ++f)
        m_bands->setScore(f, std::nan(""));
    std::shared_ptr<const CrossValidationJob> shared = job;
    m_session->start([shared](TrainContext& ctx) { return runCrossValidation(shared, ctx); },
                     static_cast<std::uint64_t>(m_dataControls->seed()));
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Fitting fold 1 of %1…").arg(m_splits.size()));
}

void CrossValidationLab::onSteps(const QList<TrainStep>& steps)
{
    for (const TrainStep& s : steps) {
        const auto score = s.metrics.find("score");
        if (score == s.metrics.end())
            continue;
        if (s.metrics.count("single")) {
            m_singleScore = score->second;
            m_hasSingle = true;
            continue;
        }
        const int f = static_cast<int>(s.metrics.at("fold"));
        if (f < 0 || f >= static_cast<int>(m_scores.size()))
            continue;
        m_scores[static_cast<std::size_t>(f)] = score->second;
        m_trainScores[static_cast<std::size_t>(f)] = s.metrics.at("train_score");
        m_fitMs[static_cast<std::size_t>(f)] = s.metrics.at("fit_ms");
        m_bands->setScore(f, score->second);
        m_table->setItem(f, 4, new QTableWidgetItem(QStringLiteral("%1 / %2")
                                                        .arg(m_trainScores[static_cast<std::size_t>(f)], 0, 'f', 3)
                                                        .arg(score->second, 0, 'f', 3)));
        const double ms = s.metrics.at("fit_ms");
        m_table->setItem(f, 5, new QTableWidgetItem(QString::number(ms, 'f', ms < 10 ? 2 : 0)));
        if (f + 1 < static_cast<int>(m_scores.size()))
            m_status->setText(tr("Fitting fold %1 of %2…").arg(f + 2).arg(m_scores.size()));
    }
    updateSummary();
}

void CrossValidationLab::updateSummary()
{
    std::vector<double> done, train, fit;
    for (std::size_t f = 0; f < m_scores.size(); ++f)
        if (std::isfinite(m_scores[f])) {
            done.push_back(m_scores[f]);
            train.push_back(m_trainScores[f]);
            fit.push_back(m_fitMs[f]);
        }
    if (done.empty())
        return;
    const double meanScore = mean(done), sd = populationStd(done);
    const auto [mn, mx] = std::minmax_element(done.begin(), done.end());
    m_measurements["mean_score"] = meanScore;
    m_measurements["std_score"] = sd;
    m_measurements["min_score"] = *mn;
    m_measurements["max_score"] = *mx;
    m_measurements["mean_train_score"] = mean(train);
    m_measurements["mean_fit_ms"] = mean(fit);
    const QString name = m_scoring->currentText();
    QString text = tr("<b>%1-fold %2: %3 ± %4</b> (std over folds; min %5, max %6; training %7) · fit %8 ms per fold")
                       .arg(done.size())
                       .arg(name)
                       .arg(meanScore, 0, 'f', 3)
                       .arg(sd, 0, 'f', 3)
                       .arg(*mn, 0, 'f', 3)
                       .arg(*mx, 0, 'f', 3)
                       .arg(mean(train), 0, 'f', 3)
                       .arg(mean(fit), 0, 'f', 1);
    if (m_hasSingle) {
        m_measurements["single_split_score"] = m_singleScore;
        text += tr(" · <b>one 80/20 split: %1</b> (random_state %2)").arg(m_singleScore, 0, 'f', 3).arg(m_randomState->value());
    }
    text += tr(" · class-share spread across validation folds: %1 points")
                .arg(100.0 * m_measurements.value("class_share_spread"), 0, 'f', 1);
    m_summary->setText(text);
}

QString CrossValidationLab::summaryText() const
{
    return m_summary->text();
}

void CrossValidationLab::onFinished(bool cancelled)
{
    m_runButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    updateSummary();
    if (hasError())
        return;
    if (cancelled) {
        m_status->setText(tr("Cancelled; the folds finished so far are shown."));
        return;
    }
    QString text = tr("Done: every row was validated exactly once.");
    if (m_measurements.value("unseen_class_folds") > 0)
        text += tr(" %1 folds were scored on a class their model never saw: the splitter, not the model, failed.")
                    .arg(m_measurements.value("unseen_class_folds"));
    m_status->setText(text);
}

}  // namespace dslab
