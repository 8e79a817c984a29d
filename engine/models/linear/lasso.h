// Lasso, scikit-learn's: ElasticNet with l1_ratio = 1, i.e. minimizes
// 1/(2n) ||y - X w - b||^2 + alpha ||w||_1, which sets some weights exactly to 0.
#pragma once

#include "engine/models/linear/elastic_net.h"

namespace dslab {

class Lasso : public ElasticNet {
public:
    std::string typeName() const override { return "Lasso"; }
    const std::vector<ParamSpec>& paramSpecs() const override;

protected:
    double l1Ratio() const override { return 1.0; }
};

}  // namespace dslab
