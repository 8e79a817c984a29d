// The CSV datasets shipped with the app, with where they come from and their
// licence. The files live in a folder found at run time (see
// findDataDirectory) so the same list serves the GUI, the CLI and tests.
#pragma once

#include "engine/data/dataset.h"

#include <string>
#include <vector>

namespace dslab {

struct BuiltinDatasetInfo {
    std::string name;         // "iris" (file iris.csv)
    std::string title;        // "Iris flowers"
    std::string task;         // "multiclass", "binary", "regression", "time series", "text"
    std::string target;       // target column
    std::string description;  // one or two sentences
    std::string source;       // where it comes from
    std::string licence;      // e.g. "CC BY 4.0"
};

const std::vector<BuiltinDatasetInfo>& builtinDatasets();
const BuiltinDatasetInfo* findBuiltinDataset(const std::string& name);

// The folder that holds the built-in CSV files: $DSLAB_DATA_DIR, then
// $DSLAB_RESOURCE_DIR/resources/datasets, then next to the executable
// (`executableDir`/datasets, ../share/dslab/datasets, ../resources/datasets),
// then each of `extraCandidates`. A folder counts when it holds iris.csv.
// Returns "" when none does.
std::string findDataDirectory(const std::string& executableDir = {},
                              const std::vector<std::string>& extraCandidates = {});

// Loads a built-in dataset (target set) from the folder `dataDir`.
// Throws DataError if the name is unknown, IoError if the file is missing.
Dataset loadBuiltinDataset(const std::string& name, const std::string& dataDir);

}  // namespace dslab
