// Base of every chart: a widget that can export itself as PNG or SVG and its
// data as CSV, from a context menu or programmatically. Charts know nothing
// about lessons; labs feed them data.
#pragma once

#include <QString>
#include <QWidget>

namespace dslab {

class ChartWidget : public QWidget {
    Q_OBJECT
public:
    explicit ChartWidget(QWidget* parent = nullptr);

    // The data behind the picture, as CSV with a header row.
    virtual QString toCsv() const = 0;
    bool exportPng(const QString& path, qreal scale = 2.0);
    bool exportSvg(const QString& path);
    bool exportCsv(const QString& path) const;
    // True once the chart has something to show (tests check charts get data).
    virtual bool hasData() const = 0;

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
};

// The colour of class k, from a palette readable by colour-blind viewers.
QColor classColor(int k);

}  // namespace dslab
