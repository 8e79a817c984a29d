// The state every tree model shares: its trees, their weights and output
// columns, the classes, and a compiled copy for fast batched prediction. Each
// model adds its own fitting and how raw outputs become predictions; saving,
// loading and the not-fitted / bad-input checks live here once.
#pragma once

#include "engine/core/component.h"
#include "engine/models/trees/tree_model.h"
#include "engine/models/trees/tree_predictor.h"

#include <string>
#include <vector>

namespace dslab {

class TreeBasedEstimator : public Estimator, public TreeModel {
public:
    bool isFitted() const override { return m_fitted; }
    const std::vector<double>& classes() const override { return m_classes; }

    const std::vector<TreeArrays>& trees() const override { return m_trees; }
    double treeWeight(std::size_t t) const override { return m_treeWeights.at(t); }
    int treeColumn(std::size_t t) const override { return m_treeColumns.at(t); }
    const std::vector<double>& baseValue() const override { return m_baseValue; }
    int featureCount() const { return m_nFeatures; }

    void saveState(nlohmann::json& out) const override;
    void loadState(const nlohmann::json& in) override;

protected:
    // Forgets any previous fit; raw outputs get `outputs` columns starting at `base`.
    void resetModel(int nFeatures, std::vector<double> base, std::vector<double> classes);
    // Adds a finished tree; `vote` compiles it as a one-hot vote for its most likely class.
    void appendTree(TreeArrays tree, double weight, int column, bool vote = false);
    // Keeps the first `count` trees (early stopping).
    void truncateTrees(std::size_t count);
    void setFitted(bool fitted) { m_fitted = fitted; }
    void setPredictThreads(int threads) { m_predictThreads = threads; }

    // Throws NotFittedError before fit and DataError for bad X.
    void checkPredictInput(const Matrix& X) const;
    // base value + the weighted sum of the first `treeCount` trees' leaf values.
    Matrix rawOutput(const Matrix& X, std::size_t treeCount) const;
    Matrix rawOutput(const Matrix& X) const { return rawOutput(X, m_trees.size()); }
    // out += the weighted leaf values of trees [begin, end), without the base value.
    void addTreeOutputs(const Matrix& X, Matrix& out, std::size_t begin, std::size_t end) const;
    // Checks X, y and the parameters' combinations shared by all tree models.
    void checkFitInput(const Matrix& X, const Vector& y) const;

    // The model-specific part of the saved state (parameters of the fit such as best_iteration).
    virtual void saveExtra(nlohmann::json& out) const;
    virtual void loadExtra(const nlohmann::json& in);
    virtual bool votesInCompiledForm() const { return false; }

    // Feature importances of one tree, normalized (zeros for a single leaf).
    std::vector<double> treeImportances(const TreeArrays& tree) const;
    // A model fitted in one step tells the observer once, so a lab shows it like the others.
    void reportSingleStep(const Matrix& X, const Vector& y, const TrainContext& ctx) const;
    // The tree of a single-tree model; throws NotFittedError before fit.
    const TreeArrays& onlyTree() const;

    int m_predictThreads = 1;

private:
    void recompile();

    bool m_fitted = false;
    int m_nFeatures = 0;
    std::vector<double> m_classes;
    std::vector<double> m_baseValue;
    std::vector<TreeArrays> m_trees;
    std::vector<double> m_treeWeights;
    std::vector<int> m_treeColumns;
    CompiledTrees m_compiled;
};

}  // namespace dslab
