#include "ui/workbench/pipeline_graph.h"

#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/pipeline/table_transformer.h"
#include "ui/workbench/pipeline_graph_command.h"

#include <QUndoStack>
#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace dslab {

using nlohmann::json;

namespace {

constexpr const char* kDatasetType = "Dataset";
constexpr const char* kSplitType = "Split";
constexpr const char* kSelectorType = "ColumnSelector";
constexpr double kLayerGap = 40;
constexpr double kRowGap = 22;
constexpr double kMargin = 30;

// One column flowing along an edge, as far as the graph can tell before fitting.
struct FlowColumn {
    std::string name;    // the name at this point ("num__age", "island_Dream")
    std::string origin;  // the table column it comes from, for messages
    ColumnType type = ColumnType::Numeric;
    std::size_t missing = 0;
};

struct Flow {
    PortType type = PortType::None;
    bool known = false;  // columns are known (a dataset is set and nothing upstream failed)
    std::vector<FlowColumn> columns;
};

const CatalogEntry* entryOf(const std::string& type)
{
    return Catalog::builtin().find(type);
}

bool isModel(const std::string& type)
{
    const CatalogEntry* e = entryOf(type);
    return e && (e->kind == ComponentKind::Classifier || e->kind == ComponentKind::Regressor
                 || e->kind == ComponentKind::Clusterer);
}

bool isSampler(const std::string& type)
{
    const CatalogEntry* e = entryOf(type);
    return e && e->kind == ComponentKind::Sampler;
}

bool readsTable(const std::string& type)
{
    static std::map<std::string, bool> cache;
    const auto it = cache.find(type);
    if (it != cache.end())
        return it->second;
    bool table = false;
    if (const CatalogEntry* e = entryOf(type)) {
        const std::unique_ptr<Component> c = e->create();
        table = dynamic_cast<TableTransformer*>(c.get()) != nullptr;
    }
    cache[type] = table;
    return table;
}

bool isColumnTransformer(const GraphNode& n)
{
    return n.role == NodeRole::Step && n.type == "ColumnTransformer";
}

bool isSupervisedTransformer(const std::string& type)
{
    static const std::set<std::string> supervised = {"SelectKBest", "RFE", "SelectFromModel", "TargetEncoder"};
    return supervised.count(type) > 0;
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

json stepSettings(const json& step)
{
    json s = step;
    s.erase("type");
    s.erase("name");
    return s;
}

}  // namespace

QString portTypeName(PortType type)
{
    switch (type) {
    case PortType::Table: return QObject::tr("table");
    case PortType::Numeric: return QObject::tr("numeric matrix");
    case PortType::Predictions: return QObject::tr("predictions");
    case PortType::None: break;
    }
    return QObject::tr("nothing");
}

PipelineGraph::PipelineGraph(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this))
{
    clear();
}

PipelineGraph::~PipelineGraph() = default;

void PipelineGraph::setDataset(std::shared_ptr<const Dataset> dataset)
{
    m_dataset = std::move(dataset);
    evaluate();
    emit graphChanged();
}

const GraphNode* PipelineGraph::node(int id) const
{
    for (const auto& n : m_state.nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

GraphNode* PipelineGraph::mutableNode(GraphState& state, int id) const
{
    for (auto& n : state.nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

int PipelineGraph::datasetNodeId() const
{
    for (const auto& n : m_state.nodes)
        if (n.role == NodeRole::Dataset)
            return n.id;
    return 0;
}

int PipelineGraph::splitNodeId() const
{
    for (const auto& n : m_state.nodes)
        if (n.role == NodeRole::Split)
            return n.id;
    return 0;
}

std::vector<int> PipelineGraph::inputsOf(int id) const
{
    std::vector<int> out;
    for (const auto& e : m_state.edges)
        if (e.to == id)
            out.push_back(e.from);
    return out;
}

std::vector<int> PipelineGraph::outputsOf(int id) const
{
    std::vector<int> out;
    for (const auto& e : m_state.edges)
        if (e.from == id)
            out.push_back(e.to);
    return out;
}

PortType PipelineGraph::inputPort(int id) const
{
    const GraphNode* n = node(id);
    if (!n)
        return PortType::None;
    switch (n->role) {
    case NodeRole::Dataset: return PortType::None;
    case NodeRole::Split: return outputPort(id);  // takes whatever comes
    case NodeRole::ColumnSelector: return PortType::Table;
    case NodeRole::Step: break;
    }
    if (isColumnTransformer(*n))
        return PortType::Numeric;  // the branches' outputs
    if (n->type == "SimpleImputer" && outputPort(id) == PortType::Table)
        return PortType::Table;  // filling categories inside a branch
    return readsTable(n->type) ? PortType::Table : PortType::Numeric;
}

PortType PipelineGraph::outputPort(int id) const
{
    const GraphNode* n = node(id);
    if (!n)
        return PortType::None;
    switch (n->role) {
    case NodeRole::Dataset:
    case NodeRole::ColumnSelector: return PortType::Table;
    case NodeRole::Split: {
        const auto in = inputsOf(id);
        return in.empty() ? PortType::Table : outputPort(in.front());
    }
    case NodeRole::Step: break;
    }
    if (isModel(n->type))
        return PortType::Predictions;
    if (readsTable(n->type))
        return PortType::Numeric;
    // Inside a ColumnTransformer branch a SimpleImputer may fill categories
    // before an encoder: the table stays a table.
    if (n->type == "SimpleImputer") {
        const auto in = inputsOf(id);
        if (!in.empty()) {
            const GraphNode* src = node(in.front());
            if (src && (src->role == NodeRole::ColumnSelector || src->type == "SimpleImputer")
                && outputPort(in.front()) == PortType::Table)
                return PortType::Table;
        }
    }
    return PortType::Numeric;
}

NodeStatus PipelineGraph::status(int id) const
{
    for (std::size_t i = 0; i < m_state.nodes.size() && i < m_status.size(); ++i)
        if (m_state.nodes[i].id == id)
            return m_status[i];
    return {};
}

QString PipelineGraph::title(int id) const
{
    const GraphNode* n = node(id);
    if (!n)
        return {};
    switch (n->role) {
    case NodeRole::Dataset: return tr("Dataset");
    case NodeRole::Split: return tr("Train/test split");
    case NodeRole::ColumnSelector: return tr("Columns: %1").arg(q(n->name.empty() ? "?" : n->name));
    case NodeRole::Step: break;
    }
    if (!n->name.empty() && n->name != n->type)
        return QStringLiteral("%1 (%2)").arg(q(n->type), q(n->name));
    return q(n->type);
}

QString PipelineGraph::subtitle(int id) const
{
    const GraphNode* n = node(id);
    if (!n)
        return {};
    if (n->role == NodeRole::Dataset) {
        if (!m_dataset)
            return tr("no dataset: pick one");
        return tr("%1: %2 rows, target %3")
            .arg(q(m_dataset->name))
            .arg(m_dataset->rowCount())
            .arg(q(m_dataset->targetName()));
    }
    if (n->role == NodeRole::Split)
        return tr("test_size %1").arg(n->settings.value("test_size", 0.25));
    if (n->role == NodeRole::ColumnSelector) {
        if (n->settings.value("drop", false))
            return tr("drop");
        const json& c = n->settings.contains("columns") ? n->settings.at("columns") : json();
        QStringList names;
        if (c.is_array()) {
            for (const auto& v : c)
                names << (v.is_string() ? q(v.get<std::string>()) : q(v.dump()));
        } else if (c.is_string()) {
            names << q(c.get<std::string>());
        } else if (c.is_object()) {
            names << q(c.dump());
        }
        const QString joined = names.join(QStringLiteral(", "));
        return names.size() > 2 && joined.size() > 36 ? tr("%1 columns: %2").arg(names.size()).arg(joined) : joined;
    }
    QStringList parts;
    for (const auto& [key, value] : n->settings.items()) {
        if (value.is_object() || (value.is_array() && !value.empty() && value.front().is_array()))
            continue;
        parts << QStringLiteral("%1=%2").arg(q(key), q(value.is_string() ? value.get<std::string>() : value.dump()));
    }
    const NodeStatus s = status(id);
    if (parts.isEmpty() && !s.columnsOut.isEmpty() && s.output == PortType::Numeric)
        return tr("%n column(s) out", nullptr, static_cast<int>(s.columnsOut.size()));
    return parts.join(QStringLiteral(", "));
}

QString PipelineGraph::paramAddress(int id, const QString& param) const
{
    const GraphNode* n = node(id);
    if (!n || n->role != NodeRole::Step)
        return {};
    auto stepName = [](const GraphNode& g) { return q(g.name.empty() ? g.type : g.name); };
    QStringList path;
    // Walk back to a selector (a branch) or to the data.
    int cur = id;
    int selector = 0;
    while (true) {
        const auto in = inputsOf(cur);
        if (in.empty())
            break;
        const GraphNode* src = node(in.front());
        if (!src || src->role != NodeRole::Step || isColumnTransformer(*src)) {
            if (src && src->role == NodeRole::ColumnSelector)
                selector = src->id;
            break;
        }
        cur = src->id;
    }
    if (selector) {
        const GraphNode* sel = node(selector);
        // Steps of the branch: back to the selector, then on to the ColumnTransformer.
        int count = 0;
        for (int walk = id; walk && walk != selector;) {
            ++count;
            const auto in = inputsOf(walk);
            walk = in.empty() ? 0 : in.front();
        }
        int end = id;
        while (true) {
            const auto out = outputsOf(end);
            const GraphNode* dst = out.empty() ? nullptr : node(out.front());
            if (!dst)
                break;
            if (isColumnTransformer(*dst)) {
                path << stepName(*dst) << q(sel->name);
                break;
            }
            end = dst->id;
            ++count;
        }
        // A one-step branch is the transformer itself, not a nested Pipeline.
        if (count > 1)
            path << stepName(*n);
    } else {
        path << stepName(*n);
    }
    path << param;
    return path.join(QStringLiteral("__"));
}

bool PipelineGraph::canConnect(int from, int to, QString* reason) const
{
    auto refuse = [&](const QString& why) {
        if (reason)
            *reason = why;
        return false;
    };
    const GraphNode* a = node(from);
    const GraphNode* b = node(to);
    if (!a || !b)
        return refuse(tr("unknown node"));
    if (from == to)
        return refuse(tr("a node cannot feed itself"));
    const QString at = title(from), bt = title(to);
    if (b->role == NodeRole::Dataset)
        return refuse(tr("the Dataset has no input: it is where the rows come from"));
    const PortType out = outputPort(from);
    if (out == PortType::Predictions)
        return refuse(tr("%1 is a model: its output is predictions, so it must be the last step").arg(at));
    for (const auto& e : m_state.edges)
        if (e.from == from && e.to == to)
            return refuse(tr("%1 is already connected to %2").arg(at, bt));
    const auto bInputs = inputsOf(to);
    if (!bInputs.empty() && !isColumnTransformer(*b))
        return refuse(tr("%1 already takes its input from %2: remove that connection first").arg(bt, title(bInputs.front())));
    const auto aOutputs = outputsOf(from);
    if (!aOutputs.empty() && a->role == NodeRole::Step)
        return refuse(tr("%1 already feeds %2: a step feeds one next step (branch with column selectors)")
                          .arg(at, title(aOutputs.front())));
    // No loops: `to` must not already be upstream of `from`.
    std::function<bool(int)> upstream = [&](int n) {
        if (n == to)
            return true;
        for (int i : inputsOf(n))
            if (upstream(i))
                return true;
        return false;
    };
    if (upstream(from))
        return refuse(tr("connecting %1 to %2 would make a loop").arg(at, bt));
    // Whether `from` sits inside a ColumnTransformer branch not yet joined.
    auto inBranch = [&](int n) {
        while (true) {
            const GraphNode* g = node(n);
            if (!g)
                return false;
            if (g->role == NodeRole::ColumnSelector)
                return true;
            if (g->role != NodeRole::Step || isColumnTransformer(*g))
                return false;
            const auto in = inputsOf(n);
            if (in.empty())
                return false;
            n = in.front();
        }
    };
    if (b->role == NodeRole::ColumnSelector) {
        if (out != PortType::Table || a->role == NodeRole::ColumnSelector || inBranch(from))
            return refuse(tr("a column selector picks columns of the whole table: connect it to the Dataset or the Split, "
                             "not to %1 (its output is a %2)")
                              .arg(at, portTypeName(out)));
        return true;
    }
    if (b->role == NodeRole::Split) {
        if (a->role == NodeRole::ColumnSelector || inBranch(from))
            return refuse(tr("the Split divides the whole table: connect it to the Dataset"));
        return true;
    }
    if (isColumnTransformer(*b)) {
        if (!inBranch(from))
            return refuse(tr("a ColumnTransformer joins branches: connect the last node of a branch that starts at a "
                             "column selector, not %1")
                              .arg(at));
        return true;
    }
    if (readsTable(b->type) && out != PortType::Table)
        return refuse(tr("%1 reads table columns (categories as text): it must come right after the Dataset, the Split "
                         "or a column selector, not after %2 (its output is a %3)")
                          .arg(bt, at, portTypeName(out)));
    if ((isModel(b->type) || isSampler(b->type)) && inBranch(from))
        return refuse(tr("%1 is inside a column branch: join the branch into a ColumnTransformer before %2").arg(at, bt));
    return true;
}

std::vector<LeakageWarning> PipelineGraph::leakageWarnings() const
{
    std::vector<LeakageWarning> out;
    const int split = splitNodeId();
    if (!split)
        return out;
    std::set<int> seen;
    std::function<void(int)> visit = [&](int id) {
        for (int up : inputsOf(id)) {
            if (!seen.insert(up).second)
                continue;
            const GraphNode* n = node(up);
            if (n && n->role == NodeRole::Step) {
                const QString t = title(up);
                QString reason;
                if (isSampler(n->type))
                    reason = tr("%1 resamples all rows before the split: copies or synthetic rows made from test rows "
                                "end up in training, and the test set no longer has the real class mix. Put it after the "
                                "Split, where the pipeline applies it to the training rows only.")
                                 .arg(t);
                else if (isSupervisedTransformer(n->type))
                    reason = tr("%1 learns from the target of all rows before the split: the test labels leak into the "
                                "features and the test score is optimistic. Move it after the Split.")
                                 .arg(t);
                else
                    reason = tr("%1 is fitted on all rows before the split: the test rows' statistics leak into "
                                "training. Move it after the Split so it is fitted on the training rows only.")
                                 .arg(t);
                out.push_back({up, reason});
            }
            visit(up);
        }
    };
    visit(split);
    std::reverse(out.begin(), out.end());
    return out;
}

// ---------------------------------------------------------------- edits

int PipelineGraph::addNodeTo(GraphState& state, const std::string& type, QPointF position) const
{
    GraphNode n;
    n.id = state.nextId++;
    n.type = type;
    n.position = position;
    if (type == kDatasetType) {
        n.role = NodeRole::Dataset;
    } else if (type == kSplitType) {
        n.role = NodeRole::Split;
        n.settings = {{"test_size", 0.25}, {"random_state", 0}};
    } else if (type == kSelectorType) {
        n.role = NodeRole::ColumnSelector;
        std::set<std::string> names;
        for (const auto& other : state.nodes)
            if (other.role == NodeRole::ColumnSelector)
                names.insert(other.name);
        int k = 1;
        while (names.count("branch" + std::to_string(k)))
            ++k;
        n.name = "branch" + std::to_string(k);
        n.settings = {{"columns", json::array()}};
    } else {
        if (!entryOf(type))
            throw ParamError("unknown component '" + type + "'");
        n.role = NodeRole::Step;
    }
    state.nodes.push_back(n);
    return n.id;
}

int PipelineGraph::addNode(const std::string& type, QPointF position)
{
    if ((type == kDatasetType && datasetNodeId()) || (type == kSplitType && splitNodeId()))
        return 0;  // one of each
    GraphState after = m_state;
    const int id = addNodeTo(after, type, position);
    applyEdit(after, tr("Add %1").arg(q(type)));
    return id;
}

void PipelineGraph::removeNodes(const std::vector<int>& ids)
{
    GraphState after = m_state;
    const std::set<int> gone(ids.begin(), ids.end());
    std::erase_if(after.nodes, [&](const GraphNode& n) { return gone.count(n.id) > 0; });
    std::erase_if(after.edges, [&](const GraphEdge& e) { return gone.count(e.from) || gone.count(e.to); });
    applyEdit(after, ids.size() == 1 ? tr("Remove %1").arg(title(ids.front())) : tr("Remove %n node(s)", nullptr, static_cast<int>(ids.size())));
}

bool PipelineGraph::connectNodes(int from, int to, QString* reason)
{
    if (!canConnect(from, to, reason))
        return false;
    GraphState after = m_state;
    after.edges.push_back({from, to});
    applyEdit(after, tr("Connect %1 to %2").arg(title(from), title(to)));
    return true;
}

void PipelineGraph::disconnectNodes(int from, int to)
{
    GraphState after = m_state;
    std::erase_if(after.edges, [&](const GraphEdge& e) { return e.from == from && e.to == to; });
    applyEdit(after, tr("Disconnect %1 from %2").arg(title(from), title(to)));
}

void PipelineGraph::moveNode(int id, QPointF position)
{
    GraphState after = m_state;
    if (GraphNode* n = mutableNode(after, id))
        n->position = position;
    applyEdit(after, tr("Move %1").arg(title(id)));
}

void PipelineGraph::setNodeSetting(int id, const std::string& key, const json& value)
{
    GraphState after = m_state;
    GraphNode* n = mutableNode(after, id);
    if (!n)
        return;
    if (value.is_null() && n->role != NodeRole::Step)
        n->settings.erase(key);
    else
        n->settings[key] = value;
    applyEdit(after, tr("Set %1 of %2").arg(q(key), title(id)));
}

void PipelineGraph::setNodeName(int id, const std::string& name)
{
    GraphState after = m_state;
    if (GraphNode* n = mutableNode(after, id))
        n->name = name;
    applyEdit(after, tr("Rename %1").arg(title(id)));
}

void PipelineGraph::applyEdit(const GraphState& after, const QString& text)
{
    if (after == m_state)
        return;
    m_undo->push(new PipelineGraphCommand(this, m_state, after, text));
}

void PipelineGraph::restoreState(const GraphState& state)
{
    m_state = state;
    evaluate();
    emit graphChanged();
}

void PipelineGraph::clear()
{
    GraphState fresh;
    const int data = addNodeTo(fresh, kDatasetType, {});
    const int split = addNodeTo(fresh, kSplitType, {});
    fresh.edges.push_back({data, split});
    layoutState(fresh);
    m_extraKeys = json::object();
    m_undo->clear();
    restoreState(fresh);
    m_undo->setClean();
}

// ---------------------------------------------------------------- layout

void PipelineGraph::layoutState(GraphState& state) const
{
    std::map<int, std::vector<int>> inputs;
    for (const auto& e : state.edges)
        inputs[e.to].push_back(e.from);
    std::map<int, int> layer;
    std::function<int(int)> depth = [&](int id) {
        const auto it = layer.find(id);
        if (it != layer.end())
            return it->second;
        layer[id] = 0;  // guards against a loop in a damaged state
        int d = 0;
        for (int i : inputs[id])
            d = std::max(d, depth(i) + 1);
        layer[id] = d;
        return d;
    };
    int maxLayer = 0;
    for (const auto& n : state.nodes)
        maxLayer = std::max(maxLayer, depth(n.id));
    // Order within a layer by the mean rank of the inputs (barycentre), so
    // branches keep their order and edges cross little.
    std::map<int, double> rank;
    std::vector<std::vector<int>> layers(static_cast<std::size_t>(maxLayer + 1));
    for (const auto& n : state.nodes)
        layers[static_cast<std::size_t>(layer[n.id])].push_back(n.id);
    std::size_t widest = 1;
    for (auto& ids : layers) {
        std::vector<std::pair<double, int>> keyed;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            double key = static_cast<double>(i) * 1e-3;
            const auto& in = inputs[ids[i]];
            if (!in.empty()) {
                double sum = 0;
                for (int j : in)
                    sum += rank[j];
                key += sum / static_cast<double>(in.size());
            } else {
                key += 1e6;  // unconnected nodes go below
            }
            keyed.push_back({key, ids[i]});
        }
        std::stable_sort(keyed.begin(), keyed.end());
        for (std::size_t i = 0; i < keyed.size(); ++i) {
            ids[i] = keyed[i].second;
            rank[ids[i]] = static_cast<double>(i);
        }
        widest = std::max(widest, ids.size());
    }
    const bool down = m_direction == FlowDirection::TopToBottom;
    // Along the flow: one layer after another; across it: the nodes of a layer.
    const double layerPitch = down ? kNodeHeight + kLayerGap * 0.75 : kNodeWidth + kLayerGap;
    const double rowPitch = down ? kNodeWidth + kRowGap : kNodeHeight + kRowGap;
    // Each node wants to sit level with its inputs (so a branch stays a
    // straight line); nodes of a layer are then pushed apart to rowPitch.
    std::map<int, double> across;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const auto& ids = layers[l];
        std::vector<double> want(ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const auto& in = inputs[ids[i]];
            double sum = 0;
            int count = 0;
            for (int j : in)
                if (const auto it = across.find(j); it != across.end()) {
                    sum += it->second;
                    ++count;
                }
            want[i] = count ? sum / count : static_cast<double>(i) * rowPitch;
        }
        std::vector<double> pos(ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i)
            pos[i] = i == 0 ? want[i] : std::max(want[i], pos[i - 1] + rowPitch);
        double shift = 0;
        for (std::size_t i = 0; i < ids.size(); ++i)
            shift += want[i] - pos[i];
        shift /= std::max<double>(1.0, static_cast<double>(ids.size()));
        for (std::size_t i = 0; i < ids.size(); ++i)
            across[ids[i]] = pos[i] + shift;
    }
    double minAcross = 0;
    for (const auto& [id, a] : across)
        minAcross = std::min(minAcross, a);
    for (std::size_t l = 0; l < layers.size(); ++l)
        for (int id : layers[l])
            if (GraphNode* n = mutableNode(state, id)) {
                const double along = kMargin + static_cast<double>(l) * layerPitch;
                const double a = kMargin + across[id] - minAcross;
                n->position = down ? QPointF(a, along) : QPointF(along, a);
            }
    (void)widest;
}

void PipelineGraph::autoLayout()
{
    GraphState after = m_state;
    layoutState(after);
    applyEdit(after, tr("Auto layout"));
}

// ---------------------------------------------------------------- JSON

std::vector<int> PipelineGraph::mainChain() const
{
    // The end: a model with no output, else the step with the longest way back.
    std::function<int(int)> length = [&](int id) {
        const auto in = inputsOf(id);
        int best = 0;
        for (int i : in)
            best = std::max(best, length(i));
        return best + 1;
    };
    int end = 0, bestLength = -1;
    for (const auto& n : m_state.nodes) {
        if (n.role != NodeRole::Step || !outputsOf(n.id).empty())
            continue;
        const int len = length(n.id) + (isModel(n.type) ? 100000 : 0);
        if (len > bestLength) {
            bestLength = len;
            end = n.id;
        }
    }
    std::vector<int> chain;
    int cur = end;
    std::set<int> seen;
    while (cur && seen.insert(cur).second) {
        const GraphNode* n = node(cur);
        if (!n || n->role == NodeRole::Dataset)
            break;
        if (n->role == NodeRole::Step)
            chain.push_back(cur);
        const auto in = inputsOf(cur);
        if (in.empty())
            break;
        if (isColumnTransformer(*n)) {
            // Continue from what feeds the branches' selectors.
            int next = 0;
            for (int b : in) {
                int walk = b;
                std::set<int> guard;
                while (walk && guard.insert(walk).second) {
                    const GraphNode* w = node(walk);
                    if (!w)
                        break;
                    const auto wi = inputsOf(walk);
                    if (w->role == NodeRole::ColumnSelector) {
                        next = wi.empty() ? 0 : wi.front();
                        break;
                    }
                    walk = wi.empty() ? 0 : wi.front();
                }
                if (next)
                    break;
            }
            cur = next;
        } else {
            cur = in.front();
        }
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
}

int PipelineGraph::pipelineStepOf(int id) const
{
    const GraphNode* n = node(id);
    if (!n)
        return kNotInPipeline;
    if (n->role == NodeRole::Dataset || n->role == NodeRole::Split)
        return kBeforeSteps;
    const std::vector<int> chain = mainChain();
    // Downstream from a branch node, the first node on the chain is its ColumnTransformer.
    std::set<int> seen;
    for (int cur = id; cur && seen.insert(cur).second;) {
        if (const auto at = std::find(chain.begin(), chain.end(), cur); at != chain.end())
            return static_cast<int>(at - chain.begin());
        const auto out = outputsOf(cur);
        cur = out.empty() ? 0 : out.front();
    }
    return kNotInPipeline;
}

namespace {

json nodeStepJson(const GraphNode& n)
{
    json step = n.settings.is_object() ? n.settings : json::object();
    step["type"] = n.type;
    if (!n.name.empty())
        step["name"] = n.name;
    return step;
}

}  // namespace

json PipelineGraph::branchTransformer(int ctNode, int edgeIndex, std::string& name, json& columns) const
{
    (void)ctNode;
    const GraphEdge& e = m_state.edges[static_cast<std::size_t>(edgeIndex)];
    std::vector<const GraphNode*> steps;
    const GraphNode* selector = nullptr;
    int cur = e.from;
    std::set<int> seen;
    while (cur && seen.insert(cur).second) {
        const GraphNode* n = node(cur);
        if (!n)
            break;
        if (n->role == NodeRole::ColumnSelector) {
            selector = n;
            break;
        }
        steps.push_back(n);
        const auto in = inputsOf(cur);
        cur = in.empty() ? 0 : in.front();
    }
    std::reverse(steps.begin(), steps.end());
    name = selector ? selector->name : std::string("branch");
    columns = selector && selector->settings.contains("columns") ? selector->settings.at("columns") : json::array();
    if (steps.empty())
        return selector && selector->settings.value("drop", false) ? json("drop") : json("passthrough");
    if (steps.size() == 1)
        return nodeStepJson(*steps.front());
    json inner = json::array();
    for (const GraphNode* s : steps)
        inner.push_back(nodeStepJson(*s));
    return {{"type", "Pipeline"}, {"steps", inner}};
}

json PipelineGraph::toPipelineJson() const
{
    json steps = json::array();
    for (int id : mainChain()) {
        const GraphNode* n = node(id);
        json step = nodeStepJson(*n);
        if (isColumnTransformer(*n)) {
            json transformers = json::array();
            for (std::size_t i = 0; i < m_state.edges.size(); ++i) {
                if (m_state.edges[i].to != id)
                    continue;
                std::string name;
                json columns;
                const json t = branchTransformer(id, static_cast<int>(i), name, columns);
                transformers.push_back(json::array({name, t, columns}));
            }
            step["transformers"] = transformers;
        }
        steps.push_back(step);
    }
    json out = m_extraKeys;
    out["steps"] = steps;
    return out;
}

json PipelineGraph::toDocument() const
{
    json doc = toPipelineJson();
    // Where the Split sits: after how many of the chain's steps (0: before all).
    int splitAfter = 0;
    if (const int split = splitNodeId()) {
        std::set<int> upstream;
        std::function<void(int)> visit = [&](int id) {
            for (int i : inputsOf(id))
                if (upstream.insert(i).second)
                    visit(i);
        };
        visit(split);
        for (int id : mainChain())
            if (upstream.count(id))
                ++splitAfter;
        doc["workbench"] = {{"split_after", splitAfter}, {"split", node(split)->settings}};
    }
    return doc;
}

void PipelineGraph::fromPipelineJson(const json& spec)
{
    // The engine's reader is the judge of what a valid pipeline is.
    try {
        (void)pipelineFromJson(spec);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw FormatError(std::string("the pipeline JSON is damaged: ") + e.what());
    }
    GraphState s;
    const int data = addNodeTo(s, kDatasetType, {});
    int split = 0;
    int splitAfter = 0;
    json splitSettings;
    if (spec.contains("workbench") && spec.at("workbench").is_object()) {
        const json& wb = spec.at("workbench");
        if (wb.contains("split_after") && wb.at("split_after").is_number_integer())
            splitAfter = wb.at("split_after").get<int>();
        if (wb.contains("split") && wb.at("split").is_object())
            splitSettings = wb.at("split");
    }
    int prev = data;
    auto placeSplit = [&] {
        split = addNodeTo(s, kSplitType, {});
        if (splitSettings.is_object())
            mutableNode(s, split)->settings = splitSettings;
        s.edges.push_back({prev, split});
        prev = split;
    };
    auto addStep = [&](const json& step, int input) {
        const int id = addNodeTo(s, step.at("type").get<std::string>(), {});
        GraphNode* n = mutableNode(s, id);
        n->settings = stepSettings(step);
        n->name = step.value("name", std::string());
        s.edges.push_back({input, id});
        return id;
    };
    const json& steps = spec.at("steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (!split && static_cast<int>(i) >= splitAfter)
            placeSplit();
        const json& step = steps[i];
        if (step.at("type").get<std::string>() != "ColumnTransformer") {
            prev = addStep(step, prev);
            continue;
        }
        const int ct = addNodeTo(s, "ColumnTransformer", {});
        GraphNode* ctNode = mutableNode(s, ct);
        ctNode->settings = stepSettings(step);
        ctNode->settings.erase("transformers");
        ctNode->name = step.value("name", std::string());
        std::vector<GraphEdge> joins;
        for (const auto& t : step.value("transformers", json::array())) {
            const int sel = addNodeTo(s, kSelectorType, {});
            GraphNode* selNode = mutableNode(s, sel);
            selNode->name = t.at(0).get<std::string>();
            selNode->settings = {{"columns", t.size() > 2 ? t.at(2) : json::array()}};
            s.edges.push_back({prev, sel});
            int last = sel;
            const json& transformer = t.at(1);
            if (transformer.is_string()) {
                if (transformer.get<std::string>() == "drop")
                    mutableNode(s, sel)->settings["drop"] = true;
            } else if (transformer.value("type", std::string()) == "Pipeline") {
                for (const auto& inner : transformer.at("steps"))
                    last = addStep(inner, last);
            } else {
                last = addStep(transformer, last);
            }
            joins.push_back({last, ct});
        }
        s.edges.insert(s.edges.end(), joins.begin(), joins.end());
        prev = ct;
    }
    if (!split)
        placeSplit();
    layoutState(s);
    json extra = spec;
    extra.erase("steps");
    extra.erase("workbench");
    m_extraKeys = extra;
    m_undo->clear();
    restoreState(s);
    m_undo->setClean();
}

// ---------------------------------------------------------------- status

void PipelineGraph::evaluate()
{
    std::map<int, Flow> flows;
    std::map<int, NodeStatus> result;
    auto fail = [&](int id, NodeState state, const QString& reason) {
        NodeStatus& st = result[id];
        if (st.state == NodeState::Error)
            return;  // keep the first error
        if (st.state == NodeState::Warning && state == NodeState::Warning)
            return;
        st.state = state;
        st.reason = reason;
    };
    std::set<int> visiting;
    std::function<Flow(int)> flowOf = [&](int id) -> Flow {
        if (const auto it = flows.find(id); it != flows.end())
            return it->second;
        if (!visiting.insert(id).second)
            return {};
        const GraphNode* n = node(id);
        Flow out;
        result[id];  // a status entry exists
        const auto in = inputsOf(id);
        const QString t = title(id);
        Flow input;
        bool inputFailed = false;
        if (!in.empty() && !(n->role == NodeRole::Step && isColumnTransformer(*n))) {
            input = flowOf(in.front());
            inputFailed = result[in.front()].state == NodeState::Error;
        }
        switch (n->role) {
        case NodeRole::Dataset:
            out.type = PortType::Table;
            if (!m_dataset) {
                fail(id, NodeState::Warning, tr("no dataset: pick one to check columns, types and missing values"));
                break;
            }
            out.known = true;
            for (const auto& name : m_dataset->featureNames()) {
                const Column& c = m_dataset->column(name);
                out.columns.push_back({name, name, c.type, c.missingCount()});
            }
            break;
        case NodeRole::Split: {
            out = input;
            out.type = in.empty() ? PortType::Table : outputPort(id);
            if (in.empty())
                fail(id, NodeState::Error, tr("not connected: connect the Dataset to it"));
            const double ts = n->settings.value("test_size", 0.25);
            if (!(ts > 0 && ts < 1))
                fail(id, NodeState::Error, tr("test_size must be between 0 and 1 (a share of the rows)"));
            break;
        }
        case NodeRole::ColumnSelector: {
            out.type = PortType::Table;
            if (in.empty()) {
                fail(id, NodeState::Error, tr("not connected: connect the Dataset or the Split to it"));
                break;
            }
            if (outputsOf(id).empty())
                fail(id, NodeState::Warning, tr("branch '%1' is not joined: connect its last node to a ColumnTransformer").arg(q(n->name)));
            const json columns = n->settings.value("columns", json::array());
            if (columns.is_array() && columns.empty())
                fail(id, NodeState::Warning, tr("no columns chosen: pick the columns of branch '%1'").arg(q(n->name)));
            if (!input.known || inputFailed)
                break;
            out.known = true;
            auto byName = [&](const std::string& name) {
                for (const auto& c : input.columns)
                    if (c.name == name) {
                        out.columns.push_back(c);
                        return;
                    }
                fail(id, NodeState::Error,
                     tr("unknown column '%1': %2 has no such feature column").arg(q(name), m_dataset ? q(m_dataset->name) : tr("the table")));
            };
            auto byType = [&](const std::string& dtype) {
                for (const auto& c : input.columns)
                    if (columnTypeName(c.type) == dtype)
                        out.columns.push_back(c);
            };
            auto one = [&](const json& v) {
                if (v.is_string())
                    byName(v.get<std::string>());
                else if (v.is_object() && v.contains("dtype")) {
                    const json& d = v.at("dtype");
                    if (d.is_string())
                        byType(d.get<std::string>());
                    else if (d.is_array())
                        for (const auto& x : d)
                            if (x.is_string())
                                byType(x.get<std::string>());
                }
            };
            if (columns.is_array())
                for (const auto& v : columns)
                    one(v);
            else
                one(columns);
            break;
        }
        case NodeRole::Step: {
            // The engine validates the parameters and settings.
            try {
                json step = n->settings;
                step["type"] = n->type;
                (void)componentFromJson(step);
            } catch (const std::exception& e) {
                fail(id, NodeState::Error, QString::fromUtf8(e.what()));
            }
            out.type = outputPort(id);
            if (isColumnTransformer(*n)) {
                if (in.empty()) {
                    fail(id, NodeState::Error, tr("no branches: connect branches that start at column selectors"));
                    break;
                }
                out.known = true;
                std::set<std::string> names, selected;
                std::set<int> sources;
                Flow table;
                for (std::size_t i = 0; i < m_state.edges.size(); ++i) {
                    const GraphEdge& e = m_state.edges[i];
                    if (e.to != id)
                        continue;
                    const Flow branch = flowOf(e.from);
                    if (result[e.from].state == NodeState::Error || !branch.known)
                        out.known = false;
                    std::string name;
                    json columns;
                    const json transformer = branchTransformer(id, static_cast<int>(i), name, columns);
                    if (!names.insert(name).second)
                        fail(id, NodeState::Error, this->tr("two branches are named '%1': give each a name of its own").arg(q(name)));
                    // The selector of this branch and what feeds it.
                    int walk = e.from;
                    while (walk) {
                        const GraphNode* w = node(walk);
                        const auto wi = inputsOf(walk);
                        if (w && w->role == NodeRole::ColumnSelector) {
                            if (!wi.empty()) {
                                sources.insert(wi.front());
                                table = flowOf(wi.front());
                            }
                            for (const auto& c : flowOf(walk).columns)
                                selected.insert(c.name);
                            break;
                        }
                        walk = wi.empty() ? 0 : wi.front();
                    }
                    if (transformer.is_string() && transformer.get<std::string>() == "drop")
                        continue;
                    for (FlowColumn c : branch.columns) {
                        c.name = name + "__" + c.name;
                        out.columns.push_back(c);
                    }
                    if (branch.type == PortType::Table && transformer.is_object() && branch.known)
                        for (const auto& c : branch.columns)
                            if (c.type != ColumnType::Numeric) {
                                fail(id, NodeState::Error,
                                     this->tr("branch '%1' ends with %2 column '%3': end it with an encoder (OneHotEncoder, OrdinalEncoder)")
                                         .arg(q(name), q(columnTypeName(c.type)), q(c.origin)));
                                break;
                            }
                }
                if (sources.size() > 1)
                    fail(id, NodeState::Error, tr("its branches start from different tables: connect every column selector to the same node"));
                if (n->settings.value("remainder", std::string("drop")) == "passthrough" && table.known) {
                    for (const auto& c : table.columns) {
                        if (selected.count(c.name))
                            continue;
                        if (c.type != ColumnType::Numeric)
                            fail(id, NodeState::Error,
                                 tr("remainder passthrough would pass %1 column '%2' through unencoded: add a branch for it or drop the remainder")
                                     .arg(q(columnTypeName(c.type)), q(c.name)));
                        FlowColumn r = c;
                        r.name = "remainder__" + c.name;
                        out.columns.push_back(r);
                    }
                }
                out.type = PortType::Numeric;
                break;
            }
            if (in.empty()) {
                fail(id, NodeState::Warning, tr("not connected: connect an input to %1").arg(t));
                break;
            }
            if (!input.known || inputFailed)
                break;
            out.known = true;
            if (readsTable(n->type)) {
                for (const auto& c : input.columns) {
                    if (n->type != "OneHotEncoder") {
                        FlowColumn o = c;
                        o.type = ColumnType::Numeric;
                        o.missing = n->type == "OrdinalEncoder" ? c.missing : 0;
                        out.columns.push_back(o);
                        continue;
                    }
                    std::vector<std::string> values;
                    if (m_dataset && m_dataset->hasColumn(c.origin))
                        values = m_dataset->column(c.origin).distinctValues();
                    if (c.missing > 0)
                        values.push_back("nan");
                    for (const auto& v : values)
                        out.columns.push_back({c.name + "_" + v, c.origin, ColumnType::Numeric, 0});
                }
                break;
            }
            // A numeric step: every column must already be a number.
            const bool tableImputer = n->type == "SimpleImputer" && out.type == PortType::Table;
            for (const auto& c : input.columns) {
                if (c.type == ColumnType::Numeric)
                    continue;
                if (tableImputer && c.type == ColumnType::Categorical) {
                    if (n->settings.value("strategy", std::string("mean")) != "most_frequent")
                        fail(id, NodeState::Error,
                             tr("SimpleImputer can fill categorical column '%1' only with strategy most_frequent").arg(q(c.origin)));
                    continue;
                }
                QString fix;
                if (c.type == ColumnType::Text)
                    fix = entryOf("TfidfVectorizer") ? tr("add a TfidfVectorizer")
                                                     : tr("leave it out with a column selector (text needs a TfidfVectorizer, not a pipeline step yet)");
                else if (c.type == ColumnType::Categorical)
                    fix = tr("add a OneHotEncoder or OrdinalEncoder for it in a column branch");
                else
                    fix = tr("leave it out with a column selector");
                fail(id, NodeState::Error,
                     tr("%1 cannot take %2 column '%3': %4").arg(t, q(columnTypeName(c.type)), q(c.origin), fix));
                break;
            }
            if (isModel(n->type) || isSampler(n->type)) {
                for (const auto& c : input.columns)
                    if (c.missing > 0) {
                        fail(id, NodeState::Error,
                             tr("column '%1' has %2 missing values: add an imputer before %3").arg(q(c.origin)).arg(c.missing).arg(t));
                        break;
                    }
            }
            if (isModel(n->type) && m_dataset && m_dataset->hasTarget()) {
                const Column& target = m_dataset->column(m_dataset->targetName());
                const CatalogEntry* e = entryOf(n->type);
                const bool numericTarget = target.type == ColumnType::Numeric;
                const std::size_t distinct = target.distinctValues().size();
                if (e->kind == ComponentKind::Classifier && numericTarget && distinct > 20)
                    fail(id, NodeState::Error,
                         tr("%1 predicts classes, but the target '%2' has %3 distinct numbers: use a regressor")
                             .arg(t, q(target.name))
                             .arg(distinct));
                if (e->kind == ComponentKind::Regressor && !numericTarget)
                    fail(id, NodeState::Error,
                         tr("%1 predicts numbers, but the target '%2' holds classes: use a classifier").arg(t, q(target.name)));
            }
            out.columns = input.columns;
            if (tableImputer || n->type == "SimpleImputer" || n->type == "KNNImputer")
                for (auto& c : out.columns)
                    c.missing = 0;
            static const std::set<std::string> sameWidth = {"StandardScaler", "MinMaxScaler", "MaxAbsScaler", "RobustScaler",
                                                             "Normalizer", "PowerTransformer", "FunctionTransformer",
                                                             "OutlierClipper", "SimpleImputer", "KNNImputer",
                                                             "RandomOverSampler", "RandomUnderSampler", "SMOTE"};
            if (!sameWidth.count(n->type) && !isModel(n->type)) {
                // The width depends on the fit (PCA, selection, polynomial terms).
                out.known = false;
                out.columns.clear();
            }
            break;
        }
        }
        if (n->role == NodeRole::Step && !isModel(n->type) && !in.empty() && outputsOf(id).empty()
            && result[id].state == NodeState::Valid)
            fail(id, NodeState::Warning, tr("its output goes nowhere: connect it to the next step or to a model"));
        visiting.erase(id);
        if (result[id].state == NodeState::Error) {
            // The columns after a broken node are unknown: the nodes after it are not blamed for it.
            out.known = false;
            out.columns.clear();
        }
        flows[id] = out;
        return out;
    };
    for (const auto& n : m_state.nodes)
        flowOf(n.id);
    m_status.clear();
    for (const auto& n : m_state.nodes) {
        NodeStatus st = result[n.id];
        const Flow& f = flows[n.id];
        st.output = f.type;
        if (f.known)
            for (const auto& c : f.columns)
                st.columnsOut << q(c.name);
        m_status.push_back(st);
    }
}

}  // namespace dslab
