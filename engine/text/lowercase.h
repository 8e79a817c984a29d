// Lowercasing as scikit-learn's default preprocessor does it (Python's
// str.lower()), on UTF-8 bytes. ASCII takes a fast byte loop; other code
// points use the one-to-one mappings generated from Python (Latin-1,
// Greek, Cyrillic, ...), and U+0130 (capital I with dot) becomes "i" plus
// U+0307 as in Python. Where it differs from str.lower(): Greek capital
// sigma always becomes medial sigma (Python picks the final form at the end
// of a word). Malformed bytes are copied unchanged.
#pragma once

#include <string>
#include <string_view>

namespace dslab::text {

std::string toLowerUtf8(std::string_view text);
// The same into `out` (cleared first), to reuse its buffer across documents.
void toLowerUtf8(std::string_view text, std::string& out);
// One code point's lowercase when it is a single code point (else itself).
char32_t toLowerCodePoint(char32_t codePoint);

}  // namespace dslab::text
