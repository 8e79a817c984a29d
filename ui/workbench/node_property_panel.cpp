#include "ui/workbench/node_property_panel.h"

#include "engine/core/catalog.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/pipeline_json.h"
#include "ui/widgets/param_form.h"
#include "ui/workbench/pipeline_graph.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QVBoxLayout>
#include <set>

namespace dslab {

using nlohmann::json;

namespace {

const std::vector<ParamSpec>& splitSpecs()
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::floating("test_size", 0.25, 0.05, 0.95, "Share of the rows held out for testing"),
        ParamSpec::integer("random_state", 0, 0, 1000000, "Seed of the shuffle: the same seed gives the same split"),
    };
    return specs;
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

}  // namespace

NodePropertyPanel::NodePropertyPanel(PipelineGraph* graph, QWidget* parent) : QWidget(parent), m_graph(graph)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* inner = new QWidget(scroll);
    auto* layout = new QVBoxLayout(inner);
    m_title = new QLabel(inner);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    m_title->setWordWrap(true);
    m_summary = new QLabel(inner);
    m_summary->setWordWrap(true);
    m_status = new QLabel(inner);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("node status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_output = new QLabel(inner);
    m_output->setWordWrap(true);
    m_output->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name = new QLineEdit(inner);
    m_name->setAccessibleName(tr("branch name"));
    m_columns = new QListWidget(inner);
    m_columns->setAccessibleName(tr("branch columns"));
    m_columns->setMinimumHeight(120);
    m_form = new ParamForm(inner);
    m_config = new QPlainTextEdit(inner);
    m_config->setReadOnly(true);
    m_config->setMaximumHeight(110);
    m_config->setAccessibleName(tr("structured settings"));
    layout->addWidget(m_title);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    layout->addWidget(m_name);
    layout->addWidget(m_columns);
    layout->addWidget(m_form);
    layout->addWidget(m_config);
    layout->addWidget(m_output);
    layout->addStretch(1);
    scroll->setWidget(inner);
    outer->addWidget(scroll);
    connect(m_form, &ParamForm::valueChanged, this, &NodePropertyPanel::onParamChanged);
    connect(m_columns, &QListWidget::itemChanged, this, &NodePropertyPanel::onColumnsChanged);
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        const GraphNode* n = m_graph->node(m_id);
        if (n && !m_name->text().trimmed().isEmpty() && m_name->text().trimmed().toStdString() != n->name) {
            m_shownName = m_name->text().trimmed().toStdString();
            m_graph->setNodeName(m_id, m_shownName);
        }
    });
    connect(m_graph, &PipelineGraph::graphChanged, this, &NodePropertyPanel::refresh);
    setMinimumWidth(220);
    rebuild();
}

void NodePropertyPanel::setNode(int id)
{
    // The scene re-announces the selection after every edit: the editors
    // stay (one of them may be sending the edit right now).
    if (id == m_id) {
        refresh();
        return;
    }
    m_id = id;
    rebuild();
}

void NodePropertyPanel::refresh()
{
    const GraphNode* n = m_graph->node(m_id);
    if (!n) {
        m_id = 0;
        rebuild();
        return;
    }
    // Rebuild the editors only when the settings changed elsewhere (undo,
    // another view), never under the user's own typing.
    if (n->settings != m_shown || n->name != m_shownName)
        rebuild();
    else {
        const NodeStatus s = m_graph->status(m_id);
        m_status->setText(s.reason.isEmpty() ? tr("<span style='color:#2e7d32'>✓ valid</span>")
                                             : QStringLiteral("<span style='color:%1'>%2</span>")
                                                   .arg(s.state == NodeState::Error ? "#c62828" : "#a07000", s.reason.toHtmlEscaped()));
        m_output->setText(s.columnsOut.isEmpty() ? QString()
                                                 : tr("<b>Output</b> (%1 columns): %2").arg(s.columnsOut.size()).arg(s.columnsOut.join(", ").toHtmlEscaped()));
    }
}

void NodePropertyPanel::rebuild()
{
    m_building = true;
    const GraphNode* n = m_graph->node(m_id);
    m_name->hide();
    m_columns->hide();
    m_config->hide();
    m_form->build({}, {}, {});
    m_form->hide();
    if (!n) {
        m_title->setText(tr("No node selected"));
        m_summary->setText(tr("Click a node to see and edit its parameters. Add nodes from the palette (drag or double-click); "
                              "connect them by dragging from a node's output port (the dot where the data leaves it) to the next node."));
        m_status->clear();
        m_output->clear();
        m_shown = json();
        m_shownName.clear();
        m_building = false;
        return;
    }
    m_shown = n->settings;
    m_shownName = n->name;
    m_title->setText(m_graph->title(m_id));
    m_summary->clear();
    switch (n->role) {
    case NodeRole::Dataset: {
        const auto data = m_graph->dataset();
        if (!data) {
            m_summary->setText(tr("No dataset yet: pick one in the toolbar."));
            break;
        }
        QStringList cols;
        for (const auto& c : data->columns())
            cols << QStringLiteral("%1 (%2%3)")
                        .arg(q(c.name), q(columnTypeName(c.type)))
                        .arg(c.missingCount() ? tr(", %1 missing").arg(c.missingCount()) : QString());
        m_summary->setText(tr("%1: %2 rows; target <b>%3</b>.<br>Columns: %4")
                               .arg(q(data->name))
                               .arg(data->rowCount())
                               .arg(q(data->targetName()).toHtmlEscaped())
                               .arg(cols.join(", ").toHtmlEscaped()));
        break;
    }
    case NodeRole::Split: {
        m_summary->setText(tr("Rows are split here. Every step after the split is fitted on the training rows only; a step "
                              "placed before it is fitted on all rows (leakage)."));
        ParamMap values;
        values["test_size"] = n->settings.value("test_size", 0.25);
        values["random_state"] = static_cast<long long>(n->settings.value("random_state", 0));
        m_form->build(splitSpecs(), values);
        m_form->show();
        break;
    }
    case NodeRole::ColumnSelector: {
        m_summary->setText(tr("A ColumnTransformer branch: its name and the columns it takes. Connect its steps after it and its "
                              "last step to a ColumnTransformer (no steps: the columns pass through)."));
        m_name->setText(q(n->name));
        m_name->show();
        m_columns->clear();
        std::set<std::string> chosen;
        const json columns = n->settings.value("columns", json::array());
        if (columns.is_array())
            for (const auto& c : columns)
                if (c.is_string())
                    chosen.insert(c.get<std::string>());
        if (columns.is_string())
            chosen.insert(columns.get<std::string>());
        std::vector<std::pair<std::string, std::string>> names;  // name, type
        if (const auto data = m_graph->dataset())
            for (const auto& name : data->featureNames())
                names.push_back({name, columnTypeName(data->column(name).type)});
        for (const auto& c : chosen)
            if (std::none_of(names.begin(), names.end(), [&](const auto& p) { return p.first == c; }))
                names.push_back({c, "not in the dataset"});
        for (const auto& [name, type] : names) {
            auto* item = new QListWidgetItem(QStringLiteral("%1  (%2)").arg(q(name), q(type)), m_columns);
            item->setData(Qt::UserRole, q(name));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(chosen.count(name) ? Qt::Checked : Qt::Unchecked);
        }
        m_columns->setEnabled(columns.is_array() || columns.is_string());
        if (!columns.is_array() && !columns.is_string())
            m_summary->setText(m_summary->text() + tr(" Columns chosen by type: %1").arg(q(columns.dump())));
        m_columns->show();
        break;
    }
    case NodeRole::Step: {
        const CatalogEntry* entry = Catalog::builtin().find(n->type);
        if (entry)
            m_summary->setText(q(entry->summary));
        std::unique_ptr<Component> component;
        json step = n->settings;
        step["type"] = n->type;
        try {
            component = componentFromJson(step);
        } catch (const std::exception&) {
            component = entry ? entry->create() : nullptr;  // the status line says what is wrong
        }
        if (component) {
            m_form->build(component->paramSpecs(), component->params());
            m_form->show();
            QStringList tips;
            for (const QString& name : m_form->names())
                if (QWidget* editor = m_form->editor(name))
                    editor->setToolTip(editor->toolTip() + QStringLiteral("\n") + tr("address: %1").arg(m_graph->paramAddress(m_id, name)));
            json config = json::object();
            std::set<std::string> params;
            for (const auto& spec : component->paramSpecs())
                params.insert(spec.name);
            for (const auto& [key, value] : n->settings.items())
                if (!params.count(key))
                    config[key] = value;
            if (!config.empty()) {
                m_config->setPlainText(tr("Settings (edit in the JSON):\n%1").arg(q(config.dump(1))));
                m_config->show();
            }
            if (!m_form->names().isEmpty())
                m_summary->setText(m_summary->text() + QStringLiteral("<br><small>")
                                   + tr("Grid-search address: %1").arg(m_graph->paramAddress(m_id, m_form->names().front())).toHtmlEscaped()
                                   + QStringLiteral("</small>"));
        }
        break;
    }
    }
    m_building = false;
    refresh();
}

void NodePropertyPanel::onParamChanged(const QString& name)
{
    if (m_building || !m_graph->node(m_id))
        return;
    const ParamMap values = m_form->values();
    const auto it = values.find(name.toStdString());
    if (it == values.end())
        return;
    const json value = paramToJson(it->second);
    m_shown[name.toStdString()] = value;
    m_graph->setNodeSetting(m_id, name.toStdString(), value);
}

void NodePropertyPanel::onColumnsChanged()
{
    if (m_building || !m_graph->node(m_id))
        return;
    json columns = json::array();
    for (int i = 0; i < m_columns->count(); ++i)
        if (m_columns->item(i)->checkState() == Qt::Checked)
            columns.push_back(m_columns->item(i)->data(Qt::UserRole).toString().toStdString());
    m_shown["columns"] = columns;
    m_graph->setNodeSetting(m_id, "columns", columns);
}

}  // namespace dslab
