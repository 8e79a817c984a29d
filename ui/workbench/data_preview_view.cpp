#include "ui/workbench/data_preview_view.h"

#include "ui/workbench/data_preview_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace dslab {

DataPreviewView::DataPreviewView(QWidget* parent)
    : QWidget(parent), m_model(new DataPreviewModel(this)), m_maxRows(DataPreviewModel::kDefaultMaxRows)
{
    m_summary = new QLabel(this);
    m_summary->setAccessibleName(tr("preview size"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("data preview"));
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setMaximumSectionSize(320);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    updateSummary();
}

void DataPreviewView::setCaption(const QString& caption)
{
    m_caption = caption;
    updateSummary();
}

void DataPreviewView::setMaxRows(int rows)
{
    m_maxRows = rows;
}

void DataPreviewView::setDataset(std::shared_ptr<const Dataset> data)
{
    m_model->setDataset(std::move(data), m_maxRows);
    m_table->resizeColumnsToContents();
    updateSummary();
}

void DataPreviewView::setMatrix(const Matrix& values, const QStringList& columnNames)
{
    m_model->setMatrix(values, columnNames, m_maxRows);
    m_table->resizeColumnsToContents();
    updateSummary();
}

void DataPreviewView::setIgnoredColumns(const QSet<QString>& names)
{
    m_model->setIgnoredColumns(names);
}

void DataPreviewView::clear()
{
    m_model->clear();
    updateSummary();
}

QString DataPreviewView::summaryText() const
{
    return m_summary->text();
}

void DataPreviewView::updateSummary()
{
    const QLocale locale;
    QString text;
    if (m_model->totalColumns() == 0) {
        text = tr("No data");
    } else {
        const qsizetype rows = m_model->totalRows(), columns = m_model->totalColumns();
        text = tr("%1 rows \u00d7 %2 columns").arg(locale.toString(rows), locale.toString(columns));
        if (rows > m_model->rowCount())
            text += tr(", showing the first %1").arg(locale.toString(m_model->rowCount()));
    }
    m_summary->setText(m_caption.isEmpty() ? text : m_caption + QStringLiteral(": ") + text);
}

}  // namespace dslab
