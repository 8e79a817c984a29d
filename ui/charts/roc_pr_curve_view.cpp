#include "ui/charts/roc_pr_curve_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace dslab {

RocPrCurveView::RocPrCurveView(Kind kind, QWidget* parent) : ChartWidget(parent), m_kind(kind)
{
    setKind(kind);
    setMinimumSize(260, 220);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void RocPrCurveView::setKind(Kind kind)
{
    m_kind = kind;
    setAccessibleName(kind == Kind::Roc ? tr("ROC curve") : tr("Precision-recall curve"));
    update();
}

int RocPrCurveView::addCurve(const QString& name, const Eigen::VectorXd& x, const Eigen::VectorXd& y, double area)
{
    const Eigen::Index n = std::min(x.size(), y.size());
    m_curves.push_back({name, x.head(n), y.head(n), area});
    update();
    return static_cast<int>(m_curves.size()) - 1;
}

void RocPrCurveView::clearCurves()
{
    m_curves.clear();
    m_hasCurrent = false;
    update();
}

void RocPrCurveView::setPositiveRate(double rate)
{
    m_positiveRate = rate;
    update();
}

void RocPrCurveView::setCurrentPoint(double x, double y, int curve, const QString& label)
{
    m_hasCurrent = true;
    m_current = QPointF(x, y);
    m_currentCurve = curve;
    m_currentLabel = label;
    update();
}

void RocPrCurveView::clearCurrentPoint()
{
    m_hasCurrent = false;
    update();
}

QString RocPrCurveView::legendText(int curve) const
{
    if (curve < 0 || curve >= m_curves.size())
        return {};
    const Curve& c = m_curves[curve];
    return QStringLiteral("%1 (%2 = %3)").arg(c.name, m_kind == Kind::Roc ? tr("AUC") : tr("AP"),
                                              QString::number(c.area, 'f', 3));
}

QStringList RocPrCurveView::legendEntries() const
{
    QStringList entries;
    for (int i = 0; i < m_curves.size(); ++i)
        entries << legendText(i);
    if (m_kind == Kind::Roc)
        entries << tr("chance (AUC = 0.5)");
    else if (m_positiveRate >= 0 && m_positiveRate <= 1)
        entries << tr("no skill (AP = %1)").arg(QString::number(m_positiveRate, 'f', 3));
    return entries;
}

RocPrCurveView::Layout RocPrCurveView::layout() const
{
    // Both axes run 0..1 with the same tick labels, so the margins depend on the font only.
    const QFontMetricsF fm(font());
    const double left = fm.horizontalAdvance("0.8") + 8 + fm.height() + 4 + 4;
    const double bottom = fm.height() * 2 + 16;
    const double top = fm.height() * 0.6;
    const double w = std::max(40.0, width() - left - 12), h = std::max(40.0, height() - top - bottom);
    const QStringList entries = legendEntries();
    double textW = 0;
    for (const auto& e : entries)
        textW = std::max(textW, fm.horizontalAdvance(e));
    const QSizeF legend(fm.height() * 1.2 + 14 + textW, entries.size() * fm.height() + 8);
    Layout out;
    // Square: equal scales keep "area under the curve" honest. The legend
    // goes beside it when that costs the square at most a fifth of its side.
    if (!m_curves.isEmpty() && w - legend.width() - 12 >= 0.8 * h) {
        const double side = std::min(h, w - legend.width() - 12);
        out.plot = QRectF(left, top + (h - side) / 2, side, side);
        out.legend = QRectF(QPointF(out.plot.right() + 12, out.plot.top() + std::max(0.0, (side - legend.height()) / 3)),
                            legend);
        out.legendBeside = true;
        return out;
    }
    const double side = std::min(w, h);
    out.plot = QRectF(left + (w - side) / 2, top + (h - side) / 2, side, side);
    // Inside, in the corner the curves leave empty: bottom right for ROC
    // (curves bow up-left), bottom left for PR (curves fall to the right).
    const double boxW = std::min(out.plot.width() - 8, legend.width());
    const bool roc = m_kind == Kind::Roc;
    out.legend = QRectF(roc ? out.plot.right() - boxW - 4 : out.plot.left() + 4, out.plot.bottom() - legend.height() - 4,
                        boxW, legend.height());
    return out;
}

QPointF RocPrCurveView::mapToWidget(const QPointF& data) const
{
    const QRectF plot = layout().plot;
    return QPointF(plot.left() + data.x() * plot.width(), plot.bottom() - data.y() * plot.height());
}

void RocPrCurveView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    const QFontMetricsF fm(font());
    const Layout frame = layout();
    const QRectF plot = frame.plot;
    const AxisScale x{0, 1, plot.left(), plot.right()};
    const AxisScale y{0, 1, plot.bottom(), plot.top()};
    painter.setRenderHint(QPainter::Antialiasing);
    drawGrid(painter, plot, x, y, ink);
    painter.setPen(QPen(ink.axis, 1));
    painter.drawRect(plot);

    // Reference: chance diagonal (ROC) or no-skill precision (PR).
    painter.setPen(QPen(ink.axis, 1.2, Qt::DashLine));
    if (m_kind == Kind::Roc) {
        painter.drawLine(plot.bottomLeft(), plot.topRight());
    } else if (m_positiveRate >= 0 && m_positiveRate <= 1) {
        const double py = y.map(m_positiveRate);
        painter.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
    }

    const double lineW = std::max(2.0, fm.height() * 0.14);
    for (int i = 0; i < m_curves.size(); ++i) {
        const Curve& c = m_curves[i];
        QPainterPath path;
        for (Eigen::Index k = 0; k < c.x.size(); ++k) {
            const QPointF q(x.map(c.x[k]), y.map(c.y[k]));
            if (k == 0) {
                path.moveTo(q);
            } else if (m_kind == Kind::PrecisionRecall) {
                // PR curves are step functions (as scikit-learn draws them):
                // precision holds until recall moves.
                path.lineTo(QPointF(q.x(), path.currentPosition().y()));
                path.lineTo(q);
            } else {
                path.lineTo(q);
            }
        }
        painter.setPen(QPen(classColor(i), lineW, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }

    // Current threshold: guide lines to both axes and a ringed dot.
    if (m_hasCurrent) {
        const QPointF q(x.map(m_current.x()), y.map(m_current.y()));
        const QColor colour = m_curves.isEmpty() ? ink.text : classColor(std::max(0, m_currentCurve));
        painter.setPen(QPen(ink.mutedText, 1, Qt::DotLine));
        painter.drawLine(QPointF(q.x(), plot.bottom()), q);
        painter.drawLine(QPointF(plot.left(), q.y()), q);
        const double r = std::max(5.0, fm.height() * 0.3);
        painter.setPen(QPen(ink.background, 2));
        painter.setBrush(colour);
        painter.drawEllipse(q, r, r);
        painter.setPen(QPen(ink.text, 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(q, r + 2, r + 2);
        if (!m_currentLabel.isEmpty()) {
            const double w = fm.horizontalAdvance(m_currentLabel) + 8;
            // Right of the dot unless that runs off the plot, then left of it.
            QRectF box(q.x() + r + 6, q.y() - fm.height() - 2, w, fm.height());
            if (box.right() > plot.right())
                box.moveRight(q.x() - r - 6);
            if (box.top() < plot.top())
                box.moveTop(q.y() + 4);
            QColor back = ink.background;
            back.setAlphaF(0.85f);
            painter.fillRect(box, back);
            painter.setPen(ink.text);
            painter.drawText(box, Qt::AlignCenter, m_currentLabel);
        }
    }

    const bool roc = m_kind == Kind::Roc;
    drawBottomAxis(painter, plot, x, roc ? tr("false positive rate") : tr("recall (true positive rate)"), ink,
                   QRectF(rect()));
    drawLeftAxis(painter, plot, y, roc ? tr("true positive rate (recall)") : tr("precision"), ink);

    const QStringList entries = legendEntries();
    if (m_curves.isEmpty())
        return;
    const double sw = fm.height() * 1.2;
    const QRectF box = frame.legend;
    QColor back = ink.background;
    back.setAlphaF(0.88f);
    painter.setPen(frame.legendBeside ? Qt::NoPen : QPen(ink.grid, 1));
    painter.setBrush(back);
    painter.drawRect(box);
    for (int i = 0; i < entries.size(); ++i) {
        const double cy = box.top() + 4 + (i + 0.5) * fm.height();
        const bool reference = i == m_curves.size();
        painter.setPen(reference ? QPen(ink.axis, 1.2, Qt::DashLine) : QPen(classColor(i), lineW));
        painter.drawLine(QPointF(box.left() + 5, cy), QPointF(box.left() + 5 + sw, cy));
        painter.setPen(ink.text);
        painter.drawText(QRectF(box.left() + sw + 9, cy - fm.height() / 2, box.width() - sw - 12, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(entries[i], Qt::ElideMiddle, box.width() - sw - 12));
    }
}

QString RocPrCurveView::toCsv() const
{
    const bool roc = m_kind == Kind::Roc;
    QString out = roc ? QStringLiteral("curve,false_positive_rate,true_positive_rate,auc\n")
                      : QStringLiteral("curve,recall,precision,average_precision\n");
    for (const Curve& c : m_curves)
        for (Eigen::Index k = 0; k < c.x.size(); ++k)
            out += csvField(c.name) + ',' + QString::number(c.x[k], 'g', 10) + ',' + QString::number(c.y[k], 'g', 10)
                + ',' + QString::number(c.area, 'g', 10) + '\n';
    return out;
}

}  // namespace dslab
