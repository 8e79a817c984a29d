// The tree models' random stream: the same output on every platform (unlike
// std::*_distribution). Each tree of an ensemble derives its own stream from
// (master seed, tree index), so results do not depend on the thread count.
#pragma once

#include <cstdint>

namespace dslab {

class TreeRandom {
public:
    explicit TreeRandom(std::uint64_t seed) : m_state(seed) {}
    TreeRandom(std::uint64_t seed, std::uint64_t stream) : m_state(mix(seed) ^ mix(stream + 0x632BE59BD9B4E019ULL)) {}

    // SplitMix64: fast, full period, passes BigCrush; enough for sampling.
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; the bias is
    // below 2^-32 for the sizes used here).
    std::uint32_t below(std::uint32_t n)
    {
        return static_cast<std::uint32_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
    }
    // Uniform double in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    static std::uint64_t mix(std::uint64_t x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        return x ^ (x >> 31);
    }

private:
    std::uint64_t m_state;
};

}  // namespace dslab
