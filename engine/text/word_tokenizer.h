// scikit-learn's default token pattern (?u)\b\w\w+\b without a regex engine
// (std::regex is orders of magnitude slower). The pattern finds maximal runs
// of word characters and keeps runs of two or more code points: \w\w+ is
// greedy and each \b needs a non-word character (or the text's edge) on the
// outside, so a match is exactly a maximal run. We find the runs in one pass
// over the UTF-8 bytes.
//
// Word characters are exactly Python 3.11's (?u)\w: ASCII letters, digits and
// '_', and the non-ASCII code points listed in unicode_tables (letters, digits,
// numerics such as "²" or "½"; not "£", curly quotes, dashes, emoji or
// combining marks, which separate words as in Python). Where it differs:
// malformed UTF-8 bytes (Python would not have decoded the text at all) are
// separators here; code points added after Unicode 14 are separators.
#pragma once

#include <string_view>
#include <vector>

namespace dslab::text {

bool isWordCharacter(char32_t codePoint);

// Appends the tokens of `text` to `tokens` as views into `text`, in order.
// minLength 1 gives the pattern (?u)\b\w+\b (one-letter words kept).
void tokenizeWords(std::string_view text, std::vector<std::string_view>& tokens, int minLength = 2);
std::vector<std::string_view> tokenizeWords(std::string_view text);

}  // namespace dslab::text
