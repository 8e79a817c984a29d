// dslab-cli predict: apply a saved model to a CSV and write one prediction
// per row (with class probabilities for classifiers).
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "engine/data/csv_reader.h"
#include "engine/pipeline/pipeline_json.h"

#include <filesystem>
#include <iostream>
#include <sstream>

namespace dslab::cli {

namespace {

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

int runPredict(int argc, char** argv, const ResourcePaths&)
{
    const CommandLine args(argc, argv, 2, {"model", "data", "out"});
    const std::string modelPath = args.required("model");
    const std::string dataPath = args.required("data");
    const std::string outPath = args.required("out");
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& in : {modelPath, dataPath})
        if (fs::weakly_canonical(in, ec) == fs::weakly_canonical(outPath, ec))
            throw UsageError("the output '" + outPath + "' is also an input; choose another file name");

    const Pipeline pipeline = loadFittedPipeline(modelPath);
    const Dataset data = readCsvFile(dataPath);
    const StringList labels = pipeline.predictLabels(data);

    std::ostringstream out;
    out << "prediction";
    Matrix proba;
    const auto& classes = pipeline.schema().classLabels;
    if (pipeline.isClassifier()) {
        proba = pipeline.predictProba(data);
        for (const auto& c : classes)
            out << "," << csvField("proba_" + c);
    }
    out << "\n";
    out.precision(10);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        out << csvField(labels[i]);
        for (Eigen::Index k = 0; k < proba.cols(); ++k)
            out << "," << proba(static_cast<Eigen::Index>(i), k);
        out << "\n";
    }
    writeFileAtomically(outPath, out.str());
    std::cout << "wrote " << labels.size() << " predictions to " << outPath << "\n";
    return 0;
}

}  // namespace dslab::cli
