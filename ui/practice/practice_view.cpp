#include "ui/practice/practice_view.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QStyle>
#include <QTableWidget>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <optional>

namespace dslab {

namespace {

constexpr Rating kRatings[] = {Rating::Again, Rating::Hard, Rating::Good, Rating::Easy};

QString ratingName(Rating rating)
{
    switch (rating) {
    case Rating::Again: return PracticeView::tr("Again");
    case Rating::Hard: return PracticeView::tr("Hard");
    case Rating::Good: return PracticeView::tr("Good");
    case Rating::Easy: return PracticeView::tr("Easy");
    }
    return {};
}

// How long until the card comes back, as the rating buttons show it.
QString describeWait(const Card& next, Sm2Scheduler::TimePoint now)
{
    if (next.state == CardState::Learning || next.state == CardState::Relearning) {
        const double minutes = std::chrono::duration<double>(next.due - now).count() / 60.0;
        return PracticeView::tr("%1 min").arg(std::max(1, static_cast<int>(std::lround(minutes))));
    }
    return PracticeView::tr("%n day(s)", nullptr, next.intervalDays);
}

QString stateText(const Card& card)
{
    switch (card.state) {
    case CardState::New: return PracticeView::tr("new item");
    case CardState::Learning: return PracticeView::tr("learning");
    case CardState::Review: return PracticeView::tr("review, last interval %n day(s)", nullptr, card.intervalDays);
    case CardState::Relearning: return PracticeView::tr("relearning");
    }
    return {};
}

QChar optionLetter(int index)
{
    return QChar('A' + index);
}

}  // namespace

PracticeView::PracticeView(const LessonLibrary& library, ProgressStore& store, QWidget* parent)
    : QWidget(parent), m_library(library), m_store(store), m_clock([] { return QDateTime::currentDateTime(); })
{
    setAccessibleName(tr("interview practice"));
    auto* root = new QHBoxLayout(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* cardArea = new QWidget(scroll);
    auto* cardLayout = new QVBoxLayout(cardArea);
    buildCardArea(cardLayout);
    scroll->setWidget(cardArea);
    root->addWidget(scroll, 3);
    root->addWidget(buildSidePanel(), 2);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &PracticeView::tick);

    // Shortcuts are enabled only while they mean something, so Space and the
    // digits still reach buttons, check boxes and the answer box otherwise.
    m_revealShortcut = new QShortcut(QKeySequence(Qt::Key_Space), this);
    m_revealShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_revealShortcut, &QShortcut::activated, this, &PracticeView::reveal);
    for (Rating rating : kRatings) {
        auto* shortcut = new QShortcut(QKeySequence(Qt::Key_0 + static_cast<int>(rating)), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, rating] { rate(rating); });
        m_ratingShortcuts << shortcut;
    }

    refreshStats();
    showNext();
}

void PracticeView::buildCardArea(QVBoxLayout* layout)
{
    auto* top = new QHBoxLayout;
    auto* scopeLabel = new QLabel(tr("&Drill:"));
    m_scopeBox = new QComboBox;
    m_scopeBox->setAccessibleName(tr("drill scope"));
    scopeLabel->setBuddy(m_scopeBox);
    m_scopeBox->addItem(tr("All due"), 0);
    for (int chapter = 1; chapter <= LessonLibrary::chapterCount(); ++chapter)
        m_scopeBox->addItem(tr("%1. %2").arg(chapter).arg(LessonLibrary::chapterTitle(chapter)), chapter);
    connect(m_scopeBox, &QComboBox::currentIndexChanged, this, [this] { showNext(); });
    m_timerCheck = new QCheckBox(tr("2-minute &timer"));
    m_timerCheck->setAccessibleName(tr("two-minute answer timer"));
    m_timerCheck->setToolTip(tr("Interviews give you about two minutes per question: practise at that pace."));
    m_timerLabel = new QLabel;
    m_timerLabel->setAccessibleName(tr("time left"));
    m_timerLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("Time's up ")));
    m_timerLabel->hide();
    connect(m_timerCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (on && m_lesson && !m_canRate)
            startTimer();
        if (!on) {
            stopTimer();
            m_timerLabel->hide();
        }
    });
    top->addWidget(scopeLabel);
    top->addWidget(m_scopeBox, 1);
    top->addStretch();
    top->addWidget(m_timerCheck);
    top->addWidget(m_timerLabel);
    layout->addLayout(top);

    m_itemPanel = new QWidget;
    auto* item = new QVBoxLayout(m_itemPanel);
    item->setContentsMargins(0, 8, 0, 0);
    auto* whereRow = new QHBoxLayout;
    m_whereLabel = new QLabel;
    m_whereLabel->setWordWrap(true);
    m_whereLabel->setAccessibleName(tr("lesson of this question"));
    m_openLessonButton = new QPushButton(tr("&Open lesson"));
    m_openLessonButton->setAccessibleName(tr("open the lesson of this question"));
    connect(m_openLessonButton, &QPushButton::clicked, this, [this] {
        if (m_lesson)
            emit openLessonRequested(m_lesson->id);
    });
    whereRow->addWidget(m_whereLabel, 1);
    whereRow->addWidget(m_openLessonButton);
    item->addLayout(whereRow);

    m_promptLabel = new QLabel;
    m_promptLabel->setWordWrap(true);
    m_promptLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_promptLabel->setAccessibleName(tr("question"));
    QFont promptFont = m_promptLabel->font();
    promptFont.setPointSizeF(promptFont.pointSizeF() * 1.25);
    promptFont.setBold(true);
    m_promptLabel->setFont(promptFont);
    item->addWidget(m_promptLabel);

    m_optionsPanel = new QWidget;
    m_optionsLayout = new QVBoxLayout(m_optionsPanel);
    m_optionsLayout->setContentsMargins(0, 0, 0, 0);
    item->addWidget(m_optionsPanel);

    m_answerEdit = new QPlainTextEdit;
    m_answerEdit->setPlaceholderText(tr("Write your answer as you would say it, then show the model answer."));
    m_answerEdit->setAccessibleName(tr("your answer"));
    m_answerEdit->setTabChangesFocus(true);
    m_answerEdit->setMinimumHeight(fontMetrics().lineSpacing() * 6);
    item->addWidget(m_answerEdit);
    m_revealButton = new QPushButton(tr("Show model answer (Space)"));
    m_revealButton->setAccessibleName(tr("show model answer"));
    connect(m_revealButton, &QPushButton::clicked, this, &PracticeView::reveal);
    item->addWidget(m_revealButton, 0, Qt::AlignLeft);
    m_modelAnswerTitle = new QLabel(tr("Model answer"));
    QFont titleFont = m_modelAnswerTitle->font();
    titleFont.setBold(true);
    m_modelAnswerTitle->setFont(titleFont);
    item->addWidget(m_modelAnswerTitle);
    m_modelAnswer = new QLabel;
    m_modelAnswer->setWordWrap(true);
    m_modelAnswer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modelAnswer->setAccessibleName(tr("model answer"));
    item->addWidget(m_modelAnswer);
    m_keyPointsBox = new QGroupBox(tr("Tick the key points your answer covered"));
    m_keyPointsBox->setAccessibleName(tr("key points"));
    m_keyPointsLayout = new QGridLayout(m_keyPointsBox);
    m_keyPointsLayout->setColumnStretch(1, 1);
    item->addWidget(m_keyPointsBox);

    m_suggestionLabel = new QLabel;
    m_suggestionLabel->setWordWrap(true);
    m_suggestionLabel->setAccessibleName(tr("grading hint"));
    item->addWidget(m_suggestionLabel);
    auto* ratingRow = new QHBoxLayout;
    for (Rating rating : kRatings) {
        auto* button = new QPushButton(ratingName(rating));
        button->setAccessibleName(ratingName(rating));
        button->setToolTip(tr("Key %1").arg(static_cast<int>(rating)));
        // Enter on the focused (suggested) button accepts it, outside dialogs too.
        button->setAutoDefault(true);
        connect(button, &QPushButton::clicked, this, [this, rating] { rate(rating); });
        ratingRow->addWidget(button);
        m_ratingButtons << button;
    }
    item->addLayout(ratingRow);
    layout->addWidget(m_itemPanel);

    m_emptyLabel = new QLabel;
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setAccessibleName(tr("nothing due"));
    m_emptyLabel->hide();
    layout->addWidget(m_emptyLabel);
    layout->addStretch(1);
}

QWidget* PracticeView::buildSidePanel()
{
    auto* side = new QWidget;
    auto* layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    m_streakLabel = new QLabel;
    m_streakLabel->setAccessibleName(tr("practice streak"));
    QFont bold = m_streakLabel->font();
    bold.setBold(true);
    m_streakLabel->setFont(bold);
    layout->addWidget(m_streakLabel);

    m_chapterTable = new QTableWidget(LessonLibrary::chapterCount() + 1, 4);
    m_chapterTable->setAccessibleName(tr("due items per chapter"));
    m_chapterTable->setHorizontalHeaderLabels({tr("Chapter"), tr("Due"), tr("New"), tr("Mastered")});
    m_chapterTable->verticalHeader()->hide();
    m_chapterTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_chapterTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_chapterTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_chapterTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 4; ++c)
        m_chapterTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_chapterTable->setToolTip(tr("Activate a row to drill that chapter."));
    // Row r is scope r: 0 = all chapters.
    connect(m_chapterTable, &QTableWidget::cellActivated, this, [this](int row) { setScope(row); });
    connect(m_chapterTable, &QTableWidget::cellClicked, this, [this](int row) { setScope(row); });
    layout->addWidget(m_chapterTable, 1);

    auto* chart = new QChart;
    chart->setTitle(tr("Mastery per chapter"));
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_learnedSet = new QBarSet(tr("in review"));
    m_masteredSet = new QBarSet(tr("mastered (interval ≥ 21 days)"));
    QStringList categories;
    for (int chapter = 1; chapter <= LessonLibrary::chapterCount(); ++chapter) {
        *m_learnedSet << 0.0;
        *m_masteredSet << 0.0;
        categories << QString::number(chapter);
    }
    auto* series = new QBarSeries;
    series->append(m_learnedSet);
    series->append(m_masteredSet);
    chart->addSeries(series);
    auto* xAxis = new QBarCategoryAxis;
    xAxis->append(categories);
    xAxis->setTitleText(tr("chapter"));
    auto* yAxis = new QValueAxis;
    yAxis->setRange(0, 100);
    yAxis->setLabelFormat("%.0f%%");
    yAxis->setTickCount(5);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    series->attachAxis(xAxis);
    series->attachAxis(yAxis);
    m_chartView = new QChartView(chart);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setAccessibleName(tr("mastery per chapter chart"));
    m_chartView->setMinimumHeight(220);
    layout->addWidget(m_chartView, 1);
    return side;
}

void PracticeView::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    refresh();
}

void PracticeView::setScope(int chapter)
{
    const int index = m_scopeBox->findData(chapter);
    if (index >= 0)
        m_scopeBox->setCurrentIndex(index);  // shows the next item through the signal
}

int PracticeView::scope() const
{
    return m_scopeBox->currentData().toInt();
}

void PracticeView::refresh()
{
    refreshStats();
    showNext();
}

const PracticeItem* PracticeView::currentItem() const
{
    if (!m_lesson || m_index < 0 || m_index >= m_lesson->practice.size())
        return nullptr;
    return &m_lesson->practice[m_index];
}

QPushButton* PracticeView::ratingButton(Rating rating) const
{
    return m_ratingButtons.value(static_cast<int>(rating) - 1);
}

QList<PracticeView::Candidate> PracticeView::candidates() const
{
    const auto now = ProgressStore::toTimePoint(m_clock());
    const auto aheadLimit = now + std::chrono::minutes(kLearnAheadMinutes);
    const int chapter = scope();
    QList<Candidate> learning, reviews, fresh, ahead;
    for (const Lesson& lesson : m_library.lessons()) {
        if (chapter != 0 && lesson.chapter != chapter)
            continue;
        for (int i = 0; i < lesson.practice.size(); ++i) {
            const Card card = m_store.card(ProgressStore::itemId(lesson.id, i));
            const Candidate candidate{&lesson, i, card};
            const bool stepping = card.state == CardState::Learning || card.state == CardState::Relearning;
            if (card.state == CardState::New)
                fresh << candidate;
            else if (m_store.scheduler().isDue(card, now))
                (stepping ? learning : reviews) << candidate;
            else if (stepping && card.due <= aheadLimit)
                ahead << candidate;
        }
    }
    const auto byDue = [](const Candidate& a, const Candidate& b) { return a.card.due < b.card.due; };
    // Learning steps are short and exact, so they go first; reviews in the
    // order they fell due; then new items in curriculum order.
    std::stable_sort(learning.begin(), learning.end(), byDue);
    std::stable_sort(reviews.begin(), reviews.end(), byDue);
    std::stable_sort(ahead.begin(), ahead.end(), byDue);
    return learning + reviews + fresh + ahead;
}

void PracticeView::showNext()
{
    stopTimer();
    clearItemWidgets();
    const QList<Candidate> queue = candidates();
    if (queue.isEmpty()) {
        showNothingDue();
        return;
    }
    showItem(*queue.first().lesson, queue.first().index);
}

void PracticeView::clearItemWidgets()
{
    // deleteLater: this may run from a signal of a widget that is deleted here.
    for (auto* button : m_optionButtons) {
        m_optionsLayout->removeWidget(button);
        button->hide();
        button->deleteLater();
    }
    m_optionButtons.clear();
    for (auto* box : m_keyPointBoxes) {
        m_keyPointsLayout->removeWidget(box);
        box->hide();
        box->deleteLater();
    }
    m_keyPointBoxes.clear();
    for (auto* label : m_keyPointLabels) {
        m_keyPointsLayout->removeWidget(label);
        label->hide();
        label->deleteLater();
    }
    m_keyPointLabels.clear();
    m_lesson = nullptr;
    m_index = -1;
    m_itemId.clear();
    m_canRate = false;
    m_revealed = false;
    m_choseCorrectly = false;
}

void PracticeView::showItem(const Lesson& lesson, int index)
{
    m_lesson = &lesson;
    m_index = index;
    m_itemId = ProgressStore::itemId(lesson.id, index);
    const PracticeItem& item = lesson.practice[index];
    const Card card = m_store.card(m_itemId);

    m_emptyLabel->hide();
    m_itemPanel->show();
    m_whereLabel->setText(tr("Chapter %1 · Lesson %2: %3 · %4")
                              .arg(lesson.chapter)
                              .arg(lesson.number)
                              .arg(lesson.title, stateText(card)));
    m_promptLabel->setText(item.prompt);
    m_modelAnswerTitle->hide();
    m_modelAnswer->hide();
    m_keyPointsBox->hide();

    const bool choice = item.kind == PracticeItem::Kind::Choice;
    m_optionsPanel->setVisible(choice);
    m_answerEdit->setVisible(!choice);
    m_revealButton->setVisible(!choice);
    if (choice) {
        for (int i = 0; i < item.options.size(); ++i) {
            auto* button = new QCommandLinkButton(tr("Option %1").arg(optionLetter(i)), item.options[i].text, m_optionsPanel);
            button->setAccessibleName(tr("option %1: %2").arg(optionLetter(i)).arg(item.options[i].text));
            connect(button, &QCommandLinkButton::clicked, this, [this, i] { choose(i); });
            m_optionsLayout->addWidget(button);
            m_optionButtons << button;
        }
        m_suggestionLabel->setText(tr("Choose an option."));
    } else {
        m_answerEdit->clear();
        m_suggestionLabel->setText(tr("Answer in the box or aloud, then show the model answer (Space)."));
    }
    for (auto* button : m_ratingButtons) {
        button->setEnabled(false);
        QFont f = button->font();
        f.setBold(false);
        button->setFont(f);
    }
    updateRatingLabels();
    m_revealShortcut->setEnabled(!choice);
    for (auto* shortcut : m_ratingShortcuts)
        shortcut->setEnabled(false);
    if (m_timerCheck->isChecked())
        startTimer();
    if (choice && !m_optionButtons.isEmpty())
        m_optionButtons.first()->setFocus();
    else if (!choice)
        m_answerEdit->setFocus();
}

void PracticeView::showNothingDue()
{
    m_itemPanel->hide();
    const auto now = ProgressStore::toTimePoint(m_clock());
    const int chapter = scope();
    std::optional<Sm2Scheduler::TimePoint> next;
    int items = 0;
    for (const Lesson& lesson : m_library.lessons()) {
        if (chapter != 0 && lesson.chapter != chapter)
            continue;
        for (int i = 0; i < lesson.practice.size(); ++i, ++items) {
            const Card card = m_store.card(ProgressStore::itemId(lesson.id, i));
            if (card.state != CardState::New && card.due > now && (!next || card.due < *next))
                next = card.due;
        }
    }
    if (items == 0)
        m_emptyLabel->setText(tr("There are no practice items here yet."));
    else if (next)
        m_emptyLabel->setText(tr("All caught up. The next item is due %1.")
                                  .arg(QLocale().toString(ProgressStore::toDateTime(*next).toLocalTime(), QLocale::ShortFormat)));
    else
        m_emptyLabel->setText(tr("All caught up."));
    m_emptyLabel->show();
    m_revealShortcut->setEnabled(false);
    for (auto* shortcut : m_ratingShortcuts)
        shortcut->setEnabled(false);
}

void PracticeView::choose(int index)
{
    const PracticeItem* item = currentItem();
    if (!item || item->kind != PracticeItem::Kind::Choice || m_canRate || index < 0 || index >= item->options.size())
        return;
    m_choseCorrectly = item->options[index].correct;
    // Every option now shows why it is right or wrong: the explanation of the
    // distractors is half of what an interview question teaches.
    for (int i = 0; i < m_optionButtons.size() && i < item->options.size(); ++i) {
        const PracticeOption& option = item->options[i];
        QString title = tr("Option %1").arg(optionLetter(i));
        QIcon icon;
        if (option.correct) {
            title += tr(" — correct");
            icon = style()->standardIcon(QStyle::SP_DialogApplyButton);
        } else if (i == index) {
            title += tr(" — your answer, not correct");
            icon = style()->standardIcon(QStyle::SP_DialogCancelButton);
        }
        m_optionButtons[i]->setText(title);
        m_optionButtons[i]->setIcon(icon);
        // QCommandLinkButton sizes its description with QTextLayout, which
        // breaks lines only at U+2028, not at '\n'.
        const QString lineBreak(QChar::LineSeparator);
        m_optionButtons[i]->setDescription(option.text + lineBreak + lineBreak + option.why);
        m_optionButtons[i]->setAccessibleDescription(option.why);
    }
    stopTimer();
    if (m_choseCorrectly)
        openRating(Rating::Good, tr("Right. Suggested rating: Good (Enter), or choose another."));
    else
        openRating(Rating::Again, tr("Not quite. Suggested rating: Again (Enter), or choose another."));
    ratingButton(m_suggested)->setFocus();
}

void PracticeView::reveal()
{
    const PracticeItem* item = currentItem();
    if (!item || item->kind != PracticeItem::Kind::Recall || m_revealed)
        return;
    m_revealed = true;
    stopTimer();
    m_revealButton->hide();
    m_revealShortcut->setEnabled(false);
    m_modelAnswer->setText(item->answer);
    m_modelAnswerTitle->show();
    m_modelAnswer->show();
    for (int i = 0; i < item->keyPoints.size(); ++i) {
        // A check box beside a wrapping label: key points can be a long line,
        // and a check box's own text never wraps.
        auto* box = new QCheckBox(m_keyPointsBox);
        box->setAccessibleName(item->keyPoints[i]);
        auto* label = new QLabel(item->keyPoints[i], m_keyPointsBox);
        label->setWordWrap(true);
        label->setBuddy(box);
        label->installEventFilter(this);
        connect(box, &QCheckBox::toggled, this, &PracticeView::updateRecallSuggestion);
        m_keyPointsLayout->addWidget(box, i, 0, Qt::AlignTop);
        m_keyPointsLayout->addWidget(label, i, 1);
        m_keyPointBoxes << box;
        m_keyPointLabels << label;
    }
    m_keyPointsBox->show();
    updateRecallSuggestion();
    if (!m_keyPointBoxes.isEmpty())
        m_keyPointBoxes.first()->setFocus();
}

void PracticeView::updateRecallSuggestion()
{
    const int total = static_cast<int>(m_keyPointBoxes.size());
    const int covered = static_cast<int>(std::count_if(m_keyPointBoxes.begin(), m_keyPointBoxes.end(),
                                                       [](const QCheckBox* b) { return b->isChecked(); }));
    // All points → Good; at least half → Hard; fewer → Again. Easy is the
    // learner's call (an answer that came without effort).
    const Rating suggestion = covered == total ? Rating::Good : (2 * covered >= total ? Rating::Hard : Rating::Again);
    openRating(suggestion, tr("You covered %1 of %2 key points. Suggested rating: %3 (keys 1-4), or choose another.")
                               .arg(covered)
                               .arg(total)
                               .arg(ratingName(suggestion)));
}

void PracticeView::openRating(Rating suggestion, const QString& why)
{
    m_canRate = true;
    m_suggested = suggestion;
    m_suggestionLabel->setText(why);
    for (Rating rating : kRatings) {
        QPushButton* button = ratingButton(rating);
        button->setEnabled(true);
        QFont f = button->font();
        f.setBold(rating == suggestion);
        button->setFont(f);
    }
    for (auto* shortcut : m_ratingShortcuts)
        shortcut->setEnabled(true);
}

void PracticeView::updateRatingLabels()
{
    if (m_itemId.isEmpty())
        return;
    const auto now = ProgressStore::toTimePoint(m_clock());
    const Card card = m_store.card(m_itemId);
    for (Rating rating : kRatings) {
        const QString wait = describeWait(m_store.scheduler().answer(card, rating, now), now);
        QPushButton* button = ratingButton(rating);
        button->setText(tr("%1  %2\n%3").arg(static_cast<int>(rating)).arg(ratingName(rating), wait));
        button->setAccessibleDescription(tr("see this question again in %1").arg(wait));
    }
}

void PracticeView::rate(Rating rating)
{
    const PracticeItem* item = currentItem();
    if (!item || !m_canRate)
        return;
    PracticeRecord record;
    record.itemId = m_itemId;
    record.at = m_clock();
    record.rating = rating;
    record.kind = item->kind;
    record.correct = m_choseCorrectly;
    if (item->kind == PracticeItem::Kind::Recall) {
        record.keyPointsTotal = static_cast<int>(m_keyPointBoxes.size());
        record.keyPointsCovered = static_cast<int>(std::count_if(m_keyPointBoxes.begin(), m_keyPointBoxes.end(),
                                                                 [](const QCheckBox* b) { return b->isChecked(); }));
    }
    m_store.recordAnswer(record);
    if (!m_store.save())
        emit problemReported(m_store.lastProblem());
    const QString id = m_itemId;
    refreshStats();
    showNext();
    emit answered(id, rating);
}

QList<double> PracticeView::masteryPerChapter() const
{
    QList<double> out;
    for (int i = 0; i < m_masteredSet->count(); ++i)
        out << m_masteredSet->at(i) / 100.0;
    return out;
}

void PracticeView::refreshStats()
{
    const QDateTime now = m_clock();
    const int streak = m_store.currentStreak(now.toLocalTime().date());
    m_streakLabel->setText(streak > 0 ? tr("Streak: %n day(s) in a row", nullptr, streak)
                                      : tr("Streak: practise today to start one"));
    for (int row = 0; row <= LessonLibrary::chapterCount(); ++row) {
        const ChapterProgress p = m_store.chapterProgress(m_library, row, now);
        const QString name = row == 0 ? tr("All chapters") : tr("%1. %2").arg(row).arg(LessonLibrary::chapterTitle(row));
        const QStringList cells{name, QString::number(p.due), QString::number(p.newItems),
                                QStringLiteral("%1%").arg(std::lround(100.0 * p.mastery()))};
        for (int col = 0; col < cells.size(); ++col) {
            auto* cell = m_chapterTable->item(row, col);
            if (!cell) {
                cell = new QTableWidgetItem;
                if (col > 0)
                    cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_chapterTable->setItem(row, col, cell);
            }
            cell->setText(cells[col]);
        }
        m_chapterTable->item(row, 0)->setToolTip(tr("%1 practice items, %2 in review, %3 mastered")
                                                     .arg(p.items)
                                                     .arg(p.learned)
                                                     .arg(p.mature));
        m_scopeBox->setItemText(row, row == 0 ? tr("All due (%1 due, %2 new)").arg(p.due).arg(p.newItems)
                                              : tr("%1 (%2 due, %3 new)").arg(name).arg(p.due).arg(p.newItems));
        if (row > 0 && p.items > 0) {
            m_learnedSet->replace(row - 1, 100.0 * p.learned / p.items);
            m_masteredSet->replace(row - 1, 100.0 * p.mastery());
        }
    }
}

void PracticeView::startTimer()
{
    m_remaining = kTimerSeconds;
    m_timerLabel->setText(QStringLiteral("%1:%2").arg(m_remaining / 60).arg(m_remaining % 60, 2, 10, QChar('0')));
    m_timerLabel->show();
    m_timer->start();
}

void PracticeView::stopTimer()
{
    m_timer->stop();
}

void PracticeView::tick()
{
    m_remaining = std::max(0, m_remaining - 1);
    if (m_remaining == 0) {
        m_timer->stop();
        m_timerLabel->setText(tr("Time's up"));
        return;
    }
    m_timerLabel->setText(QStringLiteral("%1:%2").arg(m_remaining / 60).arg(m_remaining % 60, 2, 10, QChar('0')));
}

bool PracticeView::eventFilter(QObject* watched, QEvent* event)
{
    // Clicking a key point's text ticks its box, as a check box's own text would.
    if (event->type() == QEvent::MouseButtonRelease) {
        const qsizetype i = m_keyPointLabels.indexOf(qobject_cast<QLabel*>(watched));
        if (i >= 0 && i < m_keyPointBoxes.size()) {
            m_keyPointBoxes[i]->toggle();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace dslab
