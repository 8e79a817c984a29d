#include "ui/workbench/data_preview_model.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace dslab {

namespace {

const QString kMissing = QStringLiteral("\u2014");  // em dash
// Long text cells (names, messages) are cut so a row stays one line.
constexpr int kMaxCellCharacters = 80;

}  // namespace

DataPreviewModel::DataPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void DataPreviewModel::setDataset(std::shared_ptr<const Dataset> data, int maxRows)
{
    beginResetModel();
    m_matrix = Matrix();
    m_names.clear();
    m_target.clear();
    m_data = std::move(data);
    m_totalRows = 0;
    m_shownRows = 0;
    if (m_data) {
        for (const Column& column : m_data->columns())
            m_names.push_back(QString::fromStdString(column.name));
        m_target = QString::fromStdString(m_data->targetName());
        m_totalRows = static_cast<qsizetype>(m_data->rowCount());
        m_shownRows = static_cast<int>(std::min<qsizetype>(m_totalRows, std::max(maxRows, 0)));
    }
    endResetModel();
}

void DataPreviewModel::setMatrix(const Matrix& values, const QStringList& columnNames, int maxRows)
{
    beginResetModel();
    m_data.reset();
    m_target.clear();
    m_totalRows = static_cast<qsizetype>(values.rows());
    m_shownRows = static_cast<int>(std::min<qsizetype>(m_totalRows, std::max(maxRows, 0)));
    m_matrix = values.topRows(m_shownRows);
    m_names.clear();
    for (Eigen::Index c = 0; c < values.cols(); ++c)
        m_names.push_back(c < columnNames.size() && !columnNames[c].isEmpty() ? columnNames[c]
                                                                              : QStringLiteral("x%1").arg(c));
    endResetModel();
}

void DataPreviewModel::setIgnoredColumns(const QSet<QString>& names)
{
    m_ignored = names;
    if (!m_names.isEmpty()) {
        emit headerDataChanged(Qt::Horizontal, 0, static_cast<int>(m_names.size()) - 1);
        emit dataChanged(index(0, 0), index(std::max(m_shownRows - 1, 0), static_cast<int>(m_names.size()) - 1));
    }
}

void DataPreviewModel::setTargetColumn(const QString& name)
{
    m_target = name;
    if (!m_names.isEmpty())
        emit headerDataChanged(Qt::Horizontal, 0, static_cast<int>(m_names.size()) - 1);
}

void DataPreviewModel::clear()
{
    beginResetModel();
    m_data.reset();
    m_matrix = Matrix();
    m_names.clear();
    m_target.clear();
    m_totalRows = 0;
    m_shownRows = 0;
    endResetModel();
}

QString DataPreviewModel::columnTypeName(int column) const
{
    if (column < 0 || column >= m_names.size())
        return {};
    if (m_ignored.contains(m_names[column]))
        return QStringLiteral("ignore");
    if (!m_data)
        return QStringLiteral("numeric");
    return QString::fromStdString(dslab::columnTypeName(m_data->column(static_cast<std::size_t>(column)).type));
}

bool DataPreviewModel::isMissing(int row, int column) const
{
    if (row < 0 || row >= m_shownRows || column < 0 || column >= m_names.size())
        return false;
    if (m_data)
        return m_data->column(static_cast<std::size_t>(column)).isMissing(static_cast<std::size_t>(row));
    return std::isnan(m_matrix(row, column));
}

int DataPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_shownRows;
}

int DataPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_names.size());
}

QString DataPreviewModel::cellText(int row, int column) const
{
    if (m_data) {
        const Column& c = m_data->column(static_cast<std::size_t>(column));
        // Datetimes show as written in the file, not as seconds.
        return QString::fromStdString(c.cellText(static_cast<std::size_t>(row)));
    }
    // Transformed values: six significant digits are enough to read.
    return QString::number(m_matrix(row, column), 'g', 6);
}

QVariant DataPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_shownRows || index.column() >= m_names.size())
        return {};
    const int row = index.row(), column = index.column();
    const bool missing = isMissing(row, column);
    const bool numeric = m_data ? m_data->column(static_cast<std::size_t>(column)).type == ColumnType::Numeric : true;
    switch (role) {
    case Qt::DisplayRole: {
        if (missing)
            return kMissing;
        QString text = cellText(row, column);
        if (text.size() > kMaxCellCharacters)
            text = text.left(kMaxCellCharacters - 1) + QChar(0x2026);
        return text;
    }
    case Qt::ToolTipRole:
        return missing ? tr("missing") : cellText(row, column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue<Qt::Alignment>((numeric || missing ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (missing || m_ignored.contains(m_names[column]))
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        return {};
    default:
        return {};
    }
}

QVariant DataPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < m_shownRows)
            return section + 1;
        return {};
    }
    if (section < 0 || section >= m_names.size())
        return {};
    const QString& name = m_names[section];
    const QString type = columnTypeName(section);
    switch (role) {
    case Qt::DisplayRole:
        // pandas shows dtypes under the names; the type is what a step will see.
        return name + QLatin1Char('\n') + (name == m_target ? tr("%1, target").arg(type) : type);
    case Qt::ToolTipRole:
        return name == m_target ? tr("%1 (%2): the target").arg(name, type) : tr("%1 (%2)").arg(name, type);
    case Qt::ForegroundRole:
        if (m_ignored.contains(name))
            return QBrush(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
        return {};
    default:
        return {};
    }
}

}  // namespace dslab
