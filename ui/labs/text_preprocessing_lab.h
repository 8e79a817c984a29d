// Lab "text-preprocessing" (lesson 44): SMS messages to features. A sample
// message is shown through each stage of the vectorizer (raw, lowercase,
// tokens, stop words removed, stems, n-grams, the vector's non-zeros with tf,
// idf and weight); the worker measures the corpus vocabulary as each stage is
// switched on, cross-validates and tests vectorizer + model (accuracy,
// precision/recall/F1 of the positive class, confusion matrix), and lists the
// terms that separate the classes and the stop words the list removed.
#pragma once

#include "ui/labs/lab.h"
#include "ui/labs/text_experiment.h"

#include <QJsonObject>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace dslab {

class ConfusionMatrixView;
class FeatureBarView;

class TextPreprocessingLab : public Lab {
    Q_OBJECT
public:
    explicit TextPreprocessingLab(const QString& datasetsDir, QWidget* parent = nullptr);
    ~TextPreprocessingLab() override;

    // Preset keys: dataset, text_column, target, positive_label,
    // deduplicate, stages {lowercase, stopwords: "none" | "english",
    // stemming: "none" | "porter"}, sample_message, pipeline (a vectorizer
    // and a model) with pipeline_params overrides, vectorizer_choices,
    // model_choices, cv {n_splits, shuffle, random_state}, test_size, knobs.
    void applyPreset(const QJsonObject& preset) override;
    void trainToEnd() override { train(); }
    // rows, duplicates_removed, vocabulary_size (corpus, settings as chosen),
    // vocabulary_<stage> per stage, train_vocabulary, cv_accuracy, cv_f1,
    // cv_f1_std, cv_precision, cv_recall, test_accuracy, test_precision,
    // test_recall, test_f1, tp, fp, fn, tn; sample_terms, sample_nonzeros,
    // idf_<term> for the sample's terms (TF-IDF), stopwords_removed,
    // stopword_<word>_positive_docs for the removed words.
    QMap<QString, double> measurements() const override { return m_measurements; }

    // For tests.
    TextSettings settings() const;
    const TextExperimentResult* result() const { return m_result.get(); }
    MessageStages sampleStages() const;
    std::vector<VectorEntry> sampleVector() const;
    QString stagesHtml() const;
    QString summaryText() const;
    void setSampleMessage(const QString& message);

private:
    void buildUi();
    void train();
    void settingsChanged();
    void onSteps(const QList<TrainStep>& steps);
    void onFinished(bool cancelled);
    void showStages();
    void showResult();

    QString m_datasetsDir;
    QJsonObject m_preset;
    Dataset m_data;
    QString m_textColumn = QStringLiteral("text");
    QString m_positiveLabel = QStringLiteral("spam");
    std::shared_ptr<TextExperimentResult> m_running;  // written by the worker until it finishes
    std::shared_ptr<const TextExperimentResult> m_result;
    QMap<QString, double> m_measurements;
    int m_maxIter = 100;

    QComboBox* m_message = nullptr;
    QFormLayout* m_stageForm = nullptr;
    QFormLayout* m_modelForm = nullptr;
    QCheckBox* m_lowercase = nullptr;
    QComboBox* m_stopWords = nullptr;
    QComboBox* m_stemming = nullptr;
    QComboBox* m_tokenPattern = nullptr;
    QSpinBox* m_ngramMin = nullptr;
    QSpinBox* m_ngramMax = nullptr;
    QDoubleSpinBox* m_minDf = nullptr;
    QComboBox* m_vectorizer = nullptr;
    QCheckBox* m_smoothIdf = nullptr;
    QCheckBox* m_sublinearTf = nullptr;
    QComboBox* m_model = nullptr;
    QDoubleSpinBox* m_alpha = nullptr;
    QDoubleSpinBox* m_C = nullptr;
    QCheckBox* m_deduplicate = nullptr;
    QPushButton* m_trainButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    QTextBrowser* m_stages = nullptr;
    FeatureBarView* m_terms = nullptr;
    ConfusionMatrixView* m_confusion = nullptr;
};

}  // namespace dslab
