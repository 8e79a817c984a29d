#include "engine/models/trees/tree_estimator.h"

#include "engine/core/errors.h"
#include "engine/models/trees/tree_input.h"
#include "engine/models/trees/tree_params.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace dslab {

void TreeBasedEstimator::resetModel(int nFeatures, std::vector<double> base, std::vector<double> classes)
{
    m_fitted = false;
    m_nFeatures = nFeatures;
    m_baseValue = std::move(base);
    m_classes = std::move(classes);
    m_trees.clear();
    m_treeWeights.clear();
    m_treeColumns.clear();
    m_compiled.clear();
}

void TreeBasedEstimator::appendTree(TreeArrays tree, double weight, int column, bool vote)
{
    m_compiled.add(tree, weight, column, vote);
    m_trees.push_back(std::move(tree));
    m_treeWeights.push_back(weight);
    m_treeColumns.push_back(column);
}

void TreeBasedEstimator::truncateTrees(std::size_t count)
{
    if (count >= m_trees.size())
        return;
    m_trees.resize(count);
    m_treeWeights.resize(count);
    m_treeColumns.resize(count);
    recompile();
}

void TreeBasedEstimator::recompile()
{
    m_compiled.clear();
    const bool vote = votesInCompiledForm();
    for (std::size_t t = 0; t < m_trees.size(); ++t)
        m_compiled.add(m_trees[t], m_treeWeights[t], m_treeColumns[t], vote);
}

void TreeBasedEstimator::checkPredictInput(const Matrix& X) const
{
    if (!m_fitted && m_trees.empty())
        throwNotFitted();
    checkFeatureMatrix(X, typeName(), m_nFeatures);
}

void TreeBasedEstimator::checkFitInput(const Matrix& X, const Vector& y) const
{
    checkFeatureMatrix(X, typeName());
    checkTarget(X, y, typeName());
}

Matrix TreeBasedEstimator::rawOutput(const Matrix& X, std::size_t treeCount) const
{
    const auto outputs = static_cast<Eigen::Index>(m_baseValue.size());
    Matrix out(X.rows(), outputs);
    for (Eigen::Index c = 0; c < outputs; ++c)
        out.col(c).setConstant(m_baseValue[static_cast<std::size_t>(c)]);
    m_compiled.accumulate(X, out, 0, std::min(treeCount, m_compiled.size()), m_predictThreads);
    return out;
}

void TreeBasedEstimator::addTreeOutputs(const Matrix& X, Matrix& out, std::size_t begin, std::size_t end) const
{
    m_compiled.accumulate(X, out, begin, end, m_predictThreads);
}

std::vector<double> TreeBasedEstimator::treeImportances(const TreeArrays& tree) const
{
    std::vector<double> imp(static_cast<std::size_t>(m_nFeatures), 0.0);
    tree.addGains(imp);
    normalizeImportances(imp);
    return imp;
}

void TreeBasedEstimator::reportSingleStep(const Matrix& X, const Vector& y, const TrainContext& ctx) const
{
    if (!ctx.observer)
        return;
    TrainStep step;
    step.step = 1;
    step.totalSteps = 1;
    step.trainLoss = loss(X, y);
    ctx.report(step, *this);
}

const TreeArrays& TreeBasedEstimator::onlyTree() const
{
    if (m_trees.empty())
        throwNotFitted();
    return m_trees.front();
}

void TreeBasedEstimator::saveExtra(nlohmann::json&) const {}
void TreeBasedEstimator::loadExtra(const nlohmann::json&) {}

void TreeBasedEstimator::saveState(nlohmann::json& out) const
{
    if (!m_fitted)
        throwNotFitted();
    out = nlohmann::json::object();
    out["n_features"] = m_nFeatures;
    out["classes"] = m_classes;
    out["base_value"] = m_baseValue;
    out["tree_outputs"] = m_trees.empty() ? 1 : m_trees.front().nOutputs;
    out["tree_weights"] = m_treeWeights;
    out["tree_columns"] = m_treeColumns;
    nlohmann::json trees = nlohmann::json::array();
    for (const auto& t : m_trees) {
        nlohmann::json j;
        t.save(j);
        trees.push_back(std::move(j));
    }
    out["trees"] = std::move(trees);
    saveExtra(out);
}

void TreeBasedEstimator::loadState(const nlohmann::json& in)
{
    const std::string what = typeName() + " state: ";
    try {
        if (!in.is_object())
            throw FormatError(what + "expected an object");
        const int nFeatures = in.at("n_features").get<int>();
        auto classes = in.at("classes").get<std::vector<double>>();
        auto base = in.at("base_value").get<std::vector<double>>();
        const int treeOutputs = in.at("tree_outputs").get<int>();
        auto weights = in.at("tree_weights").get<std::vector<double>>();
        auto columns = in.at("tree_columns").get<std::vector<int>>();
        const auto& trees = in.at("trees");
        if (nFeatures <= 0)
            throw FormatError(what + "n_features must be positive");
        if (base.empty() || treeOutputs < 1 || treeOutputs > static_cast<int>(base.size()))
            throw FormatError(what + "base_value and tree_outputs do not fit together");
        if (isClassifier()) {
            if (classes.size() < 2 || !std::is_sorted(classes.begin(), classes.end())
                || std::adjacent_find(classes.begin(), classes.end()) != classes.end())
                throw FormatError(what + "classes must be at least two sorted distinct labels");
        }
        if (!trees.is_array() || weights.size() != trees.size() || columns.size() != trees.size())
            throw FormatError(what + "trees, tree_weights and tree_columns have different lengths");
        std::vector<TreeArrays> loaded;
        loaded.reserve(trees.size());
        for (std::size_t t = 0; t < trees.size(); ++t) {
            if (columns[t] < 0 || columns[t] + treeOutputs > static_cast<int>(base.size()) || !std::isfinite(weights[t]))
                throw FormatError(what + "tree " + std::to_string(t) + " has a bad weight or output column");
            loaded.push_back(TreeArrays::load(trees[t], nFeatures, treeOutputs));
        }
        resetModel(nFeatures, std::move(base), std::move(classes));
        m_trees = std::move(loaded);
        m_treeWeights = std::move(weights);
        m_treeColumns = std::move(columns);
        loadExtra(in);
        recompile();
    } catch (const nlohmann::json::exception& e) {
        resetModel(0, {}, {});
        throw FormatError(what + "damaged (" + std::string(e.what()) + ")");
    } catch (const FormatError&) {
        resetModel(0, {}, {});
        throw;
    }
    m_predictThreads = defaultPredictThreads();
    m_fitted = true;
}

}  // namespace dslab
