// TfidfVectorizer, scikit-learn's: CountVectorizer followed by
// TfidfTransformer. Each count becomes tf * idf, with
//   tf  = count, or 1 + ln(count) when sublinear_tf,
//   idf = ln((1 + n) / (1 + df)) + 1 when smooth_idf (as if one extra
//         document held every term once, so no division by zero), else
//         ln(n / df) + 1; the +1 keeps terms found in every document,
// and each row is then scaled to unit l2 (or l1) norm unless norm is None.
#pragma once

#include "engine/core/types.h"
#include "engine/text/count_vectorizer.h"

namespace dslab {

class TfidfVectorizer : public CountVectorizer {
public:
    std::string typeName() const override { return "TfidfVectorizer"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    using TextVectorizer::fit;
    using TextVectorizer::fitTransform;
    using TextVectorizer::transform;
    void fit(const StringList& documents) override;
    SparseMatrix transform(const StringList& documents) const override;
    SparseMatrix fitTransform(const StringList& documents) override;

    // scikit-learn's idf_, one weight per column; empty when use_idf is false.
    const Vector& idf() const { return m_idf; }

    // CountVectorizer's state plus "idf" when use_idf.
    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    // Counts to TF-IDF in place: sublinear tf, idf weights, row norm.
    void weigh(SparseMatrix& counts) const;
    Vector m_idf;
};

}  // namespace dslab
