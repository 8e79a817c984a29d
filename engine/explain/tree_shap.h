// Exact SHAP values of tree models through the TreeModel interface, so one
// implementation serves decision trees, forests, boosting and AdaBoost.
//  - path-dependent (Lundberg et al. 2018, Algorithm 2): the value of a
//    coalition is the cover-weighted expectation over the tree's own training
//    distribution; polynomial time by tracking, along each root-to-leaf path,
//    the weights of all subset sizes (EXTEND / UNWIND).
//  - interventional: the value of a coalition S is f(x_S, z_not S) for a
//    background row z, averaged over a background set; each (x, z) game is
//    solved exactly on the tree in one walk.
// Values explain the raw output (margins, log-odds for boosting), never the
// probabilities after a logistic or softmax link.
#pragma once

#include "engine/explain/shap_values.h"

namespace dslab {

class TreeModel;

// base value + weighted leaf values of every tree: what TreeSHAP's values add up to.
Matrix treeModelRawOutput(const TreeModel& model, const Matrix& X);

// threads <= 0 means all cores; rows are split across threads and each row
// adds its trees in order, so the result does not depend on the thread count.
ShapValues treeShap(const TreeModel& model, const Matrix& X, int threads = 1);

// Values averaged over the background rows; expectedValue is the mean raw
// output over the background. Cost grows with rows x background rows.
ShapValues interventionalTreeShap(const TreeModel& model, const Matrix& X, const Matrix& background, int threads = 1);

}  // namespace dslab
