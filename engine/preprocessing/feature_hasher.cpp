#include "engine/preprocessing/feature_hasher.h"

#include "engine/core/errors.h"
#include "engine/data/dataset.h"
#include "engine/preprocessing/category_table.h"

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

namespace dslab {

namespace {

const char* const kOwner = "FeatureHasher";

std::uint32_t rotateLeft(std::uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

}  // namespace

std::int32_t murmurHash3Signed(std::string_view bytes, std::uint32_t seed)
{
    constexpr std::uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t length = bytes.size(), blocks = length / 4;
    std::uint32_t h = seed;
    for (std::size_t i = 0; i < blocks; ++i) {
        std::uint32_t k;
        std::memcpy(&k, data + 4 * i, 4);  // little-endian, as the reference on x86
        k *= c1;
        k = rotateLeft(k, 15);
        k *= c2;
        h ^= k;
        h = rotateLeft(h, 13);
        h = h * 5 + 0xe6546b64;
    }
    const unsigned char* tail = data + 4 * blocks;
    std::uint32_t k = 0;
    switch (length & 3) {
    case 3:
        k ^= static_cast<std::uint32_t>(tail[2]) << 16;
        [[fallthrough]];
    case 2:
        k ^= static_cast<std::uint32_t>(tail[1]) << 8;
        [[fallthrough]];
    case 1:
        k ^= tail[0];
        k *= c1;
        k = rotateLeft(k, 15);
        k *= c2;
        h ^= k;
    }
    h ^= static_cast<std::uint32_t>(length);
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    h ^= h >> 16;
    return static_cast<std::int32_t>(h);
}

const std::vector<ParamSpec>& FeatureHasher::paramSpecs() const
{
    static const std::vector<ParamSpec> specs = {
        ParamSpec::integer("n_features", 256, 1, 1 << 16,
                           "Output columns; collisions get rarer as it grows (dense output here, so at most 65536)"),
        ParamSpec::boolean("alternate_sign", true,
                           "Give each feature the sign of its hash, so that collisions tend to cancel instead of add up"),
    };
    return specs;
}

void FeatureHasher::fit(const Dataset& data, const Vector* /*y*/, TrainContext& /*ctx*/)
{
    paramInt("n_features");  // validated now rather than at the first transform
    const StringList columns = data.featureNames();
    if (columns.empty())
        throw DataError(std::string(kOwner) + ": there are no columns to hash");
    m_columns = columns;
    m_fitted = true;
}

Matrix FeatureHasher::transform(const Dataset& data) const
{
    if (!m_fitted)
        throwNotFitted();
    const auto width = static_cast<std::int64_t>(paramInt("n_features"));
    const bool alternate = paramBool("alternate_sign");
    const auto rows = static_cast<Eigen::Index>(data.rowCount());
    Matrix out = Matrix::Zero(rows, static_cast<Eigen::Index>(width));
    for (const auto& name : m_columns) {
        const Column& col = requireColumn(data, name, kOwner);
        const bool numeric = col.type == ColumnType::Numeric;
        for (Eigen::Index r = 0; r < rows; ++r) {
            const auto row = static_cast<std::size_t>(r);
            if (col.isMissing(row))
                continue;
            const std::string feature = numeric ? name : name + "=" + col.cellText(row);
            const double value = numeric ? col.numbers[row] : 1.0;
            const std::int32_t h = murmurHash3Signed(feature);
            // abs(INT32_MIN) does not fit: scikit-learn maps it as below.
            const std::int64_t index = h == INT32_MIN ? (2147483647LL - (width - 1)) % width
                                                      : std::llabs(static_cast<long long>(h)) % width;
            out(r, static_cast<Eigen::Index>(index)) += alternate && h < 0 ? -value : value;
        }
    }
    return out;
}

StringList FeatureHasher::featureNamesOut() const
{
    StringList names;
    const long long width = paramInt("n_features");
    for (long long i = 0; i < width; ++i)
        names.push_back("hash" + std::to_string(i));
    return names;
}

void FeatureHasher::saveState(nlohmann::json& out) const
{
    out["fitted"] = m_fitted;
    out["columns"] = m_columns;
}

void FeatureHasher::loadState(const nlohmann::json& in)
{
    try {
        StringList columns = in.at("columns").get<StringList>();
        m_fitted = in.at("fitted").get<bool>();
        m_columns = std::move(columns);
    } catch (const nlohmann::json::exception& e) {
        throw FormatError(std::string(kOwner) + ": saved state is damaged: " + e.what());
    }
}

}  // namespace dslab
