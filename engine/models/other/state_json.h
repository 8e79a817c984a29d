// Fitted state as JSON for the neighbors, SVM, clustering and decomposition
// models: Eigen matrices and vectors to and from JSON, where anything that
// does not have the expected shape becomes a FormatError naming the field.
#pragma once

#include "engine/core/types.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace dslab {

// {"rows": r, "cols": c, "data": [row-major values]}
nlohmann::json matrixToJson(const Matrix& m);
nlohmann::json vectorToJson(const Vector& v);

// Throw FormatError("<owner>: saved state ...") when `field` is missing or damaged.
// rows/cols < 0 means any size is accepted.
Matrix matrixFromJson(const nlohmann::json& state, const std::string& field, const std::string& owner,
                      Eigen::Index rows = -1, Eigen::Index cols = -1);
Vector vectorFromJson(const nlohmann::json& state, const std::string& field, const std::string& owner,
                      Eigen::Index size = -1);
std::vector<double> doublesFromJson(const nlohmann::json& state, const std::string& field, const std::string& owner);
long long integerFromJson(const nlohmann::json& state, const std::string& field, const std::string& owner,
                          long long minValue, long long maxValue);
double numberFromJson(const nlohmann::json& state, const std::string& field, const std::string& owner);
bool booleanFromJson(const nlohmann::json& state, const std::string& field, const std::string& owner);
std::string stringFromJson(const nlohmann::json& state, const std::string& field, const std::string& owner);

// True when the state says the model was fitted; throws FormatError when
// `state` is not an object or its "fitted" flag is not a boolean.
bool fittedFlagFromJson(const nlohmann::json& state, const std::string& owner);

[[noreturn]] void throwDamagedState(const std::string& owner, const std::string& detail);

}  // namespace dslab
