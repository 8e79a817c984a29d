// CountVectorizer, scikit-learn's: documents to a matrix of term counts.
// Terms come from WordAnalyzer (lowercase, token pattern (?u)\b\w\w+\b,
// optional English stop words, word n-grams); the vocabulary is sorted so
// column j is the j-th term in code-point order, as in scikit-learn.
//
// min_df and max_df: scikit-learn reads an int as a document count and a
// float as a proportion, but our parameters are plain numbers, so the rule
// is: min_df >= 1 is a count (a whole number), below 1 a proportion;
// max_df <= 1 is a proportion, above 1 a count (a whole number). This
// matches scikit-learn for every value except min_df=1.0 (scikit-learn: all
// documents; here: one) and max_df=1 (scikit-learn: one document; here: all).
// max_features keeps the most frequent terms; ties go to the earlier term in
// sorted order (scikit-learn's unstable argsort leaves ties unspecified).
//
// token_pattern offers scikit-learn's default (?u)\b\w\w+\b and
// (?u)\b\w+\b (one-letter words too), no other regex. Our own parameter
// stemmer ("porter" or None, not scikit-learn) stems each token after the
// stop words are dropped; "column" names the table column a pipeline step
// reads (see TextVectorizer).
#pragma once

#include "engine/text/text_vectorizer.h"
#include "engine/text/vocabulary.h"
#include "engine/text/word_analyzer.h"

#include <nlohmann/json_fwd.hpp>

namespace dslab {

class CountVectorizer : public TextVectorizer {
public:
    std::string typeName() const override { return "CountVectorizer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    using TextVectorizer::fit;
    using TextVectorizer::fitTransform;
    using TextVectorizer::transform;
    void fit(const StringList& documents) override;
    SparseMatrix transform(const StringList& documents) const override;
    SparseMatrix fitTransform(const StringList& documents) override;
    const StringList& vocabularyTerms() const override;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's vocabulary_[term]: the term's column, or -1 if unknown.
    int termIndex(std::string_view term) const;

    // The analyzer this vectorizer's parameters describe (lowercase, token
    // length, stop words, stemming, n-grams), e.g. to show a document's terms.
    text::AnalyzerOptions analyzerOptions() const;

    // {"fitted", "vocabulary": [terms in column order], "column" when fitted on a table}
    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

protected:
    // The parameters shared with TfidfVectorizer.
    static std::vector<ParamSpec> countParamSpecs();
    // Learns the pruned, sorted vocabulary and returns the counts (0/1 when binary).
    SparseMatrix learnVocabulary(const StringList& documents);
    // Counts against the fitted vocabulary (0/1 when binary).
    SparseMatrix countTerms(const StringList& documents) const;
    void saveVocabulary(nlohmann::json& out) const;
    // Reads "vocabulary" and marks the vectorizer fitted; FormatError when damaged.
    void loadVocabulary(const nlohmann::json& in);
    void clearVocabulary();

private:
    text::Vocabulary m_vocabulary;
    bool m_fitted = false;
};

}  // namespace dslab
