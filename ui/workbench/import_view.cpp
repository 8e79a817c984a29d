#include "ui/workbench/import_view.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/table_import.h"
#include "ui/workbench/data_preview_model.h"
#include "ui/workbench/data_preview_view.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <exception>

namespace dslab {

namespace {

const QColor kErrorColor(0xb0, 0x00, 0x20);
constexpr int kMaxSampleCharacters = 24;

QString roleName(ColumnRole role)
{
    return QString::fromStdString(columnRoleName(role));
}

QString roleTip(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Numeric:
        return QObject::tr("numbers: scaled or used as they are");
    case ColumnRole::Categorical:
        return QObject::tr("labels from a small set: one-hot, ordinal or target encoded");
    case ColumnRole::Text:
        return QObject::tr("free text: turned into word counts (CountVectorizer, TF-IDF)");
    case ColumnRole::Datetime:
        return QObject::tr("dates and times: split into year, month, weekday, hour");
    case ColumnRole::Ignore:
        return QObject::tr("left out of the table the pipeline sees");
    }
    return {};
}

bool isTableFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("txt");
}

QString firstLocalTable(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && isTableFile(url.toLocalFile()))
            return url.toLocalFile();
    return {};
}

}  // namespace

struct ImportView::LoadResult {
    int generation = 0;
    QString name;
    std::shared_ptr<Dataset> data;
    std::vector<ColumnProfile> profiles;
    QString target;
    QString error;
};

ImportView::ImportView(const QString& datasetsDir, QWidget* parent) : QWidget(parent), m_datasetsDir(datasetsDir)
{
    setAcceptDrops(true);

    m_builtins = new QComboBox(this);
    m_builtins->setAccessibleName(tr("built-in datasets"));
    for (const BuiltinDatasetInfo& info : builtinDatasets()) {
        m_builtins->addItem(QStringLiteral("%1 \u2014 %2").arg(QString::fromStdString(info.name), QString::fromStdString(info.title)),
                            QString::fromStdString(info.name));
        m_builtins->setItemData(m_builtins->count() - 1, QString::fromStdString(info.description), Qt::ToolTipRole);
    }
    m_openBuiltin = new QPushButton(tr("Open"), this);
    m_openBuiltin->setToolTip(tr("Open the built-in dataset chosen on the left"));
    m_openFile = new QPushButton(tr("Open CSV\u2026"), this);
    m_openFile->setToolTip(tr("Open your own CSV file (or drop a .csv file on this page)"));
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);  // busy indicator: the reader cannot tell how far it is
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_status = new QLabel(tr("Open a built-in dataset or a CSV file, or drop a .csv file here."), this);
    m_status->setAccessibleName(tr("import status"));
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* openRow = new QHBoxLayout;
    openRow->addWidget(new QLabel(tr("Built-in:"), this));
    openRow->addWidget(m_builtins);
    openRow->addWidget(m_openBuiltin);
    openRow->addSpacing(12);
    openRow->addWidget(m_openFile);
    openRow->addWidget(m_busy);
    openRow->addWidget(m_status, 1);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; font-weight: bold; }"));
    m_error->setAccessibleName(tr("import error"));
    m_error->hide();

    m_columns = new QTableWidget(0, FieldCount, this);
    m_columns->setAccessibleName(tr("columns"));
    m_columns->setHorizontalHeaderLabels({tr("Column"), tr("Type"), tr("Missing"), tr("Distinct"), tr("Samples"), tr("Problems")});
    m_columns->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columns->setSelectionMode(QAbstractItemView::NoSelection);
    m_columns->setWordWrap(true);
    m_columns->verticalHeader()->hide();
    QHeaderView* header = m_columns->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ProblemsField, QHeaderView::Stretch);
    connect(header, &QHeaderView::sectionResized, this, [this] { scheduleRowResize(); });
    m_columns->setColumnWidth(NameField, 150);
    m_columns->setColumnWidth(TypeField, 120);
    m_columns->setColumnWidth(MissingField, 90);
    m_columns->setColumnWidth(DistinctField, 70);
    m_columns->setColumnWidth(SamplesField, 300);

    m_preview = new DataPreviewView(this);
    m_preview->setCaption(tr("Preview"));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_columns);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    m_target = new QComboBox(this);
    m_target->setAccessibleName(tr("target column"));
    m_target->setToolTip(tr("The column the model learns to predict"));
    m_target->setMinimumContentsLength(14);
    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("import summary"));
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_use = new QPushButton(tr("Use this data"), this);
    m_use->setToolTip(tr("Hand the table on to the pipeline: ignored columns dropped, types applied, target set"));
    m_use->setEnabled(false);

    auto* useRow = new QHBoxLayout;
    useRow->addWidget(new QLabel(tr("Target:"), this));
    useRow->addWidget(m_target);
    useRow->addSpacing(12);
    useRow->addWidget(m_summary, 1);
    useRow->addWidget(m_use);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(openRow);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);
    layout->addLayout(useRow);

    connect(m_openBuiltin, &QPushButton::clicked, this, [this] { openBuiltin(m_builtins->currentData().toString()); });
    connect(m_openFile, &QPushButton::clicked, this, &ImportView::chooseCsvFile);
    connect(m_use, &QPushButton::clicked, this, &ImportView::accept);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        m_preview->model()->setTargetColumn(target());
        updateSummary();
    });
}

ImportView::~ImportView()
{
    // A load cannot be interrupted; it reads one file and ends.
    for (QThread* loader : m_loaders) {
        loader->wait();
        delete loader;
    }
}

void ImportView::openBuiltin(const QString& name)
{
    if (const int index = m_builtins->findData(name); index >= 0) {
        const QSignalBlocker blocker(m_builtins);
        m_builtins->setCurrentIndex(index);
    }
    const std::string dir = m_datasetsDir.toStdString();
    const std::string dataset = name.toStdString();
    startLoad(name, [dir, dataset] { return loadBuiltinDataset(dataset, dir); });
}

void ImportView::openCsvFile(const QString& path)
{
    const std::string file = path.toStdString();
    startLoad(QFileInfo(path).fileName(), [file] { return readTableCsvFile(file); });
}

void ImportView::chooseCsvFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a CSV table"), QString(),
                                                      tr("CSV tables (*.csv *.tsv *.txt);;All files (*)"));
    if (!path.isEmpty())
        openCsvFile(path);
}

void ImportView::startLoad(const QString& displayName, std::function<Dataset()> read)
{
    auto result = std::make_shared<LoadResult>();
    result->generation = ++m_loadGeneration;
    result->name = displayName;
    QThread* loader = QThread::create([result, read = std::move(read)] {
        try {
            auto data = std::make_shared<Dataset>(read());
            result->profiles = profileColumns(*data);
            result->target = QString::fromStdString(data->targetName());
            result->data = std::move(data);
        } catch (const std::exception& e) {
            result->error = QString::fromStdString(e.what());
        }
    });
    connect(loader, &QThread::finished, this, [this, loader, result] {
        m_loaders.removeOne(loader);
        loader->deleteLater();
        finishLoad(result);
    });
    m_loaders.push_back(loader);
    m_busy->show();
    m_status->setText(tr("Reading %1\u2026").arg(displayName));
    m_use->setEnabled(false);
    loader->start();
}

void ImportView::finishLoad(const std::shared_ptr<LoadResult>& result)
{
    if (m_loaders.isEmpty())
        m_busy->hide();
    if (result->generation != m_loadGeneration)
        return;  // a newer load replaced this one
    if (!result->error.isEmpty()) {
        showLoadError(tr("Cannot use %1: %2").arg(result->name, result->error));
        emit loadFailed(m_error->text());
        return;
    }
    m_error->hide();
    m_error->clear();
    m_data = result->data;
    m_profiles = std::move(result->profiles);
    m_roles.clear();
    for (const ColumnProfile& profile : m_profiles)
        m_roles.push_back(profile.suggestedRole);
    m_messages = QStringList(static_cast<qsizetype>(m_profiles.size()), QString());
    m_sourceName = result->name;
    m_preview->setDataset(m_data);
    fillColumnTable();
    fillTargetChoices(result->target);
    updatePreviewIgnored();
    updateSummary();
    m_status->setText(tr("%1: %2 rows, %3 columns").arg(result->name).arg(m_data->rowCount()).arg(m_data->columnCount()));
    m_use->setEnabled(true);
    emit loaded(result->name);
}

void ImportView::showLoadError(const QString& message)
{
    m_data.reset();
    m_profiles.clear();
    m_roles.clear();
    m_messages.clear();
    m_sourceName.clear();
    m_columns->setRowCount(0);
    m_preview->clear();
    {
        const QSignalBlocker blocker(m_target);
        m_target->clear();
    }
    m_summary->clear();
    m_status->setText(tr("Nothing loaded"));
    m_error->setText(message);
    m_error->show();
    m_use->setEnabled(false);
}

QString ImportView::loadError() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ImportView::fillColumnTable()
{
    m_columns->setRowCount(0);
    m_columns->setRowCount(static_cast<int>(m_profiles.size()));
    for (int row = 0; row < m_columns->rowCount(); ++row) {
        const ColumnProfile& p = m_profiles[static_cast<std::size_t>(row)];
        auto* name = new QTableWidgetItem(QString::fromStdString(p.name));
        QString tip = tr("read as %1").arg(QString::fromStdString(columnTypeName(p.storedType)));
        if (!p.reason.empty())
            tip += tr("; suggested %1: %2").arg(roleName(p.suggestedRole), QString::fromStdString(p.reason));
        name->setToolTip(tip);
        m_columns->setItem(row, NameField, name);

        auto* combo = new QComboBox(m_columns);
        combo->setAccessibleName(tr("type of %1").arg(name->text()));
        for (ColumnRole role : allColumnRoles()) {
            combo->addItem(roleName(role));
            combo->setItemData(combo->count() - 1, roleTip(role), Qt::ToolTipRole);
        }
        combo->setCurrentIndex(static_cast<int>(p.suggestedRole));
        connect(combo, &QComboBox::currentIndexChanged, this, [this, row](int index) { onRoleChosen(row, index); });
        // In a holder so the combo keeps its height when problems make the row tall.
        auto* holder = new QWidget(m_columns);
        auto* holderLayout = new QVBoxLayout(holder);
        holderLayout->setContentsMargins(2, 1, 2, 1);
        holderLayout->addWidget(combo, 0, Qt::AlignVCenter);
        m_columns->setCellWidget(row, TypeField, holder);

        const double share = p.rowCount == 0 ? 0.0 : 100.0 * static_cast<double>(p.missingCount) / static_cast<double>(p.rowCount);
        auto* missing = new QTableWidgetItem(p.missingCount == 0 ? QStringLiteral("0")
                                                                 : QStringLiteral("%1 (%2%)").arg(p.missingCount).arg(share, 0, 'f', share < 1 ? 1 : 0));
        missing->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_columns->setItem(row, MissingField, missing);
        auto* distinct = new QTableWidgetItem(QString::number(p.distinctCount));
        distinct->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_columns->setItem(row, DistinctField, distinct);

        QStringList samples;
        for (const std::string& s : p.samples) {
            QString text = QString::fromStdString(s);
            if (text.size() > kMaxSampleCharacters)
                text = text.left(kMaxSampleCharacters - 1) + QChar(0x2026);
            samples.push_back(text);
        }
        auto* samplesItem = new QTableWidgetItem(samples.join(QStringLiteral(", ")));
        QStringList full;
        for (const std::string& s : p.samples)
            full.push_back(QString::fromStdString(s));
        samplesItem->setToolTip(full.join(QLatin1Char('\n')));
        m_columns->setItem(row, SamplesField, samplesItem);
        m_columns->setItem(row, ProblemsField, new QTableWidgetItem);
        showRowProblems(row);
    }
    scheduleRowResize();
}

void ImportView::scheduleRowResize()
{
    // Wrapped problems take their height from the column width, which the
    // layout settles later; resize once the events of this change are done.
    if (m_rowResizePending)
        return;
    m_rowResizePending = true;
    QTimer::singleShot(0, this, [this] {
        m_rowResizePending = false;
        m_columns->resizeRowsToContents();
    });
}

QComboBox* ImportView::typeCombo(int row) const
{
    QWidget* holder = m_columns->cellWidget(row, TypeField);
    return holder ? holder->findChild<QComboBox*>() : nullptr;
}

QComboBox* ImportView::typeCombo(const QString& column) const
{
    const int row = rowOf(column);
    return row < 0 ? nullptr : typeCombo(row);
}

void ImportView::showRowProblems(int row)
{
    const ColumnProfile& p = m_profiles[static_cast<std::size_t>(row)];
    QStringList lines;
    const QString& message = m_messages[row];
    if (!message.isEmpty())
        lines.push_back(message);
    for (const ColumnProblem& problem : p.problems)
        lines.push_back(QString::fromStdString(problem.message));
    QTableWidgetItem* item = m_columns->item(row, ProblemsField);
    item->setText(lines.join(QLatin1Char('\n')));
    item->setToolTip(item->text());
    if (!message.isEmpty()) {
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
        item->setForeground(kErrorColor);
    } else {
        item->setIcon(lines.isEmpty() ? QIcon() : style()->standardIcon(QStyle::SP_MessageBoxWarning));
        item->setData(Qt::ForegroundRole, QVariant());
    }
}

void ImportView::onRoleChosen(int row, int comboIndex)
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_roles.size() || !m_data)
        return;
    const ColumnRole role = allColumnRoles().at(static_cast<std::size_t>(comboIndex));
    const ColumnRole previous = m_roles[static_cast<std::size_t>(row)];
    if (role == previous)
        return;
    const Column& column = m_data->column(static_cast<std::size_t>(row));
    const std::string refused = checkColumnRole(*m_data, column.name, role);
    if (!refused.empty()) {
        m_messages[row] = tr("Still %1: %2").arg(roleName(previous), QString::fromStdString(refused));
        auto* combo = typeCombo(row);
        {
            const QSignalBlocker blocker(combo);
            combo->setCurrentIndex(static_cast<int>(previous));
        }
        showRowProblems(row);
        scheduleRowResize();
        updateSummary();
        return;
    }
    if (role != ColumnRole::Ignore && role != roleOfType(column.type)) {
        const ColumnType type = role == ColumnRole::Numeric       ? ColumnType::Numeric
                                : role == ColumnRole::Categorical ? ColumnType::Categorical
                                : role == ColumnRole::Text        ? ColumnType::Text
                                                                  : ColumnType::Datetime;
        // checkColumnRole ran the same conversion, so this cannot throw.
        m_data->setColumnType(column.name, type);
        // The problems follow the new type (fare as categorical has 248 categories).
        ColumnProfile& profile = m_profiles[static_cast<std::size_t>(row)];
        std::vector<ColumnProblem> problems = profileColumn(m_data->column(static_cast<std::size_t>(row))).problems;
        for (const ColumnProblem& problem : profile.problems)
            if (problem.kind == ColumnProblemKind::SingleColumn)
                problems.push_back(problem);
        profile.problems = std::move(problems);
        const QString target = this->target();
        m_preview->setDataset(m_data);
        m_preview->model()->setTargetColumn(target);
    }
    m_roles[static_cast<std::size_t>(row)] = role;
    m_messages[row].clear();
    showRowProblems(row);
    scheduleRowResize();
    fillTargetChoices(target());
    updatePreviewIgnored();
    updateSummary();
}

void ImportView::fillTargetChoices(const QString& preferred)
{
    const QSignalBlocker blocker(m_target);
    m_target->clear();
    m_target->addItem(tr("(no target)"), QString());
    for (std::size_t c = 0; c < m_profiles.size(); ++c)
        if (m_roles[c] != ColumnRole::Ignore)
            m_target->addItem(QString::fromStdString(m_profiles[c].name), QString::fromStdString(m_profiles[c].name));
    const int index = preferred.isEmpty() ? 0 : m_target->findData(preferred);
    m_target->setCurrentIndex(std::max(index, 0));
    m_preview->model()->setTargetColumn(target());
}

void ImportView::updatePreviewIgnored()
{
    QSet<QString> ignored;
    for (std::size_t c = 0; c < m_profiles.size(); ++c)
        if (m_roles[c] == ColumnRole::Ignore)
            ignored.insert(QString::fromStdString(m_profiles[c].name));
    m_preview->setIgnoredColumns(ignored);
}

void ImportView::updateSummary()
{
    if (!m_data) {
        m_summary->clear();
        return;
    }
    std::size_t ignored = 0, problems = 0, columnsWithProblems = 0, refused = 0;
    for (std::size_t c = 0; c < m_profiles.size(); ++c) {
        if (m_roles[c] == ColumnRole::Ignore)
            ++ignored;
        problems += m_profiles[c].problems.size();
        if (!m_profiles[c].problems.empty())
            ++columnsWithProblems;
        if (!m_messages[static_cast<qsizetype>(c)].isEmpty())
            ++refused;
    }
    QString text = tr("%1 of %2 columns used").arg(m_profiles.size() - ignored).arg(m_profiles.size());
    if (ignored > 0)
        text += tr(" (%1 ignored)").arg(ignored);
    if (problems > 0)
        text += tr(" \u00b7 %1 problems in %2 columns").arg(problems).arg(columnsWithProblems);
    if (refused > 0)
        text += tr(" \u00b7 %1 type changes refused").arg(refused);
    text += target().isEmpty() ? tr(" \u00b7 no target: pick the column to predict") : tr(" \u00b7 target: %1").arg(target());
    m_summary->setText(text);
}

int ImportView::rowOf(const QString& column) const
{
    for (std::size_t c = 0; c < m_profiles.size(); ++c)
        if (QString::fromStdString(m_profiles[c].name) == column)
            return static_cast<int>(c);
    return -1;
}

QString ImportView::columnRole(const QString& column) const
{
    const int row = rowOf(column);
    if (row < 0)
        return {};
    auto* combo = typeCombo(row);
    return combo ? combo->currentText() : QString();
}

bool ImportView::setColumnRole(const QString& column, const QString& role)
{
    const int row = rowOf(column);
    const auto chosen = columnRoleFromName(role.toStdString());
    if (row < 0 || !chosen)
        return false;
    auto* combo = typeCombo(row);
    combo->setCurrentIndex(static_cast<int>(*chosen));
    return m_roles[static_cast<std::size_t>(row)] == *chosen;
}

QString ImportView::columnMessage(const QString& column) const
{
    const int row = rowOf(column);
    return row < 0 ? QString() : m_messages[row];
}

QString ImportView::columnProblems(const QString& column) const
{
    const int row = rowOf(column);
    return row < 0 ? QString() : m_columns->item(row, ProblemsField)->text();
}

QString ImportView::target() const
{
    return m_target->currentData().toString();
}

bool ImportView::setTarget(const QString& column)
{
    const int index = m_target->findData(column);
    if (index < 0)
        return false;
    m_target->setCurrentIndex(index);
    return true;
}

std::vector<ColumnChoice> ImportView::choices() const
{
    std::vector<ColumnChoice> result;
    for (std::size_t c = 0; c < m_profiles.size(); ++c)
        result.push_back({m_profiles[c].name, m_roles[c]});
    return result;
}

Dataset ImportView::chosenDataset() const
{
    if (!m_data)
        throw DataError("open a dataset first");
    return applyColumnChoices(*m_data, choices(), target().toStdString());
}

void ImportView::accept()
{
    try {
        auto data = std::make_shared<const Dataset>(chosenDataset());
        m_error->hide();
        emit datasetAccepted(data);
    } catch (const std::exception& e) {
        m_error->setText(tr("Cannot use this table: %1").arg(QString::fromStdString(e.what())));
        m_error->show();
    }
}

void ImportView::dragEnterEvent(QDragEnterEvent* event)
{
    if (!firstLocalTable(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImportView::dropEvent(QDropEvent* event)
{
    const QString path = firstLocalTable(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openCsvFile(path);
}

}  // namespace dslab
