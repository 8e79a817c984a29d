// The shared tree machinery: flat arrays (JSON round trip, validation), the
// compiled batch predictor against a plain walk, and feature binning.
#include "engine/core/errors.h"
#include "engine/models/trees/feature_bins.h"
#include "engine/models/trees/tree_arrays.h"
#include "engine/models/trees/tree_predictor.h"

#include <QtTest>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace dslab;

namespace {

// x0 <= 0.5 ? (x1 <= 2 ? leaf 2 : leaf 3) : leaf 4, numbered depth-first.
TreeArrays smallTree()
{
    TreeArrays t;
    t.nOutputs = 2;
    for (int i = 0; i < 5; ++i)
        t.addNode(10 - i, 10.0 - i, 0.5);
    t.setSplit(0, 0, 0.5, 1, 4, 2.0);
    t.setSplit(1, 1, 2.0, 2, 3, 1.0);
    const double values[5][2] = {{0.5, 0.5}, {0.7, 0.3}, {1, 0}, {0, 1}, {0.2, 0.8}};
    for (int n = 0; n < 5; ++n)
        for (int k = 0; k < 2; ++k)
            t.valueOf(n)[k] = values[n][k];
    return t;
}

}  // namespace

class TestTreeArrays : public QObject {
    Q_OBJECT

private slots:
    void structure()
    {
        const TreeArrays t = smallTree();
        t.validate(2);
        QCOMPARE(t.depth(), 2);
        QCOMPARE(t.leafCount(), 3);
        std::vector<double> imp(2, 0.0);
        t.addGains(imp);
        normalizeImportances(imp);
        QCOMPARE(imp, (std::vector<double>{2.0 / 3.0, 1.0 / 3.0}));
    }

    void jsonRoundTripAndValidation()
    {
        const TreeArrays t = smallTree();
        nlohmann::json j;
        t.save(j);
        const TreeArrays back = TreeArrays::load(nlohmann::json::parse(j.dump()), 2, 2);
        QCOMPARE(back.threshold, t.threshold);
        QCOMPARE(back.value, t.value);
        QCOMPARE(back.samples, t.samples);
        QVERIFY_THROWS_EXCEPTION(FormatError, TreeArrays::load(j, 1, 2));  // feature 1 needs 2 features
        QVERIFY_THROWS_EXCEPTION(FormatError, TreeArrays::load(j, 2, 3));  // wrong n_outputs
        auto bad = j;
        bad["right"][1] = 2;  // both children the same node
        QVERIFY_THROWS_EXCEPTION(FormatError, TreeArrays::load(bad, 2, 2));
        bad = j;
        bad["left"][4] = 3;  // a leaf with one child
        QVERIFY_THROWS_EXCEPTION(FormatError, TreeArrays::load(bad, 2, 2));
        bad = j;
        bad["samples"][0] = 1.5;
        QVERIFY_THROWS_EXCEPTION(FormatError, TreeArrays::load(bad, 2, 2));
        bad = j;
        bad.erase("cover");
        QVERIFY_THROWS_EXCEPTION(FormatError, TreeArrays::load(bad, 2, 2));
    }

    void compiledPredictionMatchesAWalk()
    {
        const TreeArrays t = smallTree();
        Matrix X(1000, 2);
        for (int i = 0; i < 1000; ++i) {
            X(i, 0) = (i % 7) / 6.0;        // hits 0.5 exactly never, both sides
            X(i, 1) = (i % 5) * 1.0;        // hits the threshold 2 exactly
        }
        const std::vector<int> leaves = t.apply(X);
        CompiledTrees compiled;
        compiled.add(t, 2.0, 1);
        compiled.add(t, 1.0, 0, true);  // a vote for the leaf's most likely class
        for (int threads : {1, 3}) {
            Matrix out = Matrix::Zero(1000, 3);
            compiled.accumulate(X, out, 0, 2, threads);
            for (int i = 0; i < 1000; ++i) {
                const double* v = t.valueOf(leaves[static_cast<std::size_t>(i)]);
                QCOMPARE(out(i, 1), 2.0 * v[0] + (v[1] > v[0] ? 1.0 : 0.0));
                QCOMPARE(out(i, 2), 2.0 * v[1]);
                QCOMPARE(out(i, 0), v[0] >= v[1] ? 1.0 : 0.0);
            }
        }
    }

    // A chain of splits on `features` different features: 2^features cell
    // cells, so 12 features still get a cell table and 13 are walked. Both
    // forms must give a plain walk's values.
    void cellTablesAndWalksAgree_data()
    {
        QTest::addColumn<int>("features");
        QTest::newRow("cell table") << 12;
        QTest::newRow("walk") << 13;
    }
    void cellTablesAndWalksAgree()
    {
        QFETCH(int, features);
        TreeArrays t;
        t.nOutputs = 1;
        int node = t.addNode(1, 1, 0);
        for (int f = 0; f < features; ++f) {
            const int l = t.addNode(1, 1, 0);
            const int r = t.addNode(1, 1, 0);
            t.valueOf(l)[0] = f + 1;
            t.setSplit(node, f, 0.1 * f, l, r, 1.0);
            node = r;
        }
        t.valueOf(node)[0] = -1;
        t.validate(features);
        Matrix X(5000, features);
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            for (int f = 0; f < features; ++f)
                X(i, f) = std::fmod(i * 0.013 * (f + 1), 1.7) - 0.2 + ((i % 11) == 0 ? 0.1 * f : 0.0);
        CompiledTrees compiled;
        compiled.add(t, 1.0, 0);
        compiled.add(t, 0.5, 0);
        Matrix out = Matrix::Constant(X.rows(), 1, 0.25);
        compiled.accumulate(X, out, 0, 2, 2);
        const std::vector<int> leaves = t.apply(X);
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            const double v = t.valueOf(leaves[static_cast<std::size_t>(i)])[0];
            QCOMPARE(out(i, 0), 0.25 + v + 0.5 * v);
        }
    }

    // Nine small trees on two features, with one and with two outputs: the
    // cell tables take them four at a time, and every row must still get the
    // same sum, bit for bit, as adding the trees' leaf values in order.
    void groupedCellTablesAddInTreeOrder_data()
    {
        QTest::addColumn<int>("outputs");
        QTest::newRow("boosting trees") << 1;
        QTest::newRow("forest trees") << 2;
    }
    void groupedCellTablesAddInTreeOrder()
    {
        QFETCH(int, outputs);
        std::vector<TreeArrays> trees;
        for (int t = 0; t < 9; ++t) {
            TreeArrays tree;
            tree.nOutputs = outputs;
            for (int i = 0; i < 7; ++i)
                tree.addNode(1, 1, 0);
            tree.setSplit(0, t % 2, 0.1 * t - 0.3, 1, 4, 1.0);
            tree.setSplit(1, 1 - t % 2, 0.05 * t, 2, 3, 1.0);
            tree.setSplit(4, t % 2, 0.2 * t - 0.1, 5, 6, 1.0);
            for (int n = 0; n < 7; ++n)
                for (int k = 0; k < outputs; ++k)
                    tree.valueOf(n)[k] = std::sin(1.0 + t * 7 + n * 3 + k) / 3.0;
            tree.validate(2);
            trees.push_back(tree);
        }
        Matrix X(3000, 2);
        for (Eigen::Index i = 0; i < X.rows(); ++i) {
            X(i, 0) = std::cos(i * 0.7) * 1.2;
            X(i, 1) = std::sin(i * 1.3) * 1.2;
        }
        X(5, 0) = 0.0;  // exactly on thresholds (0.1 * 3 - 0.3 and 0.05 * 0)
        X(5, 1) = 0.0;
        CompiledTrees compiled;
        for (const auto& tree : trees)
            compiled.add(tree, 0.3, 0);
        Matrix out = Matrix::Constant(X.rows(), outputs, 0.125);
        compiled.accumulate(X, out, 0, trees.size(), 2);
        Matrix expected = Matrix::Constant(X.rows(), outputs, 0.125);
        for (const auto& tree : trees) {
            const std::vector<int> leaves = tree.apply(X);
            for (Eigen::Index i = 0; i < X.rows(); ++i)
                for (int k = 0; k < outputs; ++k)
                    expected(i, k) += 0.3 * tree.valueOf(leaves[static_cast<std::size_t>(i)])[k];
        }
        QCOMPARE(out, expected);
        // A range that cuts the groups.
        Matrix part = Matrix::Zero(X.rows(), outputs);
        compiled.accumulate(X, part, 2, 7, 1);
        Matrix partExpected = Matrix::Zero(X.rows(), outputs);
        for (std::size_t t = 2; t < 7; ++t) {
            const std::vector<int> leaves = trees[t].apply(X);
            for (Eigen::Index i = 0; i < X.rows(); ++i)
                for (int k = 0; k < outputs; ++k)
                    partExpected(i, k) += 0.3 * trees[t].valueOf(leaves[static_cast<std::size_t>(i)])[k];
        }
        QCOMPARE(part, partExpected);
    }

    void binsAgreeWithThresholds()
    {
        Matrix X(3000, 3);
        for (int i = 0; i < 3000; ++i) {
            X(i, 0) = std::sin(i * 0.37) * 100;  // many distinct values: quantile bins
            X(i, 1) = i % 4;                      // four values: one bin each
            X(i, 2) = 7;                          // constant: one bin
        }
        FeatureBins bins;
        bins.fit(X, 32, 2, 0, 1000);
        QCOMPARE(bins.binCount(0), 32);
        QCOMPARE(bins.binCount(1), 4);
        QCOMPARE(bins.binCount(2), 1);
        QCOMPARE(bins.threshold(1, 0), 0.5);
        const auto byColumn = bins.codesByColumn(X, 2);
        const auto byRow = bins.codesByRow(X, 3);
        for (int i = 0; i < 3000; ++i)
            for (int f = 0; f < 3; ++f) {
                const int c = byColumn[static_cast<std::size_t>(f * 3000 + i)];
                QCOMPARE(static_cast<int>(byRow[static_cast<std::size_t>(i * 3 + f)]), c);
                QCOMPARE(static_cast<int>(bins.code(f, X(i, f))), c);
                // x <= threshold(f, b) exactly when code <= b
                if (c > 0)
                    QVERIFY(X(i, f) > bins.threshold(f, c - 1));
                if (c < bins.binCount(f) - 1)
                    QVERIFY(X(i, f) <= bins.threshold(f, c));
            }
        // Quantile bins hold roughly equal shares of the sampled rows.
        std::vector<int> counts(32, 0);
        for (int i = 0; i < 3000; ++i)
            ++counts[byColumn[static_cast<std::size_t>(i)]];
        for (int c : counts)
            QVERIFY(c > 40 && c < 160);
    }
};

QTEST_GUILESS_MAIN(TestTreeArrays)
#include "test_tree_arrays.moc"
