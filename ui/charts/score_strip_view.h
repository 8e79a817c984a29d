// Scores as a strip plot: one column per group (a workflow, a repeat), every
// score a dot (spread sideways so equal scores stay visible), the group's
// mean as a bar with a ± standard deviation whisker and its value printed
// above; an optional horizontal reference line (chance level). Used where the
// spread of scores is the point: leaky vs honest cross-validation.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

namespace dslab {

class ScoreStripView : public ChartWidget {
    Q_OBJECT
public:
    struct Group {
        QString label;
        QVector<double> values;
        QColor colour;  // invalid: the class colour of its index
    };

    explicit ScoreStripView(QWidget* parent = nullptr);

    void setGroups(const QList<Group>& groups);
    void clear();
    // Groups with this index are drawn strong, the others muted; -1 (default) none muted.
    void setHighlighted(int group);
    // A dashed horizontal line across the plot (e.g. 0.5, "chance"); NaN removes it.
    void setReference(double y, const QString& label);
    // Fixed y range (default 0..1); the range widens to fit values outside it.
    void setYRange(double lo, double hi);
    void setYTitle(const QString& title);
    void setXTitle(const QString& title);

    const QList<Group>& groups() const { return m_groups; }
    QString toCsv() const override;
    bool hasData() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<Group> m_groups;
    int m_highlighted = -1;
    double m_reference = 0.5;
    bool m_hasReference = false;
    QString m_referenceLabel;
    double m_yLo = 0, m_yHi = 1;
    QString m_yTitle, m_xTitle;
};

}  // namespace dslab
