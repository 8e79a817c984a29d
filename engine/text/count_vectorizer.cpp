#include "engine/text/count_vectorizer.h"

#include "engine/core/errors.h"
#include "engine/data/column.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <nlohmann/json.hpp>
#include <numeric>
#include <unordered_map>

namespace dslab {

namespace {

// CSR arrays as scikit-learn's _count_vocab builds them, before they become an Eigen matrix.
struct CsrCounts {
    std::vector<int> rowStart{0};
    std::vector<int> columns;
    std::vector<double> values;
};

// Sorts one row's column ids and turns repeats into counts.
void appendRow(std::vector<int>& ids, bool binary, CsrCounts& out)
{
    std::sort(ids.begin(), ids.end());
    for (std::size_t i = 0; i < ids.size();) {
        std::size_t j = i + 1;
        while (j < ids.size() && ids[j] == ids[i])
            ++j;
        out.columns.push_back(ids[i]);
        out.values.push_back(binary ? 1.0 : static_cast<double>(j - i));
        i = j;
    }
    out.rowStart.push_back(static_cast<int>(out.columns.size()));
}

SparseMatrix toSparse(const CsrCounts& csr, Eigen::Index cols)
{
    const auto rows = static_cast<Eigen::Index>(csr.rowStart.size() - 1);
    const Eigen::Map<const SparseMatrix> view(rows, cols, static_cast<Eigen::Index>(csr.values.size()),
                                              csr.rowStart.data(), csr.columns.data(), csr.values.data());
    return SparseMatrix(view);
}

const char* const kTwoLetterPattern = "(?u)\\b\\w\\w+\\b";
const char* const kOneLetterPattern = "(?u)\\b\\w+\\b";

}  // namespace

std::vector<ParamSpec> CountVectorizer::countParamSpecs()
{
    ParamSpec stopWords = ParamSpec::choice("stop_words", "english", {"english"},
                                            "Words to drop before counting: None keeps all, 'english' drops "
                                            "scikit-learn's 318 English stop words")
                              .orNone();
    stopWords.defaultValue = std::monostate{};
    ParamSpec ngrams = ParamSpec::intList("ngram_range", {1, 1},
                                          "[min_n, max_n]: count word n-grams of these lengths, e.g. [1, 2] adds "
                                          "pairs of consecutive words");
    ngrams.minValue = 1;
    ParamSpec maxFeatures = ParamSpec::integer("max_features", 1, 1, 100000000,
                                               "Keep only this many terms, the most frequent over all documents "
                                               "(None keeps all)")
                                .orNone();
    maxFeatures.defaultValue = std::monostate{};
    ParamSpec column;
    column.name = "column";
    column.type = ParamType::String;
    column.nullable = true;
    column.defaultValue = std::monostate{};
    column.doc = "The table's text column to read (None: the table's only feature column, as inside a "
                 "ColumnTransformer)";
    ParamSpec stemmer = ParamSpec::choice("stemmer", "porter", {"porter"},
                                          "Not scikit-learn: None keeps words as written, 'porter' cuts them to "
                                          "their Porter stems (claims, claimed -> claim)")
                            .orNone();
    stemmer.defaultValue = std::monostate{};
    return {
        column,
        ParamSpec::boolean("lowercase", true, "Lowercase the text before splitting it into words"),
        ParamSpec::choice("token_pattern", kTwoLetterPattern, {kTwoLetterPattern, kOneLetterPattern},
                          "What a word is: runs of two or more letters/digits (scikit-learn's default) or of one "
                          "or more"),
        stopWords,
        stemmer,
        ngrams,
        ParamSpec::floating("min_df", 1.0, 0.0, 1e9,
                            "Drop terms in fewer documents than this: a count when >= 1, a proportion below 1"),
        ParamSpec::floating("max_df", 1.0, 0.0, 1e9,
                            "Drop terms in more documents than this: a proportion when <= 1, a count above 1 "
                            "(drops corpus-specific stop words)"),
        maxFeatures,
        ParamSpec::boolean("binary", false, "Record 1 for a term present in a document instead of its count"),
    };
}

const std::vector<ParamSpec>& CountVectorizer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = countParamSpecs();
    return specs;
}

text::AnalyzerOptions CountVectorizer::analyzerOptions() const
{
    text::AnalyzerOptions options;
    options.lowercase = paramBool("lowercase");
    options.englishStopWords = !paramIsNone("stop_words") && paramString("stop_words") == "english";
    options.porterStemming = !paramIsNone("stemmer") && paramString("stemmer") == "porter";
    options.minTokenLength = paramString("token_pattern") == kOneLetterPattern ? 1 : 2;
    const std::vector<long long> range = paramIntList("ngram_range");
    if (range.size() != 2 || range[0] < 1 || range[1] < range[0])
        throw ParamError(typeName() + ": ngram_range must be two numbers [min_n, max_n] with 1 <= min_n <= max_n, "
                         "e.g. [1, 1] for single words or [1, 2] to add word pairs");
    if (range[1] > 64)
        throw ParamError(typeName() + ": ngram_range's max_n is " + std::to_string(range[1])
                         + "; n-grams longer than 64 words are never useful, use at most 3 or so");
    options.ngrams = {static_cast<int>(range[0]), static_cast<int>(range[1])};
    return options;
}

SparseMatrix CountVectorizer::learnVocabulary(const StringList& documents)
{
    const text::AnalyzerOptions options = analyzerOptions();
    const bool binary = paramBool("binary");
    const double nDocs = static_cast<double>(documents.size());
    const double minDf = paramDouble("min_df");
    const double maxDf = paramDouble("max_df");
    if (minDf >= 1 && std::floor(minDf) != minDf)
        throw ParamError(typeName() + ": min_df = " + formatNumber(minDf)
                         + " must be a whole number of documents (>= 1) or a proportion below 1");
    if (maxDf > 1 && std::floor(maxDf) != maxDf)
        throw ParamError(typeName() + ": max_df = " + formatNumber(maxDf)
                         + " must be a proportion (<= 1) or a whole number of documents (> 1)");
    if (documents.empty())
        throw DataError(typeName() + ": no documents to fit on; give at least one document");

    m_column.clear();  // a table fit sets it again after this
    // First pass, as scikit-learn's _count_vocab: ids in order of first appearance.
    text::WordAnalyzer analyzer(options);
    std::deque<std::string> termStore;  // a deque never moves its strings, so the views stay valid
    std::unordered_map<std::string_view, int> ids;
    CsrCounts counts;
    std::vector<int> rowIds;
    for (const std::string& document : documents) {
        rowIds.clear();
        for (std::string_view term : analyzer.analyze(document)) {
            auto it = ids.find(term);
            if (it == ids.end()) {
                termStore.emplace_back(term);
                it = ids.emplace(termStore.back(), static_cast<int>(termStore.size() - 1)).first;
            }
            rowIds.push_back(it->second);
        }
        appendRow(rowIds, binary, counts);
    }
    if (ids.empty())
        throw DataError(typeName() + ": empty vocabulary; perhaps the documents only contain stop words (or no "
                        "word of two or more letters or digits). Check the text column, or use stop_words=None");

    // Checked after counting, as scikit-learn does (an empty vocabulary is reported first).
    const double minDocCount = minDf >= 1 ? minDf : minDf * nDocs;
    const double maxDocCount = maxDf > 1 ? maxDf : maxDf * nDocs;
    if (maxDocCount < minDocCount)
        throw ParamError(typeName() + ": max_df corresponds to < documents than min_df (" + formatNumber(maxDocCount)
                         + " < " + formatNumber(minDocCount) + " of " + std::to_string(documents.size())
                         + " documents); raise max_df or lower min_df");

    // Sorted term order, document frequency and total count of each first-seen id.
    const std::size_t nTerms = termStore.size();
    std::vector<int> bySortedTerm(nTerms);
    std::iota(bySortedTerm.begin(), bySortedTerm.end(), 0);
    std::sort(bySortedTerm.begin(), bySortedTerm.end(),
              [&](int a, int b) { return termStore[static_cast<std::size_t>(a)] < termStore[static_cast<std::size_t>(b)]; });
    std::vector<int> docFreq(nTerms, 0);
    std::vector<double> totals(nTerms, 0.0);
    for (std::size_t k = 0; k < counts.columns.size(); ++k) {
        ++docFreq[static_cast<std::size_t>(counts.columns[k])];
        totals[static_cast<std::size_t>(counts.columns[k])] += counts.values[k];
    }

    // Keep terms within [min_df, max_df], in sorted order, then the max_features most frequent.
    std::vector<int> kept;  // ids in sorted-term order
    kept.reserve(nTerms);
    for (int id : bySortedTerm) {
        const double df = docFreq[static_cast<std::size_t>(id)];
        if (df >= minDocCount && df <= maxDocCount)
            kept.push_back(id);
    }
    if (!paramIsNone("max_features")) {
        const auto limit = static_cast<std::size_t>(paramInt("max_features"));
        if (kept.size() > limit) {
            std::vector<int> byFrequency = kept;
            std::stable_sort(byFrequency.begin(), byFrequency.end(), [&](int a, int b) {
                return totals[static_cast<std::size_t>(a)] > totals[static_cast<std::size_t>(b)];
            });
            byFrequency.resize(limit);
            std::vector<char> chosen(nTerms, 0);
            for (int id : byFrequency)
                chosen[static_cast<std::size_t>(id)] = 1;
            std::erase_if(kept, [&](int id) { return !chosen[static_cast<std::size_t>(id)]; });
        }
    }
    if (kept.empty())
        throw DataError(typeName() + ": after pruning, no terms remain. Try a lower min_df or a higher max_df");

    std::vector<int> column(nTerms, -1);
    std::vector<std::string> terms;
    terms.reserve(kept.size());
    for (std::size_t j = 0; j < kept.size(); ++j) {
        column[static_cast<std::size_t>(kept[j])] = static_cast<int>(j);
        terms.push_back(std::move(termStore[static_cast<std::size_t>(kept[j])]));
    }

    // Renumber each row's columns to the kept, sorted vocabulary.
    CsrCounts out;
    out.columns.reserve(counts.columns.size());
    out.values.reserve(counts.values.size());
    std::vector<std::pair<int, double>> row;
    for (std::size_t r = 0; r + 1 < counts.rowStart.size(); ++r) {
        row.clear();
        for (int k = counts.rowStart[r]; k < counts.rowStart[r + 1]; ++k) {
            const int j = column[static_cast<std::size_t>(counts.columns[static_cast<std::size_t>(k)])];
            if (j >= 0)
                row.emplace_back(j, counts.values[static_cast<std::size_t>(k)]);
        }
        std::sort(row.begin(), row.end());
        for (const auto& [j, v] : row) {
            out.columns.push_back(j);
            out.values.push_back(v);
        }
        out.rowStart.push_back(static_cast<int>(out.columns.size()));
    }
    m_vocabulary = text::Vocabulary(std::move(terms));
    m_fitted = true;
    return toSparse(out, static_cast<Eigen::Index>(m_vocabulary.size()));
}

SparseMatrix CountVectorizer::countTerms(const StringList& documents) const
{
    if (!m_fitted)
        throwNotFitted();
    text::WordAnalyzer analyzer(analyzerOptions());
    const bool binary = paramBool("binary");
    CsrCounts counts;
    std::vector<int> rowIds;
    for (const std::string& document : documents) {
        rowIds.clear();
        for (std::string_view term : analyzer.analyze(document)) {
            const int j = m_vocabulary.find(term);
            if (j >= 0)
                rowIds.push_back(j);
        }
        appendRow(rowIds, binary, counts);
    }
    return toSparse(counts, static_cast<Eigen::Index>(m_vocabulary.size()));
}

void CountVectorizer::fit(const StringList& documents)
{
    learnVocabulary(documents);
}

SparseMatrix CountVectorizer::fitTransform(const StringList& documents)
{
    return learnVocabulary(documents);
}

SparseMatrix CountVectorizer::transform(const StringList& documents) const
{
    return countTerms(documents);
}

const StringList& CountVectorizer::vocabularyTerms() const
{
    if (!m_fitted)
        throwNotFitted();
    return m_vocabulary.terms();
}

int CountVectorizer::termIndex(std::string_view term) const
{
    if (!m_fitted)
        throwNotFitted();
    return m_vocabulary.find(term);
}

void CountVectorizer::saveVocabulary(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    if (m_fitted)
        out["vocabulary"] = m_vocabulary.terms();
    if (m_fitted && !m_column.empty())
        out["column"] = m_column;
}

void CountVectorizer::clearVocabulary()
{
    m_vocabulary = text::Vocabulary();
    m_column.clear();
    m_fitted = false;
}

void CountVectorizer::loadVocabulary(const nlohmann::json& in)
{
    const std::string owner = typeName();
    if (!in.is_object() || !in.contains("fitted") || !in["fitted"].is_boolean())
        throw FormatError(owner + ": saved state is damaged: expected an object with a boolean 'fitted'");
    if (!in["fitted"].get<bool>()) {
        clearVocabulary();
        return;
    }
    const auto it = in.find("vocabulary");
    if (it == in.end() || !it->is_array() || it->empty())
        throw FormatError(owner + ": saved state is damaged: 'vocabulary' must be a non-empty list of terms; "
                          "fit the vectorizer again and save it");
    std::vector<std::string> terms;
    terms.reserve(it->size());
    for (const auto& term : *it) {
        if (!term.is_string())
            throw FormatError(owner + ": saved state is damaged: 'vocabulary' holds a value that is not text");
        terms.push_back(term.get<std::string>());
        // Column order is sorted order: a shuffled or repeated term would silently move columns.
        if (terms.size() > 1 && !(terms[terms.size() - 2] < terms.back()))
            throw FormatError(owner + ": saved state is damaged: 'vocabulary' must be sorted without repeats (at \""
                              + terms.back() + "\")");
    }
    m_column.clear();
    if (const auto column = in.find("column"); column != in.end()) {
        if (!column->is_string())
            throw FormatError(owner + ": saved state is damaged: 'column' must be a column name");
        m_column = column->get<std::string>();
    }
    m_vocabulary = text::Vocabulary(std::move(terms));
    m_fitted = true;
}

void CountVectorizer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    saveVocabulary(out);
}

void CountVectorizer::loadState(const nlohmann::json& in)
{
    loadVocabulary(in);
}

}  // namespace dslab
