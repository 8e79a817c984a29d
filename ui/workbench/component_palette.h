// The Workbench's palette: every catalog component by category, plus the
// graph's own nodes (column selector, train/test split), with a search box.
// Drag an entry onto the graph view or double-click it to add a node.
#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QTreeWidget;

namespace dslab {

class ComponentPalette : public QWidget {
    Q_OBJECT
public:
    explicit ComponentPalette(QWidget* parent = nullptr);

    // Limits the catalog components shown (a lesson's palette); empty: all.
    // The graph's own nodes are always offered.
    void setAllowedTypes(const QStringList& types);
    void setFilter(const QString& text);
    // Type names currently listed (after the filter).
    QStringList visibleTypes() const;
    QTreeWidget* tree() const { return m_tree; }

signals:
    void componentActivated(const QString& typeName);

private:
    void rebuild();

    QLineEdit* m_search = nullptr;
    QTreeWidget* m_tree = nullptr;
    QStringList m_allowed;
};

}  // namespace dslab
