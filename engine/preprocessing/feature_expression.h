// A small, safe arithmetic language for derived features ("sibsp + parch + 1",
// "fare / family_size", "age < 13", "(sex == 'female') * pclass",
// "log1p(fare)"): numbers, column names, + - * / with the usual precedence,
// unary minus, parentheses, one comparison (== != < <= > >=, giving 1 or 0),
// the functions log1p, log, sqrt and abs, and a categorical column compared
// with a quoted text. Nothing else: no calls into the host, no loops, so an
// expression saved in a pipeline cannot do more than compute a column.
// Missing values propagate: a missing input, a comparison with a missing
// value, a division by zero or a log of a non-positive number gives NaN, for
// an imputer after the step to fill.
#pragma once

#include "engine/core/types.h"

#include <memory>
#include <string>
#include <vector>

namespace dslab {

class FeatureExpression {
public:
    // Parses the text; ParamError names the position (counting from 1) and
    // what was expected, e.g. "syntax error at position 9 in 'sibsp + * 1':
    // expected a number, a column name or '('".
    explicit FeatureExpression(std::string text);
    ~FeatureExpression();
    FeatureExpression(FeatureExpression&&) noexcept;
    FeatureExpression& operator=(FeatureExpression&&) noexcept;

    const std::string& text() const { return m_text; }
    // The names the expression reads, in first-use order.
    const StringList& names() const { return m_names; }
    // The names compared with a quoted text (they must be categorical).
    const StringList& categoricalNames() const { return m_categorical; }

    // Looks a name up as a numeric column: values per row (NaN missing).
    struct NumericSource {
        virtual ~NumericSource() = default;
        virtual const std::vector<double>& numbers(const std::string& name) const = 0;
        // 1 where the categorical cell equals text, 0 where not, NaN when missing.
        virtual std::vector<double> equals(const std::string& name, const std::string& text) const = 0;
    };
    std::vector<double> evaluate(const NumericSource& source, std::size_t rows) const;

    struct Node;

private:
    std::string m_text;
    StringList m_names;
    StringList m_categorical;
    std::unique_ptr<Node> m_root;
};

}  // namespace dslab
