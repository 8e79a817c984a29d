// A confusion matrix as a grid of counts (rows: true class, columns:
// predicted class), shaded by each row's share so errors stand out.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QStringList>
#include <QVector>

namespace dslab {

class ConfusionMatrixView : public ChartWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);
    // counts: row-major classCount x classCount.
    void setMatrix(const QVector<double>& counts, const QStringList& classNames);
    void clear();
    double count(int trueClass, int predictedClass) const;
    QString toCsv() const override;
    bool hasData() const override { return !m_counts.isEmpty(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<double> m_counts;
    QStringList m_names;
};

}  // namespace dslab
