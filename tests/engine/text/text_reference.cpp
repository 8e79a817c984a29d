#include "tests/engine/text/text_reference.h"

#include <cmath>
#include <fstream>
#include <limits>

namespace dslab::test {

const nlohmann::json& textReference()
{
    static const nlohmann::json reference = [] {
        std::ifstream in(std::string(DSLAB_SOURCE_DIR) + "/tests/engine/text/data/text_expected.json");
        return nlohmann::json::parse(in);
    }();
    return reference;
}

ParamValue toParamValue(const nlohmann::json& value)
{
    if (value.is_null())
        return std::monostate{};
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return value.get<long long>();
    if (value.is_number())
        return value.get<double>();
    if (value.is_string())
        return value.get<std::string>();
    return value.get<std::vector<long long>>();
}

void setParamsFromJson(Component& component, const nlohmann::json& params)
{
    for (const auto& [name, value] : params.items())
        component.setParam(name, toParamValue(value));
}

SparseMatrix csrFromJson(const nlohmann::json& csr)
{
    const auto rows = csr.at("shape").at(0).get<Eigen::Index>();
    const auto cols = csr.at("shape").at(1).get<Eigen::Index>();
    const auto indptr = csr.at("indptr").get<std::vector<int>>();
    const auto indices = csr.at("indices").get<std::vector<int>>();
    const auto data = csr.at("data").get<std::vector<double>>();
    const Eigen::Map<const SparseMatrix> view(rows, cols, static_cast<Eigen::Index>(data.size()), indptr.data(),
                                              indices.data(), data.data());
    return SparseMatrix(view);
}

double maxAbsDifference(const SparseMatrix& ours, const SparseMatrix& reference)
{
    const double mismatch = std::numeric_limits<double>::infinity();
    if (ours.rows() != reference.rows() || ours.cols() != reference.cols() || ours.nonZeros() != reference.nonZeros())
        return mismatch;
    double worst = 0;
    for (Eigen::Index r = 0; r < ours.outerSize(); ++r) {
        SparseMatrix::InnerIterator a(ours, r), b(reference, r);
        for (; a && b; ++a, ++b) {
            if (a.col() != b.col())
                return mismatch;
            worst = std::max(worst, std::abs(a.value() - b.value()));
        }
        if (a || b)
            return mismatch;
    }
    return worst;
}

StringList stringsFromJson(const nlohmann::json& values)
{
    return values.get<StringList>();
}

}  // namespace dslab::test
