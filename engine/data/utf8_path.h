// Paths as UTF-8 strings everywhere in the engine. On Windows a std::string
// path would be read in the ANSI code page, so names with accents or CJK
// characters would not open; these helpers convert through char8_t.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>

namespace dslab {

inline std::filesystem::path utf8Path(const std::string& path)
{
    return std::filesystem::path(std::u8string(path.begin(), path.end()));
}

inline std::string utf8String(const std::filesystem::path& path)
{
    const std::u8string text = path.u8string();
    return std::string(text.begin(), text.end());
}

// std::fopen with a UTF-8 path; nullptr on failure (errno set).
inline std::FILE* openUtf8(const std::string& path, const wchar_t* wideMode, const char* mode)
{
#ifdef _WIN32
    (void)mode;
    std::FILE* file = nullptr;
    return _wfopen_s(&file, utf8Path(path).c_str(), wideMode) == 0 ? file : nullptr;
#else
    (void)wideMode;
    return std::fopen(path.c_str(), mode);
#endif
}

}  // namespace dslab
