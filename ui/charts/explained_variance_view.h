// PCA's explained variance: one bar per component (its share of the total
// variance) and the cumulative share as a line, with guides at 90/95/99% and
// a marker at the number of components kept. Fed the ratios only.
#pragma once

#include "ui/charts/chart_widget.h"

#include <Eigen/Core>

namespace dslab {

class ExplainedVarianceView : public ChartWidget {
    Q_OBJECT
public:
    explicit ExplainedVarianceView(QWidget* parent = nullptr);

    // ratios: explained_variance_ratio_ of every component, descending.
    void setRatios(const Eigen::VectorXd& ratios);
    // The number of components kept (0 = no marker).
    void setKept(int k);
    void clear();
    const Eigen::VectorXd& ratios() const { return m_ratios; }
    // The cumulative share of the first k components (0 for k = 0).
    double cumulative(int k) const;

    QString toCsv() const override;
    bool hasData() const override { return m_ratios.size() > 0; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Eigen::VectorXd m_ratios;
    int m_kept = 0;
};

}  // namespace dslab
