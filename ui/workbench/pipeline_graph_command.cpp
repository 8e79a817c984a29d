#include "ui/workbench/pipeline_graph_command.h"

namespace dslab {

PipelineGraphCommand::PipelineGraphCommand(PipelineGraph* graph, GraphState before, GraphState after, const QString& text)
    : QUndoCommand(text), m_graph(graph), m_before(std::move(before)), m_after(std::move(after))
{
}

void PipelineGraphCommand::undo()
{
    m_graph->restoreState(m_before);
}

void PipelineGraphCommand::redo()
{
    m_graph->restoreState(m_after);
}

}  // namespace dslab
