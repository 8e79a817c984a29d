// dslab-cli drift: how far new data has moved from the data a model was
// trained on, per numeric feature: PSI over the training deciles and the
// two-sample Kolmogorov-Smirnov statistic with its p-value. Prints a table
// sorted by PSI and optionally writes the report as JSON; exits 0 whatever
// the drift (monitoring scripts read the numbers, not the exit code).
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "engine/data/csv_reader.h"
#include "engine/drift/drift_report.h"
#include "engine/pipeline/pipeline_json.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

namespace dslab::cli {

namespace {

const char* verdict(double psi)
{
    return psi < 0.1 ? "stable" : (psi < 0.25 ? "moderate" : "major");
}

}  // namespace

int runDrift(int argc, char** argv, const ResourcePaths&)
{
    const CommandLine args(argc, argv, 2, {"reference", "data", "target", "bins", "out"});
    Dataset reference = readCsvFile(args.required("reference"));
    const Dataset fresh = readCsvFile(args.required("data"));
    const long long bins = args.integer("bins", 10);
    if (bins < 2 || bins > 100)
        throw UsageError("--bins must be between 2 and 100, not " + std::to_string(bins));
    if (args.has("target"))
        reference.setTarget(args.value("target"));
    DriftReport report = driftReport(reference, fresh, static_cast<int>(bins));
    std::stable_sort(report.features.begin(), report.features.end(),
                     [](const FeatureDrift& a, const FeatureDrift& b) { return a.psi > b.psi; });

    nlohmann::json out = {{"format", "dslab-drift-report"}, {"bins", bins}, {"features", nlohmann::json::array()}};
    std::printf("%-28s %9s %9s %11s  %s\n", "feature", "PSI", "KS D", "KS p", "verdict");
    for (const FeatureDrift& f : report.features) {
        std::printf("%-28s %9.4f %9.4f %11.3g  %s\n", f.feature.c_str(), f.psi, f.ksStatistic, f.ksPValue, verdict(f.psi));
        out["features"].push_back({{"feature", f.feature},
                                   {"psi", f.psi},
                                   {"ks_statistic", f.ksStatistic},
                                   {"ks_p_value", f.ksPValue},
                                   {"verdict", verdict(f.psi)},
                                   {"reference_count", f.trainCount},
                                   {"new_count", f.newCount}});
    }
    const auto major = std::count_if(report.features.begin(), report.features.end(),
                                     [](const FeatureDrift& f) { return f.psi >= 0.25; });
    std::cout << report.features.size() << " numeric feature(s), " << major << " with PSI >= 0.25\n";
    if (args.has("out")) {
        writeFileAtomically(args.value("out"), out.dump(1));
        std::cout << "wrote " << args.value("out") << "\n";
    }
    return 0;
}

}  // namespace dslab::cli
