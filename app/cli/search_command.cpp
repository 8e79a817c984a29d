// dslab-cli search: hyperparameter search over a pipeline by cross-validated
// score, printing each candidate as it finishes and then the best one. The
// space file maps "Step__param" to a range {"type": "float"|"int", "low",
// "high", "log"} or to a list of values; a grid spreads about
// budget^(1/params) values over each range (log-spaced where "log").
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/csv_reader.h"
#include "engine/model_selection/bayes_search_cv.h"
#include "engine/model_selection/grid_search_cv.h"
#include "engine/model_selection/k_fold.h"
#include "engine/model_selection/randomized_search_cv.h"
#include "engine/model_selection/stratified_k_fold.h"
#include "engine/pipeline/pipeline_json.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dslab::cli {

namespace {

struct SpaceEntry {
    std::vector<ParamValue> values;  // a list given in the file
    bool isInteger = false, log = false;
    double low = 0, high = 1;
    bool isRange() const { return values.empty(); }
};

std::map<std::string, SpaceEntry> readSpace(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw IoError("cannot read the search space '" + path + "'");
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json doc = parseJsonText(text.str(), "the search space '" + path + "'");
    if (!doc.is_object() || doc.empty())
        throw ParamError("the search space must be an object such as {\"LogisticRegression__C\": "
                         "{\"type\": \"float\", \"low\": 0.001, \"high\": 100, \"log\": true}}");
    std::map<std::string, SpaceEntry> space;
    for (const auto& [address, spec] : doc.items()) {
        SpaceEntry e;
        if (spec.is_array()) {
            for (const auto& v : spec)
                e.values.push_back(paramFromJson(v));
            if (e.values.empty())
                throw ParamError("the search space lists no values for " + address);
        } else if (spec.is_object()) {
            const std::string type = spec.value("type", std::string("float"));
            if (type != "float" && type != "int")
                throw ParamError("the search space's " + address + ".type must be float or int, not '" + type + "'");
            e.isInteger = type == "int";
            e.log = spec.value("log", false);
            if (!spec.contains("low") || !spec.contains("high") || !spec.at("low").is_number() || !spec.at("high").is_number())
                throw ParamError("the search space's " + address + " needs numbers \"low\" and \"high\"");
            e.low = spec.at("low").get<double>();
            e.high = spec.at("high").get<double>();
            if (!(e.low < e.high))
                throw ParamError("the search space's " + address + " needs low < high");
        } else {
            throw ParamError("the search space's " + address + " must be a range object or a list of values");
        }
        space[address] = e;
    }
    return space;
}

std::vector<ParamValue> spread(const SpaceEntry& e, int n)
{
    std::vector<ParamValue> out;
    if (!e.isRange())
        return e.values;
    for (int i = 0; i < n; ++i) {
        const double t = n > 1 ? static_cast<double>(i) / (n - 1) : 0.5;
        const double v = e.log ? std::exp(std::log(e.low) + t * (std::log(e.high) - std::log(e.low))) : e.low + t * (e.high - e.low);
        if (e.isInteger) {
            const ParamValue rounded = static_cast<long long>(std::llround(v));
            if (out.empty() || out.back() != rounded)
                out.push_back(rounded);
        } else {
            out.push_back(v);
        }
    }
    return out;
}

ParamDistribution distributionOf(const SpaceEntry& e)
{
    if (!e.isRange())
        return ParamDistribution::choice(e.values);
    if (e.isInteger)
        return ParamDistribution::integer(static_cast<long long>(e.low), static_cast<long long>(e.high));
    return e.log ? ParamDistribution::logUniform(e.low, e.high) : ParamDistribution::uniform(e.low, e.high);
}

std::string describe(const ParamMap& params)
{
    std::string out;
    for (const auto& [address, value] : params) {
        if (!out.empty())
            out += '\t';
        std::ostringstream v;
        if (const auto* d = std::get_if<double>(&value))
            v << std::setprecision(4) << *d;
        else
            v << paramToString(value);
        out += address + "=" + v.str();
    }
    return out;
}

}  // namespace

int runSearch(int argc, char** argv, const ResourcePaths& resources)
{
    const CommandLine args(argc, argv, 2,
                           {"data", "target", "pipeline", "space", "method", "n-iter", "cv", "scoring", "seed", "threads"});
    Pipeline pipeline = readPipelineSpec(args.required("pipeline"));
    if (!pipeline.finalEstimator())
        throw ParamError("the pipeline's last step must be a model (a classifier or a regressor)");
    const auto space = readSpace(args.required("space"));
    const std::string method = args.value("method", "random");
    const auto nIter = static_cast<int>(args.integer("n-iter", 10));
    const auto folds = static_cast<int>(args.integer("cv", 5));
    if (nIter < 1)
        throw UsageError("--n-iter must be at least 1");
    if (folds < 2)
        throw UsageError("--cv must be at least 2");

    // --data: a CSV file, or else the name of a built-in dataset.
    const std::string data = args.required("data");
    Dataset table;
    if (std::filesystem::is_regular_file(data)) {
        CsvOptions options;
        options.target = args.required("target");
        table = readCsvFile(data, options);
    } else {
        if (!resources.found)
            throw IoError("'" + data + "' is not a file, and the built-in datasets cannot be found (set DSLAB_RESOURCE_DIR)");
        table = loadBuiltinDataset(data, resources.datasetsDir);
        if (args.has("target"))
            table.setTarget(args.value("target"));
    }
    if (!table.hasTarget())
        throw UsageError("missing --target: name the column to predict");
    const Matrix X = table.featureMatrix();
    const bool classifier = pipeline.isClassifier();
    const Vector y = classifier ? table.targetCodes() : table.targetValues();

    std::unique_ptr<HyperparameterSearch> search;
    if (method == "grid") {
        const double perAxis = std::pow(static_cast<double>(nIter), 1.0 / static_cast<double>(space.size()));
        const int n = std::max(1, static_cast<int>(std::floor(perAxis + 1e-9)));
        ParamGrid grid;
        for (const auto& [address, e] : space)
            grid[address] = spread(e, n);
        search = std::make_unique<GridSearchCV>(grid);
    } else if (method == "random" || method == "bayesian") {
        ParamDistributions distributions;
        for (const auto& [address, e] : space)
            distributions[address] = distributionOf(e);
        if (method == "random")
            search = std::make_unique<RandomizedSearchCV>(distributions, nIter);
        else
            search = std::make_unique<BayesSearchCV>(distributions, nIter, std::clamp(nIter / 4, 1, 8));
    } else {
        throw UsageError("--method must be grid, random or bayesian, not '" + method + "'");
    }
    search->setScoring(args.value("scoring"));
    search->setBudget(nIter);
    search->setRefit(false);
    const std::string scoring = args.value("scoring", classifier ? "accuracy" : "r2");
    int finished = 0;
    search->setObserver([&](const SearchEvaluation& e) {
        std::cout << "trial " << ++finished << '\t' << describe(e.params) << '\t' << scoring << '=' << std::fixed
                  << std::setprecision(4) << e.meanScore << " ± " << e.stdScore << std::defaultfloat << '\n'
                  << std::flush;
    });
    TrainContext ctx;
    ctx.seed = static_cast<std::uint64_t>(args.integer("seed", 0));
    ctx.threads = static_cast<int>(args.integer("threads", 1));
    std::unique_ptr<CrossValidator> cv;
    if (classifier)
        cv = std::make_unique<StratifiedKFold>(folds);
    else
        cv = std::make_unique<KFold>(folds);
    const SearchResult result = search->fit(pipeline, X, y, *cv, ctx);
    if (result.bestIndex < 0)
        throw ParamError("the search finished no candidate");
    std::cout << "best (trial " << result.bestIndex + 1 << " of " << result.evaluations.size() << ")\t"
              << describe(result.bestParams) << '\t' << scoring << '=' << std::fixed << std::setprecision(4)
              << result.bestScore << " ± " << result.evaluations[static_cast<std::size_t>(result.bestIndex)].stdScore
              << '\n';
    return 0;
}

}  // namespace dslab::cli
