// dslab-cli explain: explain a saved model's predictions on a CSV with
// TreeSHAP (tree models, on the features the model sees after the
// transformers), KernelSHAP or LIME (any model, on the table's columns), or
// permutation importance (any model; the CSV must hold the target). Writes
// one JSON file with the feature names, the expected value(s) and the values.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/cli/model_features.h"
#include "engine/core/errors.h"
#include "engine/data/csv_reader.h"
#include "engine/data/column.h"
#include "engine/explain/kernel_shap.h"
#include "engine/explain/lime_tabular_explainer.h"
#include "engine/explain/permutation_importance.h"
#include "engine/explain/tree_shap.h"
#include "engine/models/trees/tree_model.h"
#include "engine/pipeline/pipeline_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>

namespace dslab::cli {

namespace {

nlohmann::json matrixJson(const Matrix& m)
{
    nlohmann::json rows = nlohmann::json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        std::vector<double> row(static_cast<std::size_t>(m.cols()));
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            row[static_cast<std::size_t>(j)] = m(i, j);
        rows.push_back(std::move(row));
    }
    return rows;
}

void writeShap(nlohmann::json& out, const ShapValues& shap, const StringList& outputs)
{
    out["expected_value"] = shap.expectedValue;
    out["output_names"] = outputs;
    nlohmann::json values = nlohmann::json::array();
    for (const auto& m : shap.values)
        values.push_back(matrixJson(m));
    out["values"] = std::move(values);  // [output][row][feature]
}

// Evenly spaced rows, so a background of N rows spans the whole file.
Matrix spreadRows(const Matrix& X, Eigen::Index n)
{
    if (n >= X.rows())
        return X;
    IndexList rows;
    for (Eigen::Index i = 0; i < n; ++i)
        rows.push_back(i * X.rows() / n);
    return selectRows(X, rows);
}

// The target as the model's numbers: class codes in the training label order, or values.
Vector targetFor(const Pipeline& pipeline, const Dataset& data)
{
    const std::string& target = pipeline.schema().target;
    if (target.empty() || !data.hasColumn(target))
        throw DataError("permutation importance needs the target column '" + target
                        + "' in the data, to score the model with each feature shuffled");
    const Column& column = data.column(target);
    Vector y(static_cast<Eigen::Index>(data.rowCount()));
    const auto& labels = pipeline.schema().classLabels;
    for (std::size_t i = 0; i < data.rowCount(); ++i) {
        if (column.isMissing(i))
            throw DataError("the target '" + target + "' is missing in row " + std::to_string(i + 1)
                            + "; drop those rows before computing permutation importance");
        const std::string cell = column.cellText(i);
        if (pipeline.isClassifier()) {
            auto it = std::find(labels.begin(), labels.end(), cell);
            if (it == labels.end())
                throw DataError("row " + std::to_string(i + 1) + " has the label '" + cell
                                + "', which the model was not trained on");
            y(static_cast<Eigen::Index>(i)) = static_cast<double>(it - labels.begin());
        } else {
            double v = 0;
            if (!parseNumberCell(cell, v))
                throw DataError("the target '" + target + "' is not a number in row " + std::to_string(i + 1));
            y(static_cast<Eigen::Index>(i)) = v;
        }
    }
    return y;
}

}  // namespace

int runExplain(int argc, char** argv, const ResourcePaths&)
{
    const CommandLine args(argc, argv, 2,
                           {"model", "data", "method", "rows", "background", "nsamples", "out", "seed", "threads",
                            "repeats", "features"});
    const std::string modelPath = args.required("model");
    const std::string dataPath = args.required("data");
    const std::string method = args.required("method");
    const std::string outPath = args.required("out");
    if (method != "tree" && method != "kernel" && method != "permutation" && method != "lime")
        throw UsageError("--method must be tree, kernel, permutation or lime, got '" + method + "'");
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& in : {modelPath, dataPath})
        if (fs::weakly_canonical(in, ec) == fs::weakly_canonical(outPath, ec))
            throw UsageError("the output '" + outPath + "' is also an input; choose another file name");
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 0));
    const int threads = static_cast<int>(args.integer("threads", 1));
    for (const char* name : {"rows", "background", "nsamples", "repeats", "features"})
        if (args.has(name) && args.integer(name, 1) < 1)
            throw UsageError(std::string("--") + name + " must be at least 1");

    const Pipeline pipeline = loadFittedPipeline(modelPath);
    const Estimator* model = pipeline.finalEstimator();
    if (!model)
        throw ParamError("the saved pipeline has no model step, so there is nothing to explain");
    const Dataset data = readCsvFile(dataPath);
    const Matrix features = pipeline.featuresFor(data);
    // Kernel SHAP and LIME call the model thousands of times per row: explain a few rows unless asked.
    const Eigen::Index defaultRows = method == "kernel" || method == "lime" ? 10 : features.rows();
    const Eigen::Index rows = std::min<Eigen::Index>(features.rows(), args.integer("rows", defaultRows));

    // The table's columns, which KernelSHAP, LIME and permutation work on.
    StringList inputNames = pipeline.featureNames();
    if (static_cast<Eigen::Index>(inputNames.size()) != features.cols())
        inputNames = numberedNames("x", features.cols());

    nlohmann::json out;
    out["format"] = "dslab-explanation";
    out["method"] = method;
    out["model"] = model->typeName();
    out["rows"] = rows;
    const auto start = std::chrono::steady_clock::now();
    if (method == "tree") {
        const TreeModel& trees = treeModelOf(pipeline, "--method tree");
        const Matrix X = pipeline.transform(features);
        const Matrix explained = X.topRows(rows);
        ShapValues shap;
        if (args.has("background")) {
            out["algorithm"] = "interventional";
            const Matrix background = spreadRows(X, args.integer("background", 100));
            out["background_rows"] = background.rows();
            shap = interventionalTreeShap(trees, explained, background, threads);
        } else {
            out["algorithm"] = "path-dependent";
            shap = treeShap(trees, explained, threads);
        }
        out["feature_names"] = modelFeatureNames(pipeline, X.cols());
        out["link"] = treeLinkName(trees.outputLink());
        out["output_space"] = trees.outputLink() == TreeOutputLink::Identity ? "raw" : "margin";
        writeShap(out, shap, outputNames(pipeline, static_cast<Eigen::Index>(shap.values.size())));
    } else if (method == "kernel") {
        const ShapBackground background = summarizeBackground(features, static_cast<int>(args.integer("background", 20)), seed);
        KernelShapOptions options;
        options.nSamples = static_cast<int>(args.integer("nsamples", 2048));
        options.seed = seed;
        options.threads = threads;
        const ShapValues shap = kernelShap(pipeline, features.topRows(rows), background, options);
        out["algorithm"] = features.cols() <= options.exactMaxFeatures ? "exact enumeration" : "sampled coalitions";
        out["background_rows"] = background.rows.rows();
        out["feature_names"] = inputNames;
        out["output_space"] = pipeline.isClassifier() ? "probability" : "prediction";
        writeShap(out, shap, outputNames(pipeline, static_cast<Eigen::Index>(shap.values.size())));
    } else if (method == "permutation") {
        const Vector y = targetFor(pipeline, data);
        PermutationImportanceOptions options;
        options.nRepeats = static_cast<int>(args.integer("repeats", 5));
        options.seed = seed;
        options.threads = threads;
        const PermutationImportance pi = permutationImportance(pipeline, features.topRows(rows), y.head(rows), options);
        out["feature_names"] = inputNames;
        out["scoring"] = pipeline.isClassifier() ? "accuracy" : "r2";
        out["baseline_score"] = pi.baselineScore;
        out["importances_mean"] = std::vector<double>(pi.mean.data(), pi.mean.data() + pi.mean.size());
        out["importances_std"] = std::vector<double>(pi.std.data(), pi.std.data() + pi.std.size());
        out["importances"] = matrixJson(pi.importances);
    } else {
        const LimeTabularExplainer explainer(features);
        LimeOptions options;
        options.nSamples = static_cast<int>(args.integer("nsamples", 5000));
        options.nFeatures = static_cast<int>(args.integer("features", 10));
        options.seed = seed;
        const StringList& names = inputNames;
        const StringList outputs = outputNames(pipeline, pipeline.isClassifier()
                                                             ? static_cast<Eigen::Index>(pipeline.schema().classLabels.size())
                                                             : 1);
        nlohmann::json explanations = nlohmann::json::array();
        for (Eigen::Index i = 0; i < rows; ++i) {
            const LimeExplanation e = explainer.explain(pipeline, features.row(i).transpose(), options);
            nlohmann::json row;
            row["row"] = i;
            row["output"] = outputs.at(static_cast<std::size_t>(e.outputColumn));
            row["intercept"] = e.intercept;
            row["score"] = e.score;
            row["local_prediction"] = e.localPrediction;
            row["model_prediction"] = e.modelPrediction;
            StringList chosen;
            for (int f : e.features)
                chosen.push_back(names.at(static_cast<std::size_t>(f)));
            row["features"] = chosen;
            row["weights"] = e.weights;
            explanations.push_back(std::move(row));
        }
        out["feature_names"] = names;
        out["kernel_width"] = 0.75 * std::sqrt(static_cast<double>(features.cols()));
        out["explanations"] = std::move(explanations);
    }
    out["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writeFileAtomically(outPath, out.dump(1) + "\n");
    std::cout << "wrote the " << method << " explanation of " << rows << " rows to " << outPath << "\n";
    return 0;
}

}  // namespace dslab::cli
