// FeatureHasher, scikit-learn's with input_type="dict": each row is read as
// {column: value}; a text cell adds 1 at the hash of "column=value", a number
// adds itself at the hash of "column" (32-bit MurmurHash3, seed 0, the sign
// of the hash as the value's sign when alternate_sign). Nothing is learned,
// so unseen categories need no special care: that is the point of hashing.
// A missing cell adds nothing (scikit-learn would add NaN). The output is
// dense here, so n_features defaults to 256 rather than 2**20.
#pragma once

#include "engine/pipeline/table_transformer.h"

#include <cstdint>
#include <string_view>

namespace dslab {

// MurmurHash3_x86_32 of the bytes, as a signed 32-bit number (scikit-learn's murmurhash3_32(positive=False)).
std::int32_t murmurHash3Signed(std::string_view bytes, std::uint32_t seed = 0);

class FeatureHasher : public TableTransformer {
public:
    std::string typeName() const override { return "FeatureHasher"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

    void fit(const Dataset& data, const Vector* y, TrainContext& ctx) override;
    Matrix transform(const Dataset& data) const override;
    StringList featureNamesOut() const override;
    StringList inputColumns() const override { return m_columns; }
    bool isFitted() const override { return m_fitted; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

private:
    StringList m_columns;
    bool m_fitted = false;
};

}  // namespace dslab
