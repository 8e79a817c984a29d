#include "ui/labs/text_preprocessing_lab.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/confusion_matrix_view.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/session/training_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <cmath>

namespace dslab {

namespace {

const char* const kTwoLetterPattern = "(?u)\\b\\w\\w+\\b";
const char* const kOneLetterPattern = "(?u)\\b\\w+\\b";

double numberOf(const ParamValue& v, double fallback)
{
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* i = std::get_if<long long>(&v))
        return static_cast<double>(*i);
    return fallback;
}

bool isString(const ParamValue& v, const char* text)
{
    const auto* s = std::get_if<std::string>(&v);
    return s && *s == text;
}

// A measurement name from a term or a stage label: "free entry" -> "free_entry".
QString slug(const std::string& text)
{
    QString out = QString::fromStdString(text).toLower();
    for (QChar& c : out)
        if (!c.isLetterOrNumber())
            c = QLatin1Char('_');
    return out;
}

QString joined(const StringList& words, int limit = 40)
{
    QStringList parts;
    for (std::size_t i = 0; i < words.size() && static_cast<int>(i) < limit; ++i)
        parts << QString::fromStdString(words[i]).toHtmlEscaped();
    QString text = parts.join(QStringLiteral(" · "));
    if (static_cast<int>(words.size()) > limit)
        text += QObject::tr(" … (%1 in all)").arg(words.size());
    return text.isEmpty() ? QObject::tr("<i>(none)</i>") : text;
}

double meanOf(const std::vector<double>& v)
{
    return v.empty() ? 0.0 : mean(v);
}

}  // namespace

TextPreprocessingLab::TextPreprocessingLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &TextPreprocessingLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &TextPreprocessingLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &TextPreprocessingLab::showError);
    buildUi();
}

TextPreprocessingLab::~TextPreprocessingLab()
{
    shutdown();
}

void TextPreprocessingLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);

    auto* controls = new QHBoxLayout;
    auto* stageBox = new QGroupBox(tr("Message and stages"), this);
    m_stageForm = new QFormLayout(stageBox);
    m_message = new QComboBox(stageBox);
    m_message->setEditable(true);
    m_message->setInsertPolicy(QComboBox::NoInsert);
    m_message->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_message->setMinimumContentsLength(18);
    m_message->setAccessibleName(tr("sample message"));
    m_message->setToolTip(tr("Type a message or pick one: the panel below shows it through every stage"));
    m_lowercase = new QCheckBox(tr("lowercase"), stageBox);
    m_lowercase->setToolTip(tr("Lowercase before splitting into words (FREE and free become one term)"));
    m_stopWords = new QComboBox(stageBox);
    m_stopWords->addItems({QStringLiteral("none"), QStringLiteral("english")});
    m_stopWords->setToolTip(tr("Drop scikit-learn's 318 English stop words"));
    m_stemming = new QComboBox(stageBox);
    m_stemming->addItems({QStringLiteral("none"), QStringLiteral("porter")});
    m_stemming->setToolTip(tr("Cut words to their Porter stems (claims, claimed -> claim); not part of scikit-learn"));
    m_tokenPattern = new QComboBox(stageBox);
    m_tokenPattern->addItems({QString::fromLatin1(kTwoLetterPattern), QString::fromLatin1(kOneLetterPattern)});
    m_tokenPattern->setToolTip(tr("What counts as a word: two or more letters/digits (scikit-learn's default) or one or more"));
    auto* ngramRow = new QHBoxLayout;
    m_ngramMin = new QSpinBox(stageBox);
    m_ngramMax = new QSpinBox(stageBox);
    for (QSpinBox* s : {m_ngramMin, m_ngramMax})
        s->setRange(1, 3);
    m_ngramMin->setAccessibleName(tr("shortest n-gram"));
    m_ngramMax->setAccessibleName(tr("longest n-gram"));
    ngramRow->addWidget(m_ngramMin);
    ngramRow->addWidget(new QLabel(tr("to"), stageBox));
    ngramRow->addWidget(m_ngramMax);
    ngramRow->addStretch(1);
    m_minDf = new QDoubleSpinBox(stageBox);
    m_minDf->setRange(0.0, 50);
    m_minDf->setDecimals(2);
    m_minDf->setToolTip(tr("Drop terms found in fewer messages than this (a count when >= 1, a share below 1)"));
    m_stageForm->addRow(tr("message"), m_message);
    m_stageForm->addRow(QString(), m_lowercase);
    m_stageForm->addRow(tr("stop words"), m_stopWords);
    m_stageForm->addRow(tr("stemming"), m_stemming);
    m_stageForm->addRow(tr("token_pattern"), m_tokenPattern);
    m_stageForm->addRow(tr("ngram_range"), ngramRow);
    m_stageForm->addRow(tr("min_df"), m_minDf);
    controls->addWidget(stageBox, 3);

    auto* modelBox = new QGroupBox(tr("Vectorizer and model"), this);
    m_modelForm = new QFormLayout(modelBox);
    m_vectorizer = new QComboBox(modelBox);
    m_smoothIdf = new QCheckBox(tr("smooth_idf"), modelBox);
    m_smoothIdf->setToolTip(tr("idf = ln((1 + n) / (1 + df)) + 1 instead of ln(n / df) + 1"));
    m_sublinearTf = new QCheckBox(tr("sublinear_tf"), modelBox);
    m_sublinearTf->setToolTip(tr("Use 1 + ln(count) instead of the count"));
    m_model = new QComboBox(modelBox);
    m_alpha = new QDoubleSpinBox(modelBox);
    m_alpha->setRange(0.001, 100);
    m_alpha->setDecimals(3);
    m_alpha->setToolTip(tr("MultinomialNB's additive smoothing"));
    m_C = new QDoubleSpinBox(modelBox);
    m_C->setRange(0.001, 10000);
    m_C->setDecimals(3);
    m_C->setToolTip(tr("LogisticRegression's inverse regularization strength"));
    m_deduplicate = new QCheckBox(tr("drop duplicate messages"), modelBox);
    m_deduplicate->setToolTip(tr("Before splitting, so that copies of one message cannot sit in training and test"));
    m_modelForm->addRow(tr("vectorizer"), m_vectorizer);
    m_modelForm->addRow(QString(), m_smoothIdf);
    m_modelForm->addRow(QString(), m_sublinearTf);
    m_modelForm->addRow(tr("model"), m_model);
    m_modelForm->addRow(tr("alpha"), m_alpha);
    m_modelForm->addRow(tr("C"), m_C);
    m_modelForm->addRow(QString(), m_deduplicate);
    controls->addWidget(modelBox, 2);
    root->addLayout(controls);

    const RunRow row = createRunRow(tr("Train"), tr("Cross-validate the vectorizer and model on the training split, "
                                                    "then fit and test them"));
    m_trainButton = row.run;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("scores of vectorizer and model"));
    root->addWidget(m_summary);

    auto* panels = new QSplitter(Qt::Horizontal, this);
    m_stages = new QTextBrowser(panels);
    m_stages->setAccessibleName(tr("the message through each stage"));
    m_stages->setOpenLinks(false);
    auto* charts = new QSplitter(Qt::Vertical, panels);
    m_terms = new FeatureBarView(charts);
    m_terms->setMaxDisplay(16);
    m_terms->setMinimumSize(200, 160);
    m_confusion = new ConfusionMatrixView(charts);
    m_confusion->setMinimumSize(160, 120);
    charts->setSizes({1400, 1000});
    panels->setSizes({1100, 900});
    root->addWidget(panels, 1);

    connect(m_trainButton, &QPushButton::clicked, this, &TextPreprocessingLab::train);
    connect(m_message, &QComboBox::currentTextChanged, this, &TextPreprocessingLab::showStages);
    for (QCheckBox* c : {m_lowercase, m_smoothIdf, m_sublinearTf, m_deduplicate})
        connect(c, &QCheckBox::toggled, this, &TextPreprocessingLab::settingsChanged);
    for (QComboBox* c : {m_stopWords, m_stemming, m_tokenPattern, m_vectorizer, m_model})
        connect(c, &QComboBox::currentIndexChanged, this, &TextPreprocessingLab::settingsChanged);
    for (QSpinBox* s : {m_ngramMin, m_ngramMax})
        connect(s, &QSpinBox::valueChanged, this, &TextPreprocessingLab::settingsChanged);
    for (QDoubleSpinBox* s : {m_minDf, m_alpha, m_C})
        connect(s, &QDoubleSpinBox::valueChanged, this, &TextPreprocessingLab::settingsChanged);
}

void TextPreprocessingLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    clearError();
    m_result.reset();
    m_running.reset();
    m_measurements.clear();
    m_summary->clear();
    m_terms->clear();
    m_confusion->clear();
    m_textColumn = preset.value("text_column").toString(QStringLiteral("text"));
    m_positiveLabel = preset.value("positive_label").toString(QStringLiteral("spam"));

    TextSettings s;
    QStringList vectorizers{QStringLiteral("CountVectorizer"), QStringLiteral("TfidfVectorizer")};
    QStringList models{QStringLiteral("MultinomialNB"), QStringLiteral("LogisticRegression")};
    try {
        const std::string name = preset.value("dataset").toString(QStringLiteral("sms_spam")).toStdString();
        m_data = loadBuiltinDataset(name, m_datasetsDir.toStdString());
        if (preset.contains("target"))
            m_data.setTarget(preset.value("target").toString().toStdString());
        const Column& text = m_data.column(m_textColumn.toStdString());
        if (text.type == ColumnType::Numeric || text.type == ColumnType::Datetime)
            throw DataError("column '" + m_textColumn.toStdString() + "' is " + columnTypeName(text.type) + ", not text");

        const Pipeline pipeline = pipelineFromPreset(preset.value("pipeline").toObject(),
                                                     preset.value("pipeline_params").toObject());
        if (pipeline.stepCount() != 2 || !pipeline.finalEstimator())
            throw ParamError("the text lab's pipeline must be a vectorizer followed by a model");
        const Component& v = *pipeline.step(0).component;
        const Component& m = *pipeline.step(1).component;
        s.vectorizer = v.typeName();
        s.model = m.typeName();
        if (!vectorizers.contains(QString::fromStdString(s.vectorizer)) || !models.contains(QString::fromStdString(s.model)))
            throw ParamError("the text lab takes CountVectorizer or TfidfVectorizer followed by MultinomialNB or "
                             "LogisticRegression, not " + s.vectorizer + " + " + s.model);
        s.lowercase = std::get<bool>(v.param("lowercase"));
        s.englishStopWords = isString(v.param("stop_words"), "english");
        s.porterStemming = isString(v.param("stemmer"), "porter");
        s.oneLetterTokens = isString(v.param("token_pattern"), kOneLetterPattern);
        const auto range = std::get<std::vector<long long>>(v.param("ngram_range"));
        s.ngramMin = static_cast<int>(range.at(0));
        s.ngramMax = static_cast<int>(range.at(1));
        s.minDf = numberOf(v.param("min_df"), 1.0);
        if (s.vectorizer == "TfidfVectorizer") {
            s.smoothIdf = std::get<bool>(v.param("smooth_idf"));
            s.sublinearTf = std::get<bool>(v.param("sublinear_tf"));
        }
        if (s.model == "MultinomialNB") {
            s.alpha = numberOf(m.param("alpha"), 1.0);
        } else {
            s.C = numberOf(m.param("C"), 1.0);
            s.maxIter = static_cast<int>(numberOf(m.param("max_iter"), 100));
        }
        // The stages block, where given, decides the analyzer's switches.
        const QJsonObject stages = preset.value("stages").toObject();
        if (stages.contains("lowercase"))
            s.lowercase = stages.value("lowercase").toBool();
        if (stages.contains("stopwords"))
            s.englishStopWords = stages.value("stopwords").toString() == QLatin1String("english");
        if (stages.contains("stemming"))
            s.porterStemming = stages.value("stemming").toString() == QLatin1String("porter");
    } catch (const std::exception& e) {
        m_data = Dataset();
        setPresetError(tr("This lab's preset cannot be used: %1").arg(QString::fromUtf8(e.what())));
    }
    if (preset.contains("vectorizer_choices")) {
        vectorizers.clear();
        for (const auto& v : preset.value("vectorizer_choices").toArray())
            vectorizers << v.toString();
    }
    if (preset.contains("model_choices")) {
        models.clear();
        for (const auto& m : preset.value("model_choices").toArray())
            models << m.toString();
    }
    if (!vectorizers.contains(QString::fromStdString(s.vectorizer)))
        vectorizers << QString::fromStdString(s.vectorizer);
    if (!models.contains(QString::fromStdString(s.model)))
        models << QString::fromStdString(s.model);
    m_maxIter = s.maxIter;

    {
        const QSignalBlocker b0(m_message), b1(m_lowercase), b2(m_stopWords), b3(m_stemming), b4(m_tokenPattern),
            b5(m_ngramMin), b6(m_ngramMax), b7(m_minDf), b8(m_vectorizer), b9(m_smoothIdf), b10(m_sublinearTf),
            b11(m_model), b12(m_alpha), b13(m_C), b14(m_deduplicate);
        m_lowercase->setChecked(s.lowercase);
        m_stopWords->setCurrentIndex(s.englishStopWords ? 1 : 0);
        m_stemming->setCurrentIndex(s.porterStemming ? 1 : 0);
        m_tokenPattern->setCurrentIndex(s.oneLetterTokens ? 1 : 0);
        m_ngramMin->setValue(s.ngramMin);
        m_ngramMax->setValue(s.ngramMax);
        m_minDf->setValue(s.minDf);
        m_vectorizer->clear();
        m_vectorizer->addItems(vectorizers);
        m_vectorizer->setCurrentText(QString::fromStdString(s.vectorizer));
        m_smoothIdf->setChecked(s.smoothIdf);
        m_sublinearTf->setChecked(s.sublinearTf);
        m_model->clear();
        m_model->addItems(models);
        m_model->setCurrentText(QString::fromStdString(s.model));
        m_alpha->setValue(s.alpha);
        m_C->setValue(s.C);
        m_deduplicate->setChecked(preset.value("deduplicate").toBool(true));

        // Sample messages: the preset's, then the first few of each class.
        m_message->clear();
        const QString sample = preset.value("sample_message").toString();
        if (!sample.isEmpty())
            m_message->addItem(sample);
        if (m_data.rowCount() > 0) {
            const Column& text = m_data.column(m_textColumn.toStdString());
            const Column& label = m_data.column(m_data.targetName());
            int spam = 0, other = 0;
            for (std::size_t r = 0; r < m_data.rowCount() && (spam < 3 || other < 1); ++r) {
                const bool positive = label.cellText(r) == m_positiveLabel.toStdString();
                if ((positive && spam < 3) || (!positive && other < 1)) {
                    m_message->addItem(QString::fromStdString(text.strings[r]));
                    (positive ? spam : other) += 1;
                }
            }
        }
        m_message->setCurrentIndex(0);
        if (QLineEdit* edit = m_message->lineEdit())
            edit->setCursorPosition(0);  // show the message's start, not its end
    }

    // Knobs: the preset's list; the vectorizer and model choosers whenever there is a choice.
    QStringList knobs;
    for (const auto& k : preset.value("knobs").toArray())
        knobs << k.toString();
    const bool all = knobs.isEmpty();
    auto show = [&](QFormLayout* form, QWidget* w, const char* key) { form->setRowVisible(w, all || knobs.contains(QLatin1String(key))); };
    show(m_stageForm, m_lowercase, "lowercase");
    show(m_stageForm, m_stopWords, "stopwords");
    show(m_stageForm, m_stemming, "stemming");
    show(m_stageForm, m_tokenPattern, "token_pattern");
    m_stageForm->setRowVisible(5, all || knobs.contains(QLatin1String("ngram_range")));
    show(m_stageForm, m_minDf, "min_df");
    m_modelForm->setRowVisible(m_vectorizer, all || knobs.contains(QLatin1String("vectorizer")) || vectorizers.size() > 1);
    show(m_modelForm, m_smoothIdf, "smooth_idf");
    show(m_modelForm, m_sublinearTf, "sublinear_tf");
    m_modelForm->setRowVisible(m_model, all || knobs.contains(QLatin1String("model")) || models.size() > 1);
    show(m_modelForm, m_alpha, "alpha");
    show(m_modelForm, m_C, "C");
    settingsChanged();
}

TextSettings TextPreprocessingLab::settings() const
{
    TextSettings s;
    s.lowercase = m_lowercase->isChecked();
    s.englishStopWords = m_stopWords->currentIndex() == 1;
    s.porterStemming = m_stemming->currentIndex() == 1;
    s.oneLetterTokens = m_tokenPattern->currentIndex() == 1;
    s.ngramMin = m_ngramMin->value();
    s.ngramMax = std::max(m_ngramMin->value(), m_ngramMax->value());
    s.minDf = m_minDf->value() >= 1 ? std::round(m_minDf->value()) : m_minDf->value();
    s.vectorizer = m_vectorizer->currentText().toStdString();
    s.smoothIdf = m_smoothIdf->isChecked();
    s.sublinearTf = m_sublinearTf->isChecked();
    s.model = m_model->currentText().toStdString();
    s.alpha = m_alpha->value();
    s.C = m_C->value();
    s.maxIter = m_maxIter;
    return s;
}

void TextPreprocessingLab::settingsChanged()
{
    const TextSettings s = settings();
    const bool tfidf = s.vectorizer == "TfidfVectorizer";
    const bool nb = s.model == "MultinomialNB";
    m_smoothIdf->setEnabled(tfidf);
    m_sublinearTf->setEnabled(tfidf);
    m_alpha->setEnabled(nb);
    m_C->setEnabled(!nb);
    if (m_result || m_session->isRunning()) {
        m_session->stopAndJoin();
        m_result.reset();
        m_running.reset();
        m_measurements.clear();
        m_summary->clear();
        m_terms->clear();
        m_confusion->clear();
        m_trainButton->setEnabled(true);
    }
    if (!hasPresetError())
        m_status->setText(tr("%1 messages. The stages below follow the settings at once; press Train to measure the "
                             "vocabulary and the scores.")
                              .arg(m_data.rowCount()));
    showStages();
}

void TextPreprocessingLab::setSampleMessage(const QString& message)
{
    m_message->setCurrentText(message);
    showStages();
}

MessageStages TextPreprocessingLab::sampleStages() const
{
    return analyzeMessage(m_message->currentText().toStdString(), settings());
}

std::vector<VectorEntry> TextPreprocessingLab::sampleVector() const
{
    if (!m_result || !m_result->fitted)
        return {};
    return vectorizeMessage(*m_result->fitted, m_message->currentText().toStdString());
}

void TextPreprocessingLab::train()
{
    m_session->stopAndJoin();
    clearError();
    if (hasPresetError() || m_data.rowCount() == 0)
        return;
    auto setup = std::make_shared<TextExperimentSetup>();
    setup->data = m_data;
    setup->textColumn = m_textColumn.toStdString();
    setup->positiveLabel = m_positiveLabel.toStdString();
    setup->deduplicate = m_deduplicate->isChecked();
    const QJsonObject cv = m_preset.value("cv").toObject();
    setup->folds = cv.value("n_splits").toInt(5);
    setup->shuffle = cv.value("shuffle").toBool(true);
    setup->randomState = static_cast<std::uint64_t>(cv.value("random_state").toInt(0));
    setup->testSize = m_preset.value("test_size").toDouble(0.2);
    setup->settings = settings();
    auto result = std::make_shared<TextExperimentResult>();
    m_running = result;
    m_result.reset();
    m_session->setSnapshotFunction({});
    std::shared_ptr<const TextExperimentSetup> job = setup;
    m_session->start(
        [job, result](TrainContext& ctx) -> const Predictor* {
            runTextExperiment(*job, ctx, *result);
            return nullptr;
        },
        setup->randomState);
    m_trainButton->setEnabled(false);
    errorShown();
    m_status->setText(tr("Measuring the vocabulary and cross-validating…"));
}

void TextPreprocessingLab::onSteps(const QList<TrainStep>& steps)
{
    for (const TrainStep& s : steps)
        if (s.metrics.count("fold"))
            m_status->setText(tr("Fold %1 of %2 done…").arg(s.step).arg(s.totalSteps - 1));
}

void TextPreprocessingLab::onFinished(bool cancelled)
{
    errorShown();
    std::shared_ptr<TextExperimentResult> done = std::move(m_running);
    if (hasError())
        return;
    if (cancelled || !done || done->cancelled || !done->fitted) {
        m_status->setText(tr("Cancelled: press Train to measure again."));
        return;
    }
    m_result = done;
    showResult();
    m_status->setText(tr("Done. Change a stage, the vectorizer or the model and train again to compare."));
}

void TextPreprocessingLab::showResult()
{
    const TextExperimentResult& r = *m_result;
    m_measurements.clear();
    m_measurements["rows"] = static_cast<double>(r.rows);
    m_measurements["duplicates_removed"] = static_cast<double>(r.duplicatesRemoved);
    m_measurements["vocabulary_size"] = static_cast<double>(r.corpusVocabulary);
    m_measurements["train_vocabulary"] = static_cast<double>(r.trainVocabulary);
    for (const auto& [label, size] : r.vocabularyByStage)
        m_measurements["vocabulary_" + slug(label)] = static_cast<double>(size);
    const double sdF1 = r.foldF1.empty() ? 0.0 : populationStd(r.foldF1);
    m_measurements["cv_accuracy"] = meanOf(r.foldAccuracy);
    m_measurements["cv_precision"] = meanOf(r.foldPrecision);
    m_measurements["cv_recall"] = meanOf(r.foldRecall);
    m_measurements["cv_f1"] = meanOf(r.foldF1);
    m_measurements["cv_f1_std"] = sdF1;
    m_measurements["test_accuracy"] = r.testAccuracy;
    m_measurements["test_precision"] = r.testPrecision;
    m_measurements["test_recall"] = r.testRecall;
    m_measurements["test_f1"] = r.testF1;
    m_measurements["tp"] = r.tp;
    m_measurements["fp"] = r.fp;
    m_measurements["fn"] = r.fn;
    m_measurements["tn"] = r.tn;
    m_measurements["stopwords_removed"] = static_cast<double>(r.removedStopWords.size());
    for (const RemovedStopWord& w : r.removedStopWords)
        m_measurements["stopword_" + slug(w.word) + "_positive_docs"] = w.positiveDocs;

    const QString positive = m_positiveLabel.toHtmlEscaped();
    m_summary->setText(
        tr("<b>%1-fold CV</b> on %2 training messages: accuracy %3 · %4 precision %5 · recall %6 · <b>F1 %7 ± %8</b> "
           "· <b>test</b> (%9 messages): accuracy %10 · precision %11 · recall %12 · <b>F1 %13</b> · %14 duplicates "
           "dropped · %15 columns learned from the training split")
            .arg(r.foldF1.size())
            .arg(r.trainRows)
            .arg(meanOf(r.foldAccuracy), 0, 'f', 3)
            .arg(positive)
            .arg(meanOf(r.foldPrecision), 0, 'f', 3)
            .arg(meanOf(r.foldRecall), 0, 'f', 3)
            .arg(meanOf(r.foldF1), 0, 'f', 3)
            .arg(sdF1, 0, 'f', 3)
            .arg(r.testRows)
            .arg(r.testAccuracy, 0, 'f', 3)
            .arg(r.testPrecision, 0, 'f', 3)
            .arg(r.testRecall, 0, 'f', 3)
            .arg(r.testF1, 0, 'f', 3)
            .arg(r.duplicatesRemoved)
            .arg(r.trainVocabulary));

    Eigen::VectorXd weights(static_cast<Eigen::Index>(r.topTerms.size()));
    QStringList names;
    for (std::size_t i = 0; i < r.topTerms.size(); ++i) {
        weights(static_cast<Eigen::Index>(i)) = r.topTerms[i].weight;
        names << QString::fromStdString(r.topTerms[i].term);
    }
    m_terms->setWeights(weights, names);
    m_terms->setAxisLabel(QString::fromStdString(r.weightMeaning));
    const QStringList classes{QString::fromStdString(r.classLabels.at(0)), QString::fromStdString(r.classLabels.at(1))};
    const bool positiveSecond = r.classLabels.at(1) == m_positiveLabel.toStdString();
    if (positiveSecond)
        m_confusion->setMatrix({r.tn, r.fp, r.fn, r.tp}, classes);
    else
        m_confusion->setMatrix({r.tp, r.fn, r.fp, r.tn}, classes);
    showStages();
}

void TextPreprocessingLab::showStages()
{
    const TextSettings s = settings();
    const MessageStages st = sampleStages();
    QString html = tr("<h4>The message, stage by stage</h4><table cellspacing='0' cellpadding='3'>");
    auto row = [&html](const QString& stage, const QString& content) {
        html += QStringLiteral("<tr><td valign='top'><b>%1</b></td><td>%2</td></tr>").arg(stage, content);
    };
    row(tr("raw"), QString::fromStdString(st.raw).toHtmlEscaped());
    row(tr("lowercase"), s.lowercase ? QString::fromStdString(st.lowered).toHtmlEscaped() : tr("<i>off: case kept</i>"));
    row(tr("tokens (%1)").arg(st.tokens.size()), joined(st.tokens));
    if (s.englishStopWords)
        row(tr("stop words"), tr("removed %1 → kept %2").arg(joined(st.removed), joined(st.kept)));
    else
        row(tr("stop words"), tr("<i>off: every token kept</i>"));
    row(tr("stems"), s.porterStemming ? joined(st.stems) : tr("<i>off</i>"));
    if (s.ngramMax > 1 || s.ngramMin > 1)
        row(tr("n-grams (%1)").arg(st.terms.size()), joined(st.terms, 30));
    else
        row(tr("n-grams"), tr("<i>single words only (1, 1)</i>"));
    if (!m_result) {
        row(tr("vector"), tr("<i>press Train: the vectorizer learns its vocabulary (and idf) from the training split</i>"));
    } else {
        const std::vector<VectorEntry> entries = sampleVector();
        const bool tfidf = s.vectorizer == "TfidfVectorizer";
        m_measurements["sample_terms"] = static_cast<double>(st.terms.size());
        m_measurements["sample_nonzeros"] = static_cast<double>(entries.size());
        QStringList cells;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const VectorEntry& e = entries[i];
            m_measurements["weight_" + slug(e.term)] = e.weight;
            if (tfidf)
                m_measurements["idf_" + slug(e.term)] = e.idf;
            if (i < 25)
                cells << (tfidf ? tr("%1: %2 × idf %3 → <b>%4</b>")
                                      .arg(QString::fromStdString(e.term).toHtmlEscaped())
                                      .arg(e.count)
                                      .arg(e.idf, 0, 'f', 2)
                                      .arg(e.weight, 0, 'f', 3)
                                : tr("%1: <b>%2</b>").arg(QString::fromStdString(e.term).toHtmlEscaped()).arg(e.weight));
        }
        row(tr("vector"),
            tr("%1 non-zeros of %2 columns (terms the training split never saw are dropped)%3<br>%4")
                .arg(entries.size())
                .arg(m_result->trainVocabulary)
                .arg(tfidf ? tr("; tf × idf, then the row scaled to unit length") : QString())
                .arg(cells.join(QStringLiteral(" · "))));
    }
    html += QStringLiteral("</table>");

    if (m_result) {
        const TextExperimentResult& r = *m_result;
        html += tr("<h4>Vocabulary of the whole corpus (%1 messages)</h4><table cellspacing='0' cellpadding='2'>").arg(r.rows);
        for (const auto& [label, size] : r.vocabularyByStage)
            html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr>")
                        .arg(QString::fromStdString(label).toHtmlEscaped())
                        .arg(size);
        html += QStringLiteral("</table>");
        if (!r.removedStopWords.empty()) {
            html += tr("<h4>Stop words removed (%1 distinct), most frequent in %2 first</h4>")
                        .arg(r.removedStopWords.size())
                        .arg(m_positiveLabel.toHtmlEscaped());
            QStringList words;
            for (std::size_t i = 0; i < r.removedStopWords.size() && i < 15; ++i)
                words << tr("%1 (%2 %3, %4 other)")
                             .arg(QString::fromStdString(r.removedStopWords[i].word).toHtmlEscaped())
                             .arg(r.removedStopWords[i].positiveDocs)
                             .arg(m_positiveLabel.toHtmlEscaped())
                             .arg(r.removedStopWords[i].negativeDocs);
            html += words.join(QStringLiteral(" · "));
        }
    }
    m_stages->setHtml(html);
}

QString TextPreprocessingLab::stagesHtml() const
{
    return m_stages->toHtml();
}

QString TextPreprocessingLab::summaryText() const
{
    return m_summary->text();
}

}  // namespace dslab
