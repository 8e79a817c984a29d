// ROC curves (false positive rate vs true positive rate, with the chance
// diagonal) or precision-recall curves (recall vs precision, with the
// no-skill baseline at the positive rate), several models in distinct
// colours, AUC / AP in the legend, and a marker at the operating point of the
// current decision threshold, which a threshold slider moves.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace dslab {

class RocPrCurveView : public ChartWidget {
    Q_OBJECT
public:
    enum class Kind { Roc, PrecisionRecall };

    explicit RocPrCurveView(Kind kind = Kind::Roc, QWidget* parent = nullptr);

    void setKind(Kind kind);
    Kind kind() const { return m_kind; }
    // ROC: x = false positive rate, y = true positive rate, area = AUC.
    // PR: x = recall, y = precision, area = average precision. Points in the
    // order the engine returns them (by threshold). Returns the curve index.
    int addCurve(const QString& name, const Eigen::VectorXd& x, const Eigen::VectorXd& y, double area);
    void clearCurves();
    int curveCount() const { return static_cast<int>(m_curves.size()); }
    // PR only: the no-skill precision (share of positives).
    void setPositiveRate(double rate);
    // The operating point of the current threshold on curve `curve`, with an
    // optional label (e.g. "threshold 0.50").
    void setCurrentPoint(double x, double y, int curve = 0, const QString& label = {});
    void clearCurrentPoint();
    bool hasCurrentPoint() const { return m_hasCurrent; }
    QPointF currentPoint() const { return m_current; }
    // Where a data point is drawn, in widget coordinates (for tests and tooltips).
    QPointF mapToWidget(const QPointF& data) const;
    // The legend entry of a curve, e.g. "logistic (AUC = 0.91)".
    QString legendText(int curve) const;

    QString toCsv() const override;
    bool hasData() const override { return !m_curves.isEmpty(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Curve {
        QString name;
        Eigen::VectorXd x, y;
        double area = 0;
    };
    struct Layout {
        QRectF plot;    // square, 0..1 on both axes
        QRectF legend;
        bool legendBeside = false;  // else inside the plot, in the emptier corner
    };
    Layout layout() const;
    QStringList legendEntries() const;

    Kind m_kind;
    QVector<Curve> m_curves;
    double m_positiveRate = -1;
    bool m_hasCurrent = false;
    QPointF m_current;
    int m_currentCurve = 0;
    QString m_currentLabel;
};

}  // namespace dslab
