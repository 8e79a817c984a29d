// dslab-cli export-python: write a pipeline spec as a standalone
// scikit-learn script that trains the same pipeline on a train CSV and
// prints its test score (see engine/pipeline/python_export.h).
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "engine/pipeline/pipeline_json.h"
#include "engine/pipeline/python_export.h"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

namespace dslab::cli {

int runExportPython(int argc, char** argv, const ResourcePaths&)
{
    const CommandLine args(argc, argv, 2, {"pipeline", "out"});
    const std::string pipelinePath = args.required("pipeline");
    const std::string outPath = args.required("out");
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::weakly_canonical(pipelinePath, ec) == fs::weakly_canonical(outPath, ec))
        throw UsageError("--out is the pipeline file itself; choose another file name");
    const nlohmann::json spec = readJsonFile(pipelinePath, "the pipeline");
    const std::string script = exportPythonScript(spec, fs::path(pipelinePath).filename().string(),
                                                  fs::path(outPath).filename().string());
    writeFileAtomically(outPath, script);
    std::cout << "wrote " << outPath << ": run it with\n  python3 " << outPath
              << " --train TRAIN.csv --test TEST.csv --target COLUMN\n";
    return 0;
}

}  // namespace dslab::cli
