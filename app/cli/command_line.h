// A small "--name value" argument parser for dslab-cli, with messages that
// say which option is missing or unknown.
#pragma once

#include <map>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

namespace dslab::cli {

class CommandLine {
public:
    // Parses argv[first..]; throws UsageError for an option without a value
    // or one not in `allowed`.
    CommandLine(int argc, char** argv, int first, const std::set<std::string>& allowed);
    bool has(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    // Throws UsageError naming the missing option.
    std::string required(const std::string& name) const;
    long long integer(const std::string& name, long long fallback) const;
    double number(const std::string& name, double fallback) const;

private:
    std::map<std::string, std::string> m_values;
};

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace dslab::cli
