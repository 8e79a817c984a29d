// scikit-learn's English stop-word list (ENGLISH_STOP_WORDS, 318 words, as
// used by stop_words="english"), generated into english_stop_words.cpp by
// tests/engine/text/sklearn_reference.py stop-words so it cannot drift by hand.
#pragma once

#include <array>
#include <string_view>

namespace dslab::text {

// Sorted in byte order, so membership is a binary search.
const std::array<std::string_view, 318>& englishStopWords();
bool isEnglishStopWord(std::string_view word);

}  // namespace dslab::text
