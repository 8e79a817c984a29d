#include "engine/data/table_import.h"

#include "engine/core/errors.h"
#include "engine/data/csv_reader.h"
#include "engine/data/utf8_path.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <system_error>

namespace dslab {

namespace {

// Enough of the file to see its header and to tell text from binary.
constexpr std::size_t kHeadBytes = 64 * 1024;

std::string_view firstLine(std::string_view text)
{
    if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0)
        text.remove_prefix(3);
    // A quoted header name may hold a line break; quotes are tracked.
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            return text.substr(0, i);
    }
    return text;
}

// Control bytes never found in a text table (tab, CR, LF and form feed are fine).
bool isBinaryByte(unsigned char c)
{
    return c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B);
}

std::string describeBinary(std::string_view head)
{
    auto startsWith = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
    if (startsWith("PK\x03\x04"))
        return "a ZIP archive (an Excel .xlsx or .ods workbook is one): save the sheet as CSV (UTF-8) first";
    if (startsWith(std::string_view("\xD0\xCF\x11\xE0", 4)))
        return "an old Office file (.xls): save the sheet as CSV (UTF-8) first";
    if (startsWith("\x89PNG") || startsWith("\xFF\xD8\xFF") || startsWith("GIF8"))
        return "an image, not a table";
    if (startsWith("%PDF"))
        return "a PDF document, not a table";
    if (startsWith("\x1F\x8B"))
        return "a gzip archive: unpack it first";
    return "a binary file, not CSV text";
}

// Refuses binary input, naming where the first binary byte sits.
void checkText(std::string_view head, char delimiter)
{
    std::size_t line = 1, column = 1;
    bool quoted = false;
    for (std::size_t i = 0; i < head.size(); ++i) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (isBinaryByte(c)) {
            char byte[8];
            std::snprintf(byte, sizeof(byte), "0x%02X", static_cast<unsigned>(c));
            throw DataError("line " + std::to_string(line) + ", column " + std::to_string(column) + ": byte " + byte
                            + " at offset " + std::to_string(i) + " is not text; this looks like " + describeBinary(head));
        }
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == static_cast<unsigned char>(delimiter)) {
            ++column;
        } else if (c == '\n' || (c == '\r' && (i + 1 == head.size() || head[i + 1] != '\n'))) {
            ++line;
            if (!quoted)
                column = 1;
        }
    }
}

// A one-column "table" whose header is a sentence is prose or a wrongly saved file.
void checkNotProse(const Dataset& data)
{
    if (data.columnCount() != 1)
        return;
    const std::string& header = data.column(0).name;
    std::size_t words = 0;
    bool inWord = false;
    for (char c : header) {
        const bool space = c == ' ' || c == '\t';
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    const char last = header.empty() ? ' ' : header.back();
    const bool sentence = words >= 5 || header.size() > 40 || last == '.' || last == '!' || last == '?';
    if (!sentence)
        return;
    const std::string shown = header.size() > 40 ? header.substr(0, 37) + "..." : header;
    throw DataError("line 1, column 1: the file has a single column and its header ('" + shown
                    + "') reads like a sentence, not a column name: this looks like prose, not a table; a CSV "
                      "table starts with a row of column names separated by commas, e.g. age,fare,survived");
}

Dataset readChecked(std::string_view head, const std::function<Dataset(const CsvOptions&)>& read)
{
    CsvOptions options;
    options.delimiter = sniffDelimiter(firstLine(head));
    checkText(head, options.delimiter);
    Dataset data = read(options);
    checkNotProse(data);
    return data;
}

}  // namespace

char sniffDelimiter(std::string_view headerLine)
{
    constexpr std::array<char, 4> candidates{',', ';', '\t', '|'};
    std::array<std::size_t, 4> counts{};
    bool quoted = false;
    for (char c : headerLine) {
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (quoted)
            continue;
        for (std::size_t k = 0; k < candidates.size(); ++k)
            if (c == candidates[k])
                ++counts[k];
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < candidates.size(); ++k)
        if (counts[k] > counts[best])
            best = k;
    return candidates[best];
}

Dataset readTableCsvFile(const std::string& path)
{
    std::string head(kHeadBytes, '\0');
    {
        std::FILE* file = openUtf8(path, L"rb", "rb");
        if (!file)
            throw IoError("cannot open '" + path + "': " + std::generic_category().message(errno));
        std::unique_ptr<std::FILE, int (*)(std::FILE*)> guard(file, &std::fclose);
        head.resize(std::fread(head.data(), 1, head.size(), file));
    }
    return readChecked(head, [&](const CsvOptions& options) { return readCsvFile(path, options); });
}

Dataset readTableCsvString(std::string_view text)
{
    return readChecked(text.substr(0, kHeadBytes), [&](const CsvOptions& options) { return readCsvString(text, options); });
}

}  // namespace dslab
