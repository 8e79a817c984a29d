// Cross-validation folds as bands: one row per fold, every row of the data a
// cell in its original order, strong in the class colour when it is in the
// fold's validation part and pale when it trains. Beside each band, the
// class mix of the validation part (a stacked bar) and the fold's score (a
// bar, with the mean and a +-1 std strip across all folds), so a splitter
// that puts one class in a fold, or unbalances the class mix, is seen at once.
#pragma once

#include "ui/charts/chart_widget.h"

#include <QStringList>
#include <QVector>

namespace dslab {

class FoldBandsView : public ChartWidget {
    Q_OBJECT
public:
    explicit FoldBandsView(QWidget* parent = nullptr);

    // classes: class code of each row (0..K-1), in the data's order.
    // validation[f]: true for the rows in fold f's validation part.
    void setFolds(const QVector<int>& classes, const QStringList& classNames, const QVector<QVector<bool>>& validation);
    // A fold's score (NaN until it is known), redrawn as folds finish.
    void setScore(int fold, double score);
    void setScoreName(const QString& name);
    void clear();

    int foldCount() const { return static_cast<int>(m_validation.size()); }
    // Share of each class among the validation rows of a fold.
    QVector<double> classShares(int fold) const;
    double score(int fold) const;

    QString toCsv() const override;
    bool hasData() const override { return !m_validation.isEmpty(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<int> m_classes;
    QStringList m_classNames;
    QVector<QVector<bool>> m_validation;
    QVector<double> m_scores;
    QString m_scoreName;
};

}  // namespace dslab
