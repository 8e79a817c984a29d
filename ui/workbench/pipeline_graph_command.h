// One undoable edit of the pipeline graph: the whole state before and after.
// Graphs are small (tens of nodes), so snapshots are cheap and undo restores
// exactly what was there, JSON included.
#pragma once

#include "ui/workbench/pipeline_graph.h"

#include <QUndoCommand>

namespace dslab {

class PipelineGraphCommand : public QUndoCommand {
public:
    PipelineGraphCommand(PipelineGraph* graph, GraphState before, GraphState after, const QString& text);
    void undo() override;
    void redo() override;

private:
    PipelineGraph* m_graph;
    GraphState m_before;
    GraphState m_after;
};

}  // namespace dslab
