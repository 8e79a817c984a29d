// Small grey-level images in rows: the originals on top and, below, their
// reconstructions (for example from k principal components), each row with a
// caption. Fed plain pixel rows and the image's width and height, so any
// image dataset (8x8 digits) can be shown.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QStringList>

namespace dslab {

class DigitImagesView : public ChartWidget {
    Q_OBJECT
public:
    explicit DigitImagesView(QWidget* parent = nullptr);

    // Each matrix: one image per row (width * height pixels, row-major);
    // all rows share the grey range [lo, hi] (digits: 0..16).
    void setRows(const QList<Eigen::MatrixXd>& rows, const QStringList& captions, int imageWidth, int imageHeight,
                 double lo, double hi);
    // Shown instead of the images (e.g. "t-SNE has no inverse").
    void setNote(const QString& note);
    void clear();
    int rowCount() const { return static_cast<int>(m_rows.size()); }

    QString toCsv() const override;
    bool hasData() const override { return !m_rows.isEmpty(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<Eigen::MatrixXd> m_rows;
    QStringList m_captions;
    QString m_note;
    int m_width = 8, m_height = 8;
    double m_lo = 0, m_hi = 16;
};

}  // namespace dslab
