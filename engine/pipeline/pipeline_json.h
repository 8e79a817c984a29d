// Pipelines as JSON, with scikit-learn type and parameter names:
//   {"steps": [{"type": "StandardScaler"}, {"type": "LogisticRegression", "C": 1.0}]}
// and fitted pipelines saved as versioned files carrying their metadata
// (format and engine version, creation time, training schema, metrics).
#pragma once

#include "engine/pipeline/pipeline.h"

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace dslab {

constexpr int kPipelineFormatVersion = 1;

// Builds an unfitted pipeline; ParamError names the step and the parameter.
Pipeline pipelineFromJson(const nlohmann::json& spec);
// Reads a pipeline spec file; FormatError gives the line and column of a JSON syntax error.
Pipeline readPipelineSpec(const std::string& path);
nlohmann::json pipelineSpecToJson(const Pipeline& pipeline);

// One step from its JSON object {"type": ..., parameters and settings}; name
// (optional) receives its "name". ParamError names the type and the parameter.
std::unique_ptr<Component> componentFromJson(const nlohmann::json& step, std::string* name = nullptr);
// The step's JSON object: type, parameters and settings (no name).
nlohmann::json componentToJson(const Component& component);

ParamValue paramFromJson(const nlohmann::json& value);
nlohmann::json paramToJson(const ParamValue& value);

// Fitted pipeline with metadata, as JSON / to a file written atomically
// (a failed write never leaves a half-written file nor touches the old one).
nlohmann::json savedPipelineToJson(const Pipeline& pipeline, const nlohmann::json& trainingMetrics);
void saveFittedPipeline(const Pipeline& pipeline, const std::string& path, const nlohmann::json& trainingMetrics);
// Throws FormatError for a damaged file, another kind of file, or a newer format version.
Pipeline loadFittedPipeline(const std::string& path);
Pipeline savedPipelineFromJson(const nlohmann::json& doc);

// Parses JSON text; FormatError says "line L, column C: ..." on a syntax error.
nlohmann::json parseJsonText(const std::string& text, const std::string& what);
nlohmann::json readJsonFile(const std::string& path, const std::string& what);
// Writes text to path through a temporary file and a rename.
void writeFileAtomically(const std::string& path, const std::string& text);

}  // namespace dslab
