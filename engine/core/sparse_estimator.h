// A model that also learns from a sparse matrix without densifying it (the
// document-term matrix of a text vectorizer: 5000 messages x 8000 terms is
// 320 MB dense, 0.5 MB sparse). A Pipeline whose table step gives sparse
// output hands it straight to a final estimator that implements this; other
// models are refused with a message naming the ones that can take it.
#pragma once

#include "engine/core/sparse_matrix.h"
#include "engine/core/types.h"

namespace dslab {

struct TrainContext;

class SparseEstimator {
public:
    virtual ~SparseEstimator() = default;
    // The same model as the dense fit would learn on X's dense form.
    virtual void fitSparse(const SparseMatrix& X, const Vector& y, TrainContext& ctx) = 0;
    virtual Vector predictSparse(const SparseMatrix& X) const = 0;
    virtual Matrix predictProbaSparse(const SparseMatrix& X) const = 0;
};

// The models that implement SparseEstimator, for messages.
inline constexpr const char* kSparseEstimatorNames = "MultinomialNB or LogisticRegression";

}  // namespace dslab
