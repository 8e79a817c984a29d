#include "engine/text/tfidf_vectorizer.h"

#include "engine/core/errors.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab {

const std::vector<ParamSpec>& TfidfVectorizer::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = [] {
        std::vector<ParamSpec> s = countParamSpecs();
        s.push_back(ParamSpec::choice("norm", "l2", {"l2", "l1"},
                                      "Scale each document's row to unit length: l2 (cosine similarity is then a "
                                      "dot product), l1 (values sum to 1) or None")
                        .orNone());
        s.push_back(ParamSpec::boolean("use_idf", true, "Weigh terms by inverse document frequency (rare terms count more)"));
        s.push_back(ParamSpec::boolean("smooth_idf", true,
                                       "Add one to document frequencies, as if one extra document held every term"));
        s.push_back(ParamSpec::boolean("sublinear_tf", false,
                                       "Use 1 + ln(count) instead of the count, so 10 repeats are not 10x one"));
        return s;
    }();
    return specs;
}

void TfidfVectorizer::weigh(SparseMatrix& X) const
{
    const bool sublinear = paramBool("sublinear_tf");
    const bool useIdf = paramBool("use_idf");
    const std::string norm = paramIsNone("norm") ? std::string() : paramString("norm");
    double* values = X.valuePtr();
    const int* columns = X.innerIndexPtr();
    const int* rowStart = X.outerIndexPtr();
    for (Eigen::Index r = 0; r < X.rows(); ++r) {
        const int begin = rowStart[r], end = rowStart[r + 1];
        for (int k = begin; k < end; ++k) {
            double v = values[k];
            if (sublinear)
                v = std::log(v) + 1.0;
            if (useIdf)
                v *= m_idf(columns[k]);
            values[k] = v;
        }
        if (norm.empty())
            continue;
        double length = 0;
        for (int k = begin; k < end; ++k)
            length += norm == "l2" ? values[k] * values[k] : std::abs(values[k]);
        if (norm == "l2")
            length = std::sqrt(length);
        if (length == 0)
            continue;  // an empty document stays a row of zeros, as in scikit-learn
        for (int k = begin; k < end; ++k)
            values[k] /= length;
    }
}

SparseMatrix TfidfVectorizer::fitTransform(const StringList& documents)
{
    SparseMatrix X = learnVocabulary(documents);
    X.makeCompressed();
    m_idf.resize(0);
    if (paramBool("use_idf")) {
        const double smooth = paramBool("smooth_idf") ? 1.0 : 0.0;
        Vector docFreq = Vector::Zero(X.cols());
        const int* columns = X.innerIndexPtr();
        for (Eigen::Index k = 0; k < X.nonZeros(); ++k)
            docFreq(columns[k]) += 1.0;
        const double n = static_cast<double>(X.rows()) + smooth;
        m_idf = ((n / (docFreq.array() + smooth)).log() + 1.0).matrix();
    }
    weigh(X);
    return X;
}

void TfidfVectorizer::fit(const StringList& documents)
{
    fitTransform(documents);
}

SparseMatrix TfidfVectorizer::transform(const StringList& documents) const
{
    SparseMatrix X = countTerms(documents);
    X.makeCompressed();
    if (paramBool("use_idf") && m_idf.size() != X.cols())
        throw NotFittedError(typeName() + " was fitted with use_idf off, so it has no idf weights: fit it again "
                             "after turning use_idf on");
    weigh(X);
    return X;
}

void TfidfVectorizer::saveState(nlohmann::json& out) const
{
    out = nlohmann::json::object();
    saveVocabulary(out);
    if (isFitted() && m_idf.size() > 0)
        out["idf"] = std::vector<double>(m_idf.data(), m_idf.data() + m_idf.size());
}

void TfidfVectorizer::loadState(const nlohmann::json& in)
{
    loadVocabulary(in);
    m_idf.resize(0);
    if (!isFitted())
        return;
    const auto it = in.find("idf");
    if (it == in.end()) {
        if (paramBool("use_idf")) {
            clearVocabulary();
            throw FormatError(typeName() + ": saved state is damaged: 'idf' is missing while use_idf is on; "
                              "fit the vectorizer again and save it");
        }
        return;
    }
    const std::size_t size = vocabularyTerms().size();
    bool ok = it->is_array() && it->size() == size;
    Vector idf(static_cast<Eigen::Index>(size));
    for (std::size_t j = 0; ok && j < size; ++j) {
        ok = (*it)[j].is_number() && std::isfinite((*it)[j].get<double>()) && (*it)[j].get<double>() > 0;
        if (ok)
            idf(static_cast<Eigen::Index>(j)) = (*it)[j].get<double>();
    }
    if (!ok) {
        clearVocabulary();
        throw FormatError(typeName() + ": saved state is damaged: 'idf' must hold one positive number per "
                          "vocabulary term (" + std::to_string(size) + "); fit the vectorizer again and save it");
    }
    m_idf = std::move(idf);
}

}  // namespace dslab
