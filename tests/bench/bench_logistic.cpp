// Benchmark, not a test: StandardScaler + LogisticRegression(C=1, lbfgs) fit
// on the train rows of breast_cancer and digits (the shared benchmark
// splits), timed in our engine and, in the same run, in scikit-learn through
// /usr/bin/python3 tests/bench/sklearn_logistic.py. Prints ours, theirs and
// the ratio ours / theirs (medians of repeated fits; below 1 means faster).
#include "engine/core/train_context.h"
#include "engine/metrics/classification_metrics.h"
#include "engine/models/linear/logistic_regression.h"
#include "engine/preprocessing/standard_scaler.h"
#include "tests/engine/models/linear/linear_test_data.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#ifdef _WIN32
#define popen _popen
#define pclose _pclose
#endif

using namespace dslab;

namespace {

struct Timing {
    double seconds = 0;
    int runs = 0;
    int iterations = 0;
    double testAccuracy = 0;
};

Timing timeOurs(const test::SplitData& data)
{
    std::vector<double> times;
    Timing t;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (times.size() < 5 || (std::chrono::steady_clock::now() < end && times.size() < 51)) {
        const auto start = std::chrono::steady_clock::now();
        TrainContext ctx;
        StandardScaler scaler;
        const Matrix X = scaler.fitTransform(data.trainX, nullptr, ctx);
        LogisticRegression model;
        model.fit(X, data.trainY, ctx);
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        t.iterations = model.nIter();
        t.testAccuracy = accuracy(data.testY, model.predict(scaler.transform(data.testX)));
    }
    std::nth_element(times.begin(), times.begin() + static_cast<long>(times.size() / 2), times.end());
    t.seconds = times[times.size() / 2];
    t.runs = static_cast<int>(times.size());
    return t;
}

nlohmann::json runReference(const std::vector<std::string>& names)
{
    std::string command = "/usr/bin/python3 " DSLAB_SOURCE_DIR "/tests/bench/sklearn_logistic.py " DSLAB_SOURCE_DIR;
    for (const auto& n : names)
        command += " " + n;
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

int main()
{
    const std::vector<std::string> names = {"breast_cancer", "digits"};
    std::vector<Timing> ours;
    for (const auto& name : names)
        ours.push_back(timeOurs(test::loadSplit(name, DSLAB_SOURCE_DIR, false)));
    const nlohmann::json reference = runReference(names);
    if (reference.is_discarded() || reference.is_null())
        std::cerr << "scikit-learn reference failed (needs /usr/bin/python3 with python3-sklearn)\n";

    std::printf("StandardScaler + LogisticRegression(C=1, lbfgs) fit, median seconds\n");
    std::printf("%-14s %10s %10s %7s %9s %9s %9s %9s\n", "dataset", "ours", "sklearn", "ratio", "iter", "sk iter",
                "test acc", "sk acc");
    for (std::size_t i = 0; i < names.size(); ++i) {
        const Timing& t = ours[i];
        double theirs = 0, theirAccuracy = 0;
        int theirIterations = 0;
        if (reference.is_object() && reference.contains(names[i])) {
            theirs = reference[names[i]]["seconds"].get<double>();
            theirIterations = reference[names[i]]["n_iter"].get<int>();
            theirAccuracy = reference[names[i]]["test_accuracy"].get<double>();
        }
        std::printf("%-14s %10.5f %10.5f %7.3f %9d %9d %9.4f %9.4f\n", names[i].c_str(), t.seconds, theirs,
                    theirs > 0 ? t.seconds / theirs : 0.0, t.iterations, theirIterations, t.testAccuracy,
                    theirAccuracy);
    }
    return 0;
}
