#include "ui/workbench/component_palette.h"

#include "engine/core/catalog.h"
#include "ui/workbench/pipeline_graph_view.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <map>

namespace dslab {

namespace {

constexpr int kTypeRole = Qt::UserRole + 1;

// A tree whose drags carry the component's type name.
class PaletteTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

protected:
    QStringList mimeTypes() const override { return {PipelineGraphView::kComponentMime}; }
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override
    {
        if (items.isEmpty() || items.front()->data(0, kTypeRole).toString().isEmpty())
            return nullptr;
        auto* data = new QMimeData;
        data->setData(PipelineGraphView::kComponentMime, items.front()->data(0, kTypeRole).toString().toUtf8());
        data->setText(items.front()->data(0, kTypeRole).toString());
        return data;
    }
};

}  // namespace

ComponentPalette::ComponentPalette(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search components…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("search components"));
    m_tree = new PaletteTree(this);
    m_tree->setHeaderHidden(true);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setAccessibleName(tr("component palette"));
    m_tree->setToolTip(tr("Drag a component onto the graph, or double-click it"));
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    connect(m_search, &QLineEdit::textChanged, this, &ComponentPalette::rebuild);
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QString type = item->data(0, kTypeRole).toString();
        if (!type.isEmpty())
            emit componentActivated(type);
    });
    rebuild();
}

void ComponentPalette::setAllowedTypes(const QStringList& types)
{
    m_allowed = types;
    rebuild();
}

void ComponentPalette::setFilter(const QString& text)
{
    m_search->setText(text);
}

QStringList ComponentPalette::visibleTypes() const
{
    QStringList out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* cat = m_tree->topLevelItem(i);
        for (int j = 0; j < cat->childCount(); ++j)
            out << cat->child(j)->data(0, kTypeRole).toString();
    }
    return out;
}

void ComponentPalette::rebuild()
{
    m_tree->clear();
    const QString filter = m_search->text().trimmed();
    auto matches = [&](const QString& type, const QString& summary) {
        return filter.isEmpty() || type.contains(filter, Qt::CaseInsensitive) || summary.contains(filter, Qt::CaseInsensitive);
    };
    struct Entry {
        QString type, label, summary;
    };
    std::vector<std::pair<QString, std::vector<Entry>>> groups;
    groups.push_back({tr("Workbench"),
                      {{QStringLiteral("ColumnSelector"), tr("Column selector (branch)"),
                        tr("Starts a ColumnTransformer branch: picks columns by name or type")},
                       {QStringLiteral("Split"), tr("Train/test split"),
                        tr("Steps after it are fitted on the training rows only")}}});
    std::map<std::string, std::vector<Entry>> byCategory;
    for (const CatalogEntry& e : Catalog::builtin().entries()) {
        const QString type = QString::fromStdString(e.typeName);
        if (!m_allowed.isEmpty() && !m_allowed.contains(type) && type != QLatin1String("ColumnTransformer"))
            continue;
        byCategory[e.category].push_back({type, type, QString::fromStdString(e.summary)});
    }
    for (auto& [category, entries] : byCategory)
        groups.push_back({QString::fromStdString(category), entries});
    for (const auto& [category, entries] : groups) {
        auto* cat = new QTreeWidgetItem(m_tree, {category});
        cat->setFlags(Qt::ItemIsEnabled);
        QFont bold = cat->font(0);
        bold.setBold(true);
        cat->setFont(0, bold);
        for (const Entry& e : entries) {
            if (!matches(e.type, e.summary) && !matches(e.label, {}))
                continue;
            auto* item = new QTreeWidgetItem(cat, {e.label});
            item->setData(0, kTypeRole, e.type);
            item->setToolTip(0, QStringLiteral("<b>%1</b><br>%2").arg(e.type, e.summary.toHtmlEscaped()));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
        }
        if (cat->childCount() == 0)
            delete cat;
    }
    m_tree->expandAll();
}

}  // namespace dslab
