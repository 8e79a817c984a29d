#include "app/common/resource_locator.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace dslab {

namespace {

fs::path executableDir(const char* argv0)
{
    std::error_code ec;
#ifdef __linux__
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        return self.parent_path();
#endif
    if (argv0 && *argv0) {
        const fs::path p = fs::absolute(fs::path(argv0), ec);
        if (!ec)
            return p.parent_path();
    }
    return fs::current_path(ec);
}

bool tryLayout(const fs::path& datasets, const fs::path& lessons, ResourcePaths& out)
{
    std::error_code ec;
    if (fs::is_regular_file(datasets / "iris.csv", ec) && fs::is_directory(lessons, ec)) {
        out.datasetsDir = datasets.string();
        out.lessonsDir = lessons.string();
        out.found = true;
        return true;
    }
    return false;
}

// A source checkout keeps datasets in resources/datasets; an installed tree in datasets/.
bool tryRoot(const fs::path& root, ResourcePaths& out)
{
    return tryLayout(root / "resources" / "datasets", root / "lessons", out)
        || tryLayout(root / "datasets", root / "lessons", out);
}

}  // namespace

ResourcePaths locateResources(const char* argv0)
{
    ResourcePaths paths;
    if (const char* env = std::getenv("DSLAB_RESOURCE_DIR"); env && *env && tryRoot(fs::path(env), paths))
        return paths;
    const fs::path exe = executableDir(argv0);
    const std::vector<fs::path> roots = {
        exe / ".." / "share" / "dslab",  // Linux install (bin/ + share/dslab/)
        exe / ".." / "Resources",        // macOS bundle (Contents/MacOS + Contents/Resources)
        exe,                             // Windows folder
        fs::path(DSLAB_SOURCE_RESOURCE_DIR),  // build tree: the source checkout
    };
    for (const auto& root : roots)
        if (tryRoot(root.lexically_normal(), paths))
            return paths;
    return paths;
}

}  // namespace dslab
