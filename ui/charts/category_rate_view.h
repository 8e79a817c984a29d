// The rate of the positive class per category of a feature (survival rate per
// title, per family size, per age bin), one vertical bar per category in the
// given order (ordered values keep their order, so a hump stays visible), the
// row count under each label and a dashed line at the overall rate (its
// value is for the caller's title: a label on the line would hide bars).
#pragma once

#include "ui/charts/chart_widget.h"

#include <QStringList>
#include <vector>

namespace dslab {

class CategoryRateView : public ChartWidget {
    Q_OBJECT
public:
    explicit CategoryRateView(QWidget* parent = nullptr);

    // rates in [0, 1] and counts per category, in drawing order.
    void setRates(const QStringList& categories, const std::vector<double>& rates, const std::vector<int>& counts,
                  double overallRate, const QString& title);
    void clear();

    const QStringList& categories() const { return m_categories; }
    const std::vector<double>& rates() const { return m_rates; }

    QString toCsv() const override;
    bool hasData() const override { return !m_rates.empty(); }
    QSize sizeHint() const override { return {320, 200}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QStringList m_categories;
    std::vector<double> m_rates;
    std::vector<int> m_counts;
    double m_overall = 0;
    QString m_title;
};

}  // namespace dslab
