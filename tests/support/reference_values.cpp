#include "tests/support/reference_values.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace dslab::test {

Matrix rowMajor(const std::vector<double>& values, Eigen::Index rows, Eigen::Index cols)
{
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j)
            m(i, j) = values[static_cast<std::size_t>(i * cols + j)];
    return m;
}

Matrix toMatrix(const nlohmann::json& a)
{
    const bool nested = a.at(0).is_array();
    Matrix m(static_cast<Eigen::Index>(a.size()), nested ? static_cast<Eigen::Index>(a.at(0).size()) : 1);
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            m(i, j) = nested ? a[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].get<double>()
                             : a[static_cast<std::size_t>(i)].get<double>();
    return m;
}

Vector toVector(const nlohmann::json& a)
{
    Vector v(static_cast<Eigen::Index>(a.size()));
    for (Eigen::Index i = 0; i < v.size(); ++i)
        v(i) = a[static_cast<std::size_t>(i)].get<double>();
    return v;
}

bool sameValues(const Matrix& ours, const Matrix& reference, double rtol)
{
    if (ours.rows() != reference.rows() || ours.cols() != reference.cols())
        return false;
    for (Eigen::Index k = 0; k < ours.size(); ++k) {
        const double a = ours.data()[k], b = reference.data()[k];
        if (std::isnan(b) ? !std::isnan(a) : !(std::abs(a - b) <= rtol * std::max(1.0, std::abs(b))))
            return false;
    }
    return true;
}

}  // namespace dslab::test
