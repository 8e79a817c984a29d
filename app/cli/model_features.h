// What the explain and export-trees commands need from a saved pipeline: the
// names of the features its final model sees (after the transformers) and
// that model as a TreeModel, with messages that say what to use instead.
#pragma once

#include "engine/core/types.h"

#include <string>

namespace dslab {
class Pipeline;
class TreeModel;
enum class TreeOutputLink;
}  // namespace dslab

namespace dslab::cli {

// prefix0, prefix1, ...: names for columns nobody named.
StringList numberedNames(const std::string& prefix, Eigen::Index count);

// Feature names after every transformer step; x0, x1, ... when they are not
// `columns` many (columns < 0: whatever the pipeline names).
StringList modelFeatureNames(const Pipeline& pipeline, Eigen::Index columns);

// The final estimator as a TreeModel; throws ParamError naming the model
// otherwise. `what` names the action ("--method tree", "export-trees").
const TreeModel& treeModelOf(const Pipeline& pipeline, const std::string& what);

// How raw tree outputs become predictions, as written in the JSON files.
std::string treeLinkName(TreeOutputLink link);

// The names of the output columns: class labels, or the target's name.
StringList outputNames(const Pipeline& pipeline, Eigen::Index columns);

}  // namespace dslab::cli
