#include "ui/labs/deployment_lab.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/split.h"
#include "engine/drift/drift_report.h"
#include "engine/drift/production_batch.h"
#include "engine/drift/reference_distribution.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "ui/charts/distribution_shift_view.h"
#include "ui/session/training_session.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace dslab {

using nlohmann::json;

// The bins PSI compares live data with, per feature, and where they came from.
struct DeploymentLab::ReferenceSet {
    std::map<std::string, ReferenceBins> bins;
    int binCount = 10;
    QString source;  // "the training rows" or "the artifact v1.0.0"
};

struct DeploymentLab::JobResult {
    std::shared_ptr<Pipeline> champion;  // the newly trained champion
    Matrix testProba;  // its P(class) on the test split
    // challenger run
    std::shared_ptr<Pipeline> challenger;
    Dataset recent;  // what the challenger was trained on
    double championAccuracy = 0, championAuc = 0, championLogLoss = 0;
    double challengerAccuracy = 0, challengerAuc = 0, challengerLogLoss = 0;
    std::size_t holdoutRows = 0;
};

namespace {

constexpr std::uint64_t kRecentSeedOffset = 1000;   // the challenger's training batch
constexpr std::uint64_t kHoldoutSeedOffset = 2000;  // the drifted holdout both models face

struct Scores {
    double accuracy = 0, auc = 0, logLoss = 0;
};

Scores scoresOn(const Pipeline& model, const Dataset& data)
{
    const Matrix proba = model.predictProba(data);
    const Vector y = data.targetCodes();
    Vector predicted(proba.rows());
    for (Eigen::Index i = 0; i < proba.rows(); ++i)
        proba.row(i).maxCoeff(&predicted(i));
    Scores s;
    s.accuracy = accuracy(y, predicted);
    s.auc = proba.cols() == 2 ? rocAuc(y, proba.col(1)) : rocAucOvr(y, proba);
    s.logLoss = logLoss(y, proba);
    return s;
}

// SHA-256 of the training rows as CSV text: the same rows give the same hash
// on every platform, so "which data trained this model?" has an answer.
QString datasetHash(const Dataset& data)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    std::string line;
    for (const Column& c : data.columns())
        line += c.name + ",";
    hash.addData(QByteArrayView(line.data(), static_cast<qsizetype>(line.size())));
    for (std::size_t r = 0; r < data.rowCount(); ++r) {
        line = "\n";
        for (const Column& c : data.columns())
            line += c.cellText(r) + ",";
        hash.addData(QByteArrayView(line.data(), static_cast<qsizetype>(line.size())));
    }
    return QString::fromLatin1(hash.result().toHex());
}

Vector numericColumn(const Dataset& data, const std::string& name)
{
    return data.featureMatrix({name}).col(0);
}

QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignRight | Qt::AlignVCenter)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(align);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

QString psiVerdict(double psi)
{
    return psi < 0.1 ? QObject::tr("stable") : (psi < 0.25 ? QObject::tr("moderate") : QObject::tr("major"));
}

QColor psiColor(double psi)
{
    return psi < 0.1 ? QColor(0, 140, 70, 60) : (psi < 0.25 ? QColor(230, 160, 0, 90) : QColor(200, 30, 30, 90));
}

// "1.0.0" -> "1.1.0"; a version that is not x.y.z gets "-retrained".
QString nextMinorVersion(const QString& version)
{
    const QStringList parts = version.split('.');
    bool ok = parts.size() == 3;
    const int minor = ok ? parts[1].toInt(&ok) : 0;
    return ok ? QString("%1.%2.0").arg(parts[0]).arg(minor + 1) : version + "-retrained";
}

}  // namespace

DeploymentLab::DeploymentLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::finished, this, &DeploymentLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &DeploymentLab::showError);
    buildUi();
}

DeploymentLab::~DeploymentLab()
{
    shutdown();
}

void DeploymentLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;

    auto* artifactBox = new QGroupBox(tr("Model artifact"), this);
    auto* artifactForm = new QFormLayout(artifactBox);
    m_name = new QLineEdit(artifactBox);
    m_name->setAccessibleName(tr("model name"));
    m_version = new QLineEdit(artifactBox);
    m_version->setAccessibleName(tr("model version"));
    m_version->setToolTip(tr("The version the next trained champion gets"));
    auto* artifactButtons = new QHBoxLayout;
    m_trainButton = new QPushButton(tr("Train"), artifactBox);
    m_saveButton = new QPushButton(tr("Save"), artifactBox);
    m_saveButton->setToolTip(tr("Write the fitted pipeline and its metadata as one versioned JSON file"));
    m_reloadButton = new QPushButton(tr("Reload && verify"), artifactBox);
    m_reloadButton->setToolTip(tr("Load the saved file as a server would and compare its predictions with the original's"));
    artifactButtons->addWidget(m_trainButton);
    artifactButtons->addWidget(m_saveButton);
    artifactButtons->addWidget(m_reloadButton);
    artifactForm->addRow(tr("name"), m_name);
    artifactForm->addRow(tr("version"), m_version);
    artifactForm->addRow(artifactButtons);
    controls->addWidget(artifactBox, 1);

    auto* batchBox = new QGroupBox(tr("Production batch"), this);
    auto* batchForm = new QFormLayout(batchBox);
    m_feature = new QComboBox(batchBox);
    m_feature->setAccessibleName(tr("feature to drift"));
    m_shift = new QDoubleSpinBox(batchBox);
    m_shift->setRange(-3, 3);
    m_shift->setSingleStep(0.1);
    m_shift->setSuffix(tr(" SD"));
    m_shift->setAccessibleName(tr("mean shift in standard deviations"));
    m_scale = new QDoubleSpinBox(batchBox);
    m_scale->setRange(0.25, 4);
    m_scale->setSingleStep(0.25);
    m_scale->setPrefix(QString::fromUtf8("×"));
    m_scale->setAccessibleName(tr("spread multiplier"));
    auto* driftRow = new QHBoxLayout;
    driftRow->addWidget(m_feature, 2);
    driftRow->addWidget(m_shift, 1);
    driftRow->addWidget(m_scale, 1);
    m_rows = new QSpinBox(batchBox);
    m_rows->setRange(20, 50000);
    m_rows->setSingleStep(100);
    m_rows->setAccessibleName(tr("rows in the batch"));
    m_batchSeed = new QSpinBox(batchBox);
    m_batchSeed->setRange(0, 9999);
    m_batchSeed->setPrefix(tr("batch #"));
    m_batchSeed->setToolTip(tr("Another batch from the same population: shows PSI's sampling noise"));
    m_bins = new QSpinBox(batchBox);
    m_bins->setRange(2, 50);
    m_bins->setPrefix(tr("PSI bins "));
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_rows, 1);
    sizeRow->addWidget(m_batchSeed, 1);
    sizeRow->addWidget(m_bins, 1);
    m_violation = new QComboBox(batchBox);
    m_violation->setAccessibleName(tr("request problem"));
    m_violation->addItem(tr("valid request"), "none");
    m_violation->addItem(tr("a column renamed (mean_area → area_mean)"), "rename_column");
    m_violation->addItem(tr("text in a numeric column"), "text_in_numeric");
    m_violation->addItem(tr("a column missing"), "drop_column");
    batchForm->addRow(tr("drift"), driftRow);
    batchForm->addRow(tr("rows"), sizeRow);
    batchForm->addRow(tr("request"), m_violation);
    controls->addWidget(batchBox, 1);
    root->addLayout(controls);

    auto* buttons = new QHBoxLayout;
    m_challengerButton = new QPushButton(tr("Retrain challenger on drifted data"), this);
    m_challengerButton->setToolTip(tr("Train the same pipeline on a recent drifted batch; both models then face one drifted holdout"));
    m_challengerVersion = new QLineEdit(this);
    m_challengerVersion->setAccessibleName(tr("challenger version"));
    m_challengerVersion->setMaximumWidth(90);
    m_promoteButton = new QPushButton(tr("Promote"), this);
    m_promoteButton->setToolTip(tr("Serve the challenger: only allowed when it beats the champion on the holdout"));
    buttons->addWidget(m_challengerButton);
    buttons->addWidget(m_challengerVersion);
    buttons->addWidget(m_promoteButton);
    m_status = createStatusLabel();
    buttons->addWidget(m_status, 1);
    root->addLayout(buttons);
    root->addWidget(createErrorLabel());
    m_batchLabel = createSummaryLabel(tr("production batch verdict"));
    root->addWidget(m_batchLabel);

    auto* panes = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, panes);
    m_driftTable = new QTableWidget(0, 5, top);
    m_driftTable->setHorizontalHeaderLabels({tr("feature"), tr("PSI"), tr("KS D"), tr("KS p"), tr("verdict")});
    m_driftTable->verticalHeader()->hide();
    m_driftTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_driftTable->horizontalHeader()->setStretchLastSection(true);
    m_driftTable->setAccessibleName(tr("drift per feature"));
    m_driftTable->setMinimumSize(220, 120);
    m_shiftView = new DistributionShiftView(top);
    auto* bottom = new QSplitter(Qt::Horizontal, panes);
    auto* artifactPane = new QWidget(bottom);
    auto* artifactLayout = new QVBoxLayout(artifactPane);
    artifactLayout->setContentsMargins(0, 0, 0, 0);
    m_reloadLabel = new QLabel(artifactPane);
    m_reloadLabel->setWordWrap(true);
    m_metadata = new QPlainTextEdit(artifactPane);
    m_metadata->setReadOnly(true);
    m_metadata->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_metadata->setAccessibleName(tr("saved metadata"));
    m_metadata->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_metadata->setPlaceholderText(tr("Train, then Save: the artifact's metadata appears here."));
    artifactLayout->addWidget(m_reloadLabel);
    artifactLayout->addWidget(m_metadata, 1);
    m_versions = new QTableWidget(0, 5, bottom);
    m_versions->setHorizontalHeaderLabels({tr("model"), tr("trained on"), tr("holdout accuracy"), tr("ROC-AUC"), tr("log loss")});
    m_versions->verticalHeader()->hide();
    m_versions->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_versions->setAccessibleName(tr("champion versus challenger"));
    m_versions->setMinimumSize(220, 90);
    top->setSizes({560, 440});
    bottom->setSizes({550, 450});
    panes->setSizes({1200, 800});
    root->addWidget(panes, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &DeploymentLab::train);
    connect(m_saveButton, &QPushButton::clicked, this, [this] { save(); });
    connect(m_reloadButton, &QPushButton::clicked, this, [this] { reloadAndVerify(); });
    connect(m_challengerButton, &QPushButton::clicked, this, &DeploymentLab::trainChallenger);
    connect(m_promoteButton, &QPushButton::clicked, this, [this] { promoteChallenger(); });
    for (QDoubleSpinBox* box : {m_shift, m_scale})
        connect(box, &QDoubleSpinBox::valueChanged, this, &DeploymentLab::sendBatch);
    for (QSpinBox* box : {m_rows, m_batchSeed})
        connect(box, &QSpinBox::valueChanged, this, &DeploymentLab::sendBatch);
    connect(m_bins, &QSpinBox::valueChanged, this, [this] {
        if (m_champion)
            useReferenceFrom(m_championTrain);
        sendBatch();
    });
    connect(m_feature, &QComboBox::currentIndexChanged, this, &DeploymentLab::sendBatch);
    connect(m_violation, &QComboBox::currentIndexChanged, this, &DeploymentLab::sendBatch);
}

void DeploymentLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    const QJsonObject drift = preset.value("drift").toObject();
    const QJsonObject production = preset.value("production").toObject();
    const QSignalBlocker b1(m_shift), b2(m_scale), b3(m_rows), b4(m_batchSeed), b5(m_bins), b6(m_violation);
    m_name->setText(preset.value("model_name").toString("model"));
    m_version->setText(preset.value("version").toString("1.0.0"));
    m_challengerVersion->setText(preset.value("challenger_version").toString(nextMinorVersion(m_version->text())));
    m_shift->setValue(drift.value("shift_sd").toDouble(0));
    m_scale->setValue(drift.value("scale").toDouble(1));
    m_rows->setValue(production.value("n").toInt(2000));
    m_batchSeed->setValue(production.value("seed").toInt(0));
    m_bins->setValue(preset.value("psi_bins").toInt(10));
    const QString source = production.value("source").toString("smoothed_bootstrap");
    if (source != "smoothed_bootstrap")
        setPresetError(tr("Unknown production source '%1': the lab simulates traffic by a smoothed_bootstrap of the table.").arg(source));
    const QString violation = preset.value("schema_violation").toString("none");
    const int vi = m_violation->findData(violation);
    if (vi < 0 && !hasPresetError())
        setPresetError(tr("Unknown schema_violation '%1': use none, rename_column, text_in_numeric or drop_column.").arg(violation));
    m_violation->setCurrentIndex(std::max(0, vi));
    try {
        const Pipeline pipeline = pipelineFromPreset(preset.value("pipeline").toObject(), preset.value("pipeline_params").toObject());
        if (!pipeline.finalEstimator() || !pipeline.finalEstimator()->isClassifier())
            throw ParamError("the deployment lab's pipeline must end in a classifier");
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
    reset();
    const QString feature = drift.value("feature").toString();
    const QSignalBlocker b7(m_feature);
    if (!feature.isEmpty()) {
        const int fi = m_feature->findText(feature);
        if (fi < 0 && !hasError())
            setPresetError(tr("The drift feature '%1' is not a numeric column of %2.").arg(feature, QString::fromStdString(m_population.name)));
        m_feature->setCurrentIndex(std::max(0, fi));
    }
}

void DeploymentLab::reset()
{
    shutdown();
    clearError();
    m_measurements.clear();
    m_champion.reset();
    m_challenger.reset();
    m_reloaded.reset();
    m_reference.reset();
    m_savedPath.clear();
    m_savedMetadata = {};
    m_championVersion.clear();
    m_metadata->clear();
    m_reloadLabel->clear();
    m_batchLabel->clear();
    m_driftTable->setRowCount(0);
    m_versions->setRowCount(0);
    m_shiftView->clear();
    const QSignalBlocker block(m_feature);
    m_feature->clear();
    const QString key = m_preset.value("dataset").toString("breast_cancer");
    try {
        m_population = loadBuiltinDataset(key.toStdString(), m_datasetsDir.toStdString());
        if (m_population.classLabels().size() != 2)
            throw DataError("the deployment lab needs a two-class table; '" + key.toStdString() + "' has "
                            + std::to_string(m_population.classLabels().size()) + " classes");
        const Vector codes = m_population.targetCodes();
        const SplitIndices split = trainTestSplit(static_cast<Eigen::Index>(m_population.rowCount()),
                                                  m_preset.value("test_size").toDouble(0.25),
                                                  static_cast<std::uint64_t>(m_preset.value("seed").toInt(0)), &codes);
        m_train = m_population.selectRows(split.train);
        m_test = m_population.selectRows(split.test);
        for (const auto& name : m_population.featureNames())
            if (m_population.column(name).type == ColumnType::Numeric)
                m_feature->addItem(QString::fromStdString(name));
        m_status->setText(tr("%1: %2 training and %3 test rows. Press Train.")
                              .arg(key)
                              .arg(m_train.rowCount())
                              .arg(m_test.rowCount()));
    } catch (const std::exception& e) {
        m_population = Dataset{};
        m_train = m_test = Dataset{};
        showError(tr("Cannot load the data: %1").arg(QString::fromUtf8(e.what())));
    }
    updateButtons();
}

void DeploymentLab::train()
{
    m_session->stopAndJoin();
    clearError();
    if (m_train.rowCount() == 0 || hasPresetError())
        return;
    std::shared_ptr<Pipeline> pipeline;
    try {
        pipeline = std::make_shared<Pipeline>(
            pipelineFromPreset(m_preset.value("pipeline").toObject(), m_preset.value("pipeline_params").toObject()));
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    auto train = std::make_shared<const Dataset>(m_train);
    auto test = std::make_shared<const Dataset>(m_test);
    auto result = std::make_shared<JobResult>();
    m_result = result;
    m_job = Job::Champion;
    m_session->setSnapshotFunction({});
    m_session->start(
        [pipeline, train, test, result](TrainContext& ctx) -> const Predictor* {
            pipeline->fit(*train, ctx);
            if (ctx.cancelled())
                return nullptr;
            result->testProba = pipeline->predictProba(*test);
            result->champion = pipeline;
            return pipeline.get();
        },
        static_cast<std::uint64_t>(m_preset.value("seed").toInt(0)));
    m_status->setText(tr("Training %1 %2…").arg(m_name->text(), m_version->text()));
    updateButtons();
}

void DeploymentLab::trainChallenger()
{
    if (!m_champion || m_session->isRunning())
        return;
    clearError();
    Dataset recent, holdout;
    try {
        recent = productionBatch(kRecentSeedOffset, 500);
        holdout = productionBatch(kHoldoutSeedOffset, 500);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    auto challenger = std::make_shared<Pipeline>(m_champion->cloneUnfitted());
    auto champion = m_champion;
    auto recentData = std::make_shared<const Dataset>(std::move(recent));
    auto holdoutData = std::make_shared<const Dataset>(std::move(holdout));
    auto result = std::make_shared<JobResult>();
    m_result = result;
    m_job = Job::Challenger;
    m_session->setSnapshotFunction({});
    m_session->start(
        [challenger, champion, recentData, holdoutData, result](TrainContext& ctx) -> const Predictor* {
            challenger->fit(*recentData, ctx);
            if (ctx.cancelled())
                return nullptr;
            const Scores a = scoresOn(*champion, *holdoutData), b = scoresOn(*challenger, *holdoutData);
            result->championAccuracy = a.accuracy;
            result->championAuc = a.auc;
            result->championLogLoss = a.logLoss;
            result->challengerAccuracy = b.accuracy;
            result->challengerAuc = b.auc;
            result->challengerLogLoss = b.logLoss;
            result->holdoutRows = holdoutData->rowCount();
            result->recent = *recentData;
            result->challenger = challenger;
            return challenger.get();
        },
        static_cast<std::uint64_t>(m_batchSeed->value()) + kRecentSeedOffset);
    m_status->setText(tr("Training challenger %1 on %2 recent drifted rows…").arg(m_challengerVersion->text()).arg(recentData->rowCount()));
    updateButtons();
}

void DeploymentLab::onFinished(bool cancelled)
{
    const Job job = m_job;
    m_job = Job::None;
    if (cancelled || hasError()) {
        updateButtons();
        return;
    }
    if (job == Job::Champion)
        championTrained();
    else if (job == Job::Challenger)
        challengerTrained();
    updateButtons();
}

void DeploymentLab::championTrained()
{
    const Vector y = m_test.targetCodes();
    const Matrix& proba = m_result->testProba;
    if (!m_result->champion || proba.rows() != y.size())
        return;
    m_champion = m_result->champion;
    m_challenger.reset();
    Vector predicted(proba.rows());
    for (Eigen::Index i = 0; i < proba.rows(); ++i)
        proba.row(i).maxCoeff(&predicted(i));
    m_measurements["test_accuracy"] = accuracy(y, predicted);
    m_measurements["test_roc_auc"] = rocAuc(y, proba.col(1));
    m_measurements["test_log_loss"] = logLoss(y, proba);
    m_championVersion = m_version->text();
    m_championTrain = m_train;
    m_reloaded.reset();
    m_savedPath.clear();
    useReferenceFrom(m_championTrain);
    m_versions->setRowCount(0);
    m_status->setText(tr("Trained %1 %2: test accuracy %3, ROC-AUC %4. Save it, then reload it as a server would.")
                          .arg(m_name->text(), m_championVersion)
                          .arg(m_measurements["test_accuracy"], 0, 'f', 3)
                          .arg(m_measurements["test_roc_auc"], 0, 'f', 3));
    sendBatch();
}

void DeploymentLab::challengerTrained()
{
    const JobResult& r = *m_result;
    m_challenger = r.challenger;
    m_measurements["champion_holdout_accuracy"] = r.championAccuracy;
    m_measurements["champion_holdout_roc_auc"] = r.championAuc;
    m_measurements["champion_holdout_log_loss"] = r.championLogLoss;
    m_measurements["challenger_holdout_accuracy"] = r.challengerAccuracy;
    m_measurements["challenger_holdout_roc_auc"] = r.challengerAuc;
    m_measurements["challenger_holdout_log_loss"] = r.challengerLogLoss;
    m_measurements["promoted"] = 0;
    m_versions->setRowCount(2);
    const QString drift = m_shift->value() == 0 && m_scale->value() == 1
                              ? tr("recent batch, no drift")
                              : tr("recent batch, %1 %2 SD ×%3").arg(m_feature->currentText()).arg(m_shift->value(), 0, 'f', 1).arg(m_scale->value(), 0, 'g', 3);
    auto fill = [&](int row, const QString& model, const QString& data, double acc, double auc, double loss) {
        m_versions->setItem(row, 0, cell(model, Qt::AlignLeft | Qt::AlignVCenter));
        m_versions->setItem(row, 1, cell(data, Qt::AlignLeft | Qt::AlignVCenter));
        m_versions->setItem(row, 2, cell(QString::number(acc, 'f', 3)));
        m_versions->setItem(row, 3, cell(QString::number(auc, 'f', 3)));
        m_versions->setItem(row, 4, cell(QString::number(loss, 'f', 3)));
    };
    fill(0, tr("champion %1").arg(m_championVersion), tr("original training rows (%1)").arg(m_championTrain.rowCount()),
         r.championAccuracy, r.championAuc, r.championLogLoss);
    fill(1, tr("challenger %1").arg(m_challengerVersion->text()), tr("%1 (%2 rows)").arg(drift).arg(r.recent.rowCount()),
         r.challengerAccuracy, r.challengerAuc, r.challengerLogLoss);
    const bool wins = r.challengerLogLoss < r.championLogLoss && r.challengerAuc >= r.championAuc - 1e-12;
    m_status->setText(wins ? tr("On the same %1 drifted holdout rows the challenger wins (log loss %2 vs %3): Promote is allowed.")
                                 .arg(r.holdoutRows).arg(r.challengerLogLoss, 0, 'f', 3).arg(r.championLogLoss, 0, 'f', 3)
                           : tr("On the same %1 drifted holdout rows the challenger does not beat the champion "
                                "(log loss %2 vs %3): keep serving the champion.")
                                 .arg(r.holdoutRows).arg(r.challengerLogLoss, 0, 'f', 3).arg(r.championLogLoss, 0, 'f', 3));
}

bool DeploymentLab::promoteChallenger()
{
    if (!m_challenger || !m_promoteButton->isEnabled())
        return false;
    m_champion = m_challenger;
    m_challenger.reset();
    m_championTrain = m_result->recent;
    m_championVersion = m_challengerVersion->text();
    m_version->setText(m_championVersion);
    m_challengerVersion->setText(nextMinorVersion(m_championVersion));
    m_reloaded.reset();
    m_savedPath.clear();
    m_metadata->clear();
    m_reloadLabel->setText(tr("Promoted %1: save it to record its new reference bins.").arg(m_championVersion));
    m_measurements["promoted"] = 1;
    useReferenceFrom(m_championTrain);
    sendBatch();
    updateButtons();
    return true;
}

void DeploymentLab::useReferenceFrom(const Dataset& training)
{
    auto ref = std::make_shared<ReferenceSet>();
    ref->binCount = m_bins->value();
    ref->source = tr("the training rows of %1").arg(m_championVersion);
    for (const auto& col : m_champion->schema().columns)
        if (col.type == ColumnType::Numeric)
            ref->bins[col.name] = referenceBins(numericColumn(training, col.name), ref->binCount);
    m_reference = ref;
}

QString DeploymentLab::defaultSavePath() const
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/models";
    QString base = m_name->text().trimmed() + "-" + m_championVersion;
    base.replace(QRegularExpression("[^A-Za-z0-9._-]"), "_");
    return dir + "/" + base + ".dslab.json";
}

bool DeploymentLab::save(const QString& requestedPath)
{
    if (!m_champion || m_session->isRunning())
        return false;
    clearError();
    const QString path = requestedPath.isEmpty() ? defaultSavePath() : requestedPath;
    try {
        QDir().mkpath(QFileInfo(path).absolutePath());
        const json metrics = {{"test_accuracy", m_measurements.value("test_accuracy")},
                              {"test_roc_auc", m_measurements.value("test_roc_auc")},
                              {"test_log_loss", m_measurements.value("test_log_loss")},
                              {"test_rows", m_test.rowCount()}};
        json doc = savedPipelineToJson(*m_champion, metrics);
        json reference = json::object();
        for (const auto& [feature, bins] : m_reference->bins)
            reference[feature] = bins.toJson();
        // Golden set: predictions the reloaded artifact must reproduce.
        const std::size_t goldenRows = std::min<std::size_t>(20, m_test.rowCount());
        IndexList rows(goldenRows);
        for (std::size_t i = 0; i < goldenRows; ++i)
            rows[i] = static_cast<Eigen::Index>(i);
        const Matrix golden = m_champion->predictProba(m_test.selectRows(rows));
        json goldenProba = json::array();
        for (Eigen::Index i = 0; i < golden.rows(); ++i)
            goldenProba.push_back(golden(i, golden.cols() - 1));
        doc["deployment"] = {{"model_name", m_name->text().toStdString()},
                             {"version", m_championVersion.toStdString()},
                             {"dataset", m_population.name},
                             {"training_rows", m_championTrain.rowCount()},
                             {"training_data_sha256", datasetHash(m_championTrain).toStdString()},
                             {"decision_threshold", 0.5},
                             {"seed", m_preset.value("seed").toInt(0)},
                             {"golden_set", {{"test_rows", goldenRows}, {"positive_proba", goldenProba}}},
                             {"reference_bins", reference}};
        writeFileAtomically(path.toStdString(), doc.dump(1));
        // What a reader of the file sees first: everything but the fitted numbers.
        json shown = doc;
        for (auto& s : shown["steps"])
            s["state"] = "(" + std::to_string(s["state"].dump().size()) + " bytes of fitted state)";
        shown["deployment"]["reference_bins"] = std::to_string(reference.size()) + " features × "
                                                + std::to_string(m_reference->binCount) + " bins";
        shown["deployment"]["golden_set"]["positive_proba"] = std::to_string(goldenRows) + " numbers";
        m_metadata->setPlainText(QString::fromStdString(shown.dump(2)));
        m_savedMetadata = QJsonDocument::fromJson(QByteArray::fromStdString(shown.dump())).object();
    } catch (const std::exception& e) {
        showError(tr("Cannot save the model to %1: %2").arg(path, QString::fromUtf8(e.what())));
        return false;
    }
    m_savedPath = path;
    m_reloadLabel->setText(tr("Saved to %1 (%2 KB).").arg(QDir::toNativeSeparators(path)).arg(QFileInfo(path).size() / 1024.0, 0, 'f', 1));
    m_status->setText(tr("Saved %1 %2. Now Reload & verify.").arg(m_name->text(), m_championVersion));
    updateButtons();
    return true;
}

bool DeploymentLab::reloadAndVerify()
{
    if (m_savedPath.isEmpty() || !m_champion)
        return false;
    clearError();
    try {
        auto reloaded = std::make_shared<Pipeline>(loadFittedPipeline(m_savedPath.toStdString()));
        const json doc = readJsonFile(m_savedPath.toStdString(), "the saved model");
        const Matrix original = m_champion->predictProba(m_test), again = reloaded->predictProba(m_test);
        const double maxDiff = (original - again).cwiseAbs().maxCoeff();
        // The golden set, checked from the file alone.
        const json& golden = doc.at("deployment").at("golden_set");
        const auto goldenRows = golden.at("test_rows").get<std::size_t>();
        const auto expected = golden.at("positive_proba").get<std::vector<double>>();
        double goldenDiff = 0;
        for (std::size_t i = 0; i < goldenRows && i < expected.size(); ++i)
            goldenDiff = std::max(goldenDiff, std::abs(again(static_cast<Eigen::Index>(i), again.cols() - 1) - expected[i]));
        // Monitoring now uses the artifact's own reference bins.
        auto ref = std::make_shared<ReferenceSet>();
        for (const auto& [feature, bins] : doc.at("deployment").at("reference_bins").items())
            ref->bins[feature] = ReferenceBins::fromJson(bins);
        ref->binCount = m_reference ? m_reference->binCount : m_bins->value();
        ref->source = tr("the artifact %1").arg(QString::fromStdString(doc.at("deployment").value("version", std::string())));
        m_reference = ref;
        m_reloaded = reloaded;
        m_measurements["reload_max_abs_diff"] = maxDiff;
        m_measurements["golden_max_abs_diff"] = goldenDiff;
        m_reloadLabel->setText(tr("<b>Reloaded</b> %1: over %2 test rows the largest difference between the original's and "
                                  "the reloaded model's probabilities is <b>%3</b>; the %4 golden-set predictions stored "
                                  "in the file differ by at most %5. %6")
                                   .arg(QFileInfo(m_savedPath).fileName())
                                   .arg(m_test.rowCount())
                                   .arg(maxDiff, 0, 'g', 3)
                                   .arg(goldenRows)
                                   .arg(goldenDiff, 0, 'g', 3)
                                   .arg(maxDiff == 0 && goldenDiff == 0 ? tr("Identical.") : tr("Not identical: investigate before serving.")));
    } catch (const std::exception& e) {
        showError(tr("The saved model could not be reloaded: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    m_status->setText(tr("Serving the reloaded artifact. Shift a feature, shrink the batch or send a malformed request."));
    sendBatch();
    return true;
}

Dataset DeploymentLab::productionBatch(std::uint64_t seedOffset, std::size_t minRows) const
{
    ProductionBatchSpec spec;
    spec.rows = std::max<std::size_t>(static_cast<std::size_t>(m_rows->value()), minRows);
    spec.seed = static_cast<std::uint64_t>(m_batchSeed->value()) * 7919 + seedOffset + 1;
    spec.driftFeature = m_feature->currentText().toStdString();
    spec.shiftSd = m_shift->value();
    spec.scale = m_scale->value();
    return simulateProductionBatch(m_population, spec);
}

void DeploymentLab::sendBatch()
{
    m_driftTable->setRowCount(0);
    m_shiftView->clear();
    if (!m_champion || m_session->isRunning() || !m_reference || m_population.rowCount() == 0)
        return;
    for (const char* key : {"schema_rejected", "psi", "ks_statistic", "ks_p_value", "max_psi", "features_over_0_25",
                            "live_accuracy", "live_positive_rate"})
        m_measurements.remove(key);
    Dataset batch;
    try {
        batch = productionBatch(0, 0);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    // A malformed request, as a client might send it.
    const QString violation = m_violation->currentData().toString();
    const std::string victim = m_population.hasColumn("mean_area") ? "mean_area" : m_population.featureNames().front();
    if (violation == "rename_column") {
        Column& c = batch.mutableColumn(victim);
        c.name = victim.rfind("mean_", 0) == 0 ? victim.substr(5) + "_mean" : victim + "_renamed";
    } else if (violation == "text_in_numeric") {
        Column& c = batch.mutableColumn(victim);
        c.type = ColumnType::Categorical;
        for (double v : c.numbers)
            c.strings.push_back(formatNumber(v));
        c.missing.assign(c.strings.size(), 0);
        c.numbers.clear();
        c.strings[std::min<std::size_t>(3, c.strings.size() - 1)] = "n/a";
    } else if (violation == "drop_column") {
        StringList keep;
        for (const Column& c : batch.columns())
            if (c.name != victim)
                keep.push_back(c.name);
        const std::string target = batch.targetName();
        batch = batch.selectColumns(keep);
        batch.setTarget(target);
    }
    const Pipeline& serving = m_reloaded ? *m_reloaded : *m_champion;
    Matrix proba;
    try {
        proba = serving.predictProba(batch);  // checks the schema first
    } catch (const DataError& e) {
        m_measurements["schema_rejected"] = 1;
        m_batchLabel->setText(tr("<span style='color:#b00020'><b>Rejected at the door</b></span>: %1. "
                                 "Nothing was predicted for these %2 rows.")
                                  .arg(QString::fromUtf8(e.what()).toHtmlEscaped())
                                  .arg(batch.rowCount()));
        return;
    }
    m_measurements["schema_rejected"] = 0;

    struct Row {
        std::string feature;
        double psi, d, p;
    };
    std::vector<Row> rows;
    for (const auto& [feature, bins] : m_reference->bins) {
        const Vector live = numericColumn(batch, feature);
        const KsTest ks = ksTwoSample(numericColumn(m_championTrain, feature), live);
        rows.push_back({feature, bins.psi(live), ks.statistic, ks.pValue});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.psi > b.psi; });
    m_driftTable->setRowCount(static_cast<int>(rows.size()));
    double maxPsi = 0;
    int major = 0;
    const std::string drifted = m_feature->currentText().toStdString();
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const Row& row = rows[static_cast<std::size_t>(r)];
        m_driftTable->setItem(r, 0, cell(QString::fromStdString(row.feature), Qt::AlignLeft | Qt::AlignVCenter));
        m_driftTable->setItem(r, 1, cell(QString::number(row.psi, 'f', 3)));
        m_driftTable->setItem(r, 2, cell(QString::number(row.d, 'f', 3)));
        m_driftTable->setItem(r, 3, cell(row.p < 1e-4 ? QString::number(row.p, 'e', 1) : QString::number(row.p, 'f', 4)));
        m_driftTable->setItem(r, 4, cell(psiVerdict(row.psi), Qt::AlignCenter));
        m_driftTable->item(r, 4)->setBackground(psiColor(row.psi));
        maxPsi = std::max(maxPsi, row.psi);
        major += row.psi > 0.25 ? 1 : 0;
        if (row.feature == drifted) {
            m_measurements["psi"] = row.psi;
            m_measurements["ks_statistic"] = row.d;
            m_measurements["ks_p_value"] = row.p;
        }
    }
    m_measurements["max_psi"] = maxPsi;
    m_measurements["features_over_0_25"] = major;
    if (auto it = m_reference->bins.find(drifted); it != m_reference->bins.end()) {
        const ReferenceBins& bins = it->second;
        const std::vector<double> live = bins.sharesOf(numericColumn(batch, drifted));
        m_shiftView->setShift(m_feature->currentText(), QVector<double>(bins.edges.begin(), bins.edges.end()),
                              QVector<double>(bins.shares.begin(), bins.shares.end()),
                              QVector<double>(live.begin(), live.end()), m_measurements.value("psi"));
    }
    // Prediction drift and, since the simulated batch carries its labels, live performance.
    const Vector y = batch.targetCodes();
    Vector predicted(proba.rows());
    for (Eigen::Index i = 0; i < proba.rows(); ++i)
        predicted(i) = proba(i, proba.cols() - 1) >= 0.5 ? 1.0 : 0.0;
    const double liveRate = predicted.mean();
    const double liveAccuracy = accuracy(y, predicted);
    const double trainRate = m_championTrain.targetCodes().mean();
    m_measurements["live_positive_rate"] = liveRate;
    m_measurements["live_accuracy"] = liveAccuracy;
    m_batchLabel->setText(tr("Batch of %1 rows passed the schema check. PSI against %2: largest %3 (%4 feature(s) over 0.25). "
                             "Predicted '%5' rate %6 (training %7); with the labels that arrive later: accuracy %8.")
                              .arg(batch.rowCount())
                              .arg(m_reference->source)
                              .arg(maxPsi, 0, 'f', 3)
                              .arg(major)
                              .arg(QString::fromStdString(m_population.classLabels().back()))
                              .arg(liveRate, 0, 'f', 3)
                              .arg(trainRate, 0, 'f', 3)
                              .arg(liveAccuracy, 0, 'f', 3));
}

void DeploymentLab::updateButtons()
{
    const bool running = m_session->isRunning();
    const bool trained = m_champion && !running && m_reference;
    m_trainButton->setEnabled(!running && m_train.rowCount() > 0);
    m_saveButton->setEnabled(trained);
    m_reloadButton->setEnabled(trained && !m_savedPath.isEmpty());
    m_challengerButton->setEnabled(trained);
    const bool wins = m_challenger && m_measurements.value("challenger_holdout_log_loss") < m_measurements.value("champion_holdout_log_loss");
    m_promoteButton->setEnabled(!running && wins);
}

void DeploymentLab::errorShown()
{
    updateButtons();
}

QString DeploymentLab::metadataText() const
{
    return m_metadata->toPlainText();
}

void DeploymentLab::setDrift(const QString& feature, double shiftSd, double scale)
{
    const QSignalBlocker b1(m_feature), b2(m_shift), b3(m_scale);
    m_feature->setCurrentIndex(std::max(0, m_feature->findText(feature)));
    m_shift->setValue(shiftSd);
    m_scale->setValue(scale);
    sendBatch();
}

void DeploymentLab::setBatchRows(int rows)
{
    m_rows->setValue(rows);
}

void DeploymentLab::setBatchSeed(int seed)
{
    m_batchSeed->setValue(seed);
}

void DeploymentLab::setSchemaViolation(const QString& kind)
{
    m_violation->setCurrentIndex(std::max(0, m_violation->findData(kind)));
}

bool DeploymentLab::runStepsBlocking(int steps, int timeoutMs)
{
    if (steps <= 0)
        return true;
    train();
    if (!m_session->isRunning() || !waitForSession(timeoutMs) || !m_champion)
        return false;
    // The lesson's first step: save, then reload and verify.
    return save() && reloadAndVerify();
}

}  // namespace dslab
