#include "engine/text/vocabulary.h"

namespace dslab::text {

Vocabulary::Vocabulary(std::vector<std::string> terms)
    : m_terms(std::move(terms))
{
    buildIndex();
}

Vocabulary::Vocabulary(const Vocabulary& other)
    : m_terms(other.m_terms)
{
    buildIndex();
}

Vocabulary& Vocabulary::operator=(const Vocabulary& other)
{
    if (this != &other) {
        m_terms = other.m_terms;
        buildIndex();
    }
    return *this;
}

void Vocabulary::buildIndex()
{
    m_index.clear();
    m_index.reserve(m_terms.size());
    for (std::size_t i = 0; i < m_terms.size(); ++i)
        m_index.emplace(m_terms[i], static_cast<int>(i));
}

}  // namespace dslab::text
