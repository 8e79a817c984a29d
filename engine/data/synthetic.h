// Seeded synthetic datasets for labs: the same seed gives the same data on
// every platform (our own generators, not std::*_distribution, whose output
// differs between standard libraries).
#pragma once

#include "engine/data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dslab {

// noise is the standard deviation of Gaussian scatter, in the data's units:
//   moons, circles (factor 0.5), xor, sine: added to every coordinate (sine: to y),
//   as scikit-learn's make_moons/make_circles do;
//   blobs, imbalanced: each class around its centre (blobs: centres on a circle
//   of radius 2; imbalanced: centres 2 apart), so about 1 gives heavy overlap;
//   spirals: on the angle along each arm (radians);
//   linear: unused, the two classes always leave an empty band between them.
struct SyntheticSpec {
    std::string kind;         // moons, circles, blobs, xor, spirals, linear, sine, imbalanced
    int samples = 300;
    double noise = 0.2;       // kind-specific noise scale (see above)
    std::uint64_t seed = 0;
    int classes = 3;          // blobs, spirals
    double ratio = 0.1;       // imbalanced: minority share of the samples
    int features = 2;         // imbalanced: number of features
};

// Names of the generator kinds, in the order a chooser shows them.
const std::vector<std::string>& syntheticKinds();
bool isSyntheticKind(const std::string& kind);

// Columns x1, x2 (... xN) and the target "label" (integer classes 0..K-1,
// rows shuffled) or "y" (sine, one feature x1). Throws ParamError for an
// unknown kind or a value out of range.
Dataset makeSynthetic(const SyntheticSpec& spec);

}  // namespace dslab
