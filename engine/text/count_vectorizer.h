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

    void fit(const StringList& documents) override;
    SparseMatrix transform(const StringList& documents) const override;
    SparseMatrix fitTransform(const StringList& documents) override;
    const StringList& featureNamesOut() const override;
    bool isFitted() const override { return m_fitted; }

    // scikit-learn's vocabulary_[term]: the term's column, or -1 if unknown.
    int termIndex(std::string_view term) const;

    // {"fitted", "vocabulary": [terms in column order]}
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
    text::AnalyzerOptions analyzerOptions() const;
    text::Vocabulary m_vocabulary;
    bool m_fitted = false;
};

}  // namespace dslab
