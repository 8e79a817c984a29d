// The Porter stemmer as published in 1980 (M.F. Porter, "An algorithm for
// suffix stripping", Program 14(3)), rule for rule, like NLTK's
// PorterStemmer(mode=ORIGINAL_ALGORITHM): no special-case word list, no
// later departures (so "abli" -> "able", no "logi" -> "log", and words of
// one or two letters are stemmed too: "as" -> "a").
//
// Expects one lowercase word (lowercase before calling, as NLTK does);
// bytes other than a-z count as consonants, so non-English words pass
// through mostly unchanged rather than failing. scikit-learn has no
// stemmer: this is the usual preprocessing step a learner adds before
// CountVectorizer.
#pragma once

#include <string>
#include <string_view>

namespace dslab::text {

std::string porterStem(std::string_view word);

}  // namespace dslab::text
