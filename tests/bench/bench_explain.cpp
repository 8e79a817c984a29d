// Benchmark, not a test: the explanation engine, timed in our engine and, in
// the same run, XGBoost 1.7.4's TreeSHAP through
// /usr/bin/python3 tests/bench/explain_reference.py on the same CSVs.
// Prints ours, theirs and the ratio ours / theirs (below 1 means faster):
//   treeshap  path-dependent TreeSHAP of 1,000 rows x 20 features, a 200-round
//             depth-6 booster (eta 0.1, hist, max_bin 256) trained on 4,000 rows
//             vs XGBoost's predict(pred_contribs=True)          goal: ratio <= 1
//   kernel    KernelSHAP of one row of a 30-feature booster, 2,048 sampled
//             coalitions, 10 k-means background rows               goal: < 0.5 s
// Usage: bench_explain [--threads N] [--no-reference]
#include "engine/core/parallel.h"
#include "engine/core/train_context.h"
#include "engine/data/seeded_random.h"
#include "engine/explain/kernel_shap.h"
#include "engine/explain/tree_shap.h"
#include "engine/models/trees/gradient_boosting.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <unistd.h>

using namespace dslab;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Normal features, a target with interactions and noise (binary).
void makeData(Eigen::Index n, Eigen::Index m, std::uint64_t seed, Matrix& X, Vector& y)
{
    SeededRandom rng(seed);
    X.resize(n, m);
    y.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < m; ++j)
            X(i, j) = rng.normal();
        double s = 0;
        for (Eigen::Index j = 0; j < m; ++j)
            s += (j % 3 == 0 ? 1.0 : -0.5) * X(i, j) * (j % 4 == 1 ? X(i, (j + 1) % m) : 1.0);
        y(i) = s + rng.normal() > 0 ? 1 : 0;
    }
}

void writeCsv(const std::string& path, const Matrix& X, const Vector& y)
{
    std::ofstream out(path);
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        out << "f" << j << ",";
    out << "target\n";
    out.precision(17);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
        for (Eigen::Index j = 0; j < X.cols(); ++j)
            out << X(i, j) << ",";
        out << y(i) << "\n";
    }
}

void configureBooster(GradientBoostingClassifier& model, long long rounds, long long depth)
{
    model.setParam("n_estimators", rounds);
    model.setParam("learning_rate", 0.1);
    model.setParam("max_depth", depth);
    model.setParam("max_bin", 256LL);
    model.setParam("reg_lambda", 1.0);
    model.setParam("gamma", 0.0);
}

nlohmann::json runReference(const std::string& train, const std::string& explain, int threads)
{
    const std::string command = "/usr/bin/python3 " DSLAB_SOURCE_DIR "/tests/bench/explain_reference.py " + train + " "
                                + explain + " " + std::to_string(threads);
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

}  // namespace

int main(int argc, char** argv)
{
    int threads = hardwareThreads();
    bool reference = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--no-reference"))
            reference = false;
    }
    std::cout << "threads: " << threads << "\n";

    // TreeSHAP: 200 rounds, depth 6, 20 features.
    Matrix X, Xe;
    Vector y, ye;
    makeData(4000, 20, 1, X, y);
    makeData(1000, 20, 2, Xe, ye);
    GradientBoostingClassifier booster;
    configureBooster(booster, 200, 6);
    TrainContext ctx;
    ctx.threads = threads;
    auto start = Clock::now();
    booster.fit(X, y, ctx);
    std::cout << "booster fit: " << secondsSince(start) << " s, " << booster.trees().size() << " trees\n";
    std::size_t leaves = 0;
    for (const auto& t : booster.trees())
        leaves += static_cast<std::size_t>(t.leafCount());

    double ours = 1e300;
    ShapValues shap;
    for (int r = 0; r < 3; ++r) {
        start = Clock::now();
        shap = treeShap(booster, Xe, threads);
        ours = std::min(ours, secondsSince(start));
    }
    const Matrix raw = treeModelRawOutput(booster, Xe);
    double additivity = 0;
    for (Eigen::Index i = 0; i < Xe.rows(); ++i)
        additivity = std::max(additivity, std::abs(shap.expectedValue[0] + shap.values[0].row(i).sum() - raw(i, 0)));

    double theirs = 0;
    std::size_t theirLeaves = 0;
    if (reference) {
        namespace fs = std::filesystem;
        const fs::path dir = fs::temp_directory_path() / ("dslab_bench_explain_" + std::to_string(::getpid()));
        fs::create_directories(dir);
        writeCsv((dir / "train.csv").string(), X, y);
        writeCsv((dir / "explain.csv").string(), Xe, ye);
        const nlohmann::json r = runReference((dir / "train.csv").string(), (dir / "explain.csv").string(), threads);
        fs::remove_all(dir);
        if (r.is_object()) {
            theirs = r.value("pred_contribs_seconds", 0.0);
            theirLeaves = r.value("leaves", std::size_t{0});
        } else {
            std::cerr << "reference failed (needs /usr/bin/python3 with python3-xgboost and pandas)\n";
        }
    }
    std::printf("treeshap  1000 rows x 20 features, 200 trees depth 6: ours %.4f s (%zu leaves, additivity %.2g)",
                ours, leaves, additivity);
    if (theirs > 0)
        std::printf(", XGBoost pred_contribs %.4f s (%zu leaves), ratio %.2f (goal <= 1)", theirs, theirLeaves, ours / theirs);
    std::printf("\n");

    // KernelSHAP: one row of a 30-feature model, 2,048 coalitions.
    Matrix X30, Xe30;
    Vector y30, ye30;
    makeData(2000, 30, 3, X30, y30);
    makeData(1, 30, 4, Xe30, ye30);
    GradientBoostingClassifier model30;
    configureBooster(model30, 100, 4);
    model30.fit(X30, y30, ctx);
    const ShapBackground background = summarizeBackground(X30, 10, 0);
    KernelShapOptions options;
    options.nSamples = 2048;
    double kernel = 1e300;
    ShapValues k;
    for (int r = 0; r < 3; ++r) {
        start = Clock::now();
        k = kernelShap(model30, Xe30, background, options);
        kernel = std::min(kernel, secondsSince(start));
    }
    const Matrix p = model30.predictProba(Xe30);
    const double kAdd = std::abs(k.expectedValue[1] + k.values[1].row(0).sum() - p(0, 1));
    std::printf("kernel    1 row x 30 features, 2048 coalitions, 10 background rows, 100-tree booster: %.4f s "
                "(goal < 0.5 s, additivity %.2g)\n", kernel, kAdd);
    return 0;
}
