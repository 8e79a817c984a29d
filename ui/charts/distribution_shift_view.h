// One feature's drift as the PSI sees it: for each reference bin (the
// training deciles) the share of training values beside the share of live
// values, so a learner sees which part of the range the live data moved to.
// Fed plain numbers; the lab computes the bins.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QVector>

namespace dslab {

class DistributionShiftView : public ChartWidget {
    Q_OBJECT
public:
    explicit DistributionShiftView(QWidget* parent = nullptr);

    // edges: the inner bin edges (bins = edges + 1); shares per bin, each summing to 1.
    void setShift(const QString& feature, const QVector<double>& edges, const QVector<double>& reference,
                  const QVector<double>& live, double psi);
    void clear();

    double psi() const { return m_psi; }
    const QVector<double>& liveShares() const { return m_live; }

    QString toCsv() const override;
    bool hasData() const override { return !m_reference.isEmpty(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_feature;
    QVector<double> m_edges, m_reference, m_live;
    double m_psi = 0;
};

}  // namespace dslab
