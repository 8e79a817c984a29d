// dslab-cli datasets: one tab-separated line per built-in dataset.
#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "engine/data/builtin_datasets.h"

#include <iostream>

namespace dslab::cli {

int runDatasets(int argc, char** argv, const ResourcePaths& resources)
{
    const CommandLine args(argc, argv, 2, {});
    std::cout << "name\ttask\ttarget\tlicence\ttitle\n";
    for (const auto& d : builtinDatasets())
        std::cout << d.name << "\t" << d.task << "\t" << d.target << "\t" << d.licence << "\t" << d.title << "\n";
    if (!resources.found)
        std::cerr << "note: the dataset files were not found; set DSLAB_RESOURCE_DIR to the project folder\n";
    return 0;
}

}  // namespace dslab::cli
