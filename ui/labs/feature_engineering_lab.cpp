#include "ui/labs/feature_engineering_lab.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline.h"
#include "engine/preprocessing/expression_features.h"
#include "engine/preprocessing/feature_expression.h"
#include "engine/preprocessing/regex_extractor.h"
#include "ui/charts/category_rate_view.h"
#include "ui/charts/chart_painting.h"
#include "ui/charts/feature_bar_view.h"
#include "ui/session/training_session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

namespace dslab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

// pandas' Series.skew(): the adjusted Fisher-Pearson coefficient, NaN skipped.
double skewness(const std::vector<double>& values)
{
    std::vector<double> v;
    for (double x : values)
        if (std::isfinite(x))
            v.push_back(x);
    const auto n = static_cast<double>(v.size());
    if (n < 3)
        return kNaN;
    double mean = 0;
    for (double x : v)
        mean += x;
    mean /= n;
    double m2 = 0, m3 = 0;
    for (double x : v) {
        m2 += (x - mean) * (x - mean);
        m3 += (x - mean) * (x - mean) * (x - mean);
    }
    m2 /= n;
    m3 /= n;
    if (m2 <= 0)
        return 0;
    return std::sqrt(n * (n - 1)) / (n - 2) * m3 / std::pow(m2, 1.5);
}

std::string quoteValue(const Column& c, const std::string& value)
{
    return c.type == ColumnType::Numeric ? value : "'" + value + "'";
}

struct EvalJob {
    Dataset data;
    Vector y;
    std::vector<std::shared_ptr<Pipeline>> pipelines;  // 0 checked, 1 base, 2+k derivation k toggled
    std::vector<SplitIndices> splits;
};

const Predictor* runEvaluation(const std::shared_ptr<const EvalJob>& job, TrainContext& ctx)
{
    TrainContext c;
    c.seed = ctx.seed;
    c.threads = 1;
    c.stop = ctx.stop;
    // The folds' rows, cut once for every pipeline.
    std::vector<std::pair<Dataset, Dataset>> folds;
    for (const auto& s : job->splits)
        folds.emplace_back(job->data.selectRows(s.train), job->data.selectRows(s.test));
    for (std::size_t i = 0; i < job->pipelines.size(); ++i) {
        std::vector<double> scores;
        for (const auto& [train, test] : folds) {
            Pipeline p = job->pipelines[i]->cloneUnfitted();
            p.fit(train, c);
            if (ctx.cancelled())
                return nullptr;
            scores.push_back(accuracy(test.targetCodes(), p.predict(test)));
        }
        TrainStep s;
        s.step = static_cast<int>(i) + 1;
        s.totalSteps = static_cast<int>(job->pipelines.size());
        s.metrics["index"] = static_cast<double>(i);
        s.metrics["score"] = mean(scores);
        s.metrics["std"] = populationStd(scores);
        if (ctx.observer)
            ctx.observer->onStep(s, *job->pipelines[i]);
    }
    return nullptr;
}

}  // namespace

FeatureEngineeringLab::FeatureEngineeringLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &FeatureEngineeringLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &FeatureEngineeringLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &FeatureEngineeringLab::showError);
    buildUi();
}

FeatureEngineeringLab::~FeatureEngineeringLab()
{
    shutdown();
}

void FeatureEngineeringLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* top = new QHBoxLayout;
    auto* derivations = new QGroupBox(tr("Derived features (each adds columns to the pipeline)"), this);
    m_checkGrid = new QGridLayout(derivations);
    m_checkGrid->setContentsMargins(6, 4, 6, 4);
    m_checkGrid->setVerticalSpacing(2);
    top->addWidget(derivations, 3);
    auto* modelBox = new QGroupBox(tr("Model"), this);
    auto* form = new QFormLayout(modelBox);
    form->setContentsMargins(6, 4, 6, 4);
    m_model = new QComboBox(modelBox);
    m_model->setAccessibleName(tr("model"));
    m_preview = new QComboBox(modelBox);
    m_preview->setAccessibleName(tr("derived feature to preview"));
    form->addRow(tr("model"), m_model);
    form->addRow(tr("preview"), m_preview);
    top->addWidget(modelBox, 2);
    root->addLayout(top);

    const RunRow row = createRunRow(tr("Evaluate"), tr("Cross-validate the pipeline with and without each derived feature, on the worker"));
    m_evaluateButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("cross-validated accuracy"));
    root->addWidget(m_summary);

    auto* charts = new QSplitter(Qt::Horizontal, this);
    m_gainBars = new FeatureBarView(charts);
    m_gainBars->setAccessibleName(tr("accuracy gain per derived feature"));
    m_gainBars->setMaxDisplay(0);
    m_gainBars->setMinimumHeight(170);
    m_gainBars->setToolTip(tr("A checked derivation's bar is the accuracy lost without it; an unchecked one (+ name) "
                              "is the accuracy gained by adding it, on the same folds"));
    m_rateView = new CategoryRateView(charts);
    m_rateView->setAccessibleName(tr("positive-class rate per value of the previewed feature"));
    charts->addWidget(m_gainBars);
    charts->addWidget(m_rateView);
    charts->setStretchFactor(0, 1);
    charts->setStretchFactor(1, 1);
    root->addWidget(charts, 3);

    m_previewNote = new QLabel(this);
    m_previewNote->setWordWrap(true);
    root->addWidget(m_previewNote);
    auto* bottom = new QSplitter(Qt::Horizontal, this);
    m_previewTable = new QTableWidget(bottom);
    m_previewTable->setAccessibleName(tr("first rows of the previewed feature"));
    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewTable->verticalHeader()->setDefaultSectionSize(m_previewTable->fontMetrics().height() + 4);
    m_previewTable->horizontalHeader()->setStretchLastSection(true);
    m_json = new QPlainTextEdit(bottom);
    m_json->setReadOnly(true);
    m_json->setAccessibleName(tr("pipeline JSON"));
    m_json->setToolTip(tr("The pipeline these choices amount to: save it and run dslab-cli fit --pipeline on the raw CSV"));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono = m_json->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setPointSizeF(mono.pointSizeF() * 0.85);
    m_json->setFont(mono);
    bottom->addWidget(m_previewTable);
    bottom->addWidget(m_json);
    root->addWidget(bottom, 2);

    connect(m_model, &QComboBox::currentTextChanged, this, [this] {
        if (m_updating)
            return;
        onSelectionChanged();
    });
    connect(m_preview, &QComboBox::currentTextChanged, this, [this] {
        if (!m_updating)
            refreshPreview();
    });
}

const FeatureEngineeringLab::Derivation* FeatureEngineeringLab::find(const QString& name) const
{
    for (const auto& d : m_derivations)
        if (d.name == name)
            return &d;
    return nullptr;
}

QStringList FeatureEngineeringLab::derivationNames() const
{
    QStringList names;
    for (const auto& d : m_derivations)
        names << d.name;
    return names;
}

QStringList FeatureEngineeringLab::derived() const
{
    QStringList names;
    for (int i = 0; i < m_checks.size(); ++i)
        if (m_checks[i]->isChecked())
            names << m_derivations[static_cast<std::size_t>(i)].name;
    return names;
}

void FeatureEngineeringLab::setDerived(const QStringList& names)
{
    m_updating = true;
    for (int i = 0; i < m_checks.size(); ++i)
        m_checks[i]->setChecked(names.contains(m_derivations[static_cast<std::size_t>(i)].name));
    m_updating = false;
    onSelectionChanged();
}

void FeatureEngineeringLab::setModel(const QString& type)
{
    m_model->setCurrentText(type);
}

void FeatureEngineeringLab::setPreviewed(const QString& name)
{
    m_preview->setCurrentText(name);
}

void FeatureEngineeringLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError(QString());
    clearError();
    m_results.clear();
    m_runDerived.clear();
    m_summary->clear();
    m_gainBars->clear();
    m_derivations.clear();
    m_dataReady = false;
    try {
        for (const auto& v : preset.value("available_derivations").toArray()) {
            const QJsonObject o = v.toObject();
            Derivation d;
            d.name = o.value("name").toString();
            d.op = o.value("op").toString();
            d.from = o.value("from").toString();
            d.pattern = o.value("pattern").toString();
            d.fill = o.value("fill").toString();
            d.expression = o.value("expression").toString();
            d.kind = o.value("kind").toString();
            d.rareBelow = o.value("group_rare_below").toInt(0);
            for (const auto& c : o.value("columns").toArray())
                d.columns << c.toString();
            for (const auto& e : o.value("edges").toArray())
                d.edges << e.toDouble();
            static const QStringList ops{"regex_extract", "first_char", "expression", "log1p", "bins", "cross"};
            if (d.name.isEmpty() || !ops.contains(d.op))
                throw ParamError("derivation '" + d.name.toStdString() + "' has op '" + d.op.toStdString()
                                 + "'; the ops are regex_extract, first_char, expression, log1p, bins and cross");
            if (d.op == "cross" && d.columns.size() != 2)
                throw ParamError("derivation '" + d.name.toStdString() + "' (cross) needs two columns");
            if (d.op == "bins" && d.edges.size() < 2)
                throw ParamError("derivation '" + d.name.toStdString() + "' (bins) needs at least two edges");
            m_derivations.push_back(d);
        }
        const std::string key = preset.value("dataset").toString("titanic").toStdString();
        m_data = loadBuiltinDataset(key, m_datasetsDir.toStdString());
        if (preset.contains("target"))
            m_data.setTarget(preset.value("target").toString().toStdString());
        m_dataReady = true;
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's preset cannot be used: %1").arg(QString::fromUtf8(e.what())));
    }
    m_updating = true;
    m_model->clear();
    QStringList models;
    for (const auto& m : preset.value("model_choices").toArray())
        models << m.toString();
    const QJsonArray steps = preset.value("pipeline").toObject().value("steps").toArray();
    const QString presetModel = steps.isEmpty() ? QString() : steps.last().toObject().value("type").toString();
    if (!presetModel.isEmpty() && !models.contains(presetModel))
        models.prepend(presetModel);
    m_model->addItems(models);
    m_model->setCurrentText(preset.value("model").toString(presetModel));
    m_updating = false;
    rebuildChecklist();
    QStringList derive;
    for (const auto& v : preset.value("derive").toArray())
        derive << v.toString();
    for (const auto& name : derive)
        if (!find(name) && !hasPresetError())
            setPresetError(tr("'derive' names '%1', which is not among available_derivations").arg(name));
    m_updating = true;
    m_preview->clear();
    m_preview->addItems(derivationNames());
    const QString previewed = preset.value("preview").toString(derive.isEmpty() ? QString() : derive.last());
    m_preview->setCurrentText(previewed.isEmpty() && !m_derivations.empty() ? m_derivations.front().name : previewed);
    m_updating = false;
    setDerived(derive);
    if (!hasPresetError())
        m_status->setText(tr("%1: %2 rows. Check derived features and press Evaluate.")
                              .arg(QString::fromStdString(m_data.name))
                              .arg(m_data.rowCount()));
}

void FeatureEngineeringLab::rebuildChecklist()
{
    for (auto* c : m_checks)
        delete c;
    m_checks.clear();
    int i = 0;
    for (const auto& d : m_derivations) {
        auto* box = new QCheckBox(d.name, this);
        QString how;
        if (d.op == "regex_extract")
            how = tr("regex %1 on %2, fewer than %3 rows → Rare").arg(d.pattern, d.from).arg(d.rareBelow);
        else if (d.op == "first_char")
            how = tr("first character of %1, missing → %2").arg(d.from, d.fill);
        else if (d.op == "expression")
            how = d.expression;
        else if (d.op == "log1p")
            how = QStringLiteral("log1p(%1)").arg(d.from);
        else if (d.op == "bins")
            how = tr("%1 in bins at %2").arg(d.from, [&] {
                QStringList e;
                for (double x : d.edges)
                    e << number(x);
                return e.join(", ");
            }());
        else
            how = tr("every combination of %1").arg(d.columns.join(QStringLiteral(" × ")));
        box->setToolTip(how);
        box->setAccessibleName(tr("derive %1").arg(d.name));
        connect(box, &QCheckBox::toggled, this, [this, name = d.name](bool on) {
            if (m_updating)
                return;
            if (on) {
                m_updating = true;
                m_preview->setCurrentText(name);
                m_updating = false;
            }
            onSelectionChanged();
        });
        m_checkGrid->addWidget(box, i / 2, i % 2);
        m_checks << box;
        ++i;
    }
}

// The derivation's expression with the names of other expression derivations
// replaced by their own expressions, so it stands on the table's columns.
static QString expandedExpression(const std::vector<FeatureEngineeringLab::Derivation>& all, const QString& text, int depth = 0)
{
    if (depth > 8)
        throw ParamError("derivation expressions refer to each other in a loop: '" + text.toStdString() + "'");
    QString out = text;
    for (const auto& d : all) {
        if (d.op != "expression" || !out.contains(d.name))
            continue;
        const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(d.name)));
        if (out.contains(word))
            out.replace(word, QStringLiteral("(%1)").arg(expandedExpression(all, d.expression, depth + 1)));
    }
    return out;
}

FeatureEngineeringLab::Values FeatureEngineeringLab::valuesOf(const Derivation& d) const
{
    Values v;
    TrainContext ctx;
    if (d.op == "regex_extract" || d.op == "first_char") {
        RegexExtractor ex;
        ex.setParam("pattern", d.op == "first_char" ? std::string("^(.)") : d.pattern.toStdString());
        ex.setParam("group_rare_below", static_cast<long long>(d.rareBelow));
        ex.setParam("fill", d.fill.toStdString());
        const Dataset sub = m_data.selectColumns({d.from.toStdString()});
        ex.fit(sub, nullptr, ctx);
        for (const auto& s : ex.extract(sub, d.from.toStdString()))
            v.categories << QString::fromStdString(s);
        v.inputs << d.from;
        return v;
    }
    if (d.op == "expression" || d.op == "log1p") {
        const QString text = d.op == "log1p" ? QStringLiteral("log1p(%1)").arg(d.from) : expandedExpression(m_derivations, d.expression);
        ExpressionFeatures ef;
        ef.setFeatures({{d.name.toStdString(), text.toStdString()}});
        ef.fit(m_data, nullptr, ctx);
        const Matrix X = ef.transform(m_data);
        v.numeric = true;
        v.numbers.assign(X.data(), X.data() + X.rows());
        for (const auto& n : ef.inputColumns())
            v.inputs << QString::fromStdString(n);
        return v;
    }
    if (d.op == "bins") {
        const Column& c = m_data.column(d.from.toStdString());
        if (c.type != ColumnType::Numeric)
            throw DataError("derivation '" + d.name.toStdString() + "': column '" + d.from.toStdString() + "' is not numeric");
        for (std::size_t r = 0; r < c.size(); ++r) {
            QString label;
            for (int k = 0; k + 1 < d.edges.size(); ++k)
                if (c.numbers[r] > d.edges[k] && c.numbers[r] <= d.edges[k + 1])
                    label = QStringLiteral("(%1, %2]").arg(number(d.edges[k]), number(d.edges[k + 1]));
            v.categories << label;
        }
        v.inputs << d.from;
        return v;
    }
    // cross
    const Column& a = m_data.column(d.columns[0].toStdString());
    const Column& b = m_data.column(d.columns[1].toStdString());
    for (std::size_t r = 0; r < a.size(); ++r)
        v.categories << ((a.isMissing(r) || b.isMissing(r)) ? QString()
                                                              : QString::fromStdString(a.cellText(r) + "_" + b.cellText(r)));
    v.inputs = d.columns;
    return v;
}

QJsonObject FeatureEngineeringLab::specFor(const QStringList& names) const
{
    QJsonObject spec = m_preset.value("pipeline").toObject();
    QJsonArray steps = spec.value("steps").toArray();
    if (steps.size() < 2 || steps.first().toObject().value("type").toString() != "ColumnTransformer")
        throw ParamError("the preset's pipeline must start with a ColumnTransformer and end with a model");
    QJsonObject ct = steps.first().toObject();
    QJsonArray transformers;
    const QJsonObject base = m_preset.value("base_columns").toObject();
    for (const auto& t : ct.value("transformers").toArray()) {
        QJsonArray entry = t.toArray();
        if (entry.size() == 3 && entry[2].isString() && base.contains(entry[2].toString()))
            entry[2] = base.value(entry[2].toString());
        transformers.append(entry);
    }
    QJsonArray features;
    QStringList emitted, inputs;
    auto addFeature = [&](const QString& name, const QString& text) {
        features.append(QJsonArray{name, text});
        const FeatureExpression parsed(text.toStdString());
        for (const auto& n : parsed.names()) {
            const QString q = QString::fromStdString(n);
            if (!emitted.contains(q) && !inputs.contains(q))
                inputs << q;
        }
        emitted << name;
    };
    for (const auto& d : m_derivations) {
        if (!names.contains(d.name))
            continue;
        if (d.op == "regex_extract" || d.op == "first_char") {
            QJsonObject step{{"type", "RegexExtractor"},
                             {"pattern", d.op == "first_char" ? QStringLiteral("^(.)") : d.pattern}};
            if (d.rareBelow > 0)
                step.insert("group_rare_below", d.rareBelow);
            if (!d.fill.isEmpty())
                step.insert("fill", d.fill);
            transformers.append(QJsonArray{d.name, step, QJsonArray{d.from}});
        } else if (d.op == "expression") {
            // An earlier checked derivation is used by name; an unchecked one is written out.
            QString text = d.expression;
            for (const auto& other : m_derivations)
                if (other.op == "expression" && other.name != d.name && !emitted.contains(other.name)) {
                    const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(other.name)));
                    if (text.contains(word))
                        text.replace(word, QStringLiteral("(%1)").arg(expandedExpression(m_derivations, other.expression)));
                }
            addFeature(d.name, text);
        } else if (d.op == "log1p") {
            addFeature(d.name, QStringLiteral("log1p(%1)").arg(d.from));
        } else if (d.op == "bins") {
            // One 0/1 column per bin (pandas' cut, right-closed), a one-hot of the bins.
            for (int k = 0; k + 1 < d.edges.size(); ++k)
                addFeature(QStringLiteral("%1_%2_%3").arg(d.name, number(d.edges[k]), number(d.edges[k + 1])),
                           QStringLiteral("(%1 > %2) * (%1 <= %3)").arg(d.from, number(d.edges[k]), number(d.edges[k + 1])));
        } else {  // cross: one 0/1 column per combination of the two columns' values
            const Column& a = m_data.column(d.columns[0].toStdString());
            const Column& b = m_data.column(d.columns[1].toStdString());
            for (const auto& va : a.distinctValues())
                for (const auto& vb : b.distinctValues())
                    addFeature(QString::fromStdString(d.name.toStdString() + "_" + va + "_" + vb),
                               QString::fromStdString("(" + a.name + " == " + quoteValue(a, va) + ") * (" + b.name + " == "
                                                      + quoteValue(b, vb) + ")"));
        }
    }
    if (!features.isEmpty()) {
        QJsonArray inputList;
        for (const auto& n : inputs)
            inputList.append(n);
        transformers.append(QJsonArray{
            "derived",
            QJsonObject{{"type", "Pipeline"},
                        {"steps", QJsonArray{QJsonObject{{"type", "ExpressionFeatures"}, {"features", features}},
                                             QJsonObject{{"type", "SimpleImputer"}, {"strategy", "median"}},
                                             QJsonObject{{"type", "StandardScaler"}}}}},
            inputList});
    }
    ct.insert("transformers", transformers);
    steps[0] = ct;
    const QString model = m_model->currentText();
    if (!model.isEmpty() && steps.last().toObject().value("type").toString() != model) {
        QJsonObject m{{"type", model}};
        if (model == "RandomForestClassifier")
            m.insert("n_estimators", 100);
        steps[steps.size() - 1] = m;
    }
    spec.insert("steps", steps);
    return spec;
}

QString FeatureEngineeringLab::pipelineJson() const
{
    return m_json->toPlainText();
}

void FeatureEngineeringLab::onSelectionChanged()
{
    if (!m_dataReady)
        return;
    clearError();
    try {
        const QJsonObject spec = specFor(derived());
        pipelineFromPreset(spec, m_preset.value("pipeline_params").toObject());  // names a bad step now
        // Two-space indent keeps the nested ColumnTransformer readable in a narrow pane.
        const std::string text = nlohmann::json::parse(QJsonDocument(spec).toJson().toStdString()).dump(2);
        m_json->setPlainText(QString::fromStdString(text));
        computeRelations();
    } catch (const std::exception& e) {
        showError(tr("The pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
    }
    refreshPreview();
    if (!m_runDerived.isEmpty() || !m_results.isEmpty())
        m_status->setText(derived() == m_runDerived ? m_status->text()
                                                    : tr("The checked features changed: press Evaluate to measure them."));
}

namespace {

struct Relation {
    QStringList categories;
    std::vector<double> rates;
    std::vector<int> counts;
};

// Positive-class rate per category (sorted, missing last as "nan"), per
// value of a number with few values, or per quintile bin of a number.
Relation relationOf(const FeatureEngineeringLab::Values& v, const Vector& y)
{
    Relation out;
    std::map<QString, std::pair<double, int>> byCategory;
    std::map<double, std::pair<double, int>> byNumber;
    const auto n = static_cast<std::size_t>(y.size());
    if (!v.numeric) {
        for (std::size_t r = 0; r < n; ++r) {
            auto& [sum, count] = byCategory[v.categories[static_cast<int>(r)]];
            sum += y(static_cast<Eigen::Index>(r));
            ++count;
        }
        for (const auto& [key, sc] : byCategory) {
            if (key.isEmpty())
                continue;
            out.categories << key;
            out.rates.push_back(sc.first / sc.second);
            out.counts.push_back(sc.second);
        }
        if (const auto it = byCategory.find(QString()); it != byCategory.end()) {
            out.categories << QStringLiteral("nan");
            out.rates.push_back(it->second.first / it->second.second);
            out.counts.push_back(it->second.second);
        }
        return out;
    }
    std::set<double> distinct;
    for (double x : v.numbers)
        if (std::isfinite(x))
            distinct.insert(x);
    if (distinct.size() <= 12) {
        for (std::size_t r = 0; r < n; ++r)
            if (std::isfinite(v.numbers[r])) {
                auto& [sum, count] = byNumber[v.numbers[r]];
                sum += y(static_cast<Eigen::Index>(r));
                ++count;
            }
        for (const auto& [key, sc] : byNumber) {
            out.categories << number(key);
            out.rates.push_back(sc.first / sc.second);
            out.counts.push_back(sc.second);
        }
        return out;
    }
    std::vector<double> edges;
    for (double q : {0.2, 0.4, 0.6, 0.8})
        edges.push_back(quantile(v.numbers, q));
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    std::vector<std::pair<double, int>> bins(edges.size() + 1, {0.0, 0});
    for (std::size_t r = 0; r < n; ++r) {
        if (!std::isfinite(v.numbers[r]))
            continue;
        const auto b = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), v.numbers[r]) - edges.begin());
        bins[b].first += y(static_cast<Eigen::Index>(r));
        ++bins[b].second;
    }
    for (std::size_t b = 0; b < bins.size(); ++b) {
        if (bins[b].second == 0)
            continue;
        out.categories << (b == 0 ? QStringLiteral("< %1").arg(formatNumber(edges[0], 3))
                                  : QStringLiteral("≥ %1").arg(formatNumber(edges[b - 1], 3)));
        out.rates.push_back(bins[b].first / bins[b].second);
        out.counts.push_back(bins[b].second);
    }
    return out;
}

}  // namespace

void FeatureEngineeringLab::computeRelations()
{
    m_relations.clear();
    if (!m_dataReady || !m_data.hasTarget())
        return;
    const Vector y = m_data.targetCodes();
    for (const auto& name : derived()) {
        const Derivation& d = *find(name);
        const Values v = valuesOf(d);
        const Relation rel = relationOf(v, y);
        for (int i = 0; i < rel.categories.size(); ++i)
            m_relations[QStringLiteral("rate_%1_%2").arg(name, rel.categories[i])] = rel.rates[static_cast<std::size_t>(i)];
        if (v.numeric) {
            const double s = skewness(v.numbers);
            if (std::isfinite(s))
                m_relations["skew_" + name] = s;
            if (v.inputs.size() == 1 && m_data.column(v.inputs[0].toStdString()).type == ColumnType::Numeric) {
                const double source = skewness(m_data.column(v.inputs[0].toStdString()).numbers);
                if (std::isfinite(source))
                    m_relations["skew_" + name + "_source"] = source;
            }
        }
    }
}

void FeatureEngineeringLab::refreshPreview()
{
    m_previewTable->clear();
    m_rateView->clear();
    m_previewNote->clear();
    const Derivation* d = find(m_preview->currentText());
    if (!d || !m_dataReady || !m_data.hasTarget())
        return;
    try {
        const Values v = valuesOf(*d);
        const Vector y = m_data.targetCodes();
        const Relation rel = relationOf(v, y);
        const QString target = QString::fromStdString(m_data.targetName());
        m_rateView->setRates(rel.categories, rel.rates, rel.counts, y.mean(),
                             tr("%1 = %2 rate per %3%4")
                                 .arg(target, QString::fromStdString(m_data.classLabels().back()), d->name,
                                      v.numeric && rel.categories.size() > 0 && rel.categories[0].startsWith('<')
                                          ? tr(" quintile")
                                          : QString()));
        // The derived value and the target first, then the columns it reads.
        QStringList headers{d->name, target};
        headers << v.inputs;
        const int rows = std::min<int>(8, static_cast<int>(m_data.rowCount()));
        m_previewTable->setColumnCount(static_cast<int>(headers.size()));
        m_previewTable->setRowCount(rows);
        m_previewTable->setHorizontalHeaderLabels(headers);
        for (int r = 0; r < rows; ++r) {
            const auto row = static_cast<std::size_t>(r);
            auto* derivedItem = new QTableWidgetItem(v.numeric ? QString::number(v.numbers[row], 'g', 4)
                                                                : (v.categories[r].isEmpty() ? QStringLiteral("nan") : v.categories[r]));
            QFont bold = derivedItem->font();
            bold.setBold(true);
            derivedItem->setFont(bold);
            m_previewTable->setItem(r, 0, derivedItem);
            m_previewTable->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(m_data.column(m_data.targetName()).cellText(row))));
            int c = 2;
            for (const auto& in : v.inputs)
                m_previewTable->setItem(r, c++, new QTableWidgetItem(QString::fromStdString(m_data.column(in.toStdString()).cellText(row))));
        }
        m_previewTable->resizeColumnsToContents();
        for (int c = 0; c < m_previewTable->columnCount(); ++c)
            m_previewTable->setColumnWidth(c, std::min(m_previewTable->columnWidth(c), 200));
        QString note = tr("<b>%1</b>: %2 values").arg(d->name).arg(v.numeric ? tr("numeric") : tr("categorical"));
        if (v.numeric) {
            const double s = skewness(v.numbers);
            note += tr(", skewness %1").arg(s, 0, 'f', 2);
            if (v.inputs.size() == 1 && m_data.column(v.inputs[0].toStdString()).type == ColumnType::Numeric)
                note += tr(" (%1: %2)").arg(v.inputs[0]).arg(skewness(m_data.column(v.inputs[0].toStdString()).numbers), 0, 'f', 2);
        } else {
            note += tr(", %1 categories").arg(rel.categories.size());
        }
        note += tr(" · dashed line: all rows, %1%").arg(y.mean() * 100, 0, 'f', 0);
        if (!derived().contains(d->name))
            note += tr(" · not checked, so not in the pipeline");
        m_previewNote->setText(note);
    } catch (const std::exception& e) {
        showError(tr("Cannot preview %1: %2").arg(d->name, QString::fromUtf8(e.what())));
    }
}

void FeatureEngineeringLab::evaluate()
{
    m_session->stopAndJoin();
    clearError();
    if (!m_dataReady || hasPresetError())
        return;
    auto job = std::make_shared<EvalJob>();
    const QStringList checked = derived();
    try {
        const QJsonObject params = m_preset.value("pipeline_params").toObject();
        job->pipelines.push_back(std::make_shared<Pipeline>(pipelineFromPreset(specFor(checked), params)));
        job->pipelines.push_back(std::make_shared<Pipeline>(pipelineFromPreset(specFor({}), params)));
        for (const auto& d : m_derivations) {
            QStringList toggled = checked;
            if (toggled.contains(d.name))
                toggled.removeAll(d.name);
            else
                toggled << d.name;
            job->pipelines.push_back(std::make_shared<Pipeline>(pipelineFromPreset(specFor(toggled), params)));
        }
        const QJsonObject cv = m_preset.value("cv").toObject();
        const StratifiedKFold folds(cv.value("n_splits").toInt(5), cv.value("shuffle").toBool(true),
                                    static_cast<std::uint64_t>(cv.value("random_state").toInt(0)));
        job->y = m_data.targetCodes();
        job->splits = folds.split(static_cast<Eigen::Index>(m_data.rowCount()), &job->y);
        job->data = m_data;
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    m_results.clear();
    m_gains.assign(m_derivations.size(), kNaN);
    m_runDerived = checked;
    m_gainBars->clear();
    m_summary->clear();
    m_session->start([job](TrainContext& ctx) { return runEvaluation(job, ctx); }, 0);
    m_evaluateButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Cross-validating %1 pipelines (%2 folds each) on the worker…")
                          .arg(job->pipelines.size())
                          .arg(job->splits.size()));
}

void FeatureEngineeringLab::onSteps(const QList<TrainStep>& steps)
{
    for (const TrainStep& s : steps) {
        const int index = static_cast<int>(s.metrics.at("index"));
        const double score = s.metrics.at("score");
        const double sd = s.metrics.at("std");
        if (index == 0) {
            m_results["cv_score"] = score;
            m_results["cv_std"] = sd;
        } else if (index == 1) {
            m_results["base_score"] = score;
            m_results["base_std"] = sd;
        } else {
            const auto k = static_cast<std::size_t>(index - 2);
            const double current = m_results.value("cv_score");
            const bool on = m_runDerived.contains(m_derivations[k].name);
            m_gains[k] = on ? current - score : score - current;
            m_results["gain_" + m_derivations[k].name] = m_gains[k];
        }
        m_status->setText(tr("Cross-validated %1 of %2 pipelines…").arg(s.step).arg(s.totalSteps));
    }
    drawGains();
    if (!m_results.contains("base_score"))
        return;
    const QString with = m_runDerived.isEmpty() ? tr("no derived features") : m_runDerived.join(QStringLiteral(", "));
    const double gain = m_results["cv_score"] - m_results["base_score"];
    m_summary->setText(tr("%1 with <b>%2</b>: CV accuracy <b>%3</b> ± %4 · base features only: %5 ± %6 · "
                          "gain <b>%7%8</b> (fold spread %4)")
                           .arg(m_model->currentText(), with)
                           .arg(m_results["cv_score"], 0, 'f', 4)
                           .arg(m_results["cv_std"], 0, 'f', 4)
                           .arg(m_results["base_score"], 0, 'f', 4)
                           .arg(m_results["base_std"], 0, 'f', 4)
                           .arg(gain >= 0 ? QStringLiteral("+") : QString())
                           .arg(gain, 0, 'f', 4));
}

void FeatureEngineeringLab::drawGains()
{
    QStringList names;
    std::vector<double> values;
    std::vector<bool> on;
    for (std::size_t k = 0; k < m_derivations.size(); ++k)
        if (k < m_gains.size() && std::isfinite(m_gains[k])) {
            const bool checked = m_runDerived.contains(m_derivations[k].name);
            names << (checked ? m_derivations[k].name : tr("+ %1").arg(m_derivations[k].name));
            values.push_back(m_gains[k]);
            on.push_back(checked);
        }
    if (values.empty())
        return;
    m_gainBars->setValues(FeatureBarView::Mode::Signed, Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size())),
                          Eigen::VectorXd::Zero(static_cast<Eigen::Index>(values.size())), names);
    m_gainBars->setHighlighted(on);
    m_gainBars->setAxisLabel(tr("CV accuracy gain (coloured = checked)"));
}

void FeatureEngineeringLab::onFinished(bool cancelled)
{
    errorShown();
    if (hasError())
        return;
    m_status->setText(cancelled ? tr("Cancelled: the pipelines measured so far are shown.")
                                : tr("Done: every pipeline was cross-validated on the same %1 folds.")
                                      .arg(m_preset.value("cv").toObject().value("n_splits").toInt(5)));
}

QMap<QString, double> FeatureEngineeringLab::measurements() const
{
    QMap<QString, double> out = m_relations;
    for (auto it = m_results.begin(); it != m_results.end(); ++it)
        if (std::isfinite(it.value()))
            out.insert(it.key(), it.value());
    out["n_derived"] = static_cast<double>(derived().size());
    return out;
}

}  // namespace dslab
