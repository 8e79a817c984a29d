// Seeded random numbers that come out the same with every compiler and
// standard library (std::*_distribution does not): xoshiro256** seeded by
// splitmix64, doubles from the top 53 bits, normals by the polar method.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace dslab {

class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed);

    std::uint64_t next();
    double uniform();                    // [0, 1)
    double uniform(double low, double high);
    std::uint64_t below(std::uint64_t n);  // [0, n), unbiased; n > 0
    double normal();                     // mean 0, standard deviation 1

    // Fisher-Yates with our own draws, so the order is the same everywhere
    // (std::shuffle's is not).
    template <typename T>
    void shuffle(std::vector<T>& items)
    {
        for (std::size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[static_cast<std::size_t>(below(i))]);
    }

private:
    std::uint64_t m_state[4];
    double m_spareNormal = 0.0;
    bool m_hasSpare = false;
};

}  // namespace dslab
