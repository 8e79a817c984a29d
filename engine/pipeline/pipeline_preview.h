// What the data looks like after a pipeline's steps: the Workbench's
// preview of any node. The transformer steps of a spec are fitted on the
// training rows given (never on all data: that would be the leakage the
// lessons warn about) and their output shown with its column names.
#pragma once

#include "engine/core/train_context.h"
#include "engine/core/types.h"

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace dslab {

class Dataset;

struct PipelinePreview {
    Matrix values;        // the first rows of the output
    StringList columns;   // one name per column of values
    std::size_t fittedRows = 0;
    std::string lastStep; // the type of the last step applied
};

// Fits the spec's steps up to its last transformer (a final model is left
// out: the preview is what it would receive) on train, which has its target
// set, and transforms the first maxRows rows of train. Throws the engine's
// ParamError/DataError naming the step or column, as training would.
PipelinePreview previewPipeline(const nlohmann::json& spec, const Dataset& train, std::size_t maxRows,
                                TrainContext& ctx);

}  // namespace dslab
