// A fitted vocabulary: terms in column order (sorted by code point, as
// scikit-learn sorts vocabulary_) with a hash index from term to column.
// The index holds views into the term strings, so copying rebuilds it
// rather than copying views that would point into the source object.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dslab::text {

class Vocabulary {
public:
    Vocabulary() = default;
    // `terms` must be sorted and distinct (the caller checks saved state).
    explicit Vocabulary(std::vector<std::string> terms);
    Vocabulary(const Vocabulary& other);
    Vocabulary& operator=(const Vocabulary& other);
    Vocabulary(Vocabulary&&) = default;
    Vocabulary& operator=(Vocabulary&&) = default;

    const std::vector<std::string>& terms() const { return m_terms; }
    std::size_t size() const { return m_terms.size(); }
    bool empty() const { return m_terms.empty(); }
    // Column of `term`, or -1 when it is not in the vocabulary.
    int find(std::string_view term) const
    {
        auto it = m_index.find(term);
        return it == m_index.end() ? -1 : it->second;
    }

private:
    void buildIndex();
    std::vector<std::string> m_terms;
    std::unordered_map<std::string_view, int> m_index;
};

}  // namespace dslab::text
