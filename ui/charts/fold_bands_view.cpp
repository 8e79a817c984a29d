#include "ui/charts/fold_bands_view.h"

#include "ui/charts/chart_painting.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace dslab {

namespace {

// A class colour washed toward the background: the training cells.
QColor pale(const QColor& colour, const QColor& background)
{
    const double keep = 0.28;
    return QColor::fromRgbF(static_cast<float>(keep * colour.redF() + (1 - keep) * background.redF()),
                            static_cast<float>(keep * colour.greenF() + (1 - keep) * background.greenF()),
                            static_cast<float>(keep * colour.blueF() + (1 - keep) * background.blueF()));
}

}  // namespace

FoldBandsView::FoldBandsView(QWidget* parent) : ChartWidget(parent)
{
    setAccessibleName(tr("cross-validation folds"));
    setMinimumSize(320, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FoldBandsView::setFolds(const QVector<int>& classes, const QStringList& classNames,
                             const QVector<QVector<bool>>& validation)
{
    m_classes = classes;
    m_classNames = classNames;
    m_validation = validation;
    m_scores = QVector<double>(validation.size(), std::nan(""));
    update();
}

void FoldBandsView::setScore(int fold, double score)
{
    if (fold < 0 || fold >= m_scores.size())
        return;
    m_scores[fold] = score;
    update();
}

void FoldBandsView::setScoreName(const QString& name)
{
    m_scoreName = name;
    update();
}

void FoldBandsView::clear()
{
    m_classes.clear();
    m_validation.clear();
    m_scores.clear();
    update();
}

double FoldBandsView::score(int fold) const
{
    return fold >= 0 && fold < m_scores.size() ? m_scores[fold] : std::nan("");
}

QVector<double> FoldBandsView::classShares(int fold) const
{
    QVector<double> shares(m_classNames.size(), 0.0);
    if (fold < 0 || fold >= m_validation.size())
        return shares;
    double total = 0;
    const QVector<bool>& v = m_validation[fold];
    for (int i = 0; i < v.size() && i < m_classes.size(); ++i)
        if (v[i] && m_classes[i] >= 0 && m_classes[i] < shares.size()) {
            shares[m_classes[i]] += 1;
            total += 1;
        }
    if (total > 0)
        for (double& s : shares)
            s /= total;
    return shares;
}

void FoldBandsView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const ChartInk ink = chartInk(palette());
    painter.fillRect(rect(), ink.background);
    painter.setFont(font());
    const QFontMetricsF fm(font());
    if (m_validation.isEmpty()) {
        painter.setPen(ink.mutedText);
        painter.drawText(rect(), Qt::AlignCenter, tr("Press Run: the folds appear here"));
        return;
    }
    const int folds = static_cast<int>(m_validation.size());
    const int rows = static_cast<int>(m_classes.size());

    // Columns: fold label | band of rows | validation class mix | score bar.
    const double pad = 6;
    const double labelW = fm.horizontalAdvance(tr("fold %1").arg(folds)) + 8;
    const double usable = width() - 2 * pad - labelW;
    const double shareW = std::max(50.0, usable * 0.14);
    const double scoreW = std::max(110.0, usable * 0.26);
    const double bandW = std::max(60.0, usable - shareW - scoreW - 2 * pad);
    const double bandX = pad + labelW;
    const double shareX = bandX + bandW + pad;
    const double scoreX = shareX + shareW + pad;
    const double headerH = fm.height() * 2.4;
    const double footerH = fm.height() * 2.3;
    const double rowH = std::clamp((height() - headerH - footerH) / folds, 4.0, fm.height() * 2.2);
    const double gap = rowH > 10 ? 2 : 1;

    // Header: what the cells mean, and the column titles.
    painter.setPen(ink.text);
    double x = pad;
    const double sw = fm.height() * 0.8;
    const double y0 = pad / 2;
    for (int k = 0; k < m_classNames.size(); ++k) {
        const QColor c = classColor(k);
        painter.fillRect(QRectF(x, y0 + 2, sw, sw), c);
        painter.fillRect(QRectF(x + sw, y0 + 2, sw, sw), pale(c, ink.background));
        x += 2 * sw + 4;
        const QString name = m_classNames[k];
        painter.drawText(QPointF(x, y0 + fm.ascent()), name);
        x += fm.horizontalAdvance(name) + 12;
    }
    painter.setPen(ink.mutedText);
    painter.drawText(QPointF(x, y0 + fm.ascent()), tr("strong: validation row · pale: training row"));
    const double titleY = y0 + fm.height() * 1.2 + fm.ascent();
    painter.drawText(QRectF(bandX, titleY - fm.ascent(), bandW, fm.height()), Qt::AlignLeft,
                     tr("rows in the data's order (%1)").arg(rows));
    // The number in each mix bar is the last class's share (the positive class of a binary problem).
    const QString mixTitle = m_classNames.isEmpty() ? tr("class mix") : tr("%1 share").arg(m_classNames.back());
    painter.drawText(QRectF(shareX, titleY - fm.ascent(), shareW, fm.height()), Qt::AlignLeft,
                     fm.elidedText(mixTitle, Qt::ElideRight, shareW));
    painter.drawText(QRectF(scoreX, titleY - fm.ascent(), scoreW, fm.height()), Qt::AlignLeft,
                     fm.elidedText(m_scoreName.isEmpty() ? tr("score") : m_scoreName, Qt::ElideRight, scoreW));

    // Score scale: 0..1 for scores in that range (accuracy, F1, AUC), else the data's range.
    double lo = 0, hi = 1;
    std::vector<double> finite;
    for (double s : m_scores)
        if (std::isfinite(s))
            finite.push_back(s);
    if (!finite.empty()) {
        const auto [mn, mx] = std::minmax_element(finite.begin(), finite.end());
        lo = std::min(0.0, *mn);
        hi = *mx > 1 ? *mx : (*mx <= 0 && *mn < 0 ? 0.0 : 1.0);
        if (hi - lo < 1e-12)
            hi = lo + 1;
    }
    const double valueW = fm.horizontalAdvance("0.000") + 6;
    const double barW = std::max(20.0, scoreW - valueW);
    auto scoreToX = [&](double s) { return scoreX + (s - lo) / (hi - lo) * barW; };
    const double top = headerH;
    const double bottom = top + folds * rowH;

    // The mean +- std strip behind the score bars.
    if (finite.size() >= 2 || (finite.size() == 1 && folds == 1)) {
        double mean = 0, var = 0;
        for (double s : finite)
            mean += s;
        mean /= static_cast<double>(finite.size());
        for (double s : finite)
            var += (s - mean) * (s - mean);
        const double sd = std::sqrt(var / static_cast<double>(finite.size()));
        QColor strip = ink.accent;
        strip.setAlphaF(0.15f);
        const double a = scoreToX(std::max(lo, mean - sd)), b = scoreToX(std::min(hi, mean + sd));
        painter.fillRect(QRectF(a, top, std::max(1.0, b - a), bottom - top), strip);
        painter.setPen(QPen(ink.text, 1.2, Qt::DashLine));
        painter.drawLine(QPointF(scoreToX(mean), top), QPointF(scoreToX(mean), bottom));
        painter.setPen(ink.text);
        // Right-aligned under the score column, free to run left under the class mix.
        const QRectF span(shareX, bottom + 2, scoreX + scoreW - shareX, fm.height());
        painter.drawText(span, Qt::AlignRight,
                         fm.elidedText(tr("dashed: mean %1 ± %2 (std)").arg(mean, 0, 'f', 3).arg(sd, 0, 'f', 3),
                                       Qt::ElideRight, span.width()));
    }

    const double cellW = bandW / std::max(1, rows);
    for (int f = 0; f < folds; ++f) {
        const double ry = top + f * rowH;
        const QRectF band(bandX, ry, bandW, rowH - gap);
        painter.setPen(ink.text);
        if (rowH >= fm.height() * 0.7)
            painter.drawText(QRectF(pad, ry, labelW - 4, rowH - gap), Qt::AlignRight | Qt::AlignVCenter,
                             tr("fold %1").arg(f + 1));
        const QVector<bool>& v = m_validation[f];
        // Training cells first, validation cells over them, each at least a pixel wide.
        for (int pass = 0; pass < 2; ++pass)
            for (int i = 0; i < rows && i < v.size(); ++i) {
                if (v[i] != (pass == 1))
                    continue;
                const QColor c = classColor(std::max(0, m_classes[i]));
                painter.fillRect(QRectF(bandX + i * cellW, band.top(), std::max(1.0, cellW), band.height()),
                                 v[i] ? c : pale(c, ink.background));
            }
        // Class mix of the validation part.
        const QVector<double> shares = classShares(f);
        double sx = shareX;
        for (int k = 0; k < shares.size(); ++k) {
            const double w = shares[k] * shareW;
            painter.fillRect(QRectF(sx, band.top(), w, band.height()), classColor(k));
            sx += w;
        }
        if (rowH >= fm.height() * 0.9 && shares.size() >= 2) {
            // The share of the last class (the positive one in a binary problem).
            painter.setPen(Qt::white);
            painter.drawText(QRectF(shareX, band.top(), shareW - 3, band.height()), Qt::AlignRight | Qt::AlignVCenter,
                             QStringLiteral("%1%").arg(std::lround(100 * shares.back())));
        }
        // Score bar and value.
        const double s = f < m_scores.size() ? m_scores[f] : std::nan("");
        if (std::isfinite(s)) {
            const double a = scoreToX(std::min(std::max(lo, 0.0), hi)), b = scoreToX(s);
            painter.fillRect(QRectF(std::min(a, b), band.top() + band.height() * 0.15, std::max(1.5, std::abs(b - a)),
                                    band.height() * 0.7),
                             ink.accent);
            if (rowH >= fm.height() * 0.7) {
                painter.setPen(ink.text);
                painter.drawText(QRectF(scoreX + barW + 4, ry, valueW, rowH - gap), Qt::AlignLeft | Qt::AlignVCenter,
                                 QString::number(s, 'f', 3));
            }
        } else {
            painter.setPen(ink.mutedText);
            painter.drawText(QRectF(scoreX, ry, scoreW, rowH - gap), Qt::AlignLeft | Qt::AlignVCenter, tr("…"));
        }
    }
    painter.setPen(QPen(ink.axis, 1));
    painter.drawLine(QPointF(scoreX, top), QPointF(scoreX, bottom));
    painter.setPen(ink.mutedText);
    painter.drawText(QRectF(scoreX - 20, bottom + 2 + fm.height(), 40, fm.height()), Qt::AlignHCenter,
                     formatNumber(lo));
    painter.drawText(QRectF(scoreX + barW - 20, bottom + 2 + fm.height(), 40, fm.height()), Qt::AlignHCenter,
                     formatNumber(hi));
}

QString FoldBandsView::toCsv() const
{
    QString out = QStringLiteral("fold,validation_rows,score");
    for (const QString& name : m_classNames)
        out += QStringLiteral(",share_") + csvField(name);
    out += '\n';
    for (int f = 0; f < m_validation.size(); ++f) {
        const int n = static_cast<int>(std::count(m_validation[f].begin(), m_validation[f].end(), true));
        out += QString::number(f + 1) + ',' + QString::number(n) + ',' + QString::number(score(f), 'g', 10);
        for (double s : classShares(f))
            out += ',' + QString::number(s, 'g', 6);
        out += '\n';
    }
    return out;
}

}  // namespace dslab
