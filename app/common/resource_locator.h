// Finds the shipped lessons and datasets for both executables: beside a
// source checkout, in an installed share/dslab, a macOS bundle or a Windows
// folder. DSLAB_RESOURCE_DIR overrides the search (tests use it).
#pragma once

#include <string>

namespace dslab {

struct ResourcePaths {
    std::string datasetsDir;
    std::string lessonsDir;
    bool found = false;
};

// argv0 is the program path (argv[0]) used to locate an installed tree.
ResourcePaths locateResources(const char* argv0);

}  // namespace dslab
