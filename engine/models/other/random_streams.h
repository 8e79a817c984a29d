// Independent, reproducible random streams for the models in this folder:
// one seed per k-means run or per Platt-scaling pair, derived from the
// TrainContext seed, so results do not depend on the order work is done in.
#pragma once

#include <cstdint>

namespace dslab {

// SplitMix64's finalizer over (seed, stream): distinct streams get unrelated seeds.
inline std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t z = seed ^ (0xD1B54A32D192ED03ULL * (stream + 1));
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

}  // namespace dslab
