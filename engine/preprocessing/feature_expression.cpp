#include "engine/preprocessing/feature_expression.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace dslab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

enum class Op { Number, Column, CategoryEquals, Neg, Add, Sub, Mul, Div, Eq, Ne, Lt, Le, Gt, Ge, Log1p, Log, Sqrt, Abs };

struct Token {
    enum Kind { Number, Name, Text, Symbol, End } kind = End;
    std::string text;
    double number = 0;
    std::size_t position = 0;  // 0-based offset in the expression
};

bool isNameStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

}  // namespace

struct FeatureExpression::Node {
    Op op = Op::Number;
    double number = 0;
    std::string name;  // Column / CategoryEquals
    std::string text;  // CategoryEquals: the quoted text
    bool negate = false;  // CategoryEquals with !=
    std::unique_ptr<Node> left, right;
};

namespace {

using Node = FeatureExpression::Node;

class Parser {
public:
    explicit Parser(const std::string& text) : m_text(text) { tokenize(); }

    std::unique_ptr<Node> parseAll()
    {
        auto node = comparison();
        if (peek().kind != Token::End)
            fail(peek(), "expected an operator or the end of the expression");
        return node;
    }

private:
    [[noreturn]] void fail(const Token& at, const std::string& what) const
    {
        throw ParamError("syntax error at position " + std::to_string(at.position + 1) + " in '" + m_text + "': " + what);
    }

    void tokenize()
    {
        std::size_t i = 0;
        while (i < m_text.size()) {
            const char c = m_text[i];
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++i;
                continue;
            }
            Token t;
            t.position = i;
            if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[i + 1])))) {
                std::size_t j = i;
                while (j < m_text.size() && (std::isdigit(static_cast<unsigned char>(m_text[j])) || m_text[j] == '.'))
                    ++j;
                if (j < m_text.size() && (m_text[j] == 'e' || m_text[j] == 'E')) {
                    std::size_t k = j + 1;
                    if (k < m_text.size() && (m_text[k] == '+' || m_text[k] == '-'))
                        ++k;
                    if (k < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[k]))) {
                        j = k;
                        while (j < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[j])))
                            ++j;
                    }
                }
                const auto [end, ec] = std::from_chars(m_text.data() + i, m_text.data() + j, t.number);
                if (ec != std::errc() || end != m_text.data() + j) {
                    t.position = i;
                    fail(t, "'" + m_text.substr(i, j - i) + "' is not a number");
                }
                t.kind = Token::Number;
                t.text = m_text.substr(i, j - i);
                i = j;
            } else if (isNameStart(c)) {
                std::size_t j = i;
                while (j < m_text.size() && isNameChar(m_text[j]))
                    ++j;
                t.kind = Token::Name;
                t.text = m_text.substr(i, j - i);
                i = j;
            } else if (c == '\'' || c == '"') {
                const std::size_t close = m_text.find(c, i + 1);
                if (close == std::string::npos)
                    fail(t, "the text starting here has no closing quote");
                t.kind = Token::Text;
                t.text = m_text.substr(i + 1, close - i - 1);
                i = close + 1;
            } else {
                static const char* const twoChar[] = {"==", "!=", "<=", ">="};
                bool matched = false;
                for (const char* s : twoChar)
                    if (m_text.compare(i, 2, s) == 0) {
                        t.text = s;
                        matched = true;
                    }
                if (!matched) {
                    if (std::string("+-*/()<>").find(c) == std::string::npos)
                        fail(t, std::string("unexpected character '") + c + "'");
                    t.text = std::string(1, c);
                }
                t.kind = Token::Symbol;
                i += t.text.size();
            }
            m_tokens.push_back(std::move(t));
        }
        Token end;
        end.position = m_text.size();
        m_tokens.push_back(end);
    }

    const Token& peek() const { return m_tokens[m_pos]; }
    bool acceptSymbol(const char* s)
    {
        if (peek().kind == Token::Symbol && peek().text == s) {
            ++m_pos;
            return true;
        }
        return false;
    }

    static std::unique_ptr<Node> binary(Op op, std::unique_ptr<Node> l, std::unique_ptr<Node> r)
    {
        auto n = std::make_unique<Node>();
        n->op = op;
        n->left = std::move(l);
        n->right = std::move(r);
        return n;
    }

    std::unique_ptr<Node> comparison()
    {
        // A categorical column compared with a quoted text, either way round.
        const Token& first = peek();
        if (m_pos + 2 < m_tokens.size()) {
            const Token& op = m_tokens[m_pos + 1];
            const Token& second = m_tokens[m_pos + 2];
            const bool eq = op.kind == Token::Symbol && (op.text == "==" || op.text == "!=");
            if (eq && ((first.kind == Token::Name && second.kind == Token::Text) || (first.kind == Token::Text && second.kind == Token::Name))) {
                auto n = std::make_unique<Node>();
                n->op = Op::CategoryEquals;
                n->name = first.kind == Token::Name ? first.text : second.text;
                n->text = first.kind == Token::Text ? first.text : second.text;
                n->negate = op.text == "!=";
                m_pos += 3;
                return n;
            }
        }
        auto left = additive();
        static const std::pair<const char*, Op> ops[] = {{"==", Op::Eq}, {"!=", Op::Ne}, {"<=", Op::Le},
                                                         {">=", Op::Ge}, {"<", Op::Lt},   {">", Op::Gt}};
        for (const auto& [s, op] : ops)
            if (acceptSymbol(s)) {
                auto right = additive();
                return binary(op, std::move(left), std::move(right));
            }
        return left;
    }

    std::unique_ptr<Node> additive()
    {
        auto node = term();
        for (;;) {
            if (acceptSymbol("+"))
                node = binary(Op::Add, std::move(node), term());
            else if (acceptSymbol("-"))
                node = binary(Op::Sub, std::move(node), term());
            else
                return node;
        }
    }

    std::unique_ptr<Node> term()
    {
        auto node = unary();
        for (;;) {
            if (acceptSymbol("*"))
                node = binary(Op::Mul, std::move(node), unary());
            else if (acceptSymbol("/"))
                node = binary(Op::Div, std::move(node), unary());
            else
                return node;
        }
    }

    std::unique_ptr<Node> unary()
    {
        if (acceptSymbol("-")) {
            auto n = std::make_unique<Node>();
            n->op = Op::Neg;
            n->left = unary();
            return n;
        }
        return primary();
    }

    std::unique_ptr<Node> primary()
    {
        const Token t = peek();
        if (t.kind == Token::Number) {
            ++m_pos;
            auto n = std::make_unique<Node>();
            n->op = Op::Number;
            n->number = t.number;
            return n;
        }
        if (t.kind == Token::Name) {
            ++m_pos;
            static const std::pair<const char*, Op> functions[] = {{"log1p", Op::Log1p}, {"log", Op::Log}, {"sqrt", Op::Sqrt}, {"abs", Op::Abs}};
            if (peek().kind == Token::Symbol && peek().text == "(") {
                for (const auto& [name, op] : functions)
                    if (t.text == name) {
                        ++m_pos;
                        auto n = std::make_unique<Node>();
                        n->op = op;
                        n->left = comparison();
                        if (!acceptSymbol(")"))
                            fail(peek(), "expected ')' to close " + t.text + "(");
                        return n;
                    }
                fail(t, "unknown function '" + t.text + "'; the functions are log1p, log, sqrt and abs");
            }
            auto n = std::make_unique<Node>();
            n->op = Op::Column;
            n->name = t.text;
            return n;
        }
        if (acceptSymbol("(")) {
            auto n = comparison();
            if (!acceptSymbol(")"))
                fail(peek(), "expected ')'");
            return n;
        }
        if (t.kind == Token::Text)
            fail(t, "a quoted text can only be compared with a categorical column (sex == 'female')");
        if (t.kind == Token::End)
            fail(t, "the expression ends too early: expected a number, a column name or '('");
        fail(t, "expected a number, a column name or '(' but found '" + t.text + "'");
    }

    const std::string& m_text;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
};

void collectNames(const Node& n, StringList& names, StringList& categorical)
{
    auto add = [](StringList& list, const std::string& name) {
        if (std::find(list.begin(), list.end(), name) == list.end())
            list.push_back(name);
    };
    if (n.op == Op::Column)
        add(names, n.name);
    if (n.op == Op::CategoryEquals) {
        add(names, n.name);
        add(categorical, n.name);
    }
    if (n.left)
        collectNames(*n.left, names, categorical);
    if (n.right)
        collectNames(*n.right, names, categorical);
}

double applyBinary(Op op, double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return kNaN;
    switch (op) {
    case Op::Add: return a + b;
    case Op::Sub: return a - b;
    case Op::Mul: return a * b;
    case Op::Div: return b == 0 ? kNaN : a / b;
    case Op::Eq: return a == b ? 1.0 : 0.0;
    case Op::Ne: return a != b ? 1.0 : 0.0;
    case Op::Lt: return a < b ? 1.0 : 0.0;
    case Op::Le: return a <= b ? 1.0 : 0.0;
    case Op::Gt: return a > b ? 1.0 : 0.0;
    case Op::Ge: return a >= b ? 1.0 : 0.0;
    default: return kNaN;
    }
}

double applyUnary(Op op, double a)
{
    switch (op) {
    case Op::Neg: return -a;
    case Op::Log1p: return a > -1 ? std::log1p(a) : kNaN;
    case Op::Log: return a > 0 ? std::log(a) : kNaN;
    case Op::Sqrt: return a >= 0 ? std::sqrt(a) : kNaN;
    case Op::Abs: return std::abs(a);
    default: return kNaN;
    }
}

std::vector<double> evaluateNode(const Node& n, const FeatureExpression::NumericSource& source, std::size_t rows)
{
    switch (n.op) {
    case Op::Number: return std::vector<double>(rows, n.number);
    case Op::Column: return source.numbers(n.name);
    case Op::CategoryEquals: {
        std::vector<double> v = source.equals(n.name, n.text);
        if (n.negate)
            for (double& x : v)
                x = std::isnan(x) ? x : 1.0 - x;
        return v;
    }
    case Op::Neg:
    case Op::Log1p:
    case Op::Log:
    case Op::Sqrt:
    case Op::Abs: {
        std::vector<double> v = evaluateNode(*n.left, source, rows);
        for (double& x : v)
            x = applyUnary(n.op, x);
        return v;
    }
    default: {
        std::vector<double> a = evaluateNode(*n.left, source, rows);
        const std::vector<double> b = evaluateNode(*n.right, source, rows);
        for (std::size_t i = 0; i < a.size(); ++i)
            a[i] = applyBinary(n.op, a[i], b[i]);
        return a;
    }
    }
}

}  // namespace

FeatureExpression::FeatureExpression(std::string text) : m_text(std::move(text))
{
    Parser parser(m_text);
    m_root = parser.parseAll();
    collectNames(*m_root, m_names, m_categorical);
}

FeatureExpression::~FeatureExpression() = default;
FeatureExpression::FeatureExpression(FeatureExpression&&) noexcept = default;
FeatureExpression& FeatureExpression::operator=(FeatureExpression&&) noexcept = default;

std::vector<double> FeatureExpression::evaluate(const NumericSource& source, std::size_t rows) const
{
    return evaluateNode(*m_root, source, rows);
}

}  // namespace dslab
