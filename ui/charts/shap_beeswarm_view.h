// SHAP summary ("beeswarm") plot: one row per feature, sorted by mean |SHAP|,
// one dot per sample at its SHAP value, piled up vertically where samples are
// dense, coloured by the feature's value (blue low -> red high). Features past
// the display limit are summed into one "Sum of N other features" row, as
// shap does, so the dots of a sample still add up to its prediction.
//
// Thousands of dots: positions, colours and a bucket grid for hit-testing are
// computed once per data or size change, and the dots themselves are cached
// as an image, so a plain repaint is a blit.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace dslab {

class ShapBeeswarmView : public ChartWidget {
    Q_OBJECT
public:
    explicit ShapBeeswarmView(QWidget* parent = nullptr);

    // shapValues and featureValues are samples x features. featureValues may
    // be empty (dots are then drawn in one colour); NaN values are grey.
    void setData(const Eigen::MatrixXd& shapValues, const Eigen::MatrixXd& featureValues,
                 const QStringList& featureNames);
    void clear();
    // How many features get their own row (default 10; <= 0 shows all).
    void setMaxDisplay(int features);
    int maxDisplay() const { return m_maxDisplay; }
    // Sum the features past the limit into one row (default on) or drop them.
    void setGroupOthers(bool on);
    void setAxisLabel(const QString& label);
    // Rings the dots of one sample in every row (-1: none), e.g. the sample a
    // waterfall beside this chart explains.
    void setHighlightedRow(int row);

    // Feature indices of the feature rows, top to bottom (largest mean |SHAP|
    // first); the "other features" row, if shown, comes after them.
    const std::vector<int>& featureOrder() const { return m_order; }
    bool hasOthersRow() const { return !m_others.empty(); }
    // Mean |SHAP| of each feature (in input order).
    const Eigen::VectorXd& meanAbsShap() const { return m_meanAbs; }
    // Where sample `row`'s dot is drawn in display row `displayRow`, in widget
    // coordinates; a null point when out of range.
    QPointF pointPosition(int row, int displayRow) const;
    // The sample whose dot is under `pos` (nearest within a few pixels), or -1.
    int rowAt(const QPointF& pos) const;
    int sampleCount() const { return static_cast<int>(m_shap.rows()); }

    QString toCsv() const override;
    bool hasData() const override { return m_shap.size() > 0; }

signals:
    // A dot was clicked: the index of its sample (data row).
    void rowClicked(int row);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    struct DisplayRow {
        QString label;
        std::vector<double> shap;      // per sample
        std::vector<double> value;     // per sample (NaN: no value)
        std::vector<float> jitter;     // per sample, -1..1 of the half row height
        std::vector<std::uint8_t> colour;  // bucket 0..kBuckets-1, kMissing for grey
    };
    static constexpr int kBuckets = 64;
    static constexpr std::uint8_t kMissing = 255;

    void rebuildRows();                 // data or options changed
    void ensureLayout() const;          // size or font changed
    void invalidateLayout();
    void paintDots(QPainter& painter, qreal dpr) const;
    double toX(double shap) const;

    Eigen::MatrixXd m_shap, m_values;
    QStringList m_names;
    Eigen::VectorXd m_meanAbs;
    std::vector<int> m_order, m_others;
    std::vector<DisplayRow> m_rows;
    double m_xMin = -1, m_xMax = 1;
    int m_maxDisplay = 10;
    bool m_groupOthers = true;
    QString m_axisLabel;
    int m_highlightRow = -1;
    int m_hoverRow = -1;

    // Layout cache (mutable: filled lazily by const accessors and paint).
    mutable bool m_layoutValid = false;
    mutable QSize m_layoutSize;  // a hidden widget gets no resize event until shown
    mutable QRectF m_plot;
    mutable double m_rowPitch = 0;
    mutable double m_dotRadius = 2.5;
    mutable double m_labelWidth = 0;
    mutable std::vector<QPointF> m_positions;  // displayRow * samples + sample
    // Hit-testing buckets: square cells of m_cellSize px, points in CSR form.
    mutable double m_cellSize = 8;
    mutable int m_gridCols = 0, m_gridRows = 0;
    mutable std::vector<int> m_cellStart, m_cellItems;
    mutable QImage m_dotLayer;  // dots only, transparent elsewhere
};

}  // namespace dslab
