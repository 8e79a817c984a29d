#include "ui/charts/chart_widget.h"

#include <QContextMenuEvent>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace dslab {

ChartWidget::ChartWidget(QWidget* parent) : QWidget(parent)
{
    setContextMenuPolicy(Qt::DefaultContextMenu);
}

bool ChartWidget::exportPng(const QString& path, qreal scale)
{
    QImage image((size() * scale), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(palette().color(QPalette::Window));
    QPainter painter(&image);
    render(&painter);
    painter.end();
    return image.save(path, "PNG");
}

bool ChartWidget::exportSvg(const QString& path)
{
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(size());
    generator.setViewBox(rect());
    generator.setTitle(accessibleName());
    QPainter painter(&generator);
    render(&painter);
    return painter.end();
}

bool ChartWidget::exportCsv(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    file.write(toCsv().toUtf8());
    return file.commit();
}

void ChartWidget::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    const QString base = accessibleName().isEmpty() ? QStringLiteral("chart") : accessibleName();
    menu.addAction(tr("Save as PNG…"), this, [this, base] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), base + ".png", tr("PNG images (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    menu.addAction(tr("Save as SVG…"), this, [this, base] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), base + ".svg", tr("SVG images (*.svg)"));
        if (!path.isEmpty())
            exportSvg(path);
    });
    menu.addAction(tr("Save data as CSV…"), this, [this, base] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save data"), base + ".csv", tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    menu.exec(event->globalPos());
}

QColor classColor(int k)
{
    // Okabe-Ito palette.
    static const QColor colors[] = {QColor(0, 114, 178), QColor(230, 159, 0), QColor(0, 158, 115),
                                    QColor(204, 121, 167), QColor(86, 180, 233), QColor(213, 94, 0),
                                    QColor(240, 228, 66), QColor(0, 0, 0)};
    return colors[static_cast<unsigned>(k) % 8];
}

}  // namespace dslab
