#include "ui/labs/preprocessing_steps_lab.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/split.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/pipeline/pipeline.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/pipeline/table_transformer.h"
#include "engine/preprocessing/category_table.h"
#include "ui/session/training_session.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace dslab {

using nlohmann::json;

namespace {

constexpr int kPreviewRows = 12;
const QStringList kSwitchable{"impute", "encode", "transform_scale"};

// Which stage a step belongs to.
QString stageOf(const std::string& type)
{
    if (type == "SimpleImputer" || type == "KNNImputer" || type == "MissingIndicator")
        return "impute";
    if (type == "OneHotEncoder" || type == "OrdinalEncoder" || type == "FrequencyEncoder" || type == "TargetEncoder")
        return "encode";
    return "transform_scale";
}

bool isTableStep(const std::string& type)
{
    return stageOf(type) == "encode";
}

// A column as the lab shows it: numbers or text, every row.
struct DisplayColumn {
    std::string name;
    bool numeric = true;
    std::vector<double> numbers;
    std::vector<std::string> strings;
    std::vector<unsigned char> missing;
    bool isMissing(std::size_t r) const { return numeric ? std::isnan(numbers[r]) : missing[r] != 0; }
};

DisplayColumn fromColumn(const Column& c)
{
    DisplayColumn d;
    d.name = c.name;
    d.numeric = c.type == ColumnType::Numeric;
    if (d.numeric) {
        d.numbers = c.numbers;
    } else {
        d.strings = c.strings;
        d.missing = c.missing;
    }
    return d;
}

}  // namespace

struct PreprocessingStepsLab::StageView {
    QString name;
    QString error;  // why this stage cannot be computed with these settings
    std::vector<DisplayColumn> columns;
};

struct PreprocessingStepsLab::Result {
    std::vector<StageView> stages;
    QString modelError;
    std::map<std::string, double> measurements;
};

namespace {

using Result = PreprocessingStepsLab::Result;
using StageView = PreprocessingStepsLab::StageView;

struct Job {
    Dataset all, train, test;
    json spec;  // {"steps": [ColumnTransformer, model]}
    QStringList stages;
    QStringList off;
};

// Column problems, measured on every row of the stage's table.
void measureStage(StageView& view, std::map<std::string, double>& m)
{
    const std::string s = view.name.toStdString() + "__";
    double missingCells = 0;
    m[s + "columns"] = static_cast<double>(view.columns.size());
    for (const auto& c : view.columns) {
        const std::size_t n = c.numeric ? c.numbers.size() : c.strings.size();
        double missing = 0;
        for (std::size_t r = 0; r < n; ++r)
            missing += c.isMissing(r) ? 1 : 0;
        missingCells += missing;
        if (missing > 0)
            m[s + "missing__" + c.name] = missing;
        if (!c.numeric) {
            std::set<std::string> distinct;
            for (std::size_t r = 0; r < n; ++r)
                if (!c.isMissing(r))
                    distinct.insert(c.strings[r]);
            m[s + "distinct__" + c.name] = static_cast<double>(distinct.size());
            continue;
        }
        std::vector<double> v;
        for (double x : c.numbers)
            if (std::isfinite(x))
                v.push_back(x);
        if (std::set<double>(v.begin(), v.end()).size() <= 2 || v.size() < 3)
            continue;  // flags and one-hot columns have no skew or outliers to speak of
        const auto k = static_cast<double>(v.size());
        double mean = 0;
        for (double x : v)
            mean += x;
        mean /= k;
        double m2 = 0, m3 = 0, maxAbs = 0;
        for (double x : v) {
            m2 += (x - mean) * (x - mean);
            m3 += (x - mean) * (x - mean) * (x - mean);
        }
        m2 /= k;
        m3 /= k;
        const double sd = std::sqrt(m2);
        if (sd <= 0)
            continue;
        double outliers = 0, maxZ = 0;
        for (double x : v) {
            const double z = (x - mean) / sd;
            outliers += std::abs(z) > 3 ? 1 : 0;
            maxZ = std::max(maxZ, z);
            maxAbs = std::max(maxAbs, std::abs(z));
        }
        // pandas' skew(): the adjusted Fisher-Pearson coefficient.
        m[s + "skew__" + c.name] = std::sqrt(k * (k - 1)) / (k - 2) * m3 / std::pow(m2, 1.5);
        m[s + "max_z__" + c.name] = maxZ;
        m[s + "outliers__" + c.name] = outliers;
    }
    m[s + "missing_cells"] = missingCells;
}

// The ColumnTransformer with each branch cut after `stage`'s steps. Branches
// whose columns are still text (no encoder yet) are returned in textBranches
// with the fill their imputers learned, for display as text.
StageView computeStage(const Job& job, const QString& stage)
{
    StageView view;
    view.name = stage;
    const int upTo = job.stages.indexOf(stage);
    const json& ctSpec = job.spec.at("steps").at(0);
    if (stage == "raw") {
        for (const auto& name : job.all.featureNames())
            view.columns.push_back(fromColumn(job.all.column(name)));
        return view;
    }
    // Which columns the transformers select (by name or dtype), in order.
    auto selectedColumns = [&](const json& cols) {
        StringList out;
        if (cols.is_string())
            return StringList{cols.get<std::string>()};
        if (cols.is_array())
            return cols.get<StringList>();
        const json d = cols.at("dtype");
        const json list = d.is_array() ? d : json::array({d});
        for (const auto& name : job.all.featureNames())
            for (const auto& t : list)
                if (columnTypeName(job.all.column(name).type) == t.get<std::string>())
                    out.push_back(name);
        return out;
    };
    const bool passthrough = ctSpec.value("remainder", std::string("drop")) == "passthrough";
    if (stage == "drop_columns") {
        std::set<std::string> kept;
        for (const auto& t : ctSpec.at("transformers"))
            if (!(t[1].is_string() && t[1].get<std::string>() == "drop"))
                for (const auto& c : selectedColumns(t[2]))
                    kept.insert(c);
        for (const auto& name : job.all.featureNames())
            if (kept.count(name) || passthrough)
                view.columns.push_back(fromColumn(job.all.column(name)));
        return view;
    }
    json ct = ctSpec;
    json transformers = json::array();
    std::vector<DisplayColumn> text;
    for (const auto& t : ctSpec.at("transformers")) {
        if (t[1].is_string()) {
            transformers.push_back(t);
            continue;
        }
        const bool nested = t[1].is_object() && t[1].value("type", std::string()) == "Pipeline";
        const json steps = nested ? t[1].at("steps") : json::array({t[1]});
        json kept = json::array();
        bool hasTable = false, hasImputer = false;
        for (const auto& st : steps) {
            const std::string type = st.at("type").get<std::string>();
            if (job.stages.indexOf(stageOf(type)) > upTo)
                continue;
            kept.push_back(st);
            hasTable = hasTable || isTableStep(type);
            hasImputer = hasImputer || stageOf(type) == "impute";
        }
        const StringList cols = selectedColumns(t[2]);
        bool allNumeric = true;
        for (const auto& c : cols)
            allNumeric = allNumeric && job.all.hasColumn(c) && job.all.column(c).type == ColumnType::Numeric;
        if (!hasTable && !allNumeric) {
            // Text not encoded yet: shown as text, its gaps filled with the
            // training rows' most frequent category once the imputer is reached.
            for (const auto& c : cols) {
                DisplayColumn d = fromColumn(job.all.column(c));
                if (hasImputer && !d.numeric) {
                    const CategoryTable table = learnCategories(job.train.column(c));
                    std::size_t best = 0;
                    for (std::size_t i = 1; i < table.values.size(); ++i)
                        if (table.counts[i] > table.counts[best])
                            best = i;
                    for (std::size_t r = 0; r < d.strings.size(); ++r)
                        if (d.missing[r] && !table.values.empty()) {
                            d.strings[r] = table.values[best];
                            d.missing[r] = 0;
                        }
                }
                text.push_back(std::move(d));
            }
            continue;
        }
        json entry = t;
        entry[1] = kept.empty() ? json("passthrough") : json{{"type", "Pipeline"}, {"steps", kept}};
        transformers.push_back(entry);
    }
    ct["transformers"] = transformers;
    if (passthrough)
        ct["remainder"] = "passthrough";
    try {
        auto component = componentFromJson(ct);
        auto& table = dynamic_cast<TableTransformer&>(*component);
        TrainContext ctx;
        const Vector y = job.train.targetCodes();
        table.fit(job.train, &y, ctx);
        const Matrix X = table.transform(job.all);
        const StringList names = table.featureNamesOut();
        for (Eigen::Index j = 0; j < X.cols(); ++j) {
            DisplayColumn d;
            d.name = names[static_cast<std::size_t>(j)];
            d.numbers.assign(X.col(j).data(), X.col(j).data() + X.rows());
            view.columns.push_back(std::move(d));
        }
    } catch (const std::exception& e) {
        view.error = QString::fromUtf8(e.what());
    }
    for (auto& d : text)
        view.columns.push_back(std::move(d));
    return view;
}

const Predictor* runStages(const std::shared_ptr<const Job>& job, const std::shared_ptr<Result>& out, TrainContext& ctx)
{
    Result r;
    for (const auto& stage : job->stages) {
        if (ctx.cancelled())
            return nullptr;
        if (stage == "model")
            continue;
        StageView view = computeStage(*job, stage);
        if (view.error.isEmpty())
            measureStage(view, r.measurements);
        r.stages.push_back(std::move(view));
    }
    // The fills the numeric imputers learned: a cell missing in raw, read after impute.
    for (const auto& v : r.stages)
        if (v.name == "impute" && v.error.isEmpty())
            for (const auto& c : v.columns) {
                if (!c.numeric)
                    continue;
                const auto split = c.name.find("__");
                const std::string raw = split == std::string::npos ? c.name : c.name.substr(split + 2);
                if (!job->all.hasColumn(raw) || job->all.column(raw).type != ColumnType::Numeric)
                    continue;
                const auto& source = job->all.column(raw).numbers;
                for (std::size_t i = 0; i < source.size(); ++i)
                    if (std::isnan(source[i]) && std::isfinite(c.numbers[i])) {
                        r.measurements["impute_fill__" + raw] = c.numbers[i];
                        break;
                    }
            }
    if (job->stages.contains("model")) {
        StageView model;
        model.name = "model";
        try {
            TrainContext c;
            c.seed = ctx.seed;
            c.stop = ctx.stop;
            Pipeline p = pipelineFromJson(job->spec);
            p.fit(job->train, c);
            if (ctx.cancelled())
                return nullptr;
            const Vector truth = job->test.targetCodes();
            r.measurements["test_accuracy"] = accuracy(truth, p.predict(job->test));
            r.measurements["n_features"] = static_cast<double>(p.featuresFor(job->test).cols());
            Pipeline dummy = pipelineFromJson(json{{"steps", json::array({job->spec["steps"][0],
                                                                           json{{"type", "DummyClassifier"}, {"strategy", "most_frequent"}}})}});
            dummy.fit(job->train, c);
            r.measurements["baseline_accuracy"] = accuracy(truth, dummy.predict(job->test));
        } catch (const std::exception& e) {
            r.modelError = QString::fromUtf8(e.what());
        }
        r.stages.push_back(std::move(model));
    }
    *out = std::move(r);
    return nullptr;
}

}  // namespace

PreprocessingStepsLab::PreprocessingStepsLab(const QString& datasetsDir, QWidget* parent)
    : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::finished, this, &PreprocessingStepsLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &PreprocessingStepsLab::showError);
    buildUi();
}

PreprocessingStepsLab::~PreprocessingStepsLab()
{
    shutdown();
}

void PreprocessingStepsLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* strip = new QHBoxLayout;
    strip->setSpacing(2);
    m_stageGroup = new QButtonGroup(this);
    m_stageGroup->setExclusive(true);
    root->addLayout(strip);
    auto* switches = new QHBoxLayout;
    switches->addWidget(new QLabel(tr("stages on:"), this));
    for (const auto& s : kSwitchable) {
        auto* box = new QCheckBox(s, this);
        box->setChecked(true);
        box->setAccessibleName(tr("stage %1 switched on").arg(s));
        box->setToolTip(tr("Switch the %1 steps off to see what breaks").arg(s));
        connect(box, &QCheckBox::toggled, this, [this] { knobChanged(); });
        switches->addWidget(box);
        m_stageOn << box;
    }
    switches->addStretch(1);
    root->addLayout(switches);
    auto* knobs = new QHBoxLayout;
    m_strategy = new QComboBox(this);
    m_strategy->addItems({"median", "mean", "most_frequent"});
    m_strategy->setAccessibleName(tr("SimpleImputer strategy of the numeric columns"));
    m_indicator = new QCheckBox(tr("add_indicator"), this);
    m_indicator->setToolTip(tr("Add a 0/1 column marking the rows whose value was missing"));
    m_fare = new QComboBox(this);
    m_fare->addItems({"log1p", "none"});
    m_fare->setAccessibleName(tr("fare transform"));
    m_remainder = new QComboBox(this);
    m_remainder->addItems({"drop", "passthrough"});
    m_remainder->setAccessibleName(tr("remainder"));
    knobs->addWidget(new QLabel(tr("impute:"), this));
    knobs->addWidget(m_strategy);
    knobs->addWidget(m_indicator);
    knobs->addWidget(new QLabel(tr("fare:"), this));
    knobs->addWidget(m_fare);
    knobs->addWidget(new QLabel(tr("remainder:"), this));
    knobs->addWidget(m_remainder);
    knobs->addStretch(1);
    root->addLayout(knobs);
    for (auto* combo : {m_strategy, m_fare, m_remainder})
        connect(combo, &QComboBox::currentTextChanged, this, [this] { knobChanged(); });
    connect(m_indicator, &QCheckBox::toggled, this, [this] { knobChanged(); });

    const RunRow row = createRunRow(tr("Run stages"), tr("Fit every stage on the training rows, on the worker"));
    m_runButton = row.run;
    m_cancelButton = row.cancel;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("stage summary"));
    root->addWidget(m_summary);
    m_problems = createSummaryLabel(tr("highlighted problems"));
    root->addWidget(m_problems);
    m_table = new QTableWidget(this);
    m_table->setAccessibleName(tr("the stage's table, first rows"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 4);
    root->addWidget(m_table, 1);
    connect(m_stageGroup, &QButtonGroup::idClicked, this, [this](int) { showStage(); });
}

void PreprocessingStepsLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError(QString());
    clearError();
    m_result.reset();
    m_measurements.clear();
    m_dataReady = false;
    m_stages.clear();
    for (const auto& s : preset.value("stages").toArray())
        m_stages << s.toString();
    if (m_stages.isEmpty())
        m_stages = QStringList{"raw", "drop_columns", "impute", "encode", "transform_scale", "model"};
    m_highlight.clear();
    for (const auto& h : preset.value("highlight").toArray())
        m_highlight << h.toString();
    for (auto* b : m_stageButtons)
        delete b;
    m_stageButtons.clear();
    auto* strip = qobject_cast<QHBoxLayout*>(static_cast<QVBoxLayout*>(layout())->itemAt(0)->layout());
    for (int i = 0; i < m_stages.size(); ++i) {
        auto* b = new QPushButton(QStringLiteral("%1 %2%3").arg(i + 1).arg(m_stages[i], i + 1 < m_stages.size() ? QStringLiteral(" →") : QString()), this);
        b->setCheckable(true);
        b->setAccessibleName(tr("stage %1").arg(m_stages[i]));
        m_stageGroup->addButton(b, i);
        strip->addWidget(b);
        m_stageButtons << b;
    }
    m_updating = true;
    const QJsonObject params = preset.value("pipeline_params").toObject();
    m_strategy->setCurrentText(params.value("SimpleImputer__strategy").toString("median"));
    // The preset pipeline's own numeric imputer setting, unless pipeline_params overrides it.
    bool indicator = false;
    QString remainder = "drop";
    bool hasFunction = false;
    const QJsonArray steps = preset.value("pipeline").toObject().value("steps").toArray();
    if (!steps.isEmpty()) {
        const QJsonObject ct = steps.first().toObject();
        remainder = ct.value("remainder").toString("drop");
        for (const auto& t : ct.value("transformers").toArray())
            for (const auto& st : t.toArray().at(1).toObject().value("steps").toArray()) {
                const QJsonObject o = st.toObject();
                if (o.value("type").toString() == "SimpleImputer" && o.value("add_indicator").toBool())
                    indicator = true;
                if (o.value("type").toString() == "SimpleImputer" && o.contains("strategy") && !params.contains("SimpleImputer__strategy")
                    && o.value("strategy").toString() != "most_frequent")
                    m_strategy->setCurrentText(o.value("strategy").toString());
                hasFunction = hasFunction || o.value("type").toString() == "FunctionTransformer";
            }
    }
    m_indicator->setChecked(params.contains("SimpleImputer__add_indicator") ? params.value("SimpleImputer__add_indicator").toBool() : indicator);
    m_fare->setCurrentText(preset.value("fare_transform").toString(hasFunction ? "log1p" : "none"));
    m_remainder->setCurrentText(preset.value("remainder").toString(remainder));
    QStringList off;
    for (const auto& s : preset.value("stages_off").toArray())
        off << s.toString();
    for (int i = 0; i < m_stageOn.size(); ++i)
        m_stageOn[i]->setChecked(!off.contains(kSwitchable[i]));
    const int shown = std::max<int>(0, static_cast<int>(m_stages.indexOf(preset.value("stage").toString(m_stages.first()))));
    if (shown < m_stageButtons.size())
        m_stageButtons[shown]->setChecked(true);
    m_updating = false;
    try {
        m_data = loadBuiltinDataset(preset.value("dataset").toString("titanic").toStdString(), m_datasetsDir.toStdString());
        if (preset.contains("target"))
            m_data.setTarget(preset.value("target").toString().toStdString());
        if (!m_data.hasTarget())
            throw DataError("the dataset has no target; give \"target\" in the preset");
        pipelineFromJson(json::parse(resolvedSpec()));  // names a bad step now
        m_dataReady = true;
    } catch (const std::exception& e) {
        setPresetError(tr("This lab's preset cannot be used: %1").arg(QString::fromUtf8(e.what())));
    }
    m_summary->clear();
    m_problems->clear();
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    if (m_dataReady)
        m_status->setText(tr("%1: %2 rows. Press Run stages.").arg(QString::fromStdString(m_data.name)).arg(m_data.rowCount()));
}

std::string PreprocessingStepsLab::resolvedSpec() const
{
    json spec = json::parse(QJsonDocument(m_preset.value("pipeline").toObject()).toJson().toStdString());
    json& steps = spec.at("steps");
    if (!steps.is_array() || steps.size() < 2 || steps[0].value("type", std::string()) != "ColumnTransformer")
        throw ParamError("the preset's pipeline must be a ColumnTransformer followed by a model");
    QStringList off;
    for (int i = 0; i < m_stageOn.size(); ++i)
        if (!m_stageOn[i]->isChecked())
            off << kSwitchable[i];
    json& ct = steps[0];
    ct["remainder"] = m_remainder->currentText().toStdString();
    for (auto& t : ct.at("transformers")) {
        if (t[1].is_string())
            continue;
        const bool nested = t[1].value("type", std::string()) == "Pipeline";
        json branch = nested ? t[1].at("steps") : json::array({t[1]});
        bool hasEncoder = false;
        for (const auto& st : branch)
            hasEncoder = hasEncoder || isTableStep(st.at("type").get<std::string>());
        json kept = json::array();
        for (auto st : branch) {
            const std::string type = st.at("type").get<std::string>();
            if (off.contains(stageOf(type)))
                continue;
            if (type == "FunctionTransformer" && m_fare->currentText() == "none")
                continue;
            if (type == "SimpleImputer" && !hasEncoder) {
                st["strategy"] = m_strategy->currentText().toStdString();
                st["add_indicator"] = m_indicator->isChecked();
            }
            kept.push_back(st);
        }
        t[1] = kept.empty() ? json("passthrough") : json{{"type", "Pipeline"}, {"steps", kept}};
    }
    return spec.dump();
}

void PreprocessingStepsLab::knobChanged()
{
    if (m_updating || !m_dataReady)
        return;
    if (m_result)
        run();  // fast: the stages are refitted on the worker with the new setting
}

void PreprocessingStepsLab::run()
{
    m_session->stopAndJoin();
    clearError();
    if (!m_dataReady || hasPresetError())
        return;
    auto job = std::make_shared<Job>();
    try {
        job->spec = json::parse(resolvedSpec());
        job->stages = m_stages;
        const Vector codes = m_data.targetCodes();
        const SplitIndices split = trainTestSplit(static_cast<Eigen::Index>(m_data.rowCount()), m_preset.value("test_size").toDouble(0.2),
                                                  static_cast<std::uint64_t>(m_preset.value("random_state").toInt(0)), &codes);
        job->all = m_data;
        job->train = m_data.selectRows(split.train);
        job->test = m_data.selectRows(split.test);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    m_pending = std::make_shared<Result>();
    auto out = m_pending;
    m_session->start([job, out](TrainContext& ctx) { return runStages(job, out, ctx); }, 0);
    m_runButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_status->setText(tr("Fitting the stages on %1 training rows…").arg(job->train.rowCount()));
}

void PreprocessingStepsLab::onFinished(bool cancelled)
{
    errorShown();
    if (cancelled) {
        m_status->setText(tr("Cancelled."));
        return;
    }
    if (hasError())
        return;
    m_result = m_pending;
    m_measurements.clear();
    for (const auto& [k, v] : m_result->measurements)
        if (std::isfinite(v))
            m_measurements.insert(QString::fromStdString(k), v);
    m_status->setText(tr("Every stage fitted on the training rows and applied to all %1 rows. Step through the strip.")
                          .arg(m_data.rowCount()));
    showStage();
}

void PreprocessingStepsLab::setStage(const QString& stage)
{
    const auto i = m_stages.indexOf(stage);
    if (i >= 0 && i < m_stageButtons.size()) {
        m_stageButtons[static_cast<int>(i)]->setChecked(true);
        showStage();
    }
}

QString PreprocessingStepsLab::stage() const
{
    const int id = m_stageGroup->checkedId();
    return id >= 0 && id < m_stages.size() ? m_stages[id] : QString();
}

void PreprocessingStepsLab::setStageEnabled(const QString& stage, bool on)
{
    const auto i = kSwitchable.indexOf(stage);
    if (i >= 0)
        m_stageOn[static_cast<int>(i)]->setChecked(on);
}

QString PreprocessingStepsLab::modelError() const
{
    return m_result ? m_result->modelError : QString();
}

QString PreprocessingStepsLab::problemsText() const
{
    return m_problems->text();
}

void PreprocessingStepsLab::showStage()
{
    if (!m_result)
        return;
    clearError();
    const QString name = stage();
    const StageView* view = nullptr;
    for (const auto& v : m_result->stages)
        if (v.name == name)
            view = &v;
    m_table->clear();
    m_table->setRowCount(0);
    m_table->setColumnCount(0);
    m_problems->clear();
    if (!view)
        return;
    auto num = [this](const std::string& key) { return m_measurements.value(QString::fromStdString(key), std::nan("")); };
    bool modelStage = false;
    if (name == "model") {
        if (!m_result->modelError.isEmpty()) {
            showError(tr("The model cannot be fitted with these stages: %1").arg(m_result->modelError));
            m_summary->setText(tr("<b>model</b>: the pipeline breaks, and the message above says why and what fixes it."));
            return;
        }
        m_summary->setText(tr("<b>model</b>: %1 on %2 features. Test accuracy <b>%3</b> · always the majority class (DummyClassifier): %4. "
                              "Below: the model's input, the last stage's table.")
                               .arg(QString::fromStdString(json::parse(resolvedSpec())["steps"].back().value("type", std::string())))
                               .arg(num("n_features"))
                               .arg(num("test_accuracy"), 0, 'f', 3)
                               .arg(num("baseline_accuracy"), 0, 'f', 3));
        modelStage = true;
        view = nullptr;
        for (const auto& v : m_result->stages)
            if (v.name != "model" && v.error.isEmpty())
                view = &v;  // the last stage before the model
        if (!view)
            return;
    }
    const std::string prefix = view->name.toStdString() + "__";
    if (!view->error.isEmpty()) {
        showError(tr("Stage %1 cannot be computed with these settings: %2").arg(name, view->error));
        m_summary->setText(tr("<b>%1</b>: breaks (see the message).").arg(name));
        return;
    }
    // The problems the preset highlights, counted on every row.
    QStringList missing, cardinality, skew, outliers;
    std::set<std::string> flagged;
    for (const auto& c : view->columns) {
        const double miss = num(prefix + "missing__" + c.name);
        const double distinct = num(prefix + "distinct__" + c.name);
        const double sk = num(prefix + "skew__" + c.name);
        const double out = num(prefix + "outliers__" + c.name);
        const QString col = QString::fromStdString(c.name);
        if (m_highlight.contains("missing") && miss > 0) {
            missing << tr("%1 %2").arg(col).arg(miss);
            flagged.insert(c.name);
        }
        if (m_highlight.contains("high_cardinality") && distinct > 50) {
            cardinality << tr("%1 %2 distinct").arg(col).arg(distinct);
            flagged.insert(c.name);
        }
        if (m_highlight.contains("skew") && std::abs(sk) > 2) {
            skew << tr("%1 %2").arg(col).arg(sk, 0, 'f', 2);
            flagged.insert(c.name);
        }
        if (m_highlight.contains("outliers") && out > 0) {
            outliers << tr("%1 %2 (max z %3)").arg(col).arg(out).arg(num(prefix + "max_z__" + c.name), 0, 'f', 1);
            flagged.insert(c.name);
        }
    }
    if (!modelStage)
        m_measurements[QString::fromStdString(prefix + "problem_columns")] = static_cast<double>(flagged.size());
    auto line = [](const QString& title, const QStringList& items) {
        return items.isEmpty() ? QString() : QStringLiteral("<b>%1</b>: %2<br>").arg(title, items.join(QStringLiteral(", ")));
    };
    QString problems = line(tr("missing"), missing) + line(tr("high cardinality"), cardinality) + line(tr("skew |g| > 2"), skew)
                       + line(tr("beyond 3 sd"), outliers);
    m_problems->setText(problems.isEmpty() ? tr("No highlighted problems left.") : problems);
    if (!modelStage)
        m_summary->setText(tr("<b>%1</b>: %2 columns × %3 rows%4")
                           .arg(name)
                           .arg(view->columns.size())
                           .arg(m_data.rowCount())
                           .arg(name == "raw" || name == "drop_columns" ? tr(" (nothing learned yet)")
                                                                        : tr(" (statistics learned on the training rows)")));
    // The first rows; missing cells and flagged columns marked.
    const int rows = std::min<int>(kPreviewRows, static_cast<int>(m_data.rowCount()));
    m_table->setColumnCount(static_cast<int>(view->columns.size()));
    m_table->setRowCount(rows);
    const QColor missingBack(255, 205, 205);
    const QColor filledBack(200, 240, 200);
    for (int j = 0; j < static_cast<int>(view->columns.size()); ++j) {
        const DisplayColumn& c = view->columns[static_cast<std::size_t>(j)];
        // The raw column behind this one ("num__age" -> "age"), to tint the cells an imputer filled.
        const auto split = c.name.find("__");
        const int filledFrom = m_data.columnIndex(split == std::string::npos ? c.name : c.name.substr(split + 2));
        auto* header = new QTableWidgetItem(QString::fromStdString(c.name) + (flagged.count(c.name) ? QStringLiteral(" ⚠") : QString()));
        m_table->setHorizontalHeaderItem(j, header);
        for (int r = 0; r < rows; ++r) {
            const auto row = static_cast<std::size_t>(r);
            const bool miss = c.isMissing(row);
            auto* item = new QTableWidgetItem(miss ? QStringLiteral("NaN")
                                                   : c.numeric ? QString::number(c.numbers[row], 'g', 4)
                                                               : QString::fromStdString(c.strings[row]));
            if (miss) {
                item->setBackground(missingBack);
            } else if (filledFrom >= 0 && m_data.column(static_cast<std::size_t>(filledFrom)).isMissing(row)) {
                item->setBackground(filledBack);
                item->setToolTip(tr("missing in the raw table: filled by the imputer"));
            }
            m_table->setItem(r, j, item);
        }
    }
    m_table->resizeColumnsToContents();
    for (int j = 0; j < m_table->columnCount(); ++j)
        m_table->setColumnWidth(j, std::min(m_table->columnWidth(j), 160));
}

}  // namespace dslab
