#include "app/cli/command_line.h"

#include <charconv>

namespace dslab::cli {

CommandLine::CommandLine(int argc, char** argv, int first, const std::set<std::string>& allowed)
{
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0)
            throw UsageError("unexpected argument '" + arg + "' (options start with --)");
        std::string name = arg.substr(2);
        std::string value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        } else {
            if (i + 1 >= argc)
                throw UsageError("option --" + name + " needs a value");
            value = argv[++i];
        }
        if (!allowed.count(name))
            throw UsageError("unknown option --" + name);
        m_values[name] = value;
    }
}

bool CommandLine::has(const std::string& name) const
{
    return m_values.count(name) > 0;
}

std::string CommandLine::value(const std::string& name, const std::string& fallback) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? fallback : it->second;
}

std::string CommandLine::required(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        throw UsageError("missing required option --" + name);
    return it->second;
}

long long CommandLine::integer(const std::string& name, long long fallback) const
{
    if (!has(name))
        return fallback;
    const std::string v = value(name);
    long long out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || ptr != v.data() + v.size())
        throw UsageError("option --" + name + " needs an integer, got '" + v + "'");
    return out;
}

double CommandLine::number(const std::string& name, double fallback) const
{
    if (!has(name))
        return fallback;
    const std::string v = value(name);
    try {
        std::size_t used = 0;
        const double out = std::stod(v, &used);
        if (used == v.size())
            return out;
    } catch (const std::exception&) {
    }
    throw UsageError("option --" + name + " needs a number, got '" + v + "'");
}

}  // namespace dslab::cli
