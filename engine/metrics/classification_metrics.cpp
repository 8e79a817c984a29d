#include "engine/metrics/classification_metrics.h"

#include "engine/core/errors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace dslab {

namespace {

void checkPair(const Vector& yTrue, const Vector& yPred, const char* metric)
{
    if (yTrue.size() != yPred.size())
        throw DataError(std::string(metric) + ": y_true has " + std::to_string(yTrue.size()) + " values but y_pred has "
                        + std::to_string(yPred.size()));
    if (yTrue.size() == 0)
        throw DataError(std::string(metric) + " needs at least one sample");
}

std::vector<double> labelsOrPresent(const Vector& yTrue, const Vector& yPred, const std::vector<double>& labels)
{
    if (!labels.empty())
        return labels;
    std::vector<double> present(yTrue.data(), yTrue.data() + yTrue.size());
    present.insert(present.end(), yPred.data(), yPred.data() + yPred.size());
    std::sort(present.begin(), present.end());
    present.erase(std::unique(present.begin(), present.end()), present.end());
    return present;
}

// Position of `value` in `labels`, or -1.
Eigen::Index labelIndex(const std::vector<double>& labels, double value)
{
    const auto it = std::find(labels.begin(), labels.end(), value);
    return it == labels.end() ? -1 : static_cast<Eigen::Index>(it - labels.begin());
}

double ratio(double numerator, double denominator, double zeroDivision)
{
    return denominator > 0 ? numerator / denominator : zeroDivision;
}

void checkZeroDivision(double zeroDivision)
{
    if (zeroDivision != 0.0 && zeroDivision != 1.0)
        throw ParamError("zero_division must be 0 or 1 (the score given to a ratio with nothing to divide by), not "
                         + std::to_string(zeroDivision));
}

double fScore(double precision, double recall)
{
    const double denominator = precision + recall;
    return denominator > 0 ? 2 * precision * recall / denominator : 0.0;
}

struct Counts {
    Vector truePositive, predicted, actual;  // per label
};

Counts countPerLabel(const Vector& yTrue, const Vector& yPred, const std::vector<double>& labels)
{
    const Matrix cm = confusionMatrix(yTrue, yPred, labels);
    Counts c;
    c.truePositive = cm.diagonal();
    // A sample whose other label is not listed still counts for the listed
    // one (scikit-learn's multilabel_confusion_matrix), so count directly.
    const auto k = static_cast<Eigen::Index>(labels.size());
    c.predicted = Vector::Zero(k);
    c.actual = Vector::Zero(k);
    for (Eigen::Index i = 0; i < yTrue.size(); ++i) {
        if (const Eigen::Index t = labelIndex(labels, yTrue(i)); t >= 0)
            c.actual(t) += 1;
        if (const Eigen::Index p = labelIndex(labels, yPred(i)); p >= 0)
            c.predicted(p) += 1;
    }
    return c;
}

void checkBinaryTarget(const Vector& yTrue, const Vector& scores, const char* metric)
{
    if (yTrue.size() != scores.size())
        throw DataError(std::string(metric) + ": y_true has " + std::to_string(yTrue.size())
                        + " values but the scores have " + std::to_string(scores.size()));
    if (!scores.allFinite())
        throw DataError(std::string(metric) + ": the scores contain NaN or infinite values");
}

}  // namespace

double accuracy(const Vector& yTrue, const Vector& yPred)
{
    checkPair(yTrue, yPred, "accuracy");
    return (yTrue.array() == yPred.array()).cast<double>().mean();
}

double balancedAccuracy(const Vector& yTrue, const Vector& yPred, bool adjusted)
{
    checkPair(yTrue, yPred, "balanced_accuracy_score");
    const Matrix cm = confusionMatrix(yTrue, yPred);
    double total = 0;
    int classes = 0;
    for (Eigen::Index k = 0; k < cm.rows(); ++k) {
        const double support = cm.row(k).sum();
        if (support == 0)
            continue;  // a label that is only predicted has no recall
        total += cm(k, k) / support;
        ++classes;
    }
    double score = total / classes;
    if (adjusted) {
        const double chance = 1.0 / classes;
        score = (score - chance) / (1 - chance);
    }
    return score;
}

double matthewsCorrcoef(const Vector& yTrue, const Vector& yPred)
{
    checkPair(yTrue, yPred, "matthews_corrcoef");
    // The K-class form (Gorodkin 2004), as scikit-learn computes it: for two
    // classes it is (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)).
    const Matrix cm = confusionMatrix(yTrue, yPred);
    const Vector trueSums = cm.rowwise().sum();
    const Vector predictedSums = cm.colwise().sum().transpose();
    const double n = cm.sum();
    const double correct = cm.trace();
    const double covTruePred = correct * n - trueSums.dot(predictedSums);
    const double covPredPred = n * n - predictedSums.dot(predictedSums);
    const double covTrueTrue = n * n - trueSums.dot(trueSums);
    if (covPredPred * covTrueTrue == 0)
        return 0.0;
    return covTruePred / std::sqrt(covTrueTrue * covPredPred);
}

Matrix confusionMatrix(const Vector& yTrue, const Vector& yPred, const std::vector<double>& labels)
{
    checkPair(yTrue, yPred, "confusion_matrix");
    const std::vector<double> used = labelsOrPresent(yTrue, yPred, labels);
    const auto k = static_cast<Eigen::Index>(used.size());
    Matrix cm = Matrix::Zero(k, k);
    for (Eigen::Index i = 0; i < yTrue.size(); ++i) {
        const Eigen::Index t = labelIndex(used, yTrue(i));
        const Eigen::Index p = labelIndex(used, yPred(i));
        if (t >= 0 && p >= 0)
            cm(t, p) += 1;
    }
    return cm;
}

Matrix confusionMatrix(const Vector& yTrue, const Vector& yPred, ConfusionNormalize normalize,
                       const std::vector<double>& labels)
{
    Matrix cm = confusionMatrix(yTrue, yPred, labels);
    // Divisions by an empty row or column give NaN in numpy, which
    // scikit-learn turns back into 0 (nan_to_num).
    auto safeDivide = [](double value, double total) { return total > 0 ? value / total : 0.0; };
    switch (normalize) {
    case ConfusionNormalize::None:
        break;
    case ConfusionNormalize::True:
        for (Eigen::Index i = 0; i < cm.rows(); ++i) {
            const double total = cm.row(i).sum();
            for (Eigen::Index j = 0; j < cm.cols(); ++j)
                cm(i, j) = safeDivide(cm(i, j), total);
        }
        break;
    case ConfusionNormalize::Pred:
        for (Eigen::Index j = 0; j < cm.cols(); ++j) {
            const double total = cm.col(j).sum();
            for (Eigen::Index i = 0; i < cm.rows(); ++i)
                cm(i, j) = safeDivide(cm(i, j), total);
        }
        break;
    case ConfusionNormalize::All: {
        const double total = cm.sum();
        cm = cm.unaryExpr([&](double v) { return safeDivide(v, total); });
        break;
    }
    }
    return cm;
}

std::vector<PrecisionRecallF1> precisionRecallF1PerClass(const Vector& yTrue, const Vector& yPred,
                                                         const std::vector<double>& labels, double zeroDivision)
{
    checkPair(yTrue, yPred, "precision_recall_fscore_support");
    checkZeroDivision(zeroDivision);
    const std::vector<double> used = labelsOrPresent(yTrue, yPred, labels);
    const Counts c = countPerLabel(yTrue, yPred, used);
    std::vector<PrecisionRecallF1> out(used.size());
    for (std::size_t k = 0; k < used.size(); ++k) {
        const auto i = static_cast<Eigen::Index>(k);
        out[k].precision = ratio(c.truePositive(i), c.predicted(i), zeroDivision);
        out[k].recall = ratio(c.truePositive(i), c.actual(i), zeroDivision);
        out[k].f1 = fScore(out[k].precision, out[k].recall);
        out[k].support = c.actual(i);
    }
    return out;
}

PrecisionRecallF1 precisionRecallF1(const Vector& yTrue, const Vector& yPred, const std::vector<double>& labels,
                                    Average average, double positiveLabel, double zeroDivision)
{
    checkPair(yTrue, yPred, "precision_recall_fscore_support");
    checkZeroDivision(zeroDivision);
    if (average == Average::Binary)
        return precisionRecallF1PerClass(yTrue, yPred, {positiveLabel}, zeroDivision).front();

    const std::vector<double> used = labelsOrPresent(yTrue, yPred, labels);
    PrecisionRecallF1 out;
    if (average == Average::Micro) {
        const Counts c = countPerLabel(yTrue, yPred, used);
        out.precision = ratio(c.truePositive.sum(), c.predicted.sum(), zeroDivision);
        out.recall = ratio(c.truePositive.sum(), c.actual.sum(), zeroDivision);
        out.f1 = fScore(out.precision, out.recall);
        out.support = c.actual.sum();
        return out;
    }
    const std::vector<PrecisionRecallF1> perClass = precisionRecallF1PerClass(yTrue, yPred, used, zeroDivision);
    double weightSum = 0;
    for (const auto& s : perClass) {
        const double w = average == Average::Weighted ? s.support : 1.0;
        out.precision += w * s.precision;
        out.recall += w * s.recall;
        out.f1 += w * s.f1;
        out.support += s.support;
        weightSum += w;
    }
    if (weightSum > 0) {
        out.precision /= weightSum;
        out.recall /= weightSum;
        out.f1 /= weightSum;
        return out;
    }
    // Weighted with no true sample of any listed label: scikit-learn 1.2 gives
    // zero_division everywhere when nothing was predicted either, else only
    // recall is undefined and precision and F1 are 0.
    const Counts c = countPerLabel(yTrue, yPred, used);
    if (c.predicted.sum() == 0) {
        out.precision = out.recall = out.f1 = zeroDivision;
    } else {
        out.precision = out.f1 = 0;
        out.recall = zeroDivision;
    }
    return out;
}

RocCurve rocCurve(const Vector& yTrueBinary, const Vector& scores, double positiveLabel, bool dropIntermediate)
{
    checkBinaryTarget(yTrueBinary, scores, "roc_curve");
    const Eigen::Index n = scores.size();
    if (n == 0)
        throw DataError("roc_curve needs at least one sample");
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return scores(a) > scores(b); });

    // One point per distinct score (tied samples cross the threshold together).
    std::vector<double> fps, tps, thresholds;
    double tp = 0, fp = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const Eigen::Index i = order[k];
        if (yTrueBinary(i) == positiveLabel)
            tp += 1;
        else
            fp += 1;
        if (k + 1 == order.size() || scores(order[k + 1]) != scores(i)) {
            tps.push_back(tp);
            fps.push_back(fp);
            thresholds.push_back(scores(i));
        }
    }
    // Keep the corners: points where either count's second difference is non-zero.
    std::vector<std::size_t> keep;
    for (std::size_t k = 0; k < fps.size(); ++k) {
        const bool end = k == 0 || k + 1 == fps.size();
        if (!dropIntermediate || fps.size() <= 2 || end || fps[k - 1] - 2 * fps[k] + fps[k + 1] != 0
            || tps[k - 1] - 2 * tps[k] + tps[k + 1] != 0)
            keep.push_back(k);
    }
    RocCurve curve;
    const auto m = static_cast<Eigen::Index>(keep.size()) + 1;
    curve.fpr.resize(m);
    curve.tpr.resize(m);
    curve.thresholds.resize(m);
    curve.fpr(0) = 0;
    curve.tpr(0) = 0;
    // scikit-learn 1.2's extra first threshold: above every score.
    curve.thresholds(0) = thresholds.front() + 1;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index j = 1; j < m; ++j) {
        const std::size_t k = keep[static_cast<std::size_t>(j - 1)];
        // With no negatives (or positives) the rate is undefined: NaN, as scikit-learn.
        curve.fpr(j) = fp > 0 ? fps[k] / fp : nan;
        curve.tpr(j) = tp > 0 ? tps[k] / tp : nan;
        curve.thresholds(j) = thresholds[k];
    }
    if (!(fp > 0))
        curve.fpr(0) = nan;
    if (!(tp > 0))
        curve.tpr(0) = nan;
    return curve;
}

double rocAuc(const Vector& yTrueBinary, const Vector& scores, double positiveLabel)
{
    checkBinaryTarget(yTrueBinary, scores, "roc_auc_score");
    const Eigen::Index positives = (yTrueBinary.array() == positiveLabel).count();
    if (positives == 0 || positives == yTrueBinary.size())
        throw DataError("ROC AUC is not defined when y_true holds only one class (" + std::to_string(positives)
                        + " positives among " + std::to_string(yTrueBinary.size())
                        + " samples); evaluate on data with both classes, e.g. a stratified split");
    const RocCurve curve = rocCurve(yTrueBinary, scores, positiveLabel, true);
    // Trapezoids: a run of tied scores is one diagonal segment, which is
    // exactly "ties count one half" of the rank (Mann-Whitney) definition.
    double area = 0;
    for (Eigen::Index k = 0; k + 1 < curve.fpr.size(); ++k)
        area += (curve.fpr(k + 1) - curve.fpr(k)) * (curve.tpr(k + 1) + curve.tpr(k)) / 2.0;
    return area;
}

double rocAucOvr(const Vector& yCodes, const Matrix& proba)
{
    if (yCodes.size() != proba.rows())
        throw DataError("roc_auc_score: y_true has " + std::to_string(yCodes.size())
                        + " values but the probability matrix has " + std::to_string(proba.rows()) + " rows");
    const Vector rowSums = proba.rowwise().sum();
    // scikit-learn's np.allclose(1, row sums) check.
    if (((rowSums.array() - 1.0).abs() > 1e-8 + 1e-5 * rowSums.array().abs()).any())
        throw DataError("roc_auc_score (one-vs-rest): the scores must be probabilities whose rows sum to 1");
    double total = 0;
    for (Eigen::Index k = 0; k < proba.cols(); ++k) {
        const Vector isClass = (yCodes.array() == static_cast<double>(k)).cast<double>().matrix();
        if (isClass.sum() == 0)
            throw DataError("roc_auc_score (one-vs-rest): class " + std::to_string(k)
                            + " does not occur in y_true, so its AUC is undefined; evaluate on data with every class");
        total += rocAuc(isClass, proba.col(k), 1.0);
    }
    return total / static_cast<double>(proba.cols());
}

double logLoss(const Vector& yCodes, const Matrix& proba)
{
    if (yCodes.size() != proba.rows())
        throw DataError("log_loss: y_true has " + std::to_string(yCodes.size()) + " values but the probability matrix has "
                        + std::to_string(proba.rows()) + " rows");
    if (yCodes.size() == 0)
        throw DataError("log_loss needs at least one sample");
    if (proba.cols() < 2)
        throw DataError("log_loss needs one probability column per class (at least two)");
    constexpr double eps = 1e-15;
    double total = 0;
    for (Eigen::Index i = 0; i < yCodes.size(); ++i) {
        const double code = yCodes(i);
        if (!(code >= 0 && code < static_cast<double>(proba.cols())) || code != std::floor(code))
            throw DataError("log_loss: y_true holds " + std::to_string(code) + ", which is not a class code 0.."
                            + std::to_string(proba.cols() - 1));
        const Eigen::ArrayXd row = proba.row(i).transpose().array().max(eps).min(1 - eps);
        total -= std::log(row(static_cast<Eigen::Index>(code)) / row.sum());
    }
    return total / static_cast<double>(yCodes.size());
}

}  // namespace dslab
