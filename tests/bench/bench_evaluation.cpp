// Benchmark, not a test: model evaluation in our engine against scikit-learn
// 1.2.1 timed in the same run (tests/bench/sklearn_evaluation.py):
//  - 5-fold (StratifiedKFold) cross_validate of StandardScaler +
//    LogisticRegression on digits;
//  - GridSearchCV over 20 values of C of the same pipeline on breast_cancer,
//    StratifiedKFold(5), refit on all rows.
// Ours runs with 1 thread (scikit-learn's default n_jobs=None is one process)
// and with 2. Prints medians, the ratio ours / theirs (below 1 = faster) and
// the scores, which must agree.
#include "engine/core/catalog.h"
#include "engine/data/builtin_datasets.h"
#include "engine/model_selection/cross_validation.h"
#include "engine/model_selection/grid_search_cv.h"
#include "engine/model_selection/stratified_k_fold.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
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
    double score = 0;
};

Timing timed(const std::function<double()>& run, double budgetSeconds = 3.0)
{
    std::vector<double> times;
    Timing t;
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(budgetSeconds);
    while (times.size() < 3 || (std::chrono::steady_clock::now() < end && times.size() < 21)) {
        const auto start = std::chrono::steady_clock::now();
        t.score = run();
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(times.begin(), times.begin() + static_cast<long>(times.size() / 2), times.end());
    t.seconds = times[times.size() / 2];
    t.runs = static_cast<int>(times.size());
    return t;
}

Pipeline scaledLogistic()
{
    Pipeline p;
    p.addStep(Catalog::builtin().create("StandardScaler"));
    p.addStep(Catalog::builtin().create("LogisticRegression"));
    return p;
}

nlohmann::json runReference()
{
    const std::string command = "/usr/bin/python3 " DSLAB_SOURCE_DIR "/tests/bench/sklearn_evaluation.py " DSLAB_SOURCE_DIR;
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
    const std::string dataDir = DSLAB_SOURCE_DIR "/resources/datasets";
    const Dataset digits = loadBuiltinDataset("digits", dataDir);
    const Matrix digitsX = digits.featureMatrix();
    const Vector digitsY = digits.targetCodes();
    const Dataset cancer = loadBuiltinDataset("breast_cancer", dataDir);
    const Matrix cancerX = cancer.featureMatrix();
    const Vector cancerY = cancer.targetCodes();

    std::vector<ParamValue> cs;
    for (int i = 0; i < 20; ++i)
        cs.emplace_back(std::pow(10.0, -3.0 + 5.0 * i / 19.0));  // numpy's logspace(-3, 2, 20)

    auto crossValidation = [&](int threads) {
        return timed([&] {
            TrainContext ctx;
            ctx.threads = threads;
            const auto r = crossValidate(scaledLogistic(), digitsX, digitsY, StratifiedKFold(5), ctx, {"accuracy", false});
            return r.meanTestScore();
        });
    };
    auto gridSearch = [&](int threads) {
        return timed([&] {
            TrainContext ctx;
            ctx.threads = threads;
            GridSearchCV search({{"LogisticRegression__C", cs}});
            search.setScoring("accuracy");
            return search.fit(scaledLogistic(), cancerX, cancerY, StratifiedKFold(5), ctx).bestScore;
        });
    };
    const Timing cv1 = crossValidation(1), cv2 = crossValidation(2);
    const Timing gs1 = gridSearch(1), gs2 = gridSearch(2);

    const nlohmann::json reference = runReference();
    if (reference.is_discarded() || reference.is_null())
        std::cerr << "scikit-learn reference failed (needs /usr/bin/python3 with python3-sklearn)\n";
    auto theirs = [&](const char* key, const char* field) {
        return reference.is_object() && reference.contains(key) ? reference[key][field].get<double>() : 0.0;
    };

    std::printf("Median seconds (runs); ratio = ours / scikit-learn (n_jobs=None)\n");
    std::printf("%-44s %10s %10s %7s %9s %9s\n", "task", "ours", "sklearn", "ratio", "score", "sk score");
    auto row = [&](const char* label, const Timing& t, const char* key) {
        const double s = theirs(key, "seconds");
        std::printf("%-44s %10.4f %10.4f %7.3f %9.5f %9.5f\n", label, t.seconds, s, s > 0 ? t.seconds / s : 0.0, t.score,
                    theirs(key, "score"));
    };
    row("cross_validate digits, 5 folds, 1 thread", cv1, "cross_validate");
    row("cross_validate digits, 5 folds, 2 threads", cv2, "cross_validate");
    row("GridSearchCV breast_cancer, 20 C x 5, 1 thread", gs1, "grid_search");
    row("GridSearchCV breast_cancer, 20 C x 5, 2 threads", gs2, "grid_search");
    return 0;
}
