#include "ui/charts/digit_images_view.h"

#include "ui/charts/chart_painting.h"

#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace dslab {

DigitImagesView::DigitImagesView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("Original images and their reconstructions"));
    setMinimumSize(240, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void DigitImagesView::setRows(const QList<Eigen::MatrixXd>& rows, const QStringList& captions, int imageWidth,
                              int imageHeight, double lo, double hi)
{
    m_rows = rows;
    m_captions = captions;
    m_width = std::max(1, imageWidth);
    m_height = std::max(1, imageHeight);
    m_lo = lo;
    m_hi = hi > lo ? hi : lo + 1;
    m_note.clear();
    update();
}

void DigitImagesView::setNote(const QString& note)
{
    m_rows.clear();
    m_note = note;
    update();
}

void DigitImagesView::clear()
{
    m_rows.clear();
    m_captions.clear();
    m_note.clear();
    update();
}

void DigitImagesView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    if (!hasData()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect().adjusted(8, 4, -8, -4), Qt::AlignCenter | Qt::TextWordWrap,
                         m_note.isEmpty() ? tr("Originals and reconstructions\n(train to see them)") : m_note);
        return;
    }
    const QFontMetricsF fm(font());
    double captionWidth = 0;
    for (const QString& c : m_captions)
        captionWidth = std::max(captionWidth, fm.horizontalAdvance(c));
    captionWidth += 10;
    const int images = static_cast<int>(m_rows.front().rows());
    const auto rowCount = static_cast<double>(m_rows.size());
    const double gap = 4;
    // Square cells as large as both directions allow.
    const double cellByWidth = (width() - captionWidth - 8 - gap * images) / std::max(1, images);
    const double cellByHeight = (height() - 8 - gap * rowCount) / rowCount;
    const double cell = std::max(8.0, std::min(cellByWidth, cellByHeight));
    for (int r = 0; r < m_rows.size(); ++r) {
        const double top = 4 + r * (cell + gap);
        painter.setPen(ink.text);
        painter.drawText(QRectF(4, top, captionWidth - 6, cell), Qt::AlignRight | Qt::AlignVCenter,
                         m_captions.value(r));
        for (int i = 0; i < std::min<int>(images, static_cast<int>(m_rows[r].rows())); ++i) {
            // Dark ink on light paper, as a digit is written.
            QImage image(m_width, m_height, QImage::Format_Grayscale8);
            for (int py = 0; py < m_height; ++py)
                for (int px = 0; px < m_width; ++px) {
                    const Eigen::Index at = py * m_width + px;
                    const double v = at < m_rows[r].cols() ? m_rows[r](i, at) : m_lo;
                    const double t = std::clamp((v - m_lo) / (m_hi - m_lo), 0.0, 1.0);
                    image.bits()[py * image.bytesPerLine() + px] = static_cast<uchar>(255 - std::lround(t * 255));
                }
            const QRectF target(captionWidth + i * (cell + gap), top, cell, cell);
            painter.drawImage(target, image);
            painter.setPen(QPen(ink.grid, 1));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(target);
        }
    }
}

QString DigitImagesView::toCsv() const
{
    QString out = QStringLiteral("row,image,pixel,value\n");
    for (int r = 0; r < m_rows.size(); ++r)
        for (Eigen::Index i = 0; i < m_rows[r].rows(); ++i)
            for (Eigen::Index p = 0; p < m_rows[r].cols(); ++p)
                out += QStringLiteral("%1,%2,%3,%4\n").arg(csvField(m_captions.value(r))).arg(i).arg(p).arg(m_rows[r](i, p));
    return out;
}

}  // namespace dslab
