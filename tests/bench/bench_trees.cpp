// Benchmark, not a test: the tree ensembles on the shared benchmark data
// (/work/shared/bench/make_data.py writes the CSVs), timed in our engine and,
// in the same run, in scikit-learn 1.2.1 / XGBoost 1.7.4 through
// /usr/bin/python3 tests/bench/trees_reference.py. Prints ours, theirs and the
// ratio ours / theirs (below 1 means faster) with the test metrics:
//   rf    RandomForestClassifier, 100 trees, synth_100k (80,000 x 20)   goal: ratio <= 0.25, accuracy within 0.005
//   gbdt  GradientBoostingClassifier vs XGBoost hist, 200 rounds, depth 6, max_bin 256,
//         synth_1m (800,000 x 20)                                       goal: ratio <= 1, AUC within 0.002
//   grid  predict_proba on a 200 x 200 grid (40,000 x 2) with a 100-tree forest and a
//         200-round booster trained on moons                            goal: < 20 ms
// Usage: bench_trees [--data DIR] [--threads N] [--cases rf,gbdt,grid] [--no-reference]
#include "engine/core/train_context.h"
#include "engine/data/csv_reader.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/models/trees/gradient_boosting.h"
#include "engine/models/trees/random_forest.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

using namespace dslab;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Split {
    Matrix X, Xt;
    Vector y, yt;
};

Split loadSplit(const std::string& dir, const std::string& name)
{
    CsvOptions options;
    options.target = "target";
    const Dataset train = readCsvFile(dir + "/" + name + "_train.csv", options);
    const Dataset test = readCsvFile(dir + "/" + name + "_test.csv", options);
    return {train.featureMatrix(), test.featureMatrix(), train.targetCodes(), test.targetCodes()};
}

struct Result {
    double fit = 0;
    double predict = 0;
    double accuracy = 0;
    double auc = 0;
};

Result fitAndScore(Estimator& model, const Split& d, int threads)
{
    TrainContext ctx;
    ctx.threads = threads;
    Result r;
    auto start = Clock::now();
    model.fit(d.X, d.y, ctx);
    r.fit = secondsSince(start);
    start = Clock::now();
    const Matrix proba = model.predictProba(d.Xt);
    r.predict = secondsSince(start);
    Vector predicted(proba.rows());
    for (Eigen::Index i = 0; i < proba.rows(); ++i)
        predicted(i) = proba(i, 1) > proba(i, 0) ? 1 : 0;
    r.accuracy = accuracy(d.yt, predicted);
    r.auc = rocAuc(d.yt, proba.col(1));
    return r;
}

// The same grid as trees_reference.py: 200 x 200 points over the data's box plus 0.5.
Matrix gridOver(const Matrix& X)
{
    const Eigen::RowVectorXd lo = X.colwise().minCoeff().array() - 0.5;
    const Eigen::RowVectorXd hi = X.colwise().maxCoeff().array() + 0.5;
    Matrix G(200 * 200, 2);
    for (int r = 0; r < 200; ++r)
        for (int c = 0; c < 200; ++c) {
            G(r * 200 + c, 0) = lo(0) + (hi(0) - lo(0)) * c / 199.0;
            G(r * 200 + c, 1) = lo(1) + (hi(1) - lo(1)) * r / 199.0;
        }
    return G;
}

double medianPredictSeconds(const Estimator& model, const Matrix& G, int repeats)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        const Matrix p = model.predictProba(G);
        times.push_back(secondsSince(start));
        if (p.rows() != G.rows())
            std::abort();
    }
    std::nth_element(times.begin(), times.begin() + static_cast<long>(times.size() / 2), times.end());
    return times[times.size() / 2];
}

void setBoosting(GradientBoostingClassifier& model)
{
    model.setParam("n_estimators", 200LL);
    model.setParam("learning_rate", 0.1);
    model.setParam("max_depth", 6LL);
    model.setParam("max_bin", 256LL);
    model.setParam("reg_lambda", 1.0);
    model.setParam("gamma", 0.0);
}

nlohmann::json runReference(const std::string& dir, int threads, const std::vector<std::string>& cases)
{
    std::string command = "/usr/bin/python3 " DSLAB_SOURCE_DIR "/tests/bench/trees_reference.py " + dir + " "
                          + std::to_string(threads);
    for (const auto& c : cases)
        command += " " + (c == "gbdt" ? std::string("xgb") : c);
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return nullptr;
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe))
        output += buffer;
    if (pclose(pipe) != 0 || output.empty())
        return nullptr;
    return nlohmann::json::parse(output, nullptr, false);
}

double ref(const nlohmann::json& r, const char* key, const char* field)
{
    if (!r.is_object() || !r.contains(key))
        return 0;
    return r[key].value(field, 0.0);
}

}  // namespace

int main(int argc, char** argv)
{
    std::string dir = "/tmp/dslab_bench_data";
    int threads = 2;
    std::vector<std::string> cases = {"rf", "gbdt", "grid"};
    bool reference = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--data" && i + 1 < argc) {
            dir = argv[++i];
        } else if (a == "--threads" && i + 1 < argc) {
            threads = std::stoi(argv[++i]);
        } else if (a == "--cases" && i + 1 < argc) {
            cases.clear();
            std::string list = argv[++i];
            for (std::size_t p = 0; p != std::string::npos;) {
                const std::size_t q = list.find(',', p);
                cases.push_back(list.substr(p, q == std::string::npos ? q : q - p));
                p = q == std::string::npos ? q : q + 1;
            }
        } else if (a == "--no-reference") {
            reference = false;
        } else {
            std::cerr << "usage: bench_trees [--data DIR] [--threads N] [--cases rf,gbdt,grid] [--no-reference]\n";
            return 2;
        }
    }
    if (!std::filesystem::exists(dir + "/synth_100k_train.csv")) {
        std::cerr << "no benchmark data in " << dir << "; make it with\n  /usr/bin/python3 /work/shared/bench/make_data.py --out "
                  << dir << "\n";
        return 1;
    }
    auto has = [&](const char* c) { return std::find(cases.begin(), cases.end(), c) != cases.end(); };

    Result rf, gbdt;
    double gridForest = 0, gridBooster = 0, gridForest1 = 0, gridBooster1 = 0;
    if (has("rf")) {
        const Split d = loadSplit(dir, "synth_100k");
        RandomForestClassifier model;
        model.setParam("n_estimators", 100LL);
        rf = fitAndScore(model, d, threads);
        std::printf("ours rf done: fit %.2f s\n", rf.fit);
    }
    if (has("gbdt")) {
        const Split d = loadSplit(dir, "synth_1m");
        GradientBoostingClassifier model;
        setBoosting(model);
        gbdt = fitAndScore(model, d, threads);
        std::printf("ours gbdt done: fit %.2f s\n", gbdt.fit);
    }
    if (has("grid")) {
        const Split d = loadSplit(dir, "moons");
        const Matrix G = gridOver(d.X);
        // The models predict on the thread count they were trained with.
        auto timeGrid = [&](int predictThreads, double& forestSeconds, double& boosterSeconds) {
            TrainContext ctx;
            ctx.threads = predictThreads;
            RandomForestClassifier forest;
            forest.fit(d.X, d.y, ctx);
            GradientBoostingClassifier booster;
            setBoosting(booster);
            booster.fit(d.X, d.y, ctx);
            forestSeconds = medianPredictSeconds(forest, G, 20);
            boosterSeconds = medianPredictSeconds(booster, G, 20);
        };
        timeGrid(threads, gridForest, gridBooster);
        timeGrid(1, gridForest1, gridBooster1);
    }
    std::fflush(stdout);

    nlohmann::json theirs;
    if (reference) {
        theirs = runReference(dir, threads, cases);
        if (theirs.is_discarded() || theirs.is_null())
            std::cerr << "reference failed (needs /usr/bin/python3 with python3-sklearn and python3-xgboost)\n";
    }

    std::printf("\nTree ensembles, %d threads (ratio = ours / reference)\n", threads);
    std::printf("%-34s %10s %10s %7s   %s\n", "case", "ours s", "ref s", "ratio", "test metrics ours | reference");
    auto row = [&](const char* name, double ours, double refSeconds, const std::string& metrics) {
        std::printf("%-34s %10.4f %10.4f %7.3f   %s\n", name, ours, refSeconds, refSeconds > 0 ? ours / refSeconds : 0.0,
                    metrics.c_str());
    };
    char text[200];
    if (has("rf")) {
        std::snprintf(text, sizeof text, "acc %.4f AUC %.4f | acc %.4f AUC %.4f", rf.accuracy, rf.auc,
                      ref(theirs, "rf", "accuracy"), ref(theirs, "rf", "auc"));
        row("RF 100 trees fit (synth_100k)", rf.fit, ref(theirs, "rf", "fit"), text);
        row("RF predict_proba 20,000 rows", rf.predict, ref(theirs, "rf", "predict"), "");
    }
    if (has("gbdt")) {
        std::snprintf(text, sizeof text, "acc %.4f AUC %.4f | acc %.4f AUC %.4f", gbdt.accuracy, gbdt.auc,
                      ref(theirs, "xgb", "accuracy"), ref(theirs, "xgb", "auc"));
        row("GBDT 200 rounds fit (synth_1m)", gbdt.fit, ref(theirs, "xgb", "fit"), text);
        row("GBDT predict_proba 200,000 rows", gbdt.predict, ref(theirs, "xgb", "predict"), "");
    }
    if (has("grid")) {
        row("grid 200x200, 100-tree forest", gridForest, ref(theirs, "grid_rf", "predict"), "goal < 0.020 s");
        row("grid 200x200, 200-round booster", gridBooster, ref(theirs, "grid_xgb", "predict"), "goal < 0.020 s");
        row("  same, our predict on 1 thread: forest", gridForest1, ref(theirs, "grid_rf", "predict"), "");
        row("  same, our predict on 1 thread: booster", gridBooster1, ref(theirs, "grid_xgb", "predict"), "");
    }
    return 0;
}
