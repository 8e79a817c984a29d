#include "engine/data/csv_reader.h"

#include "engine/core/errors.h"
#include "engine/data/utf8_path.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

namespace dslab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A record longer than this is almost surely an unclosed quote swallowing the
// rest of the file; stop before buffering all of it.
constexpr std::size_t kMaxRecordBytes = std::size_t(64) << 20;

// strerror is deprecated under MSVC; the generic category gives the same text.
std::string errnoText()
{
    return std::generic_category().message(errno);
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && isBlank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isBlank(text.back()))
        text.remove_suffix(1);
    return text;
}

// Line breaks as an editor counts them: LF, CRLF and a lone CR.
std::size_t countLineBreaks(const char* begin, const char* end)
{
    std::size_t count = 0;
    for (const char* p = begin; p < end; ++p) {
        if (*p == '\n')
            ++count;
        else if (*p == '\r' && (p + 1 == end || p[1] != '\n'))
            ++count;
    }
    return count;
}

// The first byte that is not valid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF included), or nullptr.
const char* findInvalidUtf8(const char* begin, const char* end)
{
    const auto* p = reinterpret_cast<const unsigned char*>(begin);
    const auto* e = reinterpret_cast<const unsigned char*>(end);
    while (p < e) {
        // Most cells are ASCII: check eight bytes at a time.
        if (e - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0;
            if (c == 0xED)
                high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90;
            if (c == 0xF4)
                high = 0x8F;
        } else {
            return reinterpret_cast<const char*>(p);
        }
        for (int i = 1; i < length; ++i) {
            if (p + i >= e)
                return reinterpret_cast<const char*>(p);
            const unsigned char cont = p[i];
            const unsigned char lo = i == 1 ? low : 0x80;
            const unsigned char hi = i == 1 ? high : 0xBF;
            if (cont < lo || cont > hi)
                return reinterpret_cast<const char*>(p);
        }
        p += length;
    }
    return nullptr;
}

// A window over the input bytes: the whole text for a string, or the part of
// a file read so far that the parser still needs.
class InputWindow {
public:
    explicit InputWindow(std::string_view text)
        : m_begin(text.data()), m_end(text.data() + text.size()), m_eof(true), m_totalSize(text.size())
    {
    }

    InputWindow(const std::string& path, std::size_t chunkBytes) : m_chunk(std::max<std::size_t>(chunkBytes, 1))
    {
        m_file = openUtf8(path, L"rb", "rb");
        if (!m_file)
            throw IoError("cannot open '" + path + "': " + errnoText());
        // We buffer ourselves; stdio's buffer would only add a copy.
        std::setvbuf(m_file, nullptr, _IONBF, 0);
        std::error_code ec;
        m_totalSize = static_cast<std::uint64_t>(std::filesystem::file_size(utf8Path(path), ec));
        if (ec)
            m_totalSize = 0;
        m_path = path;
    }

    ~InputWindow()
    {
        if (m_file)
            std::fclose(m_file);
    }
    InputWindow(const InputWindow&) = delete;
    InputWindow& operator=(const InputWindow&) = delete;

    const char* begin() const { return m_begin; }
    const char* end() const { return m_end; }
    bool eof() const { return m_eof; }
    std::uint64_t totalSize() const { return m_totalSize; }
    std::uint64_t offsetOf(const char* p) const { return m_base + static_cast<std::uint64_t>(p - m_begin); }

    // Drops the bytes before `keep` and appends the next chunk of the file.
    void refill(const char* keep)
    {
        if (m_eof)
            return;
        const std::size_t kept = static_cast<std::size_t>(m_end - keep);
        m_base += static_cast<std::uint64_t>(keep - m_begin);
        if (kept + m_chunk > m_capacity) {
            const std::size_t capacity = std::max(m_capacity * 2, kept + m_chunk);
            auto grown = std::make_unique<char[]>(capacity);
            if (kept > 0)
                std::memcpy(grown.get(), keep, kept);
            m_buffer = std::move(grown);
            m_capacity = capacity;
        } else if (kept > 0) {
            std::memmove(m_buffer.get(), keep, kept);
        }
        const std::size_t got = std::fread(m_buffer.get() + kept, 1, m_chunk, m_file);
        if (got < m_chunk) {
            if (std::ferror(m_file))
                throw IoError("cannot read '" + m_path + "': " + errnoText());
            m_eof = true;
        }
        m_begin = m_buffer.get();
        m_end = m_begin + kept + got;
    }

private:
    std::FILE* m_file = nullptr;
    std::string m_path;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_capacity = 0;
    std::size_t m_chunk = 0;
    const char* m_begin = nullptr;
    const char* m_end = nullptr;
    bool m_eof = false;
    std::uint64_t m_base = 0;
    std::uint64_t m_totalSize = 0;
};

struct Field {
    const char* raw;        // the bytes as in the input, quotes included
    std::size_t rawLength;
    std::string_view text;  // the value, quotes removed
};

// Splits the input into records of fields (RFC 4180), refilling the window
// as needed. Blank lines are skipped, as pandas does.
class RecordReader {
public:
    RecordReader(InputWindow& input, char delimiter) : m_input(input), m_delimiter(delimiter)
    {
        for (bool& s : m_stops)
            s = false;
        m_stops[static_cast<unsigned char>(delimiter)] = true;
        m_stops[static_cast<unsigned char>('\n')] = true;
        m_stops[static_cast<unsigned char>('\r')] = true;
        while (m_input.end() - m_input.begin() < 3 && !m_input.eof())
            m_input.refill(m_input.begin());
        m_pos = m_input.begin();
        if (m_input.end() - m_pos >= 3 && std::memcmp(m_pos, "\xEF\xBB\xBF", 3) == 0)
            m_pos += 3;
    }

    void setColumnNames(const std::vector<std::string>* names) { m_names = names; }

    // Reads the next record; false at the end of the input.
    bool next()
    {
        for (;;) {
            if (m_pos == m_input.end()) {
                if (m_input.eof())
                    return false;
                refill();
                continue;
            }
            if (!parse()) {
                refill();
                continue;
            }
            m_recordLine = m_line;
            m_recordStart = m_pos;
            m_line = m_nextLine;
            m_pos = m_nextPos;
            const bool blank = m_fields.size() == 1 && m_fields[0].rawLength == 0;
            if (!blank)
                return true;
        }
    }

    const std::vector<Field>& fields() const { return m_fields; }
    std::size_t recordLine() const { return m_recordLine; }
    std::uint64_t offset() const { return m_input.offsetOf(m_pos); }

    // "column 3 ('age')", for messages.
    std::string columnLabel(std::size_t index) const
    {
        std::string label = "column " + std::to_string(index + 1);
        if (m_names && index < m_names->size())
            label += " ('" + (*m_names)[index] + "')";
        else if (m_names && !m_names->empty())
            label += " (after the last column '" + m_names->back() + "')";
        return label;
    }

    std::string where(std::size_t line, std::size_t column) const
    {
        return "line " + std::to_string(line) + ", " + columnLabel(column);
    }

    void checkUtf8(const Field& field, std::size_t column) const
    {
        const char* bad = findInvalidUtf8(field.raw, field.raw + field.rawLength);
        if (!bad)
            return;
        // Only a quoted line break can put the byte below the record's first line.
        const std::size_t line = m_recordLine + countLineBreaks(m_recordStart, bad);
        char byte[8];
        std::snprintf(byte, sizeof(byte), "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(*bad)));
        throw DataError(where(line, column) + ": invalid UTF-8 at byte offset " + std::to_string(m_input.offsetOf(bad))
                        + " (byte " + byte + "); save the file as UTF-8 (a Latin-1 or Windows-1252 file needs converting)");
    }

private:
    void refill()
    {
        if (static_cast<std::size_t>(m_input.end() - m_pos) > kMaxRecordBytes)
            throw DataError("line " + std::to_string(m_line)
                            + ": a record longer than 64 MiB starts here; look for a quote that is never closed");
        m_input.refill(m_pos);
        m_pos = m_input.begin();
    }

    // Blanks around a quoted field are allowed, unless they are the delimiter.
    bool isPad(char c) const { return (c == ' ' || c == '\t') && c != m_delimiter; }

    // The first delimiter, CR or LF in [p, end), or end. Eight bytes at a
    // time: unquoted fields are most of a file and this is its hottest loop.
    const char* findStop(const char* p, const char* end) const
    {
        if constexpr (std::endian::native == std::endian::little) {
            constexpr std::uint64_t ones = 0x0101010101010101ULL;
            constexpr std::uint64_t highs = 0x8080808080808080ULL;
            const std::uint64_t delimiters = ones * static_cast<unsigned char>(m_delimiter);
            constexpr std::uint64_t newlines = ones * '\n';
            constexpr std::uint64_t returns = ones * '\r';
            while (end - p >= 8) {
                std::uint64_t word;
                std::memcpy(&word, p, 8);
                // A byte of (word ^ pattern) is zero where word holds that
                // character; the lowest flagged byte is always exact.
                const auto zeroBytes = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
                const std::uint64_t hits = zeroBytes(word ^ delimiters) | zeroBytes(word ^ newlines) | zeroBytes(word ^ returns);
                if (hits)
                    return p + (std::countr_zero(hits) >> 3);
                p += 8;
            }
        }
        while (p < end && !m_stops[static_cast<unsigned char>(*p)])
            ++p;
        return p;
    }

    // Parses one record at m_pos. False when the window ends before the
    // record does (more input is needed).
    bool parse()
    {
        m_fields.clear();
        m_escaped.clear();
        m_arena.clear();
        const char* const end = m_input.end();
        const bool eof = m_input.eof();
        const char* p = m_pos;
        std::size_t line = m_line;
        for (;;) {
            const char* raw = p;
            std::string_view text;
            const char* q = p;
            while (q < end && isPad(*q))
                ++q;
            if (q < end && *q == '"') [[unlikely]] {
                if (!parseQuoted(q, end, eof, line, text, p))
                    return false;
            } else {
                const char* e = findStop(q, end);
                if (e == end && !eof)
                    return false;
                text = std::string_view(p, static_cast<std::size_t>(e - p));
                p = e;
            }
            m_fields.push_back(Field{raw, static_cast<std::size_t>(p - raw), text});
            if (p == end)
                break;  // the last record has no line break
            if (*p == m_delimiter) {
                ++p;
                continue;
            }
            if (*p == '\r') {
                if (p + 1 == end && !eof)
                    return false;
                p += (p + 1 < end && p[1] == '\n') ? 2 : 1;
            } else {
                ++p;
            }
            ++line;
            break;
        }
        for (const auto& [index, offset, length] : m_escaped)
            m_fields[index].text = std::string_view(m_arena.data() + offset, length);
        m_nextPos = p;
        m_nextLine = line;
        return true;
    }

    // A quoted field whose opening quote is at q. On success `text` is its
    // value and `p` the first byte after it (and after blanks that follow).
    bool parseQuoted(const char* q, const char* end, bool eof, std::size_t& line, std::string_view& text, const char*& p)
    {
        const std::size_t openLine = line;
        const char* s = q + 1;
        const char* pieceStart = s;
        bool escaped = false;
        std::size_t arenaStart = 0;
        for (;;) {
            const auto* quote = static_cast<const char*>(std::memchr(s, '"', static_cast<std::size_t>(end - s)));
            if (!quote) {
                if (!eof)
                    return false;
                throw DataError(where(openLine, m_fields.size())
                                + ": unterminated quote: the quoted field that opens on this line never closes; "
                                  "end it with \" (and write a quote inside a field as \"\")");
            }
            line += countLineBreaks(s, quote);
            if (quote + 1 == end && !eof)
                return false;
            if (quote + 1 < end && quote[1] == '"') {
                if (!escaped)
                    arenaStart = m_arena.size();
                escaped = true;
                m_arena.append(pieceStart, quote + 1);
                s = pieceStart = quote + 2;
                continue;
            }
            if (escaped) {
                m_arena.append(pieceStart, quote);
                m_escaped.push_back({m_fields.size(), arenaStart, m_arena.size() - arenaStart});
            } else {
                text = std::string_view(q + 1, static_cast<std::size_t>(quote - q - 1));
            }
            p = quote + 1;
            break;
        }
        while (p < end && isPad(*p))
            ++p;
        if (p == end && !eof)
            return false;
        if (p < end && *p != m_delimiter && *p != '\n' && *p != '\r') {
            const char* stop = p;
            while (stop < end && !m_stops[static_cast<unsigned char>(*stop)] && stop - p < 20)
                ++stop;
            throw DataError(where(m_line, m_fields.size()) + ": text after a closing quote ('" + std::string(p, stop)
                            + "'); a quoted field must end at the delimiter; write a quote inside a field as \"\"");
        }
        return true;
    }

    struct EscapedField {
        std::size_t index;
        std::size_t offset;
        std::size_t length;
    };

    InputWindow& m_input;
    char m_delimiter;
    bool m_stops[256];
    const std::vector<std::string>* m_names = nullptr;
    const char* m_pos = nullptr;
    const char* m_nextPos = nullptr;
    std::size_t m_line = 1;
    std::size_t m_nextLine = 1;
    std::size_t m_recordLine = 1;
    const char* m_recordStart = nullptr;
    std::vector<Field> m_fields;
    // Quoted fields with doubled quotes are unescaped into the arena.
    std::vector<EscapedField> m_escaped;
    std::string m_arena;
};

// What the first pass learns about a column.
struct ColumnScan {
    std::string name;
    bool forced = false;
    ColumnType forcedType = ColumnType::Numeric;
    bool numeric = true;   // every non-missing cell so far is a number
    bool datetime = true;  // every non-missing cell so far is an ISO date
    std::vector<double> numbers;
    std::vector<std::string> strings;
    std::vector<unsigned char> missing;
};

// Free-form text (names, messages) rather than a set of repeated labels:
// several words or long cells, and mostly distinct values.
ColumnType categoricalOrText(const std::vector<std::string>& strings, const std::vector<unsigned char>& missing)
{
    std::size_t cells = 0, words = 0, characters = 0;
    std::unordered_set<std::string_view> distinct;
    for (std::size_t i = 0; i < strings.size(); ++i) {
        if (missing[i])
            continue;
        const std::string& s = strings[i];
        ++cells;
        bool inWord = false;
        for (char c : s) {
            const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            if (!space && !inWord)
                ++words;
            inWord = !space;
            // Count code points, not bytes, so accented text is not "longer".
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
                ++characters;
        }
        distinct.insert(s);
    }
    if (cells == 0)
        return ColumnType::Categorical;
    const double meanWords = static_cast<double>(words) / static_cast<double>(cells);
    const double meanLength = static_cast<double>(characters) / static_cast<double>(cells);
    const bool freeForm = meanWords >= 3.0 || meanLength > 30.0;
    const bool mostlyDistinct = static_cast<double>(distinct.size()) >= 0.5 * static_cast<double>(cells);
    return freeForm && mostlyDistinct ? ColumnType::Text : ColumnType::Categorical;
}

class CsvLoader {
public:
    using Opener = std::function<std::unique_ptr<InputWindow>()>;

    CsvLoader(const CsvOptions& options, Opener open) : m_options(options), m_open(std::move(open))
    {
        if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r')
            throw DataError("the CSV delimiter cannot be a quote or a line break");
        for (const std::string& marker : options.missingMarkers) {
            const std::string_view m = trimmed(marker);
            m_markers.emplace_back(m);
            // "NaN" reads as a NaN number, missing either way; only a marker
            // like "-999" must be checked before a cell is read as a number.
            double value = 0;
            if (parseNumberCell(m, value) && !std::isnan(value))
                m_numericMarker = true;
        }
    }

    Dataset load()
    {
        auto input = m_open();
        RecordReader reader(*input, m_options.delimiter);
        readHeader(reader);
        firstPass(reader, *input);
        input.reset();
        const bool needStrings = std::any_of(m_scans.begin(), m_scans.end(), [](const ColumnScan& s) { return !s.numeric; });
        if (needStrings)
            secondPass();
        return build();
    }

private:
    bool isMissing(std::string_view text) const
    {
        text = trimmed(text);
        for (const std::string& m : m_markers)
            if (m.size() == text.size() && std::memcmp(m.data(), text.data(), m.size()) == 0)
                return true;
        return false;
    }

    void readHeader(RecordReader& reader)
    {
        if (!reader.next())
            throw DataError("line 1: empty file: a CSV needs a header row with the column names, then data rows");
        std::unordered_map<std::string, std::size_t> seen;
        const auto& fields = reader.fields();
        for (std::size_t c = 0; c < fields.size(); ++c) {
            reader.checkUtf8(fields[c], c);
            std::string name(trimmed(fields[c].text));
            if (name.empty())
                throw DataError(reader.where(reader.recordLine(), c) + ": empty header name; give every column a name");
            if (auto it = seen.find(name); it != seen.end())
                throw DataError(reader.where(reader.recordLine(), c) + " ('" + name + "'): duplicate header name (column "
                                + std::to_string(it->second + 1) + " is also '" + name + "'); rename one of them");
            seen.emplace(name, c);
            m_names.push_back(std::move(name));
        }
        m_headerLine = reader.recordLine();
        reader.setColumnNames(&m_names);

        m_scans.resize(m_names.size());
        for (std::size_t c = 0; c < m_names.size(); ++c)
            m_scans[c].name = m_names[c];
        for (const auto& [name, type] : m_options.typeOverrides) {
            auto it = seen.find(name);
            if (it == seen.end())
                throw DataError("the type override names column '" + name + "', which is not in the header");
            ColumnScan& scan = m_scans[it->second];
            scan.forced = true;
            scan.forcedType = type;
            scan.numeric = type == ColumnType::Numeric;
            scan.datetime = type == ColumnType::Datetime;
        }
        if (!m_options.target.empty() && seen.find(m_options.target) == seen.end())
            throw DataError("the target column '" + m_options.target + "' is not in the header");
    }

    void checkFieldCount(const RecordReader& reader) const
    {
        const std::size_t found = reader.fields().size();
        const std::size_t expected = m_names.size();
        if (found == expected)
            return;
        if (found > expected)
            throw DataError(reader.where(reader.recordLine(), expected) + ": too many fields: expected "
                            + std::to_string(expected) + " (as in the header), found " + std::to_string(found)
                            + "; a field that contains '" + std::string(1, m_options.delimiter) + "' must be quoted");
        throw DataError(reader.where(reader.recordLine(), found) + ": too few fields: expected " + std::to_string(expected)
                        + " (as in the header), found " + std::to_string(found));
    }

    // Reserves the numeric columns once the first rows show how long a row
    // is, so a million-row file does not regrow its vectors twenty times.
    void reserveFromEstimate(const RecordReader& reader, const InputWindow& input, std::uint64_t dataStart)
    {
        const std::uint64_t used = reader.offset() - dataStart;
        if (input.totalSize() <= reader.offset() || used == 0)
            return;
        const double bytesPerRow = static_cast<double>(used) / static_cast<double>(m_rows);
        const double estimate = static_cast<double>(input.totalSize() - dataStart) / bytesPerRow * 1.05 + 16.0;
        for (ColumnScan& s : m_scans)
            if (s.numeric)
                s.numbers.reserve(static_cast<std::size_t>(estimate));
    }

    void firstPass(RecordReader& reader, const InputWindow& input)
    {
        const std::uint64_t dataStart = reader.offset();
        const std::size_t columns = m_names.size();
        while (reader.next()) {
            checkFieldCount(reader);
            const auto& fields = reader.fields();
            for (std::size_t c = 0; c < columns; ++c) {
                ColumnScan& scan = m_scans[c];
                const Field& field = fields[c];
                if (scan.numeric) {
                    double value;
                    if (m_numericMarker && isMissing(field.text)) {
                        scan.numbers.push_back(kNaN);
                        continue;
                    }
                    if (parseNumberCell(field.text, value)) {
                        scan.numbers.push_back(value);
                        scan.datetime = false;
                        continue;
                    }
                    if (isMissing(field.text)) {
                        scan.numbers.push_back(kNaN);
                        continue;
                    }
                    if (scan.forced)
                        throw DataError(reader.where(reader.recordLine(), c) + ": '" + std::string(field.text)
                                        + "' is not a number, but the column is set to numeric");
                    scan.numeric = false;
                    std::vector<double>().swap(scan.numbers);
                }
                reader.checkUtf8(field, c);
                if (scan.datetime && !isMissing(field.text)) {
                    double seconds;
                    if (!parseDatetimeCell(field.text, seconds)) {
                        if (scan.forced)
                            throw DataError(reader.where(reader.recordLine(), c) + ": '" + std::string(field.text)
                                            + "' is not an ISO date (YYYY-MM-DD[ HH:MM[:SS]]), but the column is set "
                                              "to datetime");
                        scan.datetime = false;
                    }
                }
            }
            ++m_rows;
            if (m_rows == 1024)
                reserveFromEstimate(reader, input, dataStart);
        }
        if (m_rows == 0)
            throw DataError("line " + std::to_string(m_headerLine + 1) + ": no data rows: the file has a header ("
                            + std::to_string(columns) + (columns == 1 ? " column" : " columns")
                            + ") but no rows of data below it");
    }

    // Collects the cell text of the columns that are not numeric. The first
    // pass already checked the syntax, so only the text is stored here.
    void secondPass()
    {
        auto input = m_open();
        RecordReader reader(*input, m_options.delimiter);
        reader.setColumnNames(&m_names);
        reader.next();  // header
        std::vector<std::size_t> stringColumns;
        for (std::size_t c = 0; c < m_scans.size(); ++c) {
            if (!m_scans[c].numeric) {
                stringColumns.push_back(c);
                m_scans[c].strings.reserve(m_rows);
                m_scans[c].missing.reserve(m_rows);
            }
        }
        std::size_t rows = 0;
        while (reader.next()) {
            if (rows == m_rows || reader.fields().size() != m_names.size())
                throw IoError("the CSV changed while it was being read; load it again");
            for (std::size_t c : stringColumns) {
                const std::string_view text = reader.fields()[c].text;
                const bool missingCell = isMissing(text);
                m_scans[c].strings.emplace_back(missingCell ? std::string_view() : text);
                m_scans[c].missing.push_back(missingCell ? 1 : 0);
            }
            ++rows;
        }
        if (rows != m_rows)
            throw IoError("the CSV changed while it was being read; load it again");
    }

    Dataset build()
    {
        Dataset data;
        for (ColumnScan& scan : m_scans) {
            Column column;
            column.name = scan.name;
            if (scan.numeric) {
                column.type = ColumnType::Numeric;
                column.numbers = std::move(scan.numbers);
            } else {
                const bool anyValue = std::find(scan.missing.begin(), scan.missing.end(), 0) != scan.missing.end();
                if (scan.forced)
                    column.type = scan.forcedType;
                else if (scan.datetime && anyValue)
                    column.type = ColumnType::Datetime;
                else
                    column.type = categoricalOrText(scan.strings, scan.missing);
                if (column.type == ColumnType::Datetime) {
                    column.numbers.assign(scan.strings.size(), kNaN);
                    for (std::size_t i = 0; i < scan.strings.size(); ++i)
                        if (!scan.missing[i])
                            parseDatetimeCell(scan.strings[i], column.numbers[i]);
                }
                column.strings = std::move(scan.strings);
                column.missing = std::move(scan.missing);
            }
            data.addColumn(std::move(column));
        }
        if (!m_options.target.empty())
            data.setTarget(m_options.target);
        return data;
    }

    const CsvOptions& m_options;
    Opener m_open;
    std::vector<std::string> m_markers;
    bool m_numericMarker = false;
    std::vector<std::string> m_names;
    std::size_t m_headerLine = 1;
    std::vector<ColumnScan> m_scans;
    std::size_t m_rows = 0;
};

bool needsQuotes(std::string_view text, char delimiter)
{
    if (text.empty())
        return false;
    if (isBlank(text.front()) || isBlank(text.back()))
        return true;
    for (char c : text)
        if (c == delimiter || c == '"' || c == '\n' || c == '\r')
            return true;
    return false;
}

void appendField(std::string& out, std::string_view text, char delimiter)
{
    if (!needsQuotes(text, delimiter)) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (char c : text) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

}  // namespace

Dataset readCsvFile(const std::string& path, const CsvOptions& options)
{
    CsvLoader loader(options, [&] { return std::make_unique<InputWindow>(path, options.bufferBytes); });
    Dataset data = loader.load();
    data.name = utf8String(utf8Path(path).stem());
    return data;
}

Dataset readCsvString(std::string_view text, const CsvOptions& options)
{
    CsvLoader loader(options, [&] { return std::make_unique<InputWindow>(text); });
    return loader.load();
}

void writeCsvFile(const Dataset& data, const std::string& path)
{
    std::FILE* file = openUtf8(path, L"wb", "wb");
    if (!file)
        throw IoError("cannot write '" + path + "': " + errnoText());
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> guard(file, &std::fclose);
    const char delimiter = ',';
    std::string buffer;
    buffer.reserve(std::size_t(1) << 20);
    auto flush = [&] {
        if (std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size())
            throw IoError("cannot write '" + path + "': " + errnoText());
        buffer.clear();
    };
    const auto& columns = data.columns();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c > 0)
            buffer.push_back(delimiter);
        appendField(buffer, columns[c].name, delimiter);
    }
    buffer.push_back('\n');
    char number[64];
    for (std::size_t r = 0; r < data.rowCount(); ++r) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (c > 0)
                buffer.push_back(delimiter);
            const Column& column = columns[c];
            if (column.isMissing(r))
                continue;
            if (column.type == ColumnType::Numeric) {
                const double v = column.numbers[r];
                if (v == std::floor(v) && std::abs(v) < 1e15) {
                    // Integral values are the common case; skip the float formatter.
                    const auto result = std::to_chars(number, number + sizeof(number), static_cast<long long>(v));
                    buffer.append(number, result.ptr);
                } else {
                    buffer.append(formatNumber(v));
                }
            } else {
                appendField(buffer, column.strings[r], delimiter);
            }
        }
        buffer.push_back('\n');
        if (buffer.size() > (std::size_t(1) << 20) - 4096)
            flush();
    }
    flush();
    if (std::fclose(guard.release()) != 0)
        throw IoError("cannot write '" + path + "': " + errnoText());
}

}  // namespace dslab
