// What a text vectorizer offers: documents in, a sparse document-term
// matrix out. The Matrix-based Transformer API is dense and numeric, and the
// catalog's ComponentKind has no kind for text input, so vectorizers are
// Components (parameter specs for the GUI's knobs, saveState/loadState) with
// their own fit/transform instead, and are not registered in the Catalog.
#pragma once

#include "engine/core/component.h"
#include "engine/text/sparse_matrix.h"

namespace dslab {

class TextVectorizer : public Component {
public:
    // Learns the vocabulary (and, for TF-IDF, the idf weights). Throws
    // DataError when no term is left, ParamError for inconsistent parameters.
    virtual void fit(const StringList& documents) = 0;
    // One row per document, one column per vocabulary term. Terms that were
    // not seen in fit are ignored. Throws NotFittedError before fit.
    virtual SparseMatrix transform(const StringList& documents) const = 0;
    // fit then transform, in one pass over the documents.
    virtual SparseMatrix fitTransform(const StringList& documents) = 0;
    // scikit-learn's get_feature_names_out(): the terms in column order.
    virtual const StringList& featureNamesOut() const = 0;
};

}  // namespace dslab
