#include "ui/labs/encoding_lab.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/pipeline/pipeline.h"
#include "ui/charts/chart_widget.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/charts/bar_series_view.h"
#include "ui/labs/fitted_attributes.h"
#include "ui/labs/table_cv.h"
#include "ui/session/training_session.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace dslab {

// What one run measured; written by the worker, read on the GUI thread after
// the job has finished.
struct EncodingResult {
    QStringList encodings;              // onehot, ordinal, raw
    QStringList models;                 // display names
    QVector<QVector<double>> mean, std; // [encoding][model], NaN when not run
    QVector<int> width;                 // features per encoding, -1 when not run
    QStringList skipped;                // why an encoding could not run
    struct Run {
        QString key;
        int encoding, model;
    };
    QVector<Run> runs;                  // what was cross-validated, for the score cache
    // The current encoding, fitted on all rows.
    QStringList featureNames;
    Matrix preview;
    QVector<FittedAttributes> attributes;        // per model
    QStringList categories;                      // of the first column, in the order shown
    QVector<double> observedRate, counts;        // per category
    QVector<QVector<double>> predictedRate;      // [model][category]
    bool cancelled = false;
};

namespace {

const QStringList kEncodings = {QStringLiteral("onehot"), QStringLiteral("ordinal"), QStringLiteral("raw")};
constexpr int kPreviewRows = 8;

struct DatasetChoice {
    QString key, target;
    QStringList columns;
};

const QList<DatasetChoice>& datasetChoices()
{
    static const QList<DatasetChoice> choices = {
        {"bank_marketing", "subscribed", {"month"}},
        {"adult_income_5k", "income", {"education"}},
        {"heart_disease", "heart_disease", {"cp", "restecg", "slope", "thal"}},
        {"titanic", "survived", {"embarked"}},
    };
    return choices;
}

QString shortModelName(const QJsonObject& model)
{
    const QString type = model.value("type").toString();
    if (type == QLatin1String("LogisticRegression"))
        return QStringLiteral("linear");
    if (type.contains(QLatin1String("Tree")))
        return QStringLiteral("tree");
    return type;
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The OrdinalEncoder step inside a preset pipeline's ColumnTransformer, if any.
QJsonObject ordinalInPipeline(const QJsonObject& pipeline)
{
    for (const auto& step : pipeline.value("steps").toArray()) {
        const QJsonObject s = step.toObject();
        if (s.value("type").toString() == QLatin1String("OrdinalEncoder"))
            return s;
        for (const auto& t : s.value("transformers").toArray()) {
            const QJsonValue enc = t.toArray().at(1);
            if (enc.toObject().value("type").toString() == QLatin1String("OrdinalEncoder"))
                return enc.toObject();
            for (const auto& inner : enc.toObject().value("steps").toArray())
                if (inner.toObject().value("type").toString() == QLatin1String("OrdinalEncoder"))
                    return inner.toObject();
        }
    }
    return {};
}

QString categoryLabel(const Column& column, std::size_t row)
{
    return column.isMissing(row) ? QStringLiteral("missing") : QString::fromStdString(column.cellText(row));
}

}  // namespace

EncodingLab::EncodingLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &EncodingLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &EncodingLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &EncodingLab::showError);
    buildUi();
}

EncodingLab::~EncodingLab()
{
    shutdown();
}

void EncodingLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    auto* box = new QGroupBox(tr("Data and encoding"), this);
    auto* form = new QFormLayout(box);
    m_dataset = new QComboBox(box);
    for (const auto& c : datasetChoices())
        m_dataset->addItem(c.key, c.key);
    m_dataset->setAccessibleName(tr("dataset"));
    m_columnsEdit = new QLineEdit(box);
    m_columnsEdit->setAccessibleName(tr("columns to encode"));
    m_columnsEdit->setToolTip(tr("Categorical columns to encode, separated by commas; press Enter"));
    m_encoding = new QComboBox(box);
    m_encoding->addItem(tr("one-hot"), "onehot");
    m_encoding->addItem(tr("ordinal codes"), "ordinal");
    m_encoding->addItem(tr("raw numeric codes"), "raw");
    m_encoding->setAccessibleName(tr("encoding shown"));
    m_encoding->setToolTip(tr("The encoding whose columns, coefficients and per-category fit are shown; "
                              "the score chart always compares all three"));
    m_model = new QComboBox(box);
    m_model->setAccessibleName(tr("model whose weights are shown"));
    m_maxDepth = new QSpinBox(box);
    m_maxDepth->setRange(1, 30);
    m_maxDepth->setAccessibleName(tr("tree max_depth"));
    m_drop = new QComboBox(box);
    m_drop->addItem(tr("none"), QString());
    m_drop->addItem("first", "first");
    m_drop->addItem("if_binary", "if_binary");
    m_drop->setAccessibleName(tr("one-hot drop"));
    m_minFrequency = new QSpinBox(box);
    m_minFrequency->setRange(0, 100000);
    m_minFrequency->setSpecialValueText(tr("off"));
    m_minFrequency->setAccessibleName(tr("one-hot min_frequency"));
    m_minFrequency->setToolTip(tr("Categories seen fewer times than this share one 'infrequent' column"));
    form->addRow(tr("dataset"), m_dataset);
    form->addRow(tr("columns"), m_columnsEdit);
    form->addRow(tr("encoding"), m_encoding);
    form->addRow(tr("weights of"), m_model);
    form->addRow(tr("tree max_depth"), m_maxDepth);
    form->addRow(tr("one-hot drop"), m_drop);
    form->addRow(tr("min_frequency"), m_minFrequency);
    controls->addWidget(box, 1);

    auto* orderBox = new QGroupBox(tr("Category order (ordinal codes 0, 1, …)"), this);
    auto* orderLayout = new QHBoxLayout(orderBox);
    m_order = new QListWidget(orderBox);
    m_order->setDragDropMode(QAbstractItemView::InternalMove);
    m_order->setAccessibleName(tr("category order"));
    m_order->setToolTip(tr("Drag a category, or use Up and Down: its position is its ordinal code"));
    m_order->setMinimumWidth(150);
    auto* orderButtons = new QVBoxLayout;
    m_up = new QPushButton(tr("Up"), orderBox);
    m_down = new QPushButton(tr("Down"), orderBox);
    m_reverse = new QPushButton(tr("Reverse"), orderBox);
    m_alphabetical = new QPushButton(tr("Reset to alphabetical"), orderBox);
    m_alphabetical->setToolTip(tr("OrdinalEncoder's default, categories='auto': sorted"));
    for (QPushButton* b : {m_up, m_down, m_reverse, m_alphabetical})
        orderButtons->addWidget(b);
    m_orderNote = new QLabel(orderBox);
    m_orderNote->setWordWrap(true);
    orderButtons->addWidget(m_orderNote, 1);
    orderLayout->addWidget(m_order, 1);
    orderLayout->addLayout(orderButtons);
    controls->addWidget(orderBox, 1);
    root->addLayout(controls);

    RunRow row = createRunRow(tr("Run"), tr("Cross-validate every encoding with every model"));
    m_runButton = row.run;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("encoding summary"));
    root->addWidget(m_summary);

    auto* charts = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, charts);
    m_scores = new BarSeriesView(top);
    m_rates = new BarSeriesView(top);
    auto* bottom = new QSplitter(Qt::Horizontal, charts);
    m_preview = new QTableWidget(bottom);
    m_preview->setAccessibleName(tr("encoded columns"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 4);
    m_coefficients = new FeatureBarView(bottom);
    m_coefficients->setMaxDisplay(0);
    m_coefficients->setMinimumSize(200, 120);
    m_preview->setMinimumSize(200, 120);
    charts->setSizes({1000, 800});
    top->setSizes({1000, 1000});
    bottom->setSizes({1000, 1000});
    root->addWidget(charts, 1);

    auto rerun = [this] { markStale(tr("Settings changed.")); train(); };
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this, rerun] {
        const auto& c = datasetChoices().value(m_dataset->currentIndex());
        m_preset.insert("dataset", c.key);
        m_preset.insert("target", c.target);
        m_columnsEdit->setText(c.columns.join(", "));
        m_ordinalCategories = {};
        loadData();
        rerun();
    });
    connect(m_columnsEdit, &QLineEdit::returnPressed, this, [this, rerun] {
        m_ordinalCategories = {};
        loadData();
        rerun();
    });
    connect(m_encoding, &QComboBox::currentIndexChanged, this, rerun);
    connect(m_maxDepth, &QSpinBox::valueChanged, this, rerun);
    connect(m_drop, &QComboBox::currentIndexChanged, this, rerun);
    connect(m_minFrequency, &QSpinBox::valueChanged, this, rerun);
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] { showResult(); });
    connect(m_order->model(), &QAbstractItemModel::rowsMoved, this, rerun);
    connect(m_up, &QPushButton::clicked, this, [this] {
        const int r = m_order->currentRow();
        if (r > 0)
            moveCategory(r, r - 1);
    });
    connect(m_down, &QPushButton::clicked, this, [this] {
        const int r = m_order->currentRow();
        if (r >= 0 && r + 1 < m_order->count())
            moveCategory(r, r + 1);
    });
    connect(m_reverse, &QPushButton::clicked, this, &EncodingLab::reverseOrder);
    connect(m_alphabetical, &QPushButton::clicked, this, &EncodingLab::resetOrderAlphabetical);
}

void EncodingLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_result.reset();
    m_measurements.clear();

    const QJsonObject encoders = preset.value("encoders").toObject();
    m_onehotStep = encoders.value("onehot").toObject();
    if (m_onehotStep.isEmpty())
        m_onehotStep = QJsonObject{{"type", "OneHotEncoder"}, {"handle_unknown", "ignore"}};
    m_onehotStep.remove("sparse_output");
    m_ordinalStep = encoders.value("ordinal").toObject();
    if (m_ordinalStep.isEmpty() || !m_ordinalStep.contains("categories")) {
        const QJsonObject fromPipeline = ordinalInPipeline(preset.value("pipeline").toObject());
        if (!fromPipeline.isEmpty())
            m_ordinalStep = fromPipeline;
    }
    if (m_ordinalStep.isEmpty())
        m_ordinalStep = QJsonObject{{"type", "OrdinalEncoder"}};
    // A category only in a test fold (a rare country) must not stop the run: code it -1
    // unless the preset says otherwise.
    if (!m_ordinalStep.contains("handle_unknown")) {
        m_ordinalStep.insert("handle_unknown", "use_encoded_value");
        m_ordinalStep.insert("unknown_value", -1);
    }
    m_ordinalCategories = m_ordinalStep.value("categories").toArray();  // empty for "auto"
    m_ordinalStep.remove("categories");

    m_models = preset.value("models").toArray();
    if (m_models.isEmpty())
        m_models = {QJsonObject{{"type", "LogisticRegression"}, {"C", 1.0}, {"max_iter", 1000}},
                    QJsonObject{{"type", "DecisionTreeClassifier"}, {"max_depth", 3}, {"random_state", 0}}};
    // pipeline_params address a model by its type (the step's default name).
    const QJsonObject params = preset.value("pipeline_params").toObject();
    int depth = 3;
    for (int m = 0; m < m_models.size(); ++m) {
        QJsonObject model = m_models.at(m).toObject();
        const QString type = model.value("type").toString();
        for (auto it = params.begin(); it != params.end(); ++it)
            if (it.key().startsWith(type + "__"))
                model.insert(it.key().mid(type.size() + 2), it.value());
        if (type.contains(QLatin1String("Tree")))
            depth = model.value("max_depth").toInt(depth);
        // scikit-learn's random_state on a model that has no randomness here (our
        // trees consider every feature at each split): nothing to seed.
        if (model.contains("random_state")) {
            const auto component = Catalog::builtin().create(type.toStdString());
            bool known = false;
            if (component)
                for (const ParamSpec& spec : component->paramSpecs())
                    known = known || spec.name == "random_state";
            if (!known)
                model.remove("random_state");
        }
        m_models.replace(m, model);
    }

    const QSignalBlocker b1(m_dataset), b2(m_encoding), b3(m_maxDepth), b4(m_drop), b5(m_minFrequency), b6(m_model);
    const int datasetIndex = m_dataset->findData(preset.value("dataset").toString("bank_marketing"));
    m_dataset->setCurrentIndex(std::max(0, datasetIndex));
    QStringList columns;
    for (const auto& c : preset.value("columns").toArray())
        columns << c.toString();
    m_columnsEdit->setText(columns.join(", "));
    m_encoding->setCurrentIndex(std::max(0, m_encoding->findData(preset.value("encoding").toString("onehot"))));
    m_maxDepth->setValue(depth);
    const QJsonValue drop = preset.contains("drop") ? preset.value("drop") : m_onehotStep.value("drop");
    m_drop->setCurrentIndex(std::max(0, m_drop->findData(drop.toString())));
    const QJsonValue minFrequency = preset.contains("min_frequency") ? preset.value("min_frequency") : m_onehotStep.value("min_frequency");
    m_minFrequency->setValue(minFrequency.isDouble() ? static_cast<int>(minFrequency.toDouble()) : 0);
    m_model->clear();
    for (const auto& model : m_models)
        m_model->addItem(model.toObject().value("type").toString());

    // Knobs the lesson lists are shown; the rest stay hidden.
    QStringList knobs;
    for (const auto& k : preset.value("knobs").toArray())
        knobs << k.toString();
    auto* form = qobject_cast<QFormLayout*>(m_dataset->parentWidget()->layout());
    const auto show = [&](QWidget* w, bool visible) {
        if (form)
            form->setRowVisible(w, visible);
    };
    show(m_dataset, knobs.isEmpty() || knobs.contains("dataset"));
    show(m_columnsEdit, knobs.isEmpty() || knobs.contains("columns") || knobs.contains("dataset"));
    show(m_encoding, true);
    show(m_model, true);
    show(m_maxDepth, knobs.isEmpty() || knobs.contains("max_depth"));
    show(m_drop, knobs.isEmpty() || knobs.contains("drop"));
    show(m_minFrequency, knobs.isEmpty() || knobs.contains("min_frequency"));

    m_scores->clear();
    m_rates->clear();
    m_coefficients->clear();
    m_preview->clear();
    m_preview->setRowCount(0);
    m_preview->setColumnCount(0);
    m_summary->clear();
    loadData();
    if (!hasError())
        m_status->setText(tr("Press Run to cross-validate every encoding with every model."));
}

void EncodingLab::loadData()
{
    m_session->stopAndJoin();
    clearError();
    m_data.reset();
    m_columns.clear();
    for (const QString& c : m_columnsEdit->text().split(',', Qt::SkipEmptyParts))
        if (!c.trimmed().isEmpty())
            m_columns << c.trimmed();
    try {
        const QString key = m_preset.value("dataset").toString("bank_marketing");
        auto data = std::make_shared<Dataset>(loadBuiltinDataset(key.toStdString(), m_datasetsDir.toStdString()));
        const QString target = m_preset.value("target").toString();
        if (!target.isEmpty())
            data->setTarget(target.toStdString());
        if (m_columns.isEmpty())
            throw DataError("name at least one column to encode");
        for (const QString& c : m_columns) {
            if (data->columnIndex(c.toStdString()) < 0)
                throw DataError("'" + key.toStdString() + "' has no column '" + c.toStdString() + "'");
            if (c.toStdString() == data->targetName())
                throw DataError("'" + c.toStdString() + "' is the target; pick a feature column");
        }
        if (data->classLabels().size() < 2)
            throw DataError("the encoding lab needs a classification target");
        m_dataKey = key;
        m_data = data;
    } catch (const std::exception& e) {
        showError(tr("Cannot load the data: %1").arg(QString::fromUtf8(e.what())));
        fillOrder({});
        return;
    }
    // A preset's explicit order is for its own columns: a list that names none
    // of a column's categories (the month list on another dataset) is dropped.
    if (m_ordinalCategories.size() != m_columns.size())
        m_ordinalCategories = {};
    for (qsizetype j = 0; j < m_ordinalCategories.size(); ++j) {
        const auto values = m_data->column(m_columns.at(j).toStdString()).distinctValues();
        bool overlap = false;
        for (const auto& v : m_ordinalCategories.at(j).toArray()) {
            const std::string text = v.isString() ? v.toString().toStdString() : formatNumber(v.toDouble());
            overlap = overlap || std::find(values.begin(), values.end(), text) != values.end();
        }
        if (!overlap) {
            m_ordinalCategories = {};
            break;
        }
    }
    // The first column's categories as OrdinalEncoder's "auto" sorts them.
    const Column& first = m_data->column(m_columns.first().toStdString());
    m_autoOrder.clear();
    for (const auto& v : first.distinctValues())
        m_autoOrder << QString::fromStdString(v);
    QStringList order = m_autoOrder;
    const QJsonArray given = m_ordinalCategories.size() == m_columns.size() ? m_ordinalCategories.at(0).toArray()
                                                                           : QJsonArray();
    if (!given.isEmpty()) {
        order.clear();
        for (const auto& v : given)
            order << (v.isString() ? v.toString() : QString::fromStdString(formatNumber(v.toDouble())));
    }
    fillOrder(order);
    const bool single = m_columns.size() == 1;
    m_order->setEnabled(single);
    for (QPushButton* b : {m_up, m_down, m_reverse, m_alphabetical})
        b->setEnabled(single);
    m_orderNote->setText(single ? tr("%1 categories. A missing value gets its own one-hot column; ordinal and raw "
                                     "codes fill it with the most frequent category first.")
                                      .arg(m_autoOrder.size())
                                : tr("Several columns: each uses its sorted order."));
}

void EncodingLab::fillOrder(const QStringList& order)
{
    const QSignalBlocker block(m_order->model());
    m_order->clear();
    for (int i = 0; i < order.size(); ++i)
        m_order->addItem(order.at(i));
}

QStringList EncodingLab::categoryOrder() const
{
    QStringList out;
    for (int i = 0; i < m_order->count(); ++i)
        out << m_order->item(i)->text();
    return out;
}

void EncodingLab::moveCategory(int from, int to)
{
    if (from < 0 || from >= m_order->count() || to < 0 || to >= m_order->count() || from == to)
        return;
    {
        const QSignalBlocker block(m_order->model());
        QListWidgetItem* item = m_order->takeItem(from);
        m_order->insertItem(to, item);
        m_order->setCurrentRow(to);
    }
    markStale(tr("The order changed."));
    train();
}

void EncodingLab::resetOrderAlphabetical()
{
    fillOrder(m_autoOrder);
    markStale(tr("Alphabetical order, as categories='auto'."));
    train();
}

void EncodingLab::reverseOrder()
{
    QStringList order = categoryOrder();
    std::reverse(order.begin(), order.end());
    fillOrder(order);
    markStale(tr("The order is reversed."));
    train();
}

void EncodingLab::markStale(const QString& why)
{
    m_status->setText(why + ' ' + tr("Running…"));
}

QString EncodingLab::modelKey(int m) const
{
    return shortModelName(m_models.at(m).toObject());
}

void EncodingLab::train()
{
    m_session->stopAndJoin();
    clearError();
    if (!m_data || hasPresetError())
        return;
    const Dataset& data = *m_data;
    const std::string target = data.targetName();

    // Which numeric columns besides the encoded ones feed the models.
    QStringList others;
    if (m_preset.value("other_features").toString() == QLatin1String("scaled"))
        for (const auto& name : data.featureNames()) {
            const QString q = QString::fromStdString(name);
            if (!m_columns.contains(q) && data.column(name).type == ColumnType::Numeric)
                others << q;
        }
    bool allNumeric = true, anyMissing = false;
    for (const QString& c : m_columns) {
        const Column& col = data.column(c.toStdString());
        allNumeric = allNumeric && col.type == ColumnType::Numeric;
        anyMissing = anyMissing || col.missingCount() > 0;
    }
    const QJsonArray columnsJson = QJsonArray::fromStringList(m_columns);
    const QJsonObject impute{{"type", "SimpleImputer"}, {"strategy", "most_frequent"}};

    // The encoder of each encoding (null when it cannot run on these columns).
    auto stepFor = [&](const QString& encoding, QString& why) -> QJsonValue {
        if (encoding == QLatin1String("onehot")) {
            QJsonObject step = m_onehotStep;
            step.remove("drop");
            step.remove("min_frequency");
            if (!m_drop->currentData().toString().isEmpty())
                step.insert("drop", m_drop->currentData().toString());
            if (m_minFrequency->value() > 0)
                step.insert("min_frequency", m_minFrequency->value());
            return step;  // a missing value is a category of its own
        }
        if (encoding == QLatin1String("ordinal")) {
            QJsonObject step = m_ordinalStep;
            QJsonArray categories;
            const QStringList order = categoryOrder();
            if (m_columns.size() == 1 && order != m_autoOrder)
                categories.append(QJsonArray::fromStringList(order));
            else if (m_columns.size() > 1 && m_ordinalCategories.size() == m_columns.size())
                categories = m_ordinalCategories;
            if (!categories.isEmpty())
                step.insert("categories", categories);
            if (!anyMissing)
                return step;
            return QJsonObject{{"type", "Pipeline"}, {"steps", QJsonArray{impute, step}}};
        }
        if (!allNumeric) {
            why = tr("raw needs numeric codes (%1 holds text)").arg(m_columns.join(", "));
            return QJsonValue();
        }
        return anyMissing ? QJsonValue(QJsonObject{{"type", "Pipeline"}, {"steps", QJsonArray{impute}}})
                          : QJsonValue(QStringLiteral("passthrough"));
    };

    auto result = std::make_shared<EncodingResult>();
    result->encodings = kEncodings;
    const int current = m_encoding->currentIndex();
    struct Candidate {
        int encoding = 0, model = 0;
        std::shared_ptr<Pipeline> pipeline;
        QString key;
        bool cached = false;
    };
    auto candidates = std::make_shared<std::vector<Candidate>>();
    const TableCvSpec cvSpec = tableCvFromPreset(m_preset.value("cv").toObject());
    const QString scoring = m_preset.value("scoring").toString("roc_auc");
    const QString foldKey = QStringLiteral("%1|%2|%3x%4|%5").arg(m_dataKey, scoring).arg(cvSpec.splits).arg(cvSpec.repeats).arg(cvSpec.seed);
    try {
        for (int m = 0; m < m_models.size(); ++m) {
            result->models << m_models.at(m).toObject().value("type").toString();
        }
        result->mean.fill(QVector<double>(m_models.size(), std::nan("")), kEncodings.size());
        result->std = result->mean;
        result->width.fill(-1, kEncodings.size());
        for (int e = 0; e < kEncodings.size(); ++e) {
            QString why;
            const QJsonValue enc = stepFor(kEncodings.at(e), why);
            if (enc.isNull()) {
                result->skipped << why;
                continue;
            }
            QJsonArray transformers{QJsonArray{"cat", enc, columnsJson}};
            if (!others.isEmpty())
                transformers.append(QJsonArray{
                    "num",
                    QJsonObject{{"type", "Pipeline"},
                                {"steps", QJsonArray{QJsonObject{{"type", "SimpleImputer"}, {"strategy", "median"}},
                                                     QJsonObject{{"type", "StandardScaler"}}}}},
                    QJsonArray::fromStringList(others)});
            for (int m = 0; m < m_models.size(); ++m) {
                QJsonObject model = m_models.at(m).toObject();
                if (model.value("type").toString().contains(QLatin1String("Tree")))
                    model.insert("max_depth", m_maxDepth->value());
                const QJsonObject spec{
                    {"steps", QJsonArray{QJsonObject{{"type", "ColumnTransformer"},
                                                     {"transformers", transformers},
                                                     {"remainder", "drop"}},
                                         model}}};
                Candidate c;
                c.encoding = e;
                c.model = m;
                c.pipeline = std::make_shared<Pipeline>(pipelineFromPreset(spec, {}));
                c.key = foldKey + '|' + compact(spec);
                c.cached = m_scoreCache.contains(c.key);
                result->runs.push_back({c.key, e, m});
                if (c.cached) {
                    result->mean[e][m] = m_scoreCache.value(c.key).first;
                    result->std[e][m] = m_scoreCache.value(c.key).second;
                }
                candidates->push_back(std::move(c));
            }
        }
    } catch (const std::exception& e) {
        showError(tr("This encoding cannot be built: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_result = result;
    auto shared = m_data;
    const QString firstColumn = m_columns.first();
    const QStringList order = categoryOrder();
    const std::string scoringName = scoring.toStdString();
    m_session->start(
        [result, candidates, shared, cvSpec, current, firstColumn, order, scoringName](TrainContext& ctx) -> const Predictor* {
            const Dataset& table = *shared;
            const Vector codes = table.targetCodes();
            const auto folds = tableFolds(codes, cvSpec);
            const Scorer scorer = makeScorer(scoringName, true);
            int toRun = 0;
            for (const auto& c : *candidates)
                toRun += c.cached ? 0 : 1;
            int done = 0;
            TrainContext quiet = quietContext(ctx);
            const Pipeline* last = nullptr;
            for (auto& c : *candidates) {
                if (!c.cached) {
                    const TableCvScore s = crossValidateTable(*c.pipeline, table, codes, folds, scorer, ctx);
                    if (s.cancelled) {
                        result->cancelled = true;
                        return last;
                    }
                    result->mean[c.encoding][c.model] = s.mean;
                    result->std[c.encoding][c.model] = s.std;
                    ++done;
                }
                // Fitted on every row: the width, and for the encoding shown its columns and fit.
                if (c.model == 0 || c.encoding == current) {
                    c.pipeline->fit(table, quiet);
                    last = c.pipeline.get();
                    const int width = static_cast<int>(c.pipeline->featureNames().size());
                    result->width[c.encoding] = width;
                }
                if (c.encoding == current && c.pipeline->isFitted()) {
                    QStringList names;  // without the ColumnTransformer's "cat__" prefix
                    for (const auto& n : c.pipeline->featureNames()) {
                        QString name = QString::fromStdString(n);
                        if (name.startsWith(QLatin1String("cat__")))
                            name = name.mid(5);
                        names << name;
                    }
                    if (c.model == 0) {
                        result->featureNames = names;
                        const Matrix features = c.pipeline->featuresFor(table);
                        result->preview = features.topRows(std::min<Eigen::Index>(kPreviewRows, features.rows()));
                    }
                    result->attributes.push_back(readFittedAttributes(*c.pipeline->finalEstimator(), names));
                    // Per category of the first column: observed rate and mean predicted probability.
                    const Column& col = table.column(firstColumn.toStdString());
                    if (result->categories.isEmpty()) {
                        result->categories = order;
                        for (std::size_t r = 0; r < col.size(); ++r) {
                            const QString label = categoryLabel(col, r);
                            if (!result->categories.contains(label))
                                result->categories << label;
                        }
                        const auto k = result->categories.size();
                        result->observedRate.fill(0.0, k);
                        result->counts.fill(0.0, k);
                        for (std::size_t r = 0; r < col.size(); ++r) {
                            const auto i = result->categories.indexOf(categoryLabel(col, r));
                            result->counts[i] += 1;
                            result->observedRate[i] += codes(static_cast<Eigen::Index>(r)) == codes.maxCoeff() ? 1.0 : 0.0;
                        }
                        for (qsizetype i = 0; i < k; ++i)
                            result->observedRate[i] = result->counts[i] > 0 ? result->observedRate[i] / result->counts[i]
                                                                            : std::nan("");
                    }
                    const Matrix proba = c.pipeline->predictProba(table);
                    QVector<double> predicted(result->categories.size(), 0.0);
                    for (std::size_t r = 0; r < col.size(); ++r)
                        predicted[result->categories.indexOf(categoryLabel(col, r))] +=
                            proba(static_cast<Eigen::Index>(r), proba.cols() - 1);
                    for (qsizetype i = 0; i < predicted.size(); ++i)
                        predicted[i] = result->counts[i] > 0 ? predicted[i] / result->counts[i] : std::nan("");
                    result->predictedRate.push_back(predicted);
                }
                if (last && !c.cached) {
                    TrainStep step;
                    step.step = done;
                    step.totalSteps = toRun;
                    ctx.report(step, *last);
                }
            }
            return last;
        },
        0);
    errorShown();  // the base turns Run off and Cancel on while the session runs
    m_status->setText(tr("Cross-validating %1 pipelines on %2 folds…").arg(candidates->size()).arg(cvSpec.splits * cvSpec.repeats));
}

void EncodingLab::onSteps(const QList<TrainStep>& steps)
{
    if (steps.isEmpty())
        return;
    const TrainStep& s = steps.last();
    m_status->setText(tr("Cross-validated %1 of %2 pipelines…").arg(s.step).arg(s.totalSteps));
}

void EncodingLab::onFinished(bool cancelled)
{
    m_runButton->setEnabled(true);
    errorShown();
    if (hasError() || !m_result)
        return;
    if (cancelled || m_result->cancelled) {
        m_status->setText(tr("Cancelled."));
        return;
    }
    for (const auto& run : m_result->runs)
        if (std::isfinite(m_result->mean[run.encoding][run.model]))
            m_scoreCache.insert(run.key, {m_result->mean[run.encoding][run.model], m_result->std[run.encoding][run.model]});
    showResult();
}

void EncodingLab::showResult()
{
    if (!m_result || m_result->cancelled)
        return;
    const EncodingResult& r = *m_result;
    const QString scoring = m_preset.value("scoring").toString("roc_auc");
    m_measurements.clear();

    // Scores: groups are encodings, one bar per model.
    m_scores->clear();
    QStringList groups;
    for (int e = 0; e < r.encodings.size(); ++e)
        groups << (r.width[e] > 0 ? tr("%1 (%2)").arg(r.encodings[e]).arg(r.width[e]) : tr("%1 (n/a)").arg(r.encodings[e]));
    m_scores->setGroups(groups);
    m_scores->setTitles(tr("encoding (number of columns)"), tr("CV %1").arg(scoring));
    double lo = 1, hi = 0;
    for (int m = 0; m < r.models.size(); ++m) {
        QVector<double> values;
        for (int e = 0; e < r.encodings.size(); ++e) {
            const double v = r.mean[e][m];
            values << v;
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                m_measurements[QStringLiteral("score_%1_%2").arg(r.encodings[e], modelKey(m))] = v;
                m_measurements[QStringLiteral("std_%1_%2").arg(r.encodings[e], modelKey(m))] = r.std[e][m];
            }
        }
        m_scores->addSeries(modelKey(m), values, classColor(m));
    }
    if (hi >= lo)  // start the bars near the lowest score, so differences of a point show
        m_scores->setYRange(std::max(0.0, std::floor((lo - 0.05) * 20) / 20), std::min(1.0, hi + 0.05));
    for (int e = 0; e < r.encodings.size(); ++e)
        if (r.width[e] > 0)
            m_measurements[QStringLiteral("width_%1").arg(r.encodings[e])] = r.width[e];
    m_measurements["rows"] = static_cast<double>(m_data ? m_data->rowCount() : 0);

    // Per category: observed rate (bars) and each model's mean prediction (lines).
    m_rates->clear();
    const QString encoding = m_encoding->currentData().toString();
    if (!r.categories.isEmpty()) {
        m_rates->setGroups(r.categories);
        m_rates->setTitles(tr("%1 (in the order of the list)").arg(m_columns.value(0)), tr("positive rate"));
        m_rates->addSeries(tr("observed"), r.observedRate, QColor(150, 150, 150));
        for (int m = 0; m < r.predictedRate.size() && m < r.models.size(); ++m)
            m_rates->addSeries(modelKey(m), r.predictedRate[m], classColor(m), true);
        m_rates->setNote(tr("mean P(positive) on %1").arg(encoding));
        m_rates->setValueDecimals(2);
        double rmin = 1, rmax = 0;
        for (double v : r.observedRate)
            if (std::isfinite(v)) {
                rmin = std::min(rmin, v);
                rmax = std::max(rmax, v);
            }
        m_measurements["categories"] = static_cast<double>(r.categories.size());
        m_measurements["rate_min"] = rmin;
        m_measurements["rate_max"] = rmax;
    }

    // The encoded table's first rows.
    m_preview->clear();
    m_preview->setColumnCount(static_cast<int>(r.featureNames.size()));
    m_preview->setRowCount(static_cast<int>(r.preview.rows()));
    m_preview->setHorizontalHeaderLabels(r.featureNames);
    for (Eigen::Index i = 0; i < r.preview.rows(); ++i)
        for (Eigen::Index j = 0; j < r.preview.cols() && j < r.featureNames.size(); ++j)
            m_preview->setItem(static_cast<int>(i), static_cast<int>(j),
                               new QTableWidgetItem(QString::number(r.preview(i, j), 'g', 4)));
    m_preview->resizeColumnsToContents();

    // The chosen model's weights: coefficients (one per column) or importances.
    m_coefficients->clear();
    const int shown = std::min(std::max(0, m_model->currentIndex()), static_cast<int>(r.attributes.size()) - 1);
    double slope = std::nan("");
    if (shown >= 0) {
        const FittedAttributes& a = r.attributes[shown];
        QStringList names;
        QVector<double> values;
        for (const auto& [name, value] : a.values)
            if (name != QLatin1String("intercept")) {
                names << name;
                values << value;
            }
        // One encoded column: its categories read better without the column's name before them.
        if (m_columns.size() == 1)
            for (QString& name : names)
                if (name.startsWith(m_columns.first() + '_'))
                    name = name.mid(m_columns.first().size() + 1);
        Eigen::VectorXd w = Eigen::Map<const Eigen::VectorXd>(values.data(), values.size());
        m_coefficients->setWeights(w, names);
        m_coefficients->setAxisLabel(a.kind == QLatin1String("coefficient")
                                         ? tr("%1 coefficient per encoded column").arg(r.models.value(shown))
                                         : tr("%1 importance per encoded column").arg(r.models.value(shown)));
    }
    // The linear model's weights on the encoded column(s) of the first feature.
    for (int m = 0; m < r.attributes.size(); ++m)
        if (modelKey(m) == QLatin1String("linear") && r.attributes[m].kind == QLatin1String("coefficient")) {
            double spread_lo = 1e300, spread_hi = -1e300;
            for (const auto& [name, value] : r.attributes[m].values)
                if (name != QLatin1String("intercept")) {
                    if (!std::isfinite(slope))
                        slope = value;
                    spread_lo = std::min(spread_lo, value);
                    spread_hi = std::max(spread_hi, value);
                }
            if (std::isfinite(slope)) {
                m_measurements[encoding == QLatin1String("onehot") ? "linear_first_coef" : "linear_slope"] = slope;
                m_measurements["linear_coef_spread"] = spread_hi - spread_lo;
            }
        }

    // Summary line.
    QStringList parts;
    for (int e = 0; e < r.encodings.size(); ++e) {
        QStringList cells;
        for (int m = 0; m < r.models.size(); ++m)
            if (std::isfinite(r.mean[e][m]))
                cells << tr("%1 %2 ± %3").arg(modelKey(m)).arg(r.mean[e][m], 0, 'f', 3).arg(r.std[e][m], 0, 'f', 3);
        if (!cells.isEmpty())
            parts << tr("<b>%1</b> (%2 col.): %3").arg(r.encodings[e]).arg(r.width[e]).arg(cells.join(", "));
    }
    QString text = tr("CV %1 over %2 rows · ").arg(scoring).arg(m_data ? m_data->rowCount() : 0) + parts.join(" · ");
    if (!r.skipped.isEmpty())
        text += " · " + r.skipped.join("; ");
    if (std::isfinite(slope) && encoding == QLatin1String("ordinal"))
        text += tr(" · linear slope per code step: %1").arg(slope, 0, 'f', 3);
    m_summary->setText(text);
    m_status->setText(tr("Done. The bars compare encodings; the right chart shows how each model's predictions follow the "
                         "categories under %1.").arg(encoding));
}

}  // namespace dslab
