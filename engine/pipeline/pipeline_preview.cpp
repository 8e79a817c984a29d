#include "engine/pipeline/pipeline_preview.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/pipeline/table_transformer.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>

namespace dslab {

PipelinePreview previewPipeline(const nlohmann::json& spec, const Dataset& train, std::size_t maxRows,
                                TrainContext& ctx)
{
    nlohmann::json transformers = spec;
    Pipeline probe = pipelineFromJson(spec);
    if (probe.finalEstimator())
        transformers["steps"].erase(transformers["steps"].size() - 1);
    if (transformers.at("steps").empty())
        throw ParamError("there is no transformer before the model to preview: the model sees the table's columns");
    Pipeline pipeline = pipelineFromJson(transformers);
    pipeline.fit(train, ctx);

    IndexList firstRows(std::min(maxRows, train.rowCount()));
    std::iota(firstRows.begin(), firstRows.end(), Eigen::Index{0});
    const Dataset head = train.selectRows(firstRows);
    PipelinePreview preview;
    preview.values = pipeline.transform(pipeline.featuresFor(head));
    StringList names = pipeline.tableStep() ? pipeline.tableStep()->featureNamesOut() : train.featureNames();
    for (std::size_t i = pipeline.tableStep() ? 1 : 0; i < pipeline.stepCount(); ++i)
        if (const auto* t = dynamic_cast<const Transformer*>(pipeline.step(i).component.get()))
            names = t->featureNamesOut(names);
    if (names.size() != static_cast<std::size_t>(preview.values.cols())) {
        // A step that cannot name its outputs: number them rather than mislabel them.
        names.clear();
        for (Eigen::Index c = 0; c < preview.values.cols(); ++c) {
            std::string name(1, 'x');  // built in two steps: GCC 12's -Wrestrict misfires on "x" + to_string
            name += std::to_string(c);
            names.push_back(std::move(name));
        }
    }
    preview.columns = std::move(names);
    preview.fittedRows = train.rowCount();
    preview.lastStep = pipeline.step(pipeline.stepCount() - 1).component->typeName();
    return preview;
}

}  // namespace dslab
