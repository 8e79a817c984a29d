// scikit-learn's analyzer="word" chain for one document: lowercase (when
// asked), tokenize with the default token pattern, drop stop words, build
// word n-grams. Optionally (not scikit-learn: the custom tokenizer a learner
// would write) each token is Porter-stemmed after stop-word removal and
// before the n-grams, so "claims free" becomes "claim free". The vectorizers run it once per document; it keeps its
// buffers between documents so the common case allocates almost nothing.
#pragma once

#include "engine/text/word_ngrams.h"

#include <string>
#include <string_view>
#include <vector>

namespace dslab::text {

struct AnalyzerOptions {
    bool lowercase = true;
    bool englishStopWords = false;
    bool porterStemming = false;
    int minTokenLength = 2;  // 2: (?u)\b\w\w+\b, 1: (?u)\b\w+\b
    NgramRange ngrams;
};

class WordAnalyzer {
public:
    explicit WordAnalyzer(AnalyzerOptions options);
    // The terms of `document`, in order; the views stay valid until the next call.
    const std::vector<std::string_view>& analyze(std::string_view document);

private:
    AnalyzerOptions m_options;
    std::string m_lowered;
    std::string m_stemmed;  // stems back to back
    std::string m_joined;  // n-grams of two or more words, back to back
    std::vector<std::string_view> m_tokens;
    std::vector<std::string_view> m_terms;
    std::vector<std::pair<std::size_t, std::size_t>> m_joinedSpans;
};

}  // namespace dslab::text
