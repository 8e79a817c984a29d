// Shared by the engine/text tests: the scikit-learn reference file
// data/text_expected.json (written by sklearn_reference.py vectorizers),
// parameters read from it, and matrix comparisons that report the largest
// difference so a failure says by how much.
#pragma once

#include "engine/core/component.h"
#include "engine/text/sparse_matrix.h"

#include <nlohmann/json.hpp>

namespace dslab::test {

const nlohmann::json& textReference();
// The JSON value as the parameter type it stands for (null -> None, list -> IntList).
ParamValue toParamValue(const nlohmann::json& value);
void setParamsFromJson(Component& component, const nlohmann::json& params);
// {"shape", "indptr", "indices", "data"} as scipy writes a CSR matrix.
SparseMatrix csrFromJson(const nlohmann::json& csr);
// Largest |a - b| over all entries; +inf when the shapes or the nonzero patterns differ.
double maxAbsDifference(const SparseMatrix& ours, const SparseMatrix& reference);
StringList stringsFromJson(const nlohmann::json& values);

}  // namespace dslab::test
