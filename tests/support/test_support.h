// Helpers shared by the test suites: where the shipped resources are and how
// to load a built-in dataset's numeric matrix in one line.
#pragma once

#include "engine/core/types.h"
#include "engine/data/dataset.h"

#include <string>

namespace dslab::test {

// The project folder that holds resources/datasets and lessons.
std::string resourceDir();
std::string datasetsDir();
std::string lessonsDir();
Dataset builtin(const std::string& name);

}  // namespace dslab::test
