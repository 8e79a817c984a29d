// dslab-cli: the engine without a GUI, for scripting, tests and benchmarks.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "engine/core/errors.h"

#include <cstring>
#include <iostream>

namespace {

const char* kUsage =
    "usage: dslab-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  datasets                          list the built-in datasets\n"
    "  fit (--data NAME | --train CSV --test CSV) --pipeline P.json --report R.json\n"
    "      [--target COL] [--seed S] [--threads N] [--test-size F] [--save-model M.json]\n"
    "                                    train a pipeline and write a report of test metrics\n"
    "  predict --model M.json --data CSV --out PRED.csv\n"
    "                                    predict with a saved model\n"
    "  explain --model M.json --data CSV --method tree|kernel|permutation|lime --out E.json\n"
    "      [--rows N] [--background N] [--nsamples N] [--repeats N] [--features K] [--seed S] [--threads N]\n"
    "                                    explain a saved model: SHAP values (TreeSHAP, with --background\n"
    "                                    interventional; KernelSHAP), permutation importance or LIME\n"
    "  export-trees --model M.json --out T.json\n"
    "                                    write a tree model's trees as flat arrays\n"
    "  export-python --pipeline P.json --out script.py\n"
    "                                    write the pipeline as a scikit-learn script:\n"
    "                                    python3 script.py --train TRAIN.csv --test TEST.csv --target COL\n"
    "  drift --reference TRAIN.csv --data NEW.csv [--target COL] [--bins N] [--out D.json]\n"
    "                                    data drift per numeric feature: PSI and Kolmogorov-Smirnov\n"
    "  search --data (CSV|NAME) --pipeline P.json --space S.json [--target COL]\n"
    "      [--method grid|random|bayesian] [--n-iter N] [--cv K] [--scoring NAME] [--seed S] [--threads N]\n"
    "                                    hyperparameter search by cross-validated score: each trial, then the best\n"
    "  --version                         print the version\n";

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    if (command == "--version") {
        std::cout << "dslab-cli " << DSLAB_VERSION << "\n";
        return 0;
    }
    const dslab::ResourcePaths resources = dslab::locateResources(argv[0]);
    try {
        if (command == "datasets")
            return dslab::cli::runDatasets(argc, argv, resources);
        if (command == "fit")
            return dslab::cli::runFit(argc, argv, resources);
        if (command == "predict")
            return dslab::cli::runPredict(argc, argv, resources);
        if (command == "explain")
            return dslab::cli::runExplain(argc, argv, resources);
        if (command == "drift")
            return dslab::cli::runDrift(argc, argv, resources);
        if (command == "export-trees")
            return dslab::cli::runExportTrees(argc, argv, resources);
        if (command == "export-python")
            return dslab::cli::runExportPython(argc, argv, resources);
        if (command == "search")
            return dslab::cli::runSearch(argc, argv, resources);
        std::cerr << "dslab-cli: unknown command '" << command << "'\n\n" << kUsage;
        return 2;
    } catch (const dslab::cli::UsageError& e) {
        std::cerr << "dslab-cli " << command << ": " << e.what() << "\n\n" << kUsage;
        return 2;
    } catch (const dslab::Error& e) {
        std::cerr << "dslab-cli " << command << ": error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "dslab-cli " << command << ": unexpected error: " << e.what() << "\n";
        return 1;
    }
}
