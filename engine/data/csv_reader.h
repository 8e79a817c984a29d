// CSV reader: RFC 4180 quoting, header row, UTF-8 with or without BOM, LF or
// CRLF, common missing markers, type inference per column. It streams the
// file (it never holds the whole text and a copy of it). Errors are DataError
// with a message naming the line as an editor counts it (header = line 1),
// the column, and what is wrong.
#pragma once

#include "engine/data/dataset.h"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dslab {

struct CsvOptions {
    char delimiter = ',';
    // Cells equal to one of these (after trimming spaces) are missing.
    std::vector<std::string> missingMarkers{"", "NA", "N/A", "n/a", "?", "NaN", "nan", "NULL", "null", "None"};
    // Forces a column's type instead of inferring it.
    std::map<std::string, ColumnType> typeOverrides;
    // Column to use as the target ("" = none).
    std::string target;
    // Bytes read from a file at a time. Tests set a tiny value so records
    // straddle reads.
    std::size_t bufferBytes = std::size_t(1) << 20;
};

Dataset readCsvFile(const std::string& path, const CsvOptions& options = {});
Dataset readCsvString(std::string_view text, const CsvOptions& options = {});

// Writes RFC 4180 CSV with a header (missing cells empty).
void writeCsvFile(const Dataset& data, const std::string& path);

}  // namespace dslab
