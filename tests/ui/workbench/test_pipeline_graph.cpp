// The Workbench's pipeline graph without graphics: the lesson presets
// round-trip exactly through the graph, connections that cannot work are
// refused with a reason, node statuses name the column and the fix, undo and
// redo restore the exact JSON, leakage before the split is named, and the
// automatic layout never overlaps nodes.
#include "tests/support/test_support.h"

#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/pipeline_json.h"
#include "ui/workbench/pipeline_graph.h"

#include <QDir>
#include <QRectF>
#include <QTest>
#include <QUndoStack>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace dslab;
using nlohmann::json;

namespace {

std::shared_ptr<const Dataset> builtin(const std::string& name)
{
    return std::make_shared<const Dataset>(loadBuiltinDataset(name, test::datasetsDir()));
}

json penguinsPipeline()
{
    return json::parse(R"({"steps": [
      {"type": "ColumnTransformer",
       "transformers": [
         ["num", {"type": "Pipeline", "steps": [{"type": "SimpleImputer", "strategy": "median"}, {"type": "StandardScaler"}]},
          ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]],
         ["cat", {"type": "Pipeline", "steps": [{"type": "SimpleImputer", "strategy": "most_frequent"},
                                                {"type": "OneHotEncoder", "handle_unknown": "ignore", "sparse_output": false}]},
          ["island", "sex"]]],
       "remainder": "drop"},
      {"type": "LogisticRegression", "C": 1.0, "max_iter": 1000}]})");
}

int findNode(const PipelineGraph& g, const std::string& type, int nth = 0)
{
    for (const auto& n : g.nodes())
        if (n.type == type && nth-- == 0)
            return n.id;
    return 0;
}

int selectorNamed(const PipelineGraph& g, const std::string& name)
{
    for (const auto& n : g.nodes())
        if (n.role == NodeRole::ColumnSelector && n.name == name)
            return n.id;
    return 0;
}

}  // namespace

class TestPipelineGraph : public QObject {
    Q_OBJECT

private slots:
    void lessonPresetsRoundTripExactly()
    {
        // Every pipeline in the preprocessing and feature-engineering lessons
        // (presets and try-this overrides) that the engine reads.
        int roundTrips = 0;
        for (const char* chapter : {"04-preprocessing", "05-feature-engineering"}) {
            const QDir dir(QString::fromStdString(test::lessonsDir()) + "/" + chapter);
            for (const QString& file : dir.entryList({"*.json"})) {
                std::ifstream in((dir.filePath(file)).toStdString());
                const json lesson = json::parse(in);
                std::vector<json> specs;
                const json& preset = lesson.at("lab").at("preset");
                if (preset.contains("pipeline"))
                    specs.push_back(preset.at("pipeline"));
                for (const auto& step : lesson.value("try_this", json::array()))
                    if (step.contains("preset") && step.at("preset").contains("pipeline"))
                        specs.push_back(step.at("preset").at("pipeline"));
                for (const json& spec : specs) {
                    try {
                        (void)pipelineFromJson(spec);
                    } catch (const Error&) {
                        continue;  // not a pipeline of catalog components (a text vectorizer, a lab-only key)
                    }
                    PipelineGraph graph;
                    graph.fromPipelineJson(spec);
                    const json back = graph.toPipelineJson();
                    QVERIFY2(back == spec, qPrintable(file + ": " + QString::fromStdString(back.dump()) + " != "
                                                      + QString::fromStdString(spec.dump())));
                    // And through the saved document (with its "workbench" section).
                    PipelineGraph again;
                    again.fromPipelineJson(graph.toDocument());
                    QVERIFY(again.toPipelineJson() == spec);
                    ++roundTrips;
                }
            }
        }
        qInfo() << "lesson pipelines round-tripped:" << roundTrips;
        QVERIFY(roundTrips >= 10);
    }

    void penguinsGraphShape()
    {
        PipelineGraph g;
        g.fromPipelineJson(penguinsPipeline());
        // Dataset, Split, ColumnTransformer, 2 selectors, 4 branch steps, the model.
        QCOMPARE(g.nodes().size(), std::size_t(10));
        QVERIFY(g.undoStack()->isClean());
        QCOMPARE(g.undoStack()->count(), 0);
        g.setDataset(builtin("penguins"));
        for (const auto& n : g.nodes())
            QVERIFY2(g.status(n.id).state == NodeState::Valid,
                     qPrintable(g.title(n.id) + ": " + g.status(n.id).reason));
        // The ColumnTransformer's output: 4 numbers + 3 islands + 2 sexes (imputed, so no "nan").
        const NodeStatus ct = g.status(findNode(g, "ColumnTransformer"));
        QCOMPARE(ct.columnsOut.size(), 9);
        QVERIFY(ct.columnsOut.contains("cat__island_Dream"));
        QCOMPARE(g.paramAddress(findNode(g, "SimpleImputer"), "strategy"), QString("ColumnTransformer__num__SimpleImputer__strategy"));
        QCOMPARE(g.paramAddress(findNode(g, "LogisticRegression"), "C"), QString("LogisticRegression__C"));
        QVERIFY(g.leakageWarnings().empty());
    }

    void refusesConnectionsThatCannotWork()
    {
        PipelineGraph g;
        g.fromPipelineJson(penguinsPipeline());
        const int data = g.datasetNodeId(), split = g.splitNodeId();
        const int lr = findNode(g, "LogisticRegression"), scaler = findNode(g, "StandardScaler");
        const int ct = findNode(g, "ColumnTransformer");
        QString why;
        QVERIFY(!g.canConnect(lr, scaler, &why));
        QVERIFY2(why.contains("model") && why.contains("last step"), qPrintable(why));
        QVERIFY(!g.canConnect(scaler, data, &why));
        QVERIFY2(why.contains("Dataset has no input"), qPrintable(why));
        QVERIFY(!g.canConnect(ct, split, &why));  // the split already takes the data
        QVERIFY2(why.contains("already takes its input"), qPrintable(why));
        QVERIFY(!g.canConnect(lr, lr, &why));

        const int enc = g.addNode("OneHotEncoder");
        const int scaler2 = g.addNode("StandardScaler");
        QVERIFY(g.connectNodes(split, scaler2));
        QVERIFY(!g.canConnect(scaler2, enc, &why));
        QVERIFY2(why.contains("OneHotEncoder reads table columns") && why.contains("numeric matrix"), qPrintable(why));
        QVERIFY(g.canConnect(split, enc, &why));
        // A loop, a second consumer of a step, a branch straight into a model.
        const int pca = g.addNode("PCA");
        QVERIFY(g.connectNodes(scaler2, pca));
        QVERIFY(!g.canConnect(pca, scaler2, &why));
        QVERIFY(why.contains("loop") || why.contains("already takes"));
        const int knn = g.addNode("KNeighborsClassifier");
        QVERIFY(!g.canConnect(scaler2, knn, &why));
        QVERIFY2(why.contains("already feeds"), qPrintable(why));
        const int numScaler = findNode(g, "StandardScaler");
        QVERIFY(!g.canConnect(numScaler, knn, &why));  // inside branch "num", which already feeds the CT
        const int sel = g.addNode("ColumnSelector");
        const int imp = g.addNode("SimpleImputer");
        QVERIFY(g.connectNodes(split, sel));
        QVERIFY(g.connectNodes(sel, imp));
        QVERIFY(!g.canConnect(imp, knn, &why));
        QVERIFY2(why.contains("inside a column branch"), qPrintable(why));
        QVERIFY(!g.canConnect(pca, ct, &why));
        QVERIFY2(why.contains("joins branches"), qPrintable(why));
        QVERIFY(!g.connectNodes(lr, knn, &why));
    }

    void statusNamesTheColumnAndTheFix()
    {
        // Text column straight into LogisticRegression.
        auto sms = builtin("sms_spam");
        PipelineGraph text;
        text.fromPipelineJson(json::parse(R"({"steps": [{"type": "LogisticRegression"}]})"));
        text.setDataset(sms);
        const NodeStatus s = text.status(findNode(text, "LogisticRegression"));
        QCOMPARE(s.state, NodeState::Error);
        QVERIFY2(s.reason.contains("LogisticRegression cannot take text column 'text'"), qPrintable(s.reason));
        QVERIFY2(s.reason.contains("TfidfVectorizer"), qPrintable(s.reason));

        // Missing values without an imputer (titanic's age: 177 missing).
        auto titanic = builtin("titanic");
        PipelineGraph missing;
        missing.fromPipelineJson(json::parse(R"({"steps": [
            {"type": "ColumnTransformer", "transformers": [["num", {"type": "StandardScaler"}, ["age", "fare"]]], "remainder": "drop"},
            {"type": "LogisticRegression"}]})"));
        missing.setDataset(titanic);
        const int lr = findNode(missing, "LogisticRegression");
        const NodeStatus m = missing.status(lr);
        QCOMPARE(m.state, NodeState::Error);
        QVERIFY2(m.reason.contains("column 'age' has 177 missing values: add an imputer before LogisticRegression"),
                 qPrintable(m.reason));
        // The fix: an imputer at the start of the branch, through the graph's own edits.
        const int sel = selectorNamed(missing, "num"), scaler = findNode(missing, "StandardScaler");
        missing.disconnectNodes(sel, scaler);
        const int imp = missing.addNode("SimpleImputer");
        QVERIFY(missing.connectNodes(sel, imp));
        QVERIFY(missing.connectNodes(imp, scaler));
        QCOMPARE(missing.status(lr).state, NodeState::Valid);
        QVERIFY(missing.toPipelineJson().at("steps")[0].at("transformers")[0][1].at("type") == json("Pipeline"));

        // Unknown column.
        PipelineGraph unknown;
        unknown.fromPipelineJson(json::parse(R"({"steps": [
            {"type": "ColumnTransformer", "transformers": [["num", "passthrough", ["fare", "agee"]]]},
            {"type": "LogisticRegression"}]})"));
        unknown.setDataset(titanic);
        const NodeStatus u = unknown.status(selectorNamed(unknown, "num"));
        QCOMPARE(u.state, NodeState::Error);
        QVERIFY2(u.reason.contains("unknown column 'agee'"), qPrintable(u.reason));

        // A categorical column into a scaler; a classifier on a numeric target.
        PipelineGraph cat;
        cat.fromPipelineJson(json::parse(R"({"steps": [
            {"type": "ColumnTransformer", "transformers": [["c", {"type": "StandardScaler"}, ["sex"]]]},
            {"type": "LogisticRegression"}]})"));
        cat.setDataset(titanic);
        const NodeStatus c = cat.status(findNode(cat, "StandardScaler"));
        QCOMPARE(c.state, NodeState::Error);
        QVERIFY2(c.reason.contains("StandardScaler cannot take categorical column 'sex': add a OneHotEncoder"), qPrintable(c.reason));
        // One broken node: the nodes after it are not blamed for its columns.
        PipelineGraph chain;
        chain.fromPipelineJson(json::parse(R"({"steps": [{"type": "StandardScaler"}, {"type": "SMOTE"}, {"type": "LogisticRegression"}]})"));
        chain.setDataset(titanic);
        QCOMPARE(chain.status(findNode(chain, "StandardScaler")).state, NodeState::Error);
        QCOMPARE(chain.status(findNode(chain, "SMOTE")).state, NodeState::Valid);
        QCOMPARE(chain.status(findNode(chain, "LogisticRegression")).state, NodeState::Valid);
        // A bad parameter: the engine's message.
        PipelineGraph bad;
        bad.fromPipelineJson(json::parse(R"({"steps": [{"type": "LogisticRegression"}]})"));
        bad.setNodeSetting(findNode(bad, "LogisticRegression"), "C", -1.0);
        const NodeStatus b = bad.status(findNode(bad, "LogisticRegression"));
        QCOMPARE(b.state, NodeState::Error);
        QVERIFY2(b.reason.contains("C"), qPrintable(b.reason));
    }

    void undoRedoRestoreExactJson()
    {
        PipelineGraph g;
        g.fromPipelineJson(penguinsPipeline());
        const json original = g.toPipelineJson();
        const GraphState originalState = g.state();
        const int lr = findNode(g, "LogisticRegression");
        const int ct = findNode(g, "ColumnTransformer");
        g.setNodeSetting(lr, "C", 0.1);
        g.moveNode(lr, QPointF(900, 40));
        g.removeNodes({lr});
        const int knn = g.addNode("KNeighborsClassifier", QPointF(700, 100));
        QVERIFY(g.connectNodes(ct, knn));
        const json edited = g.toPipelineJson();
        QVERIFY(edited.at("steps")[1].at("type") == json("KNeighborsClassifier"));
        QCOMPARE(g.undoStack()->count(), 5);
        QVERIFY(!g.undoStack()->isClean());
        g.undoStack()->undo();  // connect
        g.undoStack()->undo();  // add
        g.undoStack()->undo();  // remove
        json step = g.toPipelineJson().at("steps")[1];
        QVERIFY(step.at("C") == json(0.1));
        g.undoStack()->undo();  // move
        g.undoStack()->undo();  // C
        QVERIFY(g.toPipelineJson() == json(original));
        QVERIFY(!g.undoStack()->canUndo());
        QVERIFY(g.state() == originalState);
        QVERIFY(g.undoStack()->isClean());
        while (g.undoStack()->canRedo())
            g.undoStack()->redo();
        QVERIFY(g.toPipelineJson() == json(edited));
    }

    void leakageBeforeTheSplitIsNamed()
    {
        // The learner's mistake: a scaler and SMOTE placed between the data and the split.
        PipelineGraph g;
        g.fromPipelineJson(json::parse(R"({"steps": [{"type": "StandardScaler"}, {"type": "SMOTE"}, {"type": "LogisticRegression"}],
                                           "workbench": {"split_after": 2}})"));
        const auto warnings = g.leakageWarnings();
        QCOMPARE(warnings.size(), std::size_t(2));
        QCOMPARE(warnings[0].nodeId, findNode(g, "StandardScaler"));
        QVERIFY2(warnings[0].reason.contains("fitted on all rows before the split"), qPrintable(warnings[0].reason));
        QCOMPARE(warnings[1].nodeId, findNode(g, "SMOTE"));
        QVERIFY2(warnings[1].reason.contains("resamples all rows before the split"), qPrintable(warnings[1].reason));
        // The saved document keeps the mistake; the pipeline JSON stays what dslab-cli reads.
        QVERIFY(g.toDocument().at("workbench").at("split_after") == json(2));
        QCOMPARE(g.toPipelineJson().at("steps").size(), std::size_t(3));
        // Moving the split back to the data fixes it.
        const int split = g.splitNodeId(), data = g.datasetNodeId(), scaler = findNode(g, "StandardScaler");
        const int smote = findNode(g, "SMOTE"), lr = findNode(g, "LogisticRegression");
        g.disconnectNodes(data, scaler);
        g.disconnectNodes(smote, split);
        g.disconnectNodes(split, lr);
        QVERIFY(g.connectNodes(data, split));
        QVERIFY(g.connectNodes(split, scaler));
        QVERIFY(g.connectNodes(smote, lr));
        QVERIFY(g.leakageWarnings().empty());
        QCOMPARE(g.toPipelineJson().at("steps").size(), std::size_t(3));
        QVERIFY(g.toDocument().at("workbench").at("split_after") == json(0));
    }

    void autoLayoutDoesNotOverlap()
    {
        PipelineGraph g;
        g.fromPipelineJson(penguinsPipeline());
        for (const auto& n : g.nodes())
            g.moveNode(n.id, QPointF(10, 10));  // everything on one spot
        g.autoLayout();
        const auto& nodes = g.nodes();
        for (std::size_t i = 0; i < nodes.size(); ++i)
            for (std::size_t j = i + 1; j < nodes.size(); ++j) {
                const QRectF a(nodes[i].position, QSizeF(PipelineGraph::kNodeWidth, PipelineGraph::kNodeHeight));
                const QRectF b(nodes[j].position, QSizeF(PipelineGraph::kNodeWidth, PipelineGraph::kNodeHeight));
                QVERIFY2(!a.intersects(b), qPrintable(g.title(nodes[i].id) + " overlaps " + g.title(nodes[j].id)));
            }
        // Left to right: every edge goes rightwards.
        for (const auto& e : g.edges())
            QVERIFY(g.node(e.to)->position.x() > g.node(e.from)->position.x());
        g.undoStack()->undo();
        QCOMPARE(g.node(g.datasetNodeId())->position, QPointF(10, 10));

        // Top to bottom (the lab's panel): still no overlap, every edge goes down.
        g.setFlowDirection(FlowDirection::TopToBottom);
        g.autoLayout();
        for (std::size_t i = 0; i < nodes.size(); ++i)
            for (std::size_t j = i + 1; j < nodes.size(); ++j) {
                const QRectF a(nodes[i].position, QSizeF(PipelineGraph::kNodeWidth, PipelineGraph::kNodeHeight));
                const QRectF b(nodes[j].position, QSizeF(PipelineGraph::kNodeWidth, PipelineGraph::kNodeHeight));
                QVERIFY(!a.intersects(b));
            }
        for (const auto& e : g.edges())
            QVERIFY(g.node(e.to)->position.y() > g.node(e.from)->position.y());
    }

    void damagedJsonLeavesTheGraph()
    {
        PipelineGraph g;
        g.fromPipelineJson(penguinsPipeline());
        const GraphState before = g.state();
        bool threw = false;
        try {
            g.fromPipelineJson(json::parse(R"({"steps": [{"type": "LogisticRegresion"}]})"));
        } catch (const Error& e) {
            threw = true;
            QVERIFY2(QString(e.what()).contains("LogisticRegresion"), e.what());
        }
        QVERIFY(threw);
        QVERIFY(g.state() == before);
    }
};

QTEST_MAIN(TestPipelineGraph)
#include "test_pipeline_graph.moc"
