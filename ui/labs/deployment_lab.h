// Lab "deployment" (lesson 20): the life of a model after training, for real.
// Train a pipeline on a built-in table (on the worker), save it as a
// versioned artifact with its metadata (name, version, engine version, data
// hash, schema, test metrics, golden predictions and per-feature reference
// bins), reload it from disk and prove identical predictions. Then send it
// simulated production batches: a schema check at the door rejects renamed
// or mistyped columns before predict, and a drift table (PSI against the
// artifact's stored reference bins, Kolmogorov-Smirnov against the training
// rows) rises as the learner shifts a feature. Finally a challenger retrained
// on recent drifted data is compared with the champion on the same drifted
// holdout and promoted only if it wins.
#pragma once

#include "engine/data/dataset.h"
#include "ui/labs/lab.h"

#include <QJsonObject>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace dslab {

class DistributionShiftView;
class Pipeline;
struct ReferenceBins;

class DeploymentLab : public Lab {
    Q_OBJECT
public:
    explicit DeploymentLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~DeploymentLab() override;

    // Preset keys: dataset, test_size, seed, model_name, version,
    // challenger_version, pipeline (+ pipeline_params), production {n},
    // drift {feature, shift_sd, scale}, psi_bins, schema_violation
    // ("none", "rename_column", "text_in_numeric", "drop_column").
    void applyPreset(const QJsonObject& preset) override;
    // Trains the champion, then (as the lesson's steps do) saves and reloads it.
    bool runStepsBlocking(int steps, int timeoutMs) override;
    void trainToEnd() override { train(); }
    // test_accuracy, test_roc_auc, test_log_loss; reload_max_abs_diff (after a
    // reload); batch: schema_rejected (0/1), psi (drift feature), ks_statistic,
    // ks_p_value, max_psi, features_over_0_25, live_accuracy, live_positive_rate;
    // after a challenger run: champion_/challenger_holdout_{accuracy,roc_auc,log_loss}, promoted.
    QMap<QString, double> measurements() const override { return m_measurements; }

    // The actions behind the buttons (tests drive them directly).
    bool save(const QString& path = {});
    bool reloadAndVerify();
    void sendBatch();
    void trainChallenger();
    bool promoteChallenger();

    void setDrift(const QString& feature, double shiftSd, double scale = 1.0);
    void setBatchRows(int rows);
    void setBatchSeed(int seed);
    void setSchemaViolation(const QString& kind);

    QString savedPath() const { return m_savedPath; }
    QString metadataText() const;
    QString championVersion() const { return m_championVersion; }
    QTableWidget* driftTable() const { return m_driftTable; }
    DistributionShiftView* shiftView() const { return m_shiftView; }
    QLabel* batchLabel() const { return m_batchLabel; }
    QPushButton* promoteButton() const { return m_promoteButton; }

private:
    enum class Job { None, Champion, Challenger };
    struct ReferenceSet;  // per-feature reference bins of the serving model

    void buildUi();
    void reset();
    void train();
    void errorShown() override;
    void onFinished(bool cancelled);
    void championTrained();
    void challengerTrained();
    void updateButtons();
    Dataset productionBatch(std::uint64_t seedOffset, std::size_t minRows) const;
    void useReferenceFrom(const Dataset& training);
    QString defaultSavePath() const;

    QString m_datasetsDir;
    QJsonObject m_preset;
    QMap<QString, double> m_measurements;

    Dataset m_population;  // the whole table: production traffic is drawn from it
    Dataset m_train, m_test;
    std::shared_ptr<Pipeline> m_champion, m_challenger, m_reloaded;
    Dataset m_championTrain;          // what the serving model was trained on (KS reference)
    std::shared_ptr<ReferenceSet> m_reference;  // PSI reference (from the artifact after a reload)
    QString m_championVersion;
    QString m_savedPath;
    QJsonObject m_savedMetadata;  // the artifact without its fitted state
    Job m_job = Job::None;
    // Results a worker job leaves for the GUI thread (written before finished()).
    struct JobResult;
    std::shared_ptr<JobResult> m_result;

    QLineEdit* m_name = nullptr;
    QLineEdit* m_version = nullptr;
    QLineEdit* m_challengerVersion = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_saveButton = nullptr;
    QPushButton* m_reloadButton = nullptr;
    QComboBox* m_feature = nullptr;
    QDoubleSpinBox* m_shift = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QSpinBox* m_rows = nullptr;
    QSpinBox* m_batchSeed = nullptr;
    QSpinBox* m_bins = nullptr;
    QComboBox* m_violation = nullptr;
    QPushButton* m_challengerButton = nullptr;
    QPushButton* m_promoteButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_reloadLabel = nullptr;
    QLabel* m_batchLabel = nullptr;
    QPlainTextEdit* m_metadata = nullptr;
    QTableWidget* m_driftTable = nullptr;
    QTableWidget* m_versions = nullptr;
    DistributionShiftView* m_shiftView = nullptr;
};

}  // namespace dslab
