#include "engine/text/word_ngrams.h"

#include <algorithm>

namespace dslab::text {

void appendWordNgrams(const std::vector<std::string_view>& tokens, NgramRange range, std::vector<std::string>& out)
{
    const int count = static_cast<int>(tokens.size());
    int minN = range.minN;
    if (minN <= 1) {
        for (auto t : tokens)
            out.emplace_back(t);
        minN = 2;
    }
    for (int n = minN; n <= std::min(range.maxN, count); ++n) {
        for (int i = 0; i + n <= count; ++i) {
            std::string gram(tokens[static_cast<std::size_t>(i)]);
            for (int k = 1; k < n; ++k) {
                gram.push_back(' ');
                gram.append(tokens[static_cast<std::size_t>(i + k)]);
            }
            out.push_back(std::move(gram));
        }
    }
}

std::vector<std::string> wordNgrams(const std::vector<std::string_view>& tokens, NgramRange range)
{
    std::vector<std::string> out;
    appendWordNgrams(tokens, range, out);
    return out;
}

}  // namespace dslab::text
