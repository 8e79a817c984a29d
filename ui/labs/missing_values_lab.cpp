#include "ui/labs/missing_values_lab.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/pipeline/pipeline.h"
#include "engine/preprocessing/time_series_imputer.h"
#include "ui/charts/chart_widget.h"
#include "ui/charts/bar_series_view.h"
#include "ui/charts/line_band_view.h"
#include "ui/labs/table_cv.h"
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
#include <map>
#include <random>

namespace dslab {

namespace {

struct Strategy {
    QString id;     // as the preset names it
    QString key;    // in measurements
    QString label;  // on the chart
};

const QList<Strategy>& allStrategies()
{
    static const QList<Strategy> list = {
        {"drop_rows", "drop_rows", "drop rows"},
        {"drop_columns", "drop_columns", "drop columns"},
        {"SimpleImputer:mean", "mean", "mean"},
        {"SimpleImputer:median", "median", "median"},
        {"SimpleImputer:most_frequent", "most_frequent", "most frequent"},
        {"SimpleImputer:constant", "constant", "constant 0"},
        {"KNNImputer", "knn", "KNN"},
        {"IterativeImputer", "iterative", "iterative"},
    };
    return list;
}

int strategyIndex(const QString& id)
{
    for (int i = 0; i < allStrategies().size(); ++i)
        if (allStrategies().at(i).id == id || allStrategies().at(i).key == id)
            return i;
    return -1;
}

struct DatasetChoice {
    QString key, target, show;
    QStringList columns;
};

const QList<DatasetChoice>& datasetChoices()
{
    static const QList<DatasetChoice> choices = {
        {"titanic", "survived", "age", {"age", "fare", "pclass", "sibsp", "parch", "sex"}},
        {"penguins", "species", "body_mass_g",
         {"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "island", "sex"}},
    };
    return choices;
}

const QStringList kSeriesMethods = {"ffill", "bfill", "interpolate", "rolling_mean", "seasonal"};

// The imputer step of a strategy, or an empty object for the drop strategies.
QJsonObject imputerFor(const QString& id, bool indicator, int neighbours)
{
    QJsonObject step;
    if (id.startsWith(QLatin1String("SimpleImputer:"))) {
        step = {{"type", "SimpleImputer"}, {"strategy", id.mid(14)}};
        if (id.endsWith(QLatin1String("constant")))
            step.insert("fill_value", 0.0);
    } else if (id == QLatin1String("KNNImputer")) {
        step = {{"type", "KNNImputer"}, {"n_neighbors", neighbours}};
    } else if (id == QLatin1String("IterativeImputer")) {
        step = {{"type", "IterativeImputer"}};
    } else {
        return {};
    }
    step.insert("add_indicator", indicator);
    return step;
}

}  // namespace

struct MissingValuesResult {
    QVector<double> mean, std, rows;  // per strategy
    QStringList transformedColumns;   // the current strategy's model inputs
    std::vector<double> before, after;  // the shown column: observed values, values after the fill
    bool cancelled = false;
};

MissingValuesLab::MissingValuesLab(const QString& datasetsDir, QWidget* parent) : Lab(parent), m_datasetsDir(datasetsDir)
{
    connect(m_session, &TrainingSession::stepsArrived, this, &MissingValuesLab::onSteps);
    connect(m_session, &TrainingSession::finished, this, &MissingValuesLab::onFinished);
    connect(m_session, &TrainingSession::failed, this, &MissingValuesLab::showError);
    buildUi();
}

MissingValuesLab::~MissingValuesLab()
{
    shutdown();
}

void MissingValuesLab::buildUi()
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(6, 6, 6, 6);
    auto* controls = new QHBoxLayout;
    auto* tableBox = new QGroupBox(tr("Table with gaps"), this);
    auto* form = new QFormLayout(tableBox);
    m_dataset = new QComboBox(tableBox);
    for (const auto& c : datasetChoices())
        m_dataset->addItem(c.key, c.key);
    m_dataset->setAccessibleName(tr("dataset"));
    m_strategy = new QComboBox(tableBox);
    for (const auto& s : allStrategies())
        m_strategy->addItem(s.label, s.id);
    m_strategy->setAccessibleName(tr("strategy shown"));
    m_strategy->setToolTip(tr("The strategy whose fill is drawn in the histogram; the bars compare them all"));
    m_indicator = new QCheckBox(tr("add_indicator"), tableBox);
    m_indicator->setToolTip(tr("Every imputer also appends a 0/1 column per feature that had gaps"));
    m_neighbors = new QSpinBox(tableBox);
    m_neighbors->setRange(1, 50);
    m_neighbors->setAccessibleName(tr("KNNImputer n_neighbors"));
    m_show = new QComboBox(tableBox);
    m_show->setAccessibleName(tr("column shown in the histogram"));
    form->addRow(tr("dataset"), m_dataset);
    form->addRow(tr("strategy"), m_strategy);
    form->addRow(QString(), m_indicator);
    form->addRow(tr("n_neighbors"), m_neighbors);
    form->addRow(tr("histogram of"), m_show);
    controls->addWidget(tableBox, 1);

    auto* seriesBox = new QGroupBox(tr("Series with gaps (air_passengers)"), this);
    auto* seriesForm = new QFormLayout(seriesBox);
    m_seriesMethod = new QComboBox(seriesBox);
    for (const QString& m : kSeriesMethods)
        m_seriesMethod->addItem(m, m);
    m_seriesMethod->setAccessibleName(tr("series fill method"));
    m_limit = new QSpinBox(seriesBox);
    m_limit->setRange(0, 24);
    m_limit->setSpecialValueText(tr("none"));
    m_limit->setAccessibleName(tr("limit: most consecutive gaps filled"));
    m_window = new QSpinBox(seriesBox);
    m_window->setRange(1, 24);
    m_window->setAccessibleName(tr("rolling window"));
    m_center = new QCheckBox(tr("centred window"), seriesBox);
    m_knockOut = new QSpinBox(seriesBox);
    m_knockOut->setRange(0, 60);
    m_knockOut->setSpecialValueText(tr("built-in gaps"));
    m_knockOut->setAccessibleName(tr("months knocked out at random"));
    m_knockOut->setToolTip(tr("0: the 12 gaps of air_passengers_with_gaps; otherwise this many months removed at random (seed 0)"));
    seriesForm->addRow(tr("method"), m_seriesMethod);
    seriesForm->addRow(tr("limit"), m_limit);
    seriesForm->addRow(tr("window"), m_window);
    seriesForm->addRow(QString(), m_center);
    seriesForm->addRow(tr("gaps"), m_knockOut);
    controls->addWidget(seriesBox, 1);
    root->addLayout(controls);

    RunRow row = createRunRow(tr("Run"), tr("Cross-validate the pipeline with every missing-value strategy"));
    m_runButton = row.run;
    m_status = row.status;
    root->addLayout(row.layout);
    root->addWidget(createErrorLabel());
    m_summary = createSummaryLabel(tr("strategy summary"));
    root->addWidget(m_summary);

    auto* charts = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, charts);
    m_scores = new BarSeriesView(top);
    m_missing = new BarSeriesView(top);
    auto* bottom = new QSplitter(Qt::Horizontal, charts);
    m_histogram = new LineBandView(bottom);
    auto* seriesPane = new QWidget(bottom);
    auto* seriesLayout = new QVBoxLayout(seriesPane);
    seriesLayout->setContentsMargins(0, 0, 0, 0);
    m_series = new LineBandView(seriesPane);
    m_seriesSummary = new QLabel(seriesPane);
    m_seriesSummary->setWordWrap(true);
    m_seriesSummary->setTextFormat(Qt::RichText);
    seriesLayout->addWidget(m_series, 1);
    seriesLayout->addWidget(m_seriesSummary);
    for (QWidget* w : {static_cast<QWidget*>(m_histogram), static_cast<QWidget*>(m_series)})
        w->setMinimumSize(200, 140);
    charts->setSizes({1000, 1100});
    top->setSizes({1300, 700});
    bottom->setSizes({800, 1200});
    root->addWidget(charts, 1);

    auto rerun = [this] {
        m_status->setText(tr("Settings changed. Running…"));
        train();
    };
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this, rerun] {
        const auto& c = datasetChoices().value(m_dataset->currentIndex());
        m_preset.insert("dataset", c.key);
        m_preset.insert("target", c.target);
        m_preset.insert("columns", QJsonArray::fromStringList(c.columns));
        m_preset.insert("show_column", c.show);
        loadData();
        rerun();
    });
    connect(m_strategy, &QComboBox::currentIndexChanged, this, rerun);
    connect(m_indicator, &QCheckBox::toggled, this, rerun);
    connect(m_neighbors, &QSpinBox::valueChanged, this, rerun);
    connect(m_show, &QComboBox::currentIndexChanged, this, rerun);
    for (QComboBox* c : {m_seriesMethod})
        connect(c, &QComboBox::currentIndexChanged, this, &MissingValuesLab::drawSeries);
    for (QSpinBox* s : {m_limit, m_window})
        connect(s, &QSpinBox::valueChanged, this, &MissingValuesLab::drawSeries);
    connect(m_center, &QCheckBox::toggled, this, &MissingValuesLab::drawSeries);
    connect(m_knockOut, &QSpinBox::valueChanged, this, [this] {
        QJsonObject series = m_preset.value("series").toObject();
        series.insert("knock_out", m_knockOut->value());
        m_preset.insert("series", series);
        loadData();
        drawSeries();
    });
}

void MissingValuesLab::applyPreset(const QJsonObject& preset)
{
    shutdown();
    m_preset = preset;
    setPresetError({});
    m_result.reset();
    m_measurements.clear();
    const QJsonArray steps = preset.value("pipeline").toObject().value("steps").toArray();
    m_model = steps.isEmpty() ? QJsonObject{} : steps.last().toObject();
    if (m_model.isEmpty() || m_model.value("type").toString() == QLatin1String("ColumnTransformer"))
        m_model = QJsonObject{{"type", "LogisticRegression"}, {"C", 1.0}, {"max_iter", 1000}};

    // The current strategy: "strategy", else the pipeline_params' SimpleImputer strategy, else the preset pipeline's imputer.
    const QJsonObject params = preset.value("pipeline_params").toObject();
    QString current = preset.value("strategy").toString();
    if (current.isEmpty() && params.contains("SimpleImputer__strategy"))
        current = "SimpleImputer:" + params.value("SimpleImputer__strategy").toString();
    if (current.isEmpty())
        current = QStringLiteral("SimpleImputer:median");
    bool indicator = false;
    for (const QString& key : {QStringLiteral("SimpleImputer__add_indicator"), QStringLiteral("KNNImputer__add_indicator"),
                               QStringLiteral("IterativeImputer__add_indicator")})
        indicator = indicator || params.value(key).toBool(false);

    const QJsonObject series = preset.value("series").toObject();
    const QSignalBlocker b1(m_dataset), b2(m_strategy), b3(m_indicator), b4(m_neighbors), b5(m_show), b6(m_seriesMethod),
        b7(m_limit), b8(m_window), b9(m_center), b10(m_knockOut);
    m_dataset->setCurrentIndex(std::max(0, m_dataset->findData(preset.value("dataset").toString("titanic"))));
    const int s = strategyIndex(current);
    if (s < 0)
        setPresetError(tr("Unknown strategy '%1'; the strategies are drop_rows, drop_columns, SimpleImputer:mean, "
                          "SimpleImputer:median, SimpleImputer:most_frequent, SimpleImputer:constant, KNNImputer, "
                          "IterativeImputer").arg(current));
    m_strategy->setCurrentIndex(std::max(0, s));
    m_indicator->setChecked(indicator);
    m_neighbors->setValue(params.value("KNNImputer__n_neighbors").toInt(5));
    QString method = series.value("method").toString("ffill");
    if (method == QLatin1String("linear"))
        method = QStringLiteral("interpolate");
    if (!kSeriesMethods.contains(method))
        setPresetError(tr("Unknown series method '%1'; the methods are %2").arg(method, kSeriesMethods.join(", ")));
    m_seriesMethod->setCurrentIndex(std::max(0, m_seriesMethod->findData(method)));
    m_limit->setValue(series.value("limit").toInt(0));
    m_window->setValue(series.value("window").toInt(3));
    m_center->setChecked(series.value("center").toBool(false));
    m_knockOut->setValue(series.value("knock_out").toInt(0));

    m_scores->clear();
    m_missing->clear();
    m_histogram->clear();
    m_series->clear();
    m_summary->clear();
    loadData();
    drawSeries();
    if (!hasError())
        m_status->setText(tr("Press Run to cross-validate every strategy."));
}

void MissingValuesLab::loadData()
{
    m_session->stopAndJoin();
    clearError();
    m_data.reset();
    m_numeric.clear();
    m_categorical.clear();
    try {
        const QString key = m_preset.value("dataset").toString("titanic");
        auto data = std::make_shared<Dataset>(loadBuiltinDataset(key.toStdString(), m_datasetsDir.toStdString()));
        if (m_preset.contains("target"))
            data->setTarget(m_preset.value("target").toString().toStdString());
        // Rows without a label are never imputed: they leave the table.
        const Column& target = data->column(data->targetName());
        IndexList labelled;
        for (std::size_t r = 0; r < target.size(); ++r)
            if (!target.isMissing(r))
                labelled.push_back(static_cast<Eigen::Index>(r));
        if (labelled.size() != target.size())
            *data = data->selectRows(labelled);
        QStringList columns;
        for (const auto& c : m_preset.value("columns").toArray())
            columns << c.toString();
        if (columns.isEmpty())
            for (const auto& name : data->featureNames())
                columns << QString::fromStdString(name);
        for (const QString& c : columns) {
            if (data->columnIndex(c.toStdString()) < 0)
                throw DataError("'" + key.toStdString() + "' has no column '" + c.toStdString() + "'");
            const ColumnType type = data->column(c.toStdString()).type;
            if (type == ColumnType::Numeric)
                m_numeric << c;
            else if (type == ColumnType::Categorical)
                m_categorical << c;
        }
        if (m_numeric.isEmpty())
            throw DataError("the lab needs at least one numeric column to impute");
        m_data = data;
    } catch (const std::exception& e) {
        showError(tr("Cannot load the data: %1").arg(QString::fromUtf8(e.what())));
    }
    {
        const QSignalBlocker block(m_show);
        m_show->clear();
        m_show->addItems(m_numeric);
        const QString show = m_preset.value("show_column").toString();
        m_show->setCurrentIndex(std::max(0, static_cast<int>(m_numeric.indexOf(show))));
    }

    // The series: the true values and the gappy copy.
    try {
        const QJsonObject series = m_preset.value("series").toObject();
        const std::string column = series.value("column").toString("passengers").toStdString();
        const Dataset truth = loadBuiltinDataset(series.value("compare_with").toString("air_passengers").toStdString(),
                                                 m_datasetsDir.toStdString());
        const Column& values = truth.column(column);
        const auto n = static_cast<Eigen::Index>(values.size());
        m_trueSeries = Eigen::Map<const Vector>(values.numbers.data(), n);
        m_seriesX.resize(n);
        const Column& year = truth.column("year");
        const Column& month = truth.column("month");
        for (Eigen::Index i = 0; i < n; ++i)
            m_seriesX(i) = year.numbers[static_cast<std::size_t>(i)] + (month.numbers[static_cast<std::size_t>(i)] - 1) / 12.0;
        const int knockOut = series.value("knock_out").toInt(0);
        if (knockOut > 0) {
            // Months removed at random (never the first or last year: the fills need both sides).
            m_gappySeries = m_trueSeries;
            std::mt19937_64 rng(static_cast<std::uint64_t>(series.value("seed").toInt(0)));
            std::vector<Eigen::Index> candidates;
            for (Eigen::Index i = 12; i < n - 12; ++i)
                candidates.push_back(i);
            std::shuffle(candidates.begin(), candidates.end(), rng);
            for (int k = 0; k < knockOut && k < static_cast<int>(candidates.size()); ++k)
                m_gappySeries(candidates[static_cast<std::size_t>(k)]) = std::nan("");
        } else {
            const Dataset gappy = loadBuiltinDataset(series.value("dataset").toString("air_passengers_with_gaps").toStdString(),
                                                     m_datasetsDir.toStdString());
            const Column& g = gappy.column(column);
            if (static_cast<Eigen::Index>(g.size()) != n)
                throw DataError("the series with gaps and the true series differ in length");
            m_gappySeries = Eigen::Map<const Vector>(g.numbers.data(), n);
        }
    } catch (const std::exception& e) {
        m_trueSeries.resize(0);
        m_gappySeries.resize(0);
        showError(tr("Cannot load the series: %1").arg(QString::fromUtf8(e.what())));
    }
}

void MissingValuesLab::drawSeries()
{
    m_series->clear();
    for (const QString& key : m_measurements.keys())
        if (key.startsWith(QLatin1String("mae_")) || key.startsWith(QLatin1String("filled_"))
            || key.startsWith(QLatin1String("fill_")))
            m_measurements.remove(key);
    const Eigen::Index n = m_gappySeries.size();
    if (n == 0 || m_trueSeries.size() != n)
        return;
    // The longest run of gaps: the chart zooms on it (a year either side).
    Eigen::Index runStart = -1, runLength = 0, gaps = 0;
    for (Eigen::Index i = 0; i < n;) {
        if (!std::isnan(m_gappySeries(i))) {
            ++i;
            continue;
        }
        Eigen::Index j = i;
        while (j < n && std::isnan(m_gappySeries(j)))
            ++j;
        gaps += j - i;
        if (j - i > runLength) {
            runStart = i;
            runLength = j - i;
        }
        i = j;
    }
    m_measurements["gaps"] = static_cast<double>(gaps);
    if (gaps == 0)
        return;
    const Eigen::Index from = std::max<Eigen::Index>(0, runStart - 12), to = std::min(n - 1, runStart + runLength + 11);
    m_series->setTitles(tr("month (legend: method and MAE)"), tr("passengers (thousands)"));
    m_series->setXRange(m_seriesX(from), m_seriesX(to));

    const int truthSeries = m_series->addSeries(tr("true"), QColor(120, 120, 120), true);
    for (Eigen::Index i = from; i <= to; ++i)
        m_series->append(truthSeries, m_seriesX(i), m_trueSeries(i));
    const QString current = m_seriesMethod->currentData().toString();
    QStringList maeParts;
    QString currentFills;
    for (int k = 0; k < kSeriesMethods.size(); ++k) {
        const QString method = kSeriesMethods.at(k);
        TimeSeriesImputer imputer;
        imputer.setParams({{"method", method.toStdString()},
                           {"limit", static_cast<long long>(m_limit->value())},
                           {"window", static_cast<long long>(m_window->value())},
                           {"center", m_center->isChecked()},
                           {"period", 12LL}});
        const Vector filled = imputer.fillSeries(m_gappySeries);
        double absError = 0;
        int count = 0;
        for (Eigen::Index i = 0; i < n; ++i)
            if (std::isnan(m_gappySeries(i)) && !std::isnan(filled(i))) {
                absError += std::abs(filled(i) - m_trueSeries(i));
                ++count;
            }
        const double mae = count > 0 ? absError / count : std::nan("");
        if (count > 0) {
            m_measurements["mae_" + method] = mae;
            maeParts << (method == current ? QStringLiteral("<b>%1 %2</b>") : QStringLiteral("%1 %2"))
                            .arg(method)
                            .arg(mae, 0, 'f', 1);
        } else {
            maeParts << tr("%1 fills nothing").arg(method);
        }
        m_measurements["filled_" + method] = count;
        // The current method solid and first in colour; the others dashed.
        const bool isCurrent = method == current;
        const int s = m_series->addSeries(count > 0 ? tr("%1 %2").arg(method).arg(mae, 0, 'f', 1) : method,
                                          classColor(k), !isCurrent);
        // Draw the fill as segments: a gap left unfilled breaks the line.
        for (Eigen::Index i = from; i <= to; ++i)
            if (!std::isnan(filled(i)))
                m_series->append(s, m_seriesX(i), filled(i));
        if (isCurrent) {
            QStringList values;
            for (Eigen::Index g = 0; g < runLength; ++g) {
                const double v = filled(runStart + g);
                values << (std::isnan(v) ? tr("gap") : QString::number(v, 'f', 1));
                if (!std::isnan(v))
                    m_measurements[QStringLiteral("fill_%1").arg(g + 1)] = v;
            }
            QStringList truths;
            for (Eigen::Index g = 0; g < runLength; ++g)
                truths << QString::number(m_trueSeries(runStart + g), 'f', 0);
            currentFills = tr("%1 fills the longest run (%2 months from %3) with %4 (true %5).")
                               .arg(current)
                               .arg(runLength)
                               .arg(QStringLiteral("%1-%2")
                                        .arg(static_cast<int>(std::floor(m_seriesX(runStart) + 1e-9)))
                                        .arg(static_cast<int>(std::lround((m_seriesX(runStart) - std::floor(m_seriesX(runStart) + 1e-9)) * 12)) + 1, 2, 10, QChar('0')))
                               .arg(values.join(", "), truths.join(", "));
        }
    }
    for (Eigen::Index i = from; i <= to; ++i)
        if (std::isnan(m_gappySeries(i)))
            m_series->setMarker(QStringLiteral("gap%1").arg(i), m_seriesX(i), QString(), QColor(200, 200, 200));
    m_seriesSummary->setText(currentFills + ' ' + tr("MAE over the %1 gaps: %2").arg(gaps).arg(maeParts.join(" · ")));
}

void MissingValuesLab::train()
{
    m_session->stopAndJoin();
    clearError();
    if (!m_data || hasPresetError())
        return;
    const Dataset& data = *m_data;
    const bool indicator = m_indicator->isChecked();
    const int neighbours = m_neighbors->value();
    const QString showColumn = m_show->currentText();

    // Numeric columns with gaps (drop_columns removes them; drop_rows drops their rows).
    QStringList gappyNumeric;
    for (const QString& c : m_numeric)
        if (data.column(c.toStdString()).missingCount() > 0)
            gappyNumeric << c;

    struct Plan {
        std::shared_ptr<Pipeline> pipeline;
        bool dropRows = false;
        QJsonObject imputer;
    };
    auto plans = std::make_shared<std::vector<Plan>>();
    try {
        for (const Strategy& s : allStrategies()) {
            Plan plan;
            QStringList numeric = m_numeric;
            if (s.id == QLatin1String("drop_columns"))
                for (const QString& c : gappyNumeric)
                    numeric.removeAll(c);
            plan.dropRows = s.id == QLatin1String("drop_rows");
            plan.imputer = imputerFor(s.id, indicator, neighbours);
            QJsonArray numSteps;
            if (!plan.imputer.isEmpty())
                numSteps.append(plan.imputer);
            numSteps.append(QJsonObject{{"type", "StandardScaler"}});
            QJsonArray transformers;
            if (!numeric.isEmpty())
                transformers.append(QJsonArray{"num", QJsonObject{{"type", "Pipeline"}, {"steps", numSteps}},
                                               QJsonArray::fromStringList(numeric)});
            if (!m_categorical.isEmpty())
                transformers.append(QJsonArray{"cat", QJsonObject{{"type", "OneHotEncoder"}, {"handle_unknown", "ignore"}},
                                               QJsonArray::fromStringList(m_categorical)});
            const QJsonObject spec{{"steps", QJsonArray{QJsonObject{{"type", "ColumnTransformer"},
                                                                    {"transformers", transformers},
                                                                    {"remainder", "drop"}},
                                                        m_model}}};
            plan.pipeline = std::make_shared<Pipeline>(pipelineFromPreset(spec, {}));
            plans->push_back(std::move(plan));
        }
    } catch (const std::exception& e) {
        showError(tr("The pipeline cannot be built: %1").arg(QString::fromUtf8(e.what())));
        return;
    }

    auto result = std::make_shared<MissingValuesResult>();
    m_result = result;
    const TableCvSpec cvSpec = tableCvFromPreset(m_preset.value("cv").toObject());
    const int current = m_strategy->currentIndex();
    auto shared = m_data;
    const QStringList numericColumns = m_numeric;
    m_session->start(
        [plans, result, shared, cvSpec, current, numericColumns, gappyNumeric, showColumn](TrainContext& ctx) -> const Predictor* {
            const Dataset& table = *shared;
            const Scorer scorer = makeScorer("accuracy", true);
            TrainContext quiet = quietContext(ctx);
            const Pipeline* last = nullptr;
            const auto count = static_cast<int>(plans->size());
            result->mean.fill(std::nan(""), count);
            result->std.fill(std::nan(""), count);
            result->rows.fill(std::nan(""), count);
            IndexList complete;  // rows with every numeric feature present
            for (std::size_t r = 0; r < table.rowCount(); ++r) {
                bool ok = true;
                for (const QString& c : gappyNumeric)
                    ok = ok && !table.column(c.toStdString()).isMissing(r);
                if (ok)
                    complete.push_back(static_cast<Eigen::Index>(r));
            }
            const Dataset dropped = table.selectRows(complete);
            for (int p = 0; p < count; ++p) {
                const Plan& plan = (*plans)[static_cast<std::size_t>(p)];
                const Dataset& rows = plan.dropRows ? dropped : table;
                const Vector codes = rows.targetCodes();
                const TableCvScore s = crossValidateTable(*plan.pipeline, rows, codes, tableFolds(codes, cvSpec), scorer, ctx);
                if (s.cancelled) {
                    result->cancelled = true;
                    return last;
                }
                result->mean[p] = s.mean;
                result->std[p] = s.std;
                result->rows[p] = static_cast<double>(rows.rowCount());
                if (p == current) {
                    plan.pipeline->fit(rows, quiet);
                    for (const auto& n : plan.pipeline->featureNames())
                        result->transformedColumns << QString::fromStdString(n);
                    // The shown column before and after this strategy's fill (before scaling).
                    const Column& col = table.column(showColumn.toStdString());
                    for (std::size_t r = 0; r < col.size(); ++r)
                        if (!col.isMissing(r))
                            result->before.push_back(col.numbers[r]);
                    if (plan.dropRows) {
                        result->after = result->before;
                    } else if (!plan.imputer.isEmpty()) {
                        auto imputer = Catalog::builtin().create(plan.imputer.value("type").toString().toStdString());
                        auto* transformer = dynamic_cast<Transformer*>(imputer.get());
                        ParamMap params;
                        for (auto it = plan.imputer.begin(); it != plan.imputer.end(); ++it)
                            if (it.key() != QLatin1String("type"))
                                params[it.key().toStdString()] = paramFromPreset(it.value());
                        transformer->setParams(params);
                        StringList names;
                        for (const QString& c : numericColumns)
                            names.push_back(c.toStdString());
                        const Matrix X = table.featureMatrix(names);
                        transformer->fit(X, nullptr, quiet);
                        const Matrix filled = transformer->transform(X);
                        const auto j = static_cast<Eigen::Index>(numericColumns.indexOf(showColumn));
                        for (Eigen::Index r = 0; r < filled.rows(); ++r)
                            result->after.push_back(filled(r, j));
                    }
                    last = plan.pipeline.get();
                }
                if (last) {
                    TrainStep step;
                    step.step = p + 1;
                    step.totalSteps = count;
                    ctx.report(step, *last);
                }
            }
            return last;
        },
        0);
    errorShown();  // the base turns Run off and Cancel on while the session runs
    m_status->setText(tr("Cross-validating %1 strategies…").arg(plans->size()));
}

void MissingValuesLab::onSteps(const QList<TrainStep>& steps)
{
    if (!steps.isEmpty())
        m_status->setText(tr("Cross-validated %1 of %2 strategies…").arg(steps.last().step).arg(steps.last().totalSteps));
}

void MissingValuesLab::onFinished(bool cancelled)
{
    m_runButton->setEnabled(true);
    errorShown();
    if (hasError() || !m_result)
        return;
    if (cancelled || m_result->cancelled) {
        m_status->setText(tr("Cancelled."));
        return;
    }
    showResult();
}

void MissingValuesLab::showResult()
{
    const MissingValuesResult& r = *m_result;
    const Dataset& data = *m_data;
    const int current = m_strategy->currentIndex();
    QStringList groups;
    for (const auto& s : allStrategies())
        groups << s.label;
    m_scores->clear();
    m_scores->setGroups(groups);
    m_scores->setTitles(tr("strategy"), tr("CV accuracy"));
    m_scores->addSeries(m_indicator->isChecked() ? tr("accuracy (imputers with add_indicator)") : tr("accuracy"), r.mean,
                        classColor(0));
    double lo = 1, hi = 0;
    for (int p = 0; p < r.mean.size(); ++p)
        if (std::isfinite(r.mean[p])) {
            lo = std::min(lo, r.mean[p]);
            hi = std::max(hi, r.mean[p]);
            const QString key = allStrategies().at(p).key;
            m_measurements["cv_" + key] = r.mean[p];
            m_measurements["std_" + key] = r.std[p];
            m_measurements["rows_" + key] = r.rows[p];
        }
    if (hi >= lo)
        m_scores->setYRange(std::max(0.0, std::floor((lo - 0.03) * 50) / 50), std::min(1.0, hi + 0.02));
    m_scores->setNote(tr("rows kept: %1 of %2 when dropping rows")
                          .arg(r.rows.value(0), 0, 'f', 0)
                          .arg(static_cast<qulonglong>(data.rowCount())));
    if (current >= 0 && current < r.mean.size() && std::isfinite(r.mean[current])) {
        m_measurements["cv_current"] = r.mean[current];
        m_measurements["rows_current"] = r.rows[current];
    }
    m_transformedColumns = r.transformedColumns;

    // Missing counts per column of the whole table.
    m_missing->clear();
    QStringList columns;
    QVector<double> counts;
    for (const auto& name : data.featureNames()) {
        columns << QString::fromStdString(name);
        counts << static_cast<double>(data.column(name).missingCount());
    }
    m_missing->setGroups(columns);
    m_missing->setTitles(QString(), tr("missing values"));
    m_missing->addSeries(tr("missing of %1 rows").arg(static_cast<qulonglong>(data.rowCount())), counts, classColor(3));
    m_missing->setValueDecimals(0);

    // The shown column: histogram before and after (steps over shared bins).
    const QString show = m_show->currentText();
    const Column& col = data.column(show.toStdString());
    m_measurements["missing_" + show] = static_cast<double>(col.missingCount());
    m_histogram->clear();
    auto stdOf = [](const std::vector<double>& v) {
        if (v.size() < 2)
            return std::nan("");
        double mean = 0;
        for (double x : v)
            mean += x;
        mean /= static_cast<double>(v.size());
        double ss = 0;
        for (double x : v)
            ss += (x - mean) * (x - mean);
        return std::sqrt(ss / static_cast<double>(v.size() - 1));
    };
    if (!r.before.empty()) {
        double lo2 = *std::min_element(r.before.begin(), r.before.end());
        double hi2 = *std::max_element(r.before.begin(), r.before.end());
        for (double v : r.after)
            if (std::isfinite(v)) {
                lo2 = std::min(lo2, v);
                hi2 = std::max(hi2, v);
            }
        const int bins = 30;
        const double width = (hi2 - lo2) / bins > 0 ? (hi2 - lo2) / bins : 1.0;
        auto histogram = [&](const std::vector<double>& values) {
            std::vector<double> c(bins, 0.0);
            for (double v : values)
                if (std::isfinite(v))
                    c[static_cast<std::size_t>(std::clamp(static_cast<int>((v - lo2) / width), 0, bins - 1))] += 1;
            return c;
        };
        const auto drawSteps = [&](int series, const std::vector<double>& c) {
            for (int b = 0; b < bins; ++b) {
                m_histogram->append(series, lo2 + b * width, c[static_cast<std::size_t>(b)]);
                m_histogram->append(series, lo2 + (b + 1) * width, c[static_cast<std::size_t>(b)]);
            }
        };
        if (!r.after.empty()) {
            const int after = m_histogram->addSeries(tr("after %1").arg(m_strategy->currentText()),
                                                     classColor(1));
            drawSteps(after, histogram(r.after));
            m_measurements["std_after"] = stdOf(r.after);
            std::map<double, int> frequency;
            for (double v : r.after)
                ++frequency[v];
            const auto top = std::max_element(frequency.begin(), frequency.end(),
                                              [](const auto& a, const auto& b) { return a.second < b.second; });
            m_measurements["spike_value"] = top->first;
            m_measurements["spike_share"] = static_cast<double>(top->second) / static_cast<double>(r.after.size());
        }
        // The observed values drawn last, on top: the filled ones show where they differ.
        const int before = m_histogram->addSeries(tr("observed (%1)").arg(r.before.size()), QColor(90, 90, 90), true);
        drawSteps(before, histogram(r.before));
        m_measurements["std_before"] = stdOf(r.before);
        m_histogram->setTitles(show, tr("rows per bin"));
    }
    // The positive class's rate with and without the shown column (is the gap informative?).
    const Vector codes = data.targetCodes();
    const double positive = codes.maxCoeff();
    double missingPositive = 0, missingRows = 0, presentPositive = 0, presentRows = 0;
    for (std::size_t i = 0; i < col.size(); ++i) {
        const bool isPositive = codes(static_cast<Eigen::Index>(i)) == positive;
        if (col.isMissing(i)) {
            missingRows += 1;
            missingPositive += isPositive ? 1 : 0;
        } else {
            presentRows += 1;
            presentPositive += isPositive ? 1 : 0;
        }
    }
    const bool binary = data.classLabels().size() == 2;  // "positive rate" means nothing for three species
    if (binary && missingRows > 0)
        m_measurements["rate_when_missing"] = missingPositive / missingRows;
    if (binary && presentRows > 0)
        m_measurements["rate_when_present"] = presentPositive / presentRows;

    QString text = tr("<b>%1</b>: CV accuracy %2 ± %3 on %4 rows, %5 model inputs")
                       .arg(m_strategy->currentText())
                       .arg(m_measurements.value("cv_current"), 0, 'f', 3)
                       .arg(current >= 0 && current < r.std.size() ? r.std[current] : 0.0, 0, 'f', 3)
                       .arg(m_measurements.value("rows_current"), 0, 'f', 0)
                       .arg(r.transformedColumns.size());
    if (m_measurements.contains("std_after"))
        text += tr(" · %1: std %2 before, %3 after; %4% of rows at %5")
                    .arg(show)
                    .arg(m_measurements.value("std_before"), 0, 'f', 2)
                    .arg(m_measurements.value("std_after"), 0, 'f', 2)
                    .arg(100 * m_measurements.value("spike_share"), 0, 'f', 1)
                    .arg(m_measurements.value("spike_value"), 0, 'g', 4);
    if (missingRows > 0 && binary)
        text += tr(" · positive rate %1% when %2 is missing, %3% when present")
                    .arg(100 * missingPositive / missingRows, 0, 'f', 1)
                    .arg(show)
                    .arg(100 * presentPositive / std::max(1.0, presentRows), 0, 'f', 1);
    m_summary->setText(text);
    m_status->setText(tr("Done: every strategy cross-validated on the same folds."));
}

}  // namespace dslab
