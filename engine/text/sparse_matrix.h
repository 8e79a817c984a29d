// The document-term matrix of engine/text is the engine's SparseMatrix
// (rows are documents, columns vocabulary terms).
#pragma once

#include "engine/core/sparse_matrix.h"
