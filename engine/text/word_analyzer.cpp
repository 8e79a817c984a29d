#include "engine/text/word_analyzer.h"

#include "engine/text/english_stop_words.h"
#include "engine/text/lowercase.h"
#include "engine/text/porter_stemmer.h"
#include "engine/text/word_tokenizer.h"

#include <algorithm>

namespace dslab::text {

WordAnalyzer::WordAnalyzer(AnalyzerOptions options)
    : m_options(options)
{
}

const std::vector<std::string_view>& WordAnalyzer::analyze(std::string_view document)
{
    std::string_view text = document;
    if (m_options.lowercase) {
        toLowerUtf8(document, m_lowered);
        text = m_lowered;
    }
    m_tokens.clear();
    tokenizeWords(text, m_tokens, m_options.minTokenLength);
    if (m_options.englishStopWords)
        std::erase_if(m_tokens, [](std::string_view t) { return isEnglishStopWord(t); });
    if (m_options.porterStemming) {
        // Stems go into one buffer; views are taken once it has stopped growing.
        m_stemmed.clear();
        std::vector<std::size_t> ends;
        ends.reserve(m_tokens.size());
        for (std::string_view token : m_tokens) {
            m_stemmed += porterStem(token);
            ends.push_back(m_stemmed.size());
        }
        const std::string_view stems = m_stemmed;
        std::size_t begin = 0;
        for (std::size_t i = 0; i < m_tokens.size(); ++i) {
            m_tokens[i] = stems.substr(begin, ends[i] - begin);
            begin = ends[i];
        }
    }

    m_terms.clear();
    int minN = m_options.ngrams.minN;
    const int maxN = m_options.ngrams.maxN;
    if (minN <= 1) {
        m_terms = m_tokens;
        minN = 2;
    }
    const int count = static_cast<int>(m_tokens.size());
    if (maxN < minN || count < minN)
        return m_terms;
    // Joined n-grams go into one buffer; their views are taken only once it
    // has stopped growing (a reallocation would move the bytes).
    m_joined.clear();
    m_joinedSpans.clear();
    for (int n = minN; n <= std::min(maxN, count); ++n) {
        for (int i = 0; i + n <= count; ++i) {
            const std::size_t begin = m_joined.size();
            m_joined.append(m_tokens[static_cast<std::size_t>(i)]);
            for (int k = 1; k < n; ++k) {
                m_joined.push_back(' ');
                m_joined.append(m_tokens[static_cast<std::size_t>(i + k)]);
            }
            m_joinedSpans.emplace_back(begin, m_joined.size() - begin);
        }
    }
    const std::string_view joined = m_joined;
    for (const auto& [begin, length] : m_joinedSpans)
        m_terms.push_back(joined.substr(begin, length));
    return m_terms;
}

}  // namespace dslab::text
