#include "ui/practice/sm2_scheduler.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace dslab {

namespace {

using std::chrono::seconds;

constexpr seconds kDay = std::chrono::hours(24);
constexpr seconds kLearningSteps[] = {std::chrono::minutes(1), std::chrono::minutes(10)};
constexpr seconds kRelearningSteps[] = {std::chrono::minutes(10)};

// A step list viewed as Anki's LearningSteps: delays by step index.
struct Steps {
    const seconds* delays;
    int count;

    // Anki keeps the delay above a day in whole days, so a step answered late
    // in the day gives the same result as one answered early.
    static seconds roundedInDays(seconds delay)
    {
        if (delay <= kDay)
            return delay;
        const float days = static_cast<float>(delay.count()) / static_cast<float>(kDay.count());
        return kDay * static_cast<long long>(std::round(days));
    }

    int clampIndex(int step) const { return std::clamp(step, 0, count - 1); }

    // Hard on the first step must differ from Again (the first step) and stay
    // below Good (the second): Anki uses their average, or 1.5× the only step
    // but at most a day more.
    seconds hardDelay(int step) const
    {
        const int index = clampIndex(step);
        const seconds current = delays[index];
        if (index != 0)
            return current;
        if (count > 1)
            return roundedInDays((current + delays[1]) / 2);
        return roundedInDays(std::min(current * 3 / 2, current + kDay));
    }

    bool hasNext(int step) const { return clampIndex(step) + 1 < count; }
};

constexpr Steps learningSteps{kLearningSteps, static_cast<int>(std::size(kLearningSteps))};
constexpr Steps relearningSteps{kRelearningSteps, static_cast<int>(std::size(kRelearningSteps))};

float easeOf(const Card& card)
{
    return static_cast<float>(card.easePermille) / 1000.0f;
}

int withEaseDelta(int easePermille, int delta)
{
    return std::max(easePermille + delta, Sm2Scheduler::kMinimumEasePermille);
}

// Anki's constrain_passing_interval without fuzz: apply the interval modifier,
// round half away from zero, and clamp to [max(minimum, 1), maximum].
int constrainPassingInterval(float interval, int minimum)
{
    const float scaled = interval * Sm2Scheduler::kIntervalModifier;
    const int maximum = Sm2Scheduler::kMaximumIntervalDays;
    const int lower = std::clamp(minimum, 1, maximum);
    const float rounded = std::round(std::max(scaled, 0.0f));
    if (rounded >= static_cast<float>(maximum))
        return maximum;
    return std::clamp(static_cast<int>(rounded), lower, maximum);
}

// The interval a lapse falls back to (Anki's failing_review_interval): the
// "new interval" share of the old one, truncated, at least the minimum and 1.
int lapseInterval(int intervalDays)
{
    const int share = static_cast<int>(static_cast<float>(intervalDays) * Sm2Scheduler::kLapseMultiplier);
    return std::max({share, Sm2Scheduler::kMinimumLapseIntervalDays, 1});
}

struct PassingIntervals {
    int hard;
    int good;
    int easy;
};

PassingIntervals onTimeIntervals(const Card& card, int daysLate)
{
    const float current = static_cast<float>(card.intervalDays);
    const float late = static_cast<float>(std::max(daysLate, 0));
    const float hardFactor = Sm2Scheduler::kHardMultiplier;
    // Each button at least one day beyond the one before, so the buttons
    // never show the same interval.
    const int hardMinimum = hardFactor <= 1.0f ? 0 : card.intervalDays + 1;
    const int hard = constrainPassingInterval(current * hardFactor, hardMinimum);
    const int goodMinimum = hardFactor <= 1.0f ? card.intervalDays + 1 : hard + 1;
    const int good = constrainPassingInterval((current + late / 2.0f) * easeOf(card), goodMinimum);
    const int easy = constrainPassingInterval((current + late) * easeOf(card) * Sm2Scheduler::kEasyBonus, good + 1);
    return {hard, good, easy};
}

// Reviewed before its due day: the elapsed time, not the scheduled interval,
// is what the learner proved they remember (Anki's early-review rule).
PassingIntervals earlyIntervals(const Card& card, int daysLate)
{
    const float scheduled = static_cast<float>(card.intervalDays);
    const float elapsed = std::max(scheduled + static_cast<float>(daysLate), 0.0f);
    const float hardFactor = Sm2Scheduler::kHardMultiplier;
    const int hard = constrainPassingInterval(std::max(elapsed * hardFactor, scheduled * (hardFactor / 2.0f)), 0);
    const float goodRaw = std::max(elapsed * easeOf(card), scheduled);
    const int good = constrainPassingInterval(goodRaw, 0);
    const float reducedBonus = Sm2Scheduler::kEasyBonus - (Sm2Scheduler::kEasyBonus - 1.0f) / 2.0f;
    const int easy = constrainPassingInterval(goodRaw * reducedBonus, 0);
    return {hard, good, easy};
}

}  // namespace

Sm2Scheduler::Sm2Scheduler(std::chrono::seconds dayStart) : m_dayStart(dayStart) {}

long long Sm2Scheduler::dayNumber(TimePoint t) const
{
    return std::chrono::floor<std::chrono::days>(t.time_since_epoch() - m_dayStart).count();
}

Sm2Scheduler::TimePoint Sm2Scheduler::startOfDay(long long day) const
{
    return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::days(day) + m_dayStart));
}

bool Sm2Scheduler::isDue(const Card& card, TimePoint now) const
{
    return card.state == CardState::New || card.due <= now;
}

Card Sm2Scheduler::answer(Card card, Rating rating, TimePoint now) const
{
    Card next;
    switch (card.state) {
    case CardState::New:
        // A new card is answered as a learning card on its first step.
        card.step = 0;
        card.intervalDays = 0;
        card.easePermille = kStartingEasePermille;
        next = answerLearning(card, rating, now);
        break;
    case CardState::Learning:
        next = answerLearning(card, rating, now);
        break;
    case CardState::Review:
        next = answerReview(card, rating, now);
        break;
    case CardState::Relearning:
        next = answerRelearning(card, rating, now);
        break;
    }
    next.reps = card.reps + 1;
    return next;
}

Card Sm2Scheduler::graduate(Card card, int intervalDays, TimePoint now) const
{
    card.easePermille = kStartingEasePermille;
    return scheduleReview(card, intervalDays, now);
}

Card Sm2Scheduler::scheduleReview(Card card, int intervalDays, TimePoint now) const
{
    card.state = CardState::Review;
    card.step = 0;
    card.intervalDays = intervalDays;
    card.due = startOfDay(dayNumber(now) + intervalDays);
    return card;
}

Card Sm2Scheduler::answerLearning(Card card, Rating rating, TimePoint now) const
{
    const int step = learningSteps.clampIndex(card.step);
    switch (rating) {
    case Rating::Again:
        card.state = CardState::Learning;
        card.step = 0;
        card.due = now + learningSteps.delays[0];
        return card;
    case Rating::Hard:
        card.state = CardState::Learning;
        card.step = step;
        card.due = now + learningSteps.hardDelay(step);
        return card;
    case Rating::Good:
        if (learningSteps.hasNext(step)) {
            card.state = CardState::Learning;
            card.step = step + 1;
            card.due = now + learningSteps.delays[step + 1];
            return card;
        }
        return graduate(card, kGraduatingIntervalDays, now);
    case Rating::Easy:
        return graduate(card, kEasyIntervalDays, now);
    }
    return card;
}

Card Sm2Scheduler::answerReview(Card card, Rating rating, TimePoint now) const
{
    if (rating == Rating::Again) {
        card.lapses += 1;
        card.easePermille = withEaseDelta(card.easePermille, kAgainEaseDelta);
        card.intervalDays = lapseInterval(card.intervalDays);
        card.state = CardState::Relearning;
        card.step = 0;
        card.due = now + relearningSteps.delays[0];
        return card;
    }
    const int daysLate = static_cast<int>(dayNumber(now) - dayNumber(card.due));
    // The intervals use the ease before this answer changes it.
    const PassingIntervals next = daysLate < 0 ? earlyIntervals(card, daysLate) : onTimeIntervals(card, daysLate);
    switch (rating) {
    case Rating::Hard:
        card.easePermille = withEaseDelta(card.easePermille, kHardEaseDelta);
        return scheduleReview(card, next.hard, now);
    case Rating::Good:
        return scheduleReview(card, next.good, now);
    case Rating::Easy:
        card.easePermille += kEasyEaseDelta;  // no upper bound, as in Anki
        return scheduleReview(card, next.easy, now);
    case Rating::Again:
        break;
    }
    return card;
}

Card Sm2Scheduler::answerRelearning(Card card, Rating rating, TimePoint now) const
{
    const int step = relearningSteps.clampIndex(card.step);
    switch (rating) {
    case Rating::Again:
        card.intervalDays = lapseInterval(card.intervalDays);
        card.step = 0;
        card.due = now + relearningSteps.delays[0];
        return card;
    case Rating::Hard:
        card.step = step;
        card.due = now + relearningSteps.hardDelay(step);
        return card;
    case Rating::Good:
        if (relearningSteps.hasNext(step)) {
            card.step = step + 1;
            card.due = now + relearningSteps.delays[step + 1];
            return card;
        }
        return scheduleReview(card, card.intervalDays, now);
    case Rating::Easy:
        return scheduleReview(card, card.intervalDays + 1, now);
    }
    return card;
}

std::string Sm2Scheduler::toString(CardState state)
{
    switch (state) {
    case CardState::New: return "new";
    case CardState::Learning: return "learning";
    case CardState::Review: return "review";
    case CardState::Relearning: return "relearning";
    }
    return "new";
}

std::string Sm2Scheduler::toString(Rating rating)
{
    switch (rating) {
    case Rating::Again: return "again";
    case Rating::Hard: return "hard";
    case Rating::Good: return "good";
    case Rating::Easy: return "easy";
    }
    return "again";
}

bool Sm2Scheduler::fromString(const std::string& name, CardState& out)
{
    for (CardState s : {CardState::New, CardState::Learning, CardState::Review, CardState::Relearning})
        if (toString(s) == name) {
            out = s;
            return true;
        }
    return false;
}

bool Sm2Scheduler::fromString(const std::string& name, Rating& out)
{
    for (Rating r : {Rating::Again, Rating::Hard, Rating::Good, Rating::Easy})
        if (toString(r) == name) {
            out = r;
            return true;
        }
    return false;
}

}  // namespace dslab
