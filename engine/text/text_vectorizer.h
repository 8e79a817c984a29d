// What a text vectorizer offers: documents in, a sparse document-term
// matrix out. It is also a TableTransformer, so a pipeline can start with it
// (or a ColumnTransformer can hold it): it reads one text column of the table,
// the "column" parameter, or the only feature column when that is None (as
// in a ColumnTransformer, which scikit-learn gives a text vectorizer one
// column named by a string). Its output is sparse, and the Pipeline keeps it
// sparse into MultinomialNB or LogisticRegression.
#pragma once

#include "engine/core/sparse_matrix.h"
#include "engine/pipeline/table_transformer.h"

namespace dslab {

class TextVectorizer : public TableTransformer {
public:
    // Learns the vocabulary (and, for TF-IDF, the idf weights). Throws
    // DataError when no term is left, ParamError for inconsistent parameters.
    virtual void fit(const StringList& documents) = 0;
    // One row per document, one column per vocabulary term. Terms that were
    // not seen in fit are ignored. Throws NotFittedError before fit.
    virtual SparseMatrix transform(const StringList& documents) const = 0;
    // fit then transform, in one pass over the documents.
    virtual SparseMatrix fitTransform(const StringList& documents) = 0;
    // The terms in column order (scikit-learn's get_feature_names_out()) without a copy.
    virtual const StringList& vocabularyTerms() const = 0;

    // The table side: the documents are the cells of the text column.
    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    // Dense: fine for a few rows (a snapshot), heavy for a corpus; prefer transformSparse.
    Matrix transform(const Dataset& data) const override;
    bool sparseOutput() const override { return true; }
    SparseMatrix transformSparse(const Dataset& data) const override;
    SparseMatrix fitTransformSparse(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    StringList featureNamesOut() const override { return vocabularyTerms(); }
    StringList inputColumns() const override;

    // The documents of a table: the cells of the step's column. DataError
    // names a missing column, a numeric one or missing cells.
    StringList documentsOf(const Dataset& data) const;

protected:
    // The column the fitted step reads ("" before fit); saved with the state.
    std::string m_column;
};

}  // namespace dslab
