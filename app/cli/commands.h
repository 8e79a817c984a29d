// The dslab-cli subcommands. Each returns the process exit code; errors are
// reported on stderr by main() from the exceptions they throw.
#pragma once

#include "app/common/resource_locator.h"

namespace dslab::cli {

int runDatasets(int argc, char** argv, const ResourcePaths& resources);
int runFit(int argc, char** argv, const ResourcePaths& resources);
int runPredict(int argc, char** argv, const ResourcePaths& resources);
int runExplain(int argc, char** argv, const ResourcePaths& resources);
int runExportTrees(int argc, char** argv, const ResourcePaths& resources);
int runDrift(int argc, char** argv, const ResourcePaths& resources);
int runExportPython(int argc, char** argv, const ResourcePaths& resources);
int runSearch(int argc, char** argv, const ResourcePaths& resources);

}  // namespace dslab::cli
