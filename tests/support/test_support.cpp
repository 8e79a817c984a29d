#include "tests/support/test_support.h"

#include "engine/data/builtin_datasets.h"

#include <cstdlib>

namespace dslab::test {

std::string resourceDir()
{
    if (const char* env = std::getenv("DSLAB_RESOURCE_DIR"); env && *env)
        return env;
    return DSLAB_SOURCE_DIR;
}

std::string datasetsDir()
{
    return resourceDir() + "/resources/datasets";
}

std::string lessonsDir()
{
    return resourceDir() + "/lessons";
}

Dataset builtin(const std::string& name)
{
    return loadBuiltinDataset(name, datasetsDir());
}

}  // namespace dslab::test
