#include "ui/charts/confusion_matrix_view.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace dslab {

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Confusion matrix"));
    setMinimumSize(160, 140);
}

void ConfusionMatrixView::setMatrix(const QVector<double>& counts, const QStringList& classNames)
{
    m_counts = counts;
    m_names = classNames;
    update();
}

void ConfusionMatrixView::clear()
{
    m_counts.clear();
    update();
}

double ConfusionMatrixView::count(int trueClass, int predictedClass) const
{
    const int k = static_cast<int>(m_names.size());
    if (trueClass < 0 || predictedClass < 0 || trueClass >= k || predictedClass >= k || m_counts.size() < k * k)
        return 0;
    return m_counts[trueClass * k + predictedClass];
}

void ConfusionMatrixView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const int k = static_cast<int>(m_names.size());
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    painter.setPen(palette().color(QPalette::Text));
    if (k == 0 || m_counts.size() < k * k) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Confusion matrix\n(train to see it)"));
        return;
    }
    // The row labels get the room their longest class name needs (up to a quarter of the width).
    int widest = 0;
    for (const QString& name : m_names)
        widest = std::max(widest, painter.fontMetrics().horizontalAdvance(name));
    const int labelW = std::clamp(widest + 26, 70, std::max(70, width() / 4)), labelH = 34;
    const QRectF grid(labelW, labelH, width() - labelW - 6, height() - labelH - 6);
    const double cw = grid.width() / k, ch = grid.height() / k;
    painter.drawText(QRectF(labelW, 0, grid.width(), 16), Qt::AlignCenter, tr("predicted"));
    painter.save();
    painter.translate(10, grid.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-grid.height() / 2, -8, grid.height(), 16), Qt::AlignCenter, tr("true"));
    painter.restore();
    for (int r = 0; r < k; ++r) {
        double rowTotal = 0;
        for (int c = 0; c < k; ++c)
            rowTotal += m_counts[r * k + c];
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(18, grid.top() + r * ch, labelW - 22, ch), Qt::AlignRight | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(m_names[r], Qt::ElideRight, labelW - 22));
        painter.drawText(QRectF(grid.left() + r * cw, 16, cw, 16), Qt::AlignCenter,
                         painter.fontMetrics().elidedText(m_names[r], Qt::ElideRight, static_cast<int>(cw)));
        for (int c = 0; c < k; ++c) {
            const double v = m_counts[r * k + c];
            const double share = rowTotal > 0 ? v / rowTotal : 0;
            // Correct cells in blue, errors in vermillion; intensity by share of the true class.
            const QColor base = r == c ? QColor(0, 114, 178) : QColor(213, 94, 0);
            const QColor fill(static_cast<int>(255 + (base.red() - 255) * share),
                              static_cast<int>(255 + (base.green() - 255) * share),
                              static_cast<int>(255 + (base.blue() - 255) * share));
            const QRectF cell(grid.left() + c * cw, grid.top() + r * ch, cw, ch);
            painter.fillRect(cell, fill);
            painter.setPen(QPen(palette().color(QPalette::Mid), 0.5));
            painter.drawRect(cell);
            painter.setPen(share > 0.55 ? Qt::white : Qt::black);
            painter.drawText(cell, Qt::AlignCenter, QString::number(static_cast<long long>(std::llround(v))));
        }
    }
}

QString ConfusionMatrixView::toCsv() const
{
    const int k = static_cast<int>(m_names.size());
    QString out = QStringLiteral("true\\predicted");
    for (const auto& n : m_names)
        out += "," + n;
    out += "\n";
    for (int r = 0; r < k && m_counts.size() >= k * k; ++r) {
        out += m_names[r];
        for (int c = 0; c < k; ++c)
            out += "," + QString::number(m_counts[r * k + c]);
        out += "\n";
    }
    return out;
}

}  // namespace dslab
