// Word n-grams as scikit-learn's _word_ngrams builds them: the tokens
// themselves when minN is 1, then every run of n consecutive tokens joined
// by one space for n = max(2, minN)..maxN. Stop words are removed before
// (so an n-gram may join words that were not adjacent in the text, as in
// scikit-learn).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dslab::text {

struct NgramRange {
    int minN = 1;
    int maxN = 1;
};

// Appends the n-grams of `tokens` to `out` (minN >= 1, maxN >= minN).
void appendWordNgrams(const std::vector<std::string_view>& tokens, NgramRange range, std::vector<std::string>& out);
std::vector<std::string> wordNgrams(const std::vector<std::string_view>& tokens, NgramRange range);

}  // namespace dslab::text
