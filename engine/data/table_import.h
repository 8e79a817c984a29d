// Reading a CSV that a learner brings to the Workbench. Before the CSV reader
// sees it, the file is checked to be a text table: a binary file (an image,
// an Excel workbook) is refused with what it looks like, the delimiter is
// sniffed from the header row (',' ';' tab '|'), and a single column whose
// header reads like a sentence is called prose, not a table. Every message
// names the line (header = line 1) and the column.
#pragma once

#include "engine/data/dataset.h"

#include <string>
#include <string_view>

namespace dslab {

// The delimiter the header line uses most, outside quotes; ',' on a tie or
// when it uses none.
char sniffDelimiter(std::string_view headerLine);

// Throws DataError (not a table, or the CSV reader's syntax errors) or IoError.
Dataset readTableCsvFile(const std::string& path);
Dataset readTableCsvString(std::string_view text);

}  // namespace dslab
