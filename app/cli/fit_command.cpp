// dslab-cli fit: train a pipeline on a built-in dataset (split here) or on a
// train/test pair of CSVs, then write the report (and optionally the model).
// Nothing is written unless everything succeeded, and never over an input.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "engine/core/catalog.h"
#include "engine/core/errors.h"
#include "engine/models/cluster/silhouette.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/csv_reader.h"
#include "engine/data/split.h"
#include "engine/pipeline/evaluation.h"
#include "engine/pipeline/pipeline_json.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

namespace dslab::cli {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Refuses to write an output over one of the inputs.
void checkNotAnInput(const std::string& output, const std::vector<std::string>& inputs)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto out = fs::weakly_canonical(output, ec);
    for (const auto& in : inputs) {
        if (in.empty())
            continue;
        if (fs::weakly_canonical(in, ec) == out)
            throw UsageError("the output '" + output + "' is also an input; choose another file name");
    }
}

nlohmann::json modelAttributes(const Pipeline& pipeline)
{
    nlohmann::json attributes = nlohmann::json::object();
    if (const Estimator* model = pipeline.finalEstimator())
        model->saveState(attributes);
    return attributes;
}

}  // namespace

int runFit(int argc, char** argv, const ResourcePaths& resources)
{
    const CommandLine args(argc, argv, 2,
                           {"data", "train", "test", "target", "pipeline", "report", "seed", "threads", "save-model",
                            "test-size"});
    const std::string pipelinePath = args.required("pipeline");
    const std::string reportPath = args.required("report");
    const std::string modelPath = args.value("save-model");
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 0));
    const int threads = static_cast<int>(args.integer("threads", 1));
    const std::vector<std::string> inputs = {pipelinePath, args.value("train"), args.value("test")};
    checkNotAnInput(reportPath, inputs);
    if (!modelPath.empty())
        checkNotAnInput(modelPath, inputs);
    if (!modelPath.empty() && modelPath == reportPath)
        throw UsageError("--report and --save-model must be different files");

    Pipeline pipeline = readPipelineSpec(pipelinePath);
    const Estimator* model = pipeline.finalEstimator();
    if (!model)
        throw ParamError("the pipeline's last step must be a model (a classifier or a regressor)");

    Dataset train, test;
    std::string dataName;
    if (args.has("data")) {
        if (args.has("train") || args.has("test"))
            throw UsageError("give either --data NAME or --train CSV --test CSV, not both");
        dataName = args.value("data");
        if (!resources.found)
            throw IoError("cannot find the built-in datasets; set DSLAB_RESOURCE_DIR to the project folder");
        Dataset all = loadBuiltinDataset(dataName, resources.datasetsDir);
        if (args.has("target"))
            all.setTarget(args.value("target"));
        const double testSize = args.number("test-size", 0.25);
        if (!(testSize > 0 && testSize < 1))
            throw UsageError("--test-size must be between 0 and 1");
        Vector codes;
        if (model->isClassifier())
            codes = all.targetCodes();
        const SplitIndices split = trainTestSplit(static_cast<Eigen::Index>(all.rowCount()), testSize, seed,
                                                  model->isClassifier() ? &codes : nullptr);
        train = all.selectRows(split.train);
        test = all.selectRows(split.test);
    } else {
        const std::string trainPath = args.required("train");
        const std::string testPath = args.required("test");
        const std::string target = args.required("target");
        CsvOptions options;
        options.target = target;
        train = readCsvFile(trainPath, options);
        test = readCsvFile(testPath, options);
        dataName = trainPath;
    }
    if (!train.hasTarget())
        throw UsageError("missing --target: name the column to predict");

    TrainContext ctx;
    ctx.seed = seed;
    ctx.threads = threads;
    const auto fitStart = Clock::now();
    pipeline.fit(train, ctx);
    const double fitSeconds = secondsSince(fitStart);

    // Test labels are encoded with the training labels so codes agree. A
    // pipeline with sparse text features predicts from the table (its dense
    // features would be documents x vocabulary).
    const bool sparse = pipeline.sparseFeatures();
    const Matrix Xtest = sparse ? Matrix() : pipeline.featuresFor(test);
    Vector ytest;
    const auto& labels = pipeline.schema().classLabels;
    if (pipeline.isClassifier()) {
        const StringList testLabels = test.classLabels();
        const Vector testCodes = test.targetCodes();
        ytest.resize(testCodes.size());
        for (Eigen::Index i = 0; i < testCodes.size(); ++i) {
            const std::string& label = testLabels[static_cast<std::size_t>(testCodes(i))];
            auto it = std::find(labels.begin(), labels.end(), label);
            if (it == labels.end())
                throw DataError("the test data has the class '" + label + "', which the training data does not have");
            ytest(i) = static_cast<double>(it - labels.begin());
        }
    } else {
        ytest = test.targetValues();
    }
    const auto predictStart = Clock::now();
    Evaluation evaluation;
    const CatalogEntry* entry = Catalog::builtin().find(model->typeName());
    if (entry && entry->kind == ComponentKind::Clusterer) {
        // A clusterer has no target to score against: report how well separated its clusters are.
        const Matrix features = pipeline.transform(Xtest);
        const Vector clusters = pipeline.finalEstimator()->predict(features);
        evaluation.metrics["silhouette"] = silhouetteScore(features, clusters);
    } else if (sparse) {
        const Vector predicted = pipeline.predict(test);
        const Matrix proba = pipeline.isClassifier() ? pipeline.predictProba(test) : Matrix();
        evaluation = evaluatePredictions(pipeline.isClassifier(), ytest, predicted, proba,
                                         static_cast<int>(labels.size()));
    } else {
        evaluation = evaluateModel(pipeline, Xtest, ytest, static_cast<int>(labels.size()));
    }
    const double predictSeconds = secondsSince(predictStart);

    nlohmann::json metrics = nlohmann::json::object();
    for (const auto& [name, value] : evaluation.metrics)
        metrics[name] = value;
    nlohmann::json confusion = nlohmann::json::array();
    for (Eigen::Index r = 0; r < evaluation.confusion.rows(); ++r) {
        nlohmann::json row = nlohmann::json::array();
        for (Eigen::Index c = 0; c < evaluation.confusion.cols(); ++c)
            row.push_back(static_cast<long long>(evaluation.confusion(r, c)));
        confusion.push_back(row);
    }
    nlohmann::json report = {
        {"data", dataName},
        {"target", train.targetName()},
        {"train_rows", train.rowCount()},
        {"test_rows", test.rowCount()},
        {"pipeline", pipelineSpecToJson(pipeline)},
        {"metrics", metrics},
        {"confusion_matrix", confusion},
        {"class_labels", labels},
        {"fit_seconds", fitSeconds},
        {"predict_seconds", predictSeconds},
        {"seed", seed},
        {"threads", threads},
        {"model", modelAttributes(pipeline)},
    };
    // Serialize both before writing either, so a failure leaves no partial output.
    const std::string reportText = report.dump(2);
    std::string modelText;
    if (!modelPath.empty())
        modelText = savedPipelineToJson(pipeline, metrics).dump(1);
    writeFileAtomically(reportPath, reportText);
    if (!modelPath.empty())
        writeFileAtomically(modelPath, modelText);

    std::cout << "trained " << pipeline.step(pipeline.stepCount() - 1).component->typeName() << " on "
              << train.rowCount() << " rows in " << fitSeconds << " s\n";
    for (const auto& [name, value] : evaluation.metrics)
        std::cout << "  " << name << ": " << value << "\n";
    return 0;
}

}  // namespace dslab::cli
