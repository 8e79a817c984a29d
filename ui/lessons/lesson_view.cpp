#include "ui/lessons/lesson_view.h"

#include "ui/labs/lab.h"
#include "ui/session/training_session.h"

#include <QLabel>
#include <algorithm>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace dslab {

LessonView::LessonView(const LabEnvironment& env, QWidget* parent) : QWidget(parent), m_env(env)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_text = new QTextBrowser(m_splitter);
    m_text->setOpenLinks(false);
    m_text->setAccessibleName(tr("lesson text"));
    m_text->document()->setDocumentMargin(14);
    auto* labSide = new QWidget(m_splitter);
    auto* labSideLayout = new QVBoxLayout(labSide);
    labSideLayout->setContentsMargins(0, 0, 0, 0);
    m_banner = new QLabel(labSide);
    m_banner->setWordWrap(true);
    m_banner->setAccessibleName(tr("current step"));
    m_banner->setStyleSheet("QLabel { background: #fff4d6; color: #222; border: 1px solid #e6c36a; padding: 8px; }");
    m_banner->hide();
    m_labHolder = new QWidget(labSide);
    labSideLayout->addWidget(m_banner);
    labSideLayout->addWidget(m_labHolder, 1);
    auto* holderLayout = new QVBoxLayout(m_labHolder);
    holderLayout->setContentsMargins(0, 0, 0, 0);
    m_splitter->addWidget(m_text);
    m_splitter->addWidget(labSide);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    // The text needs room to be read; the lab takes the rest.
    m_text->setMinimumWidth(340);
    m_splitter->setSizes({430, 770});
    layout->addWidget(m_splitter);
    connect(m_text, &QTextBrowser::anchorClicked, this, &LessonView::onLink);
}

LessonView::~LessonView()
{
    shutdownLab();
}

void LessonView::shutdownLab()
{
    if (m_lab)
        m_lab->shutdown();
}

void LessonView::showLesson(const Lesson& lesson)
{
    shutdownLab();
    m_lesson = lesson;
    m_revealed.clear();
    m_outcomes.clear();
    disconnect(m_predictConnection);
    m_step = -1;
    auto* holderLayout = m_labHolder->layout();
    while (auto* item = holderLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_lab = nullptr;
    if (LabRegistry::isBuilt(lesson.labType)) {
        m_lab = LabRegistry::create(lesson.labType, m_env, m_labHolder);
        holderLayout->addWidget(m_lab);
        m_lab->applyPreset(lesson.labPreset);
    } else {
        auto* note = new QLabel(m_labHolder);
        note->setWordWrap(true);
        note->setAlignment(Qt::AlignCenter);
        note->setTextFormat(Qt::RichText);
        note->setText(tr("<h3>Live lab: not built yet</h3><p>This lesson's lab (<i>%1</i>) comes in a later version.</p>"
                         "<p>Its text and practice questions are complete: read them on the left.</p>")
                          .arg(lesson.labType.isEmpty() ? tr("none") : lesson.labType.toHtmlEscaped()));
        note->setAccessibleName(tr("lab not available"));
        holderLayout->addWidget(note);
    }
    m_banner->setText(bannerText());
    renderText();
    m_text->verticalScrollBar()->setValue(0);
    // Without a lab the text is the lesson: give it most of the width.
    const int total = std::max(800, m_splitter->width());
    m_splitter->setSizes(m_lab ? QList<int>{total * 36 / 100, total * 64 / 100} : QList<int>{total * 62 / 100, total * 38 / 100});
}

void LessonView::applyTryThis(int index)
{
    if (index < 0 || index >= m_lesson.tryThis.size())
        return;
    showStep(index);
}

void LessonView::setPresenting(bool on)
{
    m_presenting = on;
    m_banner->setVisible(on);
    m_banner->setText(bannerText());
}

QString LessonView::bannerText() const
{
    if (m_lesson.tryThis.isEmpty())
        return tr("%1 (no steps)").arg(m_lesson.title);
    if (m_step < 0)
        return tr("%1 — press Page Down for step 1 of %2").arg(m_lesson.title).arg(m_lesson.tryThis.size());
    return tr("Step %1 of %2: %3").arg(m_step + 1).arg(m_lesson.tryThis.size()).arg(m_lesson.tryThis[m_step].text);
}

void LessonView::showStep(int index)
{
    m_step = std::clamp(index, -1, static_cast<int>(m_lesson.tryThis.size()) - 1);
    // Each step starts clean: the lesson preset with that step's overrides.
    if (m_lab)
        m_lab->applyPreset(m_step < 0 ? m_lesson.labPreset : mergePreset(m_lesson.labPreset, m_lesson.tryThis[m_step].preset));
    m_banner->setText(bannerText());
}

void LessonView::nextStep()
{
    showStep(m_step + 1);
}

void LessonView::previousStep()
{
    showStep(m_step - 1);
}

void LessonView::renderText()
{
    QString md = m_lesson.markdown;
    if (!m_lesson.tryThis.isEmpty()) {
        md += QStringLiteral("\n\n## Try this\n\n");
        for (int i = 0; i < m_lesson.tryThis.size(); ++i) {
            md += QStringLiteral("%1. %2").arg(i + 1).arg(m_lesson.tryThis[i].text);
            if (m_lab)
                md += QStringLiteral(" [Set up this step](dslab:try/%1)").arg(i);
            md += "\n";
        }
    }
    if (!m_lesson.practice.isEmpty()) {
        md += QStringLiteral("\n\n## Practice\n\n");
        for (int i = 0; i < m_lesson.practice.size(); ++i) {
            const PracticeItem& item = m_lesson.practice[i];
            md += QStringLiteral("**Q%1.** %2\n\n").arg(i + 1).arg(item.prompt);
            const bool shown = m_revealed.contains(i);
            if (item.kind == PracticeItem::Kind::Choice) {
                for (int o = 0; o < item.options.size(); ++o) {
                    const auto& opt = item.options[o];
                    md += QStringLiteral("- %1) %2").arg(QChar('a' + o)).arg(opt.text);
                    if (shown)
                        md += QStringLiteral(" — %1 %2").arg(opt.correct ? QStringLiteral("**correct.**") : QStringLiteral("*no.*"), opt.why);
                    md += "\n";
                }
                md += "\n";
            } else if (shown) {
                md += QStringLiteral("*Model answer:* %1\n\n*Key points:*\n\n").arg(item.answer);
                for (const auto& k : item.keyPoints)
                    md += QStringLiteral("- %1\n").arg(k);
                md += "\n";
            }
            md += shown ? QStringLiteral("[Hide answer](dslab:answer/%1)\n\n").arg(i)
                        : QStringLiteral("[Show answer](dslab:answer/%1)\n\n").arg(i);
        }
    }
    md += predictMarkdown();
    if (!m_lesson.related.isEmpty()) {
        md += QStringLiteral("\n\n## Related lessons\n\n");
        for (const auto& id : m_lesson.related)
            md += QStringLiteral("- [%1](dslab:lesson/%1)\n").arg(id);
    }
    const int scroll = m_text->verticalScrollBar()->value();
    m_text->setMarkdown(md);
    m_text->verticalScrollBar()->setValue(scroll);
}

void LessonView::onLink(const QUrl& url)
{
    if (url.scheme() != QLatin1String("dslab"))
        return;
    const QStringList parts = url.path().split('/');
    if (parts.size() != 2)
        return;
    if (parts[0] == QLatin1String("try")) {
        applyTryThis(parts[1].toInt());
    } else if (parts[0] == QLatin1String("answer")) {
        const int i = parts[1].toInt();
        if (m_revealed.contains(i))
            m_revealed.remove(i);
        else
            m_revealed.insert(i);
        renderText();
    } else if (parts[0] == QLatin1String("lesson")) {
        emit lessonRequested(parts[1]);
    } else if (parts[0] == QLatin1String("predict")) {
        const QStringList which = parts[1].split('.');
        if (which.size() == 2)
            predict(which[0].toInt(), which[1].toInt());
    }
}

QString LessonView::predictMarkdown() const
{
    if (m_lesson.predictions.isEmpty())
        return {};
    QString md = QStringLiteral("\n\n## Predict, then run\n\n");
    if (!m_lab)
        md += tr("*These cards run this lesson's lab, which is not built yet.*\n\n");
    for (int i = 0; i < m_lesson.predictions.size(); ++i) {
        const PredictCard& card = m_lesson.predictions[i];
        const PredictOutcome outcome = m_outcomes.value(i);
        md += QStringLiteral("**P%1.** %2\n\n").arg(i + 1).arg(card.prompt);
        for (int o = 0; o < card.options.size(); ++o) {
            const QString label = QStringLiteral("%1) %2").arg(QChar('a' + o)).arg(card.options[o].text);
            // Before a run every option is a link: clicking it is the prediction.
            if (m_lab && !outcome.running)
                md += QStringLiteral("- [%1](dslab:predict/%2.%3)").arg(label).arg(i).arg(o);
            else
                md += QStringLiteral("- %1").arg(label);
            if (o == outcome.predicted)
                md += tr(" ← your prediction");
            if (outcome.measured && o == outcome.actual)
                md += tr(" ← **the lab**");
            md += "\n";
        }
        md += "\n";
        if (outcome.running) {
            md += tr("*Running the lab with this card's settings…*\n\n");
        } else if (outcome.measured) {
            const bool right = outcome.predicted == outcome.actual;
            md += (right ? tr("**Your prediction held.**") : tr("**Not this time.**"))
                  + tr(" The lab measured %1 = %2. %3\n\n")
                        .arg(card.measure)
                        .arg(QString::number(outcome.value, 'g', 4))
                        .arg(card.why);
        } else if (outcome.predicted >= 0) {
            md += tr("*The run did not produce %1; see the lab for the reason.*\n\n").arg(card.measure);
        }
    }
    return md;
}

void LessonView::predict(int card, int option)
{
    if (!m_lab || card < 0 || card >= m_lesson.predictions.size() || option < 0
        || option >= m_lesson.predictions[card].options.size())
        return;
    for (const auto& o : m_outcomes)
        if (o.running)
            return;  // one run at a time
    PredictOutcome outcome;
    outcome.predicted = option;
    outcome.running = true;
    m_outcomes[card] = outcome;
    renderText();
    m_lab->applyPreset(mergePreset(m_lesson.labPreset, m_lesson.predictions[card].preset));
    disconnect(m_predictConnection);
    m_predictConnection = connect(m_lab->session(), &TrainingSession::finished, this, [this, card] { finishPrediction(card); });
    m_lab->trainToEnd();
    if (!m_lab->session()->isRunning())
        finishPrediction(card);  // the lab could not start (its error is shown in the lab)
}

void LessonView::finishPrediction(int card)
{
    disconnect(m_predictConnection);
    PredictOutcome& outcome = m_outcomes[card];
    outcome.running = false;
    const QMap<QString, double> measured = m_lab ? m_lab->measurements() : QMap<QString, double>{};
    const PredictCard& c = m_lesson.predictions[card];
    outcome.measured = measured.contains(c.measure);
    if (outcome.measured) {
        outcome.value = measured.value(c.measure);
        outcome.actual = -1;
        for (int o = 0; o < c.options.size(); ++o)
            if (c.options[o].contains(outcome.value))
                outcome.actual = o;
    }
    renderText();
    emit predictionChecked(card);
}

}  // namespace dslab
