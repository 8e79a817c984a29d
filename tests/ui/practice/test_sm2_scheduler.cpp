// The scheduler gives Anki's intervals for a fixed sequence of answers. The
// expected numbers are derived by hand from Anki's rules (SM-2 mode, default
// options, no fuzz) as written in ui/practice/sm2_scheduler.h; each step's
// arithmetic is in the comment above its check.
#include "ui/practice/sm2_scheduler.h"

#include <QTest>

using namespace dslab;
using namespace std::chrono;

namespace {

using TimePoint = Sm2Scheduler::TimePoint;

// Day D is 2024-03-04; a scheduling day starts at 04:00 UTC (the default
// dayStart), so "noon on day D + n" is always inside day D + n.
TimePoint noon(int dayOffset)
{
    return TimePoint(sys_days{2024y / March / 4} + days(dayOffset) + hours(12));
}

TimePoint dayStart(int dayOffset)
{
    return TimePoint(sys_days{2024y / March / 4} + days(dayOffset) + hours(4));
}

Card reviewCard(int intervalDays, int easePermille, TimePoint due)
{
    Card card;
    card.state = CardState::Review;
    card.intervalDays = intervalDays;
    card.easePermille = easePermille;
    card.due = due;
    card.reps = 3;
    return card;
}

}  // namespace

class TestSm2Scheduler : public QObject {
    Q_OBJECT
private slots:
    void ankiSequence()
    {
        const Sm2Scheduler scheduler;
        Card card;

        // 1. New, Good: the first learning step (1 min) is passed, so the card
        //    moves to the second step and is due in its delay, 10 min.
        card = scheduler.answer(card, Rating::Good, noon(0));
        QCOMPARE(card.state, CardState::Learning);
        QCOMPARE(card.step, 1);
        QCOMPARE(card.due, noon(0) + minutes(10));
        QCOMPARE(card.intervalDays, 0);

        // 2. Good on the last step: graduates with the graduating interval,
        //    1 day, ease 250%; due from the start of day D + 1.
        card = scheduler.answer(card, Rating::Good, noon(0) + minutes(10));
        QCOMPARE(card.state, CardState::Review);
        QCOMPARE(card.intervalDays, 1);
        QCOMPARE(card.easePermille, 2500);
        QCOMPARE(card.due, dayStart(1));

        // 3. Good on time (L = 0), I = 1, ease 2.5:
        //    hard = round(1 × 1.2) = 1, raised to I + 1 = 2;
        //    good = round(1 × 2.5) = round(2.5) = 3 (Anki rounds half away
        //    from zero), at least hard + 1 = 3 → 3 days; ease unchanged.
        card = scheduler.answer(card, Rating::Good, noon(1));
        QCOMPARE(card.intervalDays, 3);
        QCOMPARE(card.easePermille, 2500);
        QCOMPARE(card.due, dayStart(4));

        // 4. Hard on time, I = 3: round(3 × 1.2) = round(3.6) = 4, at least
        //    I + 1 = 4 → 4 days; ease 2500 − 150 = 2350.
        card = scheduler.answer(card, Rating::Hard, noon(4));
        QCOMPARE(card.intervalDays, 4);
        QCOMPARE(card.easePermille, 2350);
        QCOMPARE(card.due, dayStart(8));

        // 5. Easy on time, I = 4, ease 2.35 (the ease before this answer):
        //    hard = round(4.8) = 5 (≥ 5); good = round(4 × 2.35) = round(9.4)
        //    = 9 (≥ 6); easy = round(4 × 2.35 × 1.3) = round(12.22) = 12,
        //    at least good + 1 = 10 → 12 days; ease 2350 + 150 = 2500.
        card = scheduler.answer(card, Rating::Easy, noon(8));
        QCOMPARE(card.intervalDays, 12);
        QCOMPARE(card.easePermille, 2500);
        QCOMPARE(card.due, dayStart(20));

        // 6. Again on time: a lapse. lapses 1, ease 2500 − 200 = 2300,
        //    interval max(1, trunc(12 × 0.0)) = 1; relearning step 1, 10 min.
        card = scheduler.answer(card, Rating::Again, noon(20));
        QCOMPARE(card.state, CardState::Relearning);
        QCOMPARE(card.lapses, 1);
        QCOMPARE(card.easePermille, 2300);
        QCOMPARE(card.intervalDays, 1);
        QCOMPARE(card.due, noon(20) + minutes(10));

        // 7. Good on the only relearning step: back to Review with the lapse
        //    interval, 1 day.
        card = scheduler.answer(card, Rating::Good, noon(20) + minutes(10));
        QCOMPARE(card.state, CardState::Review);
        QCOMPARE(card.intervalDays, 1);
        QCOMPARE(card.due, dayStart(21));

        // 8. Good on time, I = 1, ease 2.3: hard = 2 (the I + 1 minimum);
        //    good = round(2.3) = 2, raised to hard + 1 = 3 → 3 days.
        card = scheduler.answer(card, Rating::Good, noon(21));
        QCOMPARE(card.intervalDays, 3);
        QCOMPARE(card.easePermille, 2300);
        QCOMPARE(card.reps, 8);
        QCOMPARE(card.lapses, 1);
    }

    void learningSteps()
    {
        const Sm2Scheduler scheduler;
        // Hard on the first step: the average of the two steps,
        // (60 s + 600 s) / 2 = 330 s, staying on step 1.
        Card hard = scheduler.answer(Card{}, Rating::Hard, noon(0));
        QCOMPARE(hard.state, CardState::Learning);
        QCOMPARE(hard.step, 0);
        QCOMPARE(hard.due, noon(0) + seconds(330));

        // Hard on the last step repeats that step's delay, 10 min.
        Card second = scheduler.answer(Card{}, Rating::Good, noon(0));
        Card hardLast = scheduler.answer(second, Rating::Hard, noon(0));
        QCOMPARE(hardLast.step, 1);
        QCOMPARE(hardLast.due, noon(0) + minutes(10));

        // Again from any step goes back to the first one: 1 min.
        Card again = scheduler.answer(second, Rating::Again, noon(0));
        QCOMPARE(again.step, 0);
        QCOMPARE(again.due, noon(0) + minutes(1));

        // Easy graduates at once with the easy interval, 4 days.
        Card easy = scheduler.answer(Card{}, Rating::Easy, noon(0));
        QCOMPARE(easy.state, CardState::Review);
        QCOMPARE(easy.intervalDays, 4);
        QCOMPARE(easy.easePermille, 2500);
        QCOMPARE(easy.due, dayStart(4));
    }

    void lateReview()
    {
        const Sm2Scheduler scheduler;
        // I = 3, ease 2.5, answered 2 days after its due day (L = 2):
        // hard = round(3.6) = 4 (≥ 4); good = round((3 + 2/2) × 2.5) = 10;
        // easy = round((3 + 2) × 2.5 × 1.3) = round(16.25) = 16.
        const Card card = reviewCard(3, 2500, dayStart(0));
        QCOMPARE(scheduler.answer(card, Rating::Hard, noon(2)).intervalDays, 4);
        QCOMPARE(scheduler.answer(card, Rating::Good, noon(2)).intervalDays, 10);
        QCOMPARE(scheduler.answer(card, Rating::Easy, noon(2)).intervalDays, 16);
    }

    void earlyReview()
    {
        const Sm2Scheduler scheduler;
        // I = 10, ease 2.5, answered 5 days before its due day: E = 5 days
        // elapsed. hard = round(max(5 × 1.2, 10 × 0.6)) = 6;
        // good = round(max(5 × 2.5, 10)) = round(12.5) = 13;
        // easy = round(12.5 × (1.3 − 0.15)) = round(14.375) = 14.
        const Card card = reviewCard(10, 2500, dayStart(5));
        QCOMPARE(scheduler.answer(card, Rating::Hard, noon(0)).intervalDays, 6);
        QCOMPARE(scheduler.answer(card, Rating::Good, noon(0)).intervalDays, 13);
        QCOMPARE(scheduler.answer(card, Rating::Easy, noon(0)).intervalDays, 14);
    }

    void relearning()
    {
        const Sm2Scheduler scheduler;
        const Card lapsed = scheduler.answer(reviewCard(20, 2500, dayStart(0)), Rating::Again, noon(0));
        QCOMPARE(lapsed.intervalDays, 1);

        // Hard on the only relearning step: 1.5 × 10 min = 15 min.
        const Card hard = scheduler.answer(lapsed, Rating::Hard, noon(0));
        QCOMPARE(hard.state, CardState::Relearning);
        QCOMPARE(hard.due, noon(0) + minutes(15));

        // Again while relearning: back to the step, no second lapse, same ease.
        const Card again = scheduler.answer(lapsed, Rating::Again, noon(0));
        QCOMPARE(again.state, CardState::Relearning);
        QCOMPARE(again.lapses, 1);
        QCOMPARE(again.easePermille, 2300);
        QCOMPARE(again.due, noon(0) + minutes(10));

        // Easy: back to Review with the lapse interval + 1 = 2 days.
        const Card easy = scheduler.answer(lapsed, Rating::Easy, noon(0));
        QCOMPARE(easy.state, CardState::Review);
        QCOMPARE(easy.intervalDays, 2);
        QCOMPARE(easy.easePermille, 2300);
    }

    void minimumEase()
    {
        const Sm2Scheduler scheduler;
        // 1400 − 200 would be 1200: clamped at 1300.
        const Card lapsed = scheduler.answer(reviewCard(5, 1400, dayStart(0)), Rating::Again, noon(0));
        QCOMPARE(lapsed.easePermille, 1300);
        // Hard at the minimum stays at the minimum.
        const Card hard = scheduler.answer(reviewCard(5, 1300, dayStart(0)), Rating::Hard, noon(0));
        QCOMPARE(hard.easePermille, 1300);

        // Anki's own check (review.rs, extreme_multiplier_fuzz with fuzz 0):
        // I = 1, ease 1.3, on time → hard 2, good 3, easy 4, because each
        // button is at least one day beyond the previous one.
        const Card low = reviewCard(1, 1300, dayStart(0));
        QCOMPARE(scheduler.answer(low, Rating::Hard, noon(0)).intervalDays, 2);
        QCOMPARE(scheduler.answer(low, Rating::Good, noon(0)).intervalDays, 3);
        QCOMPARE(scheduler.answer(low, Rating::Easy, noon(0)).intervalDays, 4);
    }

    void maximumInterval()
    {
        const Sm2Scheduler scheduler;
        const Card card = reviewCard(30000, 2500, dayStart(0));
        QCOMPARE(scheduler.answer(card, Rating::Good, noon(0)).intervalDays, 36500);
    }

    void dayBoundaries()
    {
        const Sm2Scheduler scheduler;
        const Card card = scheduler.answer(Card{}, Rating::Easy, noon(0) + hours(11));  // 23:00 on day D
        QCOMPARE(card.due, dayStart(4));
        QVERIFY(!scheduler.isDue(card, dayStart(4) - seconds(1)));
        QVERIFY(scheduler.isDue(card, dayStart(4)));
        // 03:00 UTC still belongs to the previous scheduling day.
        QCOMPARE(scheduler.dayNumber(dayStart(1) - hours(1)), scheduler.dayNumber(noon(0)));
        QVERIFY(scheduler.isDue(Card{}, noon(0)));  // new cards are always available
    }

    void names()
    {
        for (CardState s : {CardState::New, CardState::Learning, CardState::Review, CardState::Relearning}) {
            CardState back = CardState::New;
            QVERIFY(Sm2Scheduler::fromString(Sm2Scheduler::toString(s), back));
            QCOMPARE(back, s);
        }
        for (Rating r : {Rating::Again, Rating::Hard, Rating::Good, Rating::Easy}) {
            Rating back = Rating::Again;
            QVERIFY(Sm2Scheduler::fromString(Sm2Scheduler::toString(r), back));
            QCOMPARE(back, r);
        }
        Rating unchanged = Rating::Hard;
        QVERIFY(!Sm2Scheduler::fromString("excellent", unchanged));
        QCOMPARE(unchanged, Rating::Hard);
    }
};

QTEST_GUILESS_MAIN(TestSm2Scheduler)
#include "test_sm2_scheduler.moc"
