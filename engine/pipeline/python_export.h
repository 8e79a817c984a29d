// Turns a pipeline spec (the JSON that dslab-cli fit reads) into a
// standalone scikit-learn script, so a learner can carry what they built in
// the app over to the library they will use at work. The script trains the
// same pipeline on a train CSV and prints its score on a test CSV:
//   python3 script.py --train TRAIN.csv --test TEST.csv --target COL
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace dslab {

// The script's text. The spec is checked first as pipelineFromJson would
// (ParamError names the step and parameter); a component with no
// scikit-learn counterpart and no small pure-Python equivalent in the
// script throws ParamError naming it. source names the pipeline in the
// script's header comment (a file name, or "the Workbench").
std::string exportPythonScript(const nlohmann::json& pipelineSpec, const std::string& source,
                               const std::string& scriptName = "script.py");

}  // namespace dslab
