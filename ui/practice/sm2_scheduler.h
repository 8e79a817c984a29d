// When a practice item comes back: Anki's variant of SM-2 with Anki's default
// deck options, fuzz off so the same answers always give the same dates. Plain
// C++ (no Qt) so the rules can be tested and read without the UI.
#pragma once

#include <chrono>
#include <string>

namespace dslab {

// The rules, as Anki's scheduler (rslib/src/scheduler/states, SM-2 mode)
// applies them with its default options. Intervals are computed in single
// precision and rounded half away from zero, as Anki does, and ease is kept in
// permille (2500 = 250%) because Anki stores it that way: the same answers
// therefore give Anki's numbers to the day.
//
// Options (Anki's defaults): learning steps 1 min, 10 min; graduating interval
// 1 day; easy interval 4 days; starting ease 250%; relearning step 10 min;
// new interval after a lapse 0% of the old one, minimum 1 day; hard interval
// ×1.2; easy bonus ×1.3; interval modifier ×1.0; maximum interval 36500 days.
//
// New and Learning (the card walks the learning steps; ease untouched):
//   Again  back to step 1, due in 1 min.
//   Hard   stay on the step, due in the step's delay; on the first step the
//          average of the first two steps (1 and 10 min: 5.5 min).
//   Good   next step (due in its delay); after the last step the card
//          graduates: Review, interval 1 day, ease 250%.
//   Easy   graduates at once: Review, interval 4 days, ease 250%.
//   A New card is answered as a Learning card on its first step.
//
// Review, with I the current interval and L = days late (0 when on time):
//   Hard   interval round(I × 1.2), at least I + 1; ease −150‰.
//   Good   interval round((I + L/2) × ease), at least Hard's interval + 1.
//   Easy   interval round((I + L) × ease × 1.3), at least Good's + 1; ease +150‰.
//   Again  a lapse: lapses + 1, ease −200‰, interval max(1, trunc(I × 0.0))
//          = 1 day, and the card enters Relearning, due in 10 min.
//   Ease never goes below 1300‰ (Again and Hard), and has no upper bound.
//   Intervals are clamped to [1, 36500]. Hard/Good/Easy use the ease before
//   this answer changes it.
//   Reviewed early (L < 0), with E = I + L days elapsed (Anki's early-review
//   rule): Hard round(max(E × 1.2, I × 0.6)), Good round(max(E × ease, I)),
//   Easy round(max(E × ease, I) × 1.15), each at least 1 day, no "+1" minimums.
//
// Relearning (after a lapse; the step list is just 10 min):
//   Again  back to the first relearning step (10 min); interval stays at the
//          lapse interval; no further ease or lapse change.
//   Hard   stay on the step: 1.5 × 10 min = 15 min (one step only).
//   Good   next step, or after the last one back to Review with the lapse
//          interval (1 day).
//   Easy   back to Review at once with the lapse interval + 1 day.
//
// Days: review intervals count scheduling days, not 24-hour periods, like
// Anki: a day starts at a fixed time (Anki's default is 4 a.m. local time),
// a review card is due from the start of its due day, and being "late" is
// counted in those days. Learning delays (minutes) are exact durations.
// Leeches, load balancing and interday learning steps are out of scope: the
// default steps are all shorter than a day.

enum class CardState { New, Learning, Review, Relearning };
enum class Rating { Again = 1, Hard = 2, Good = 3, Easy = 4 };

struct Card {
    CardState state = CardState::New;
    std::chrono::system_clock::time_point due{};  // New cards: ignored
    int intervalDays = 0;    // Review/Relearning: the scheduled interval
    int easePermille = 2500; // 2500 = 250%
    int step = 0;            // Learning/Relearning: index into the step list
    int reps = 0;            // answers given
    int lapses = 0;          // times a Review card was answered Again

    bool operator==(const Card&) const = default;
};

class Sm2Scheduler {
public:
    using Clock = std::chrono::system_clock;
    using TimePoint = Clock::time_point;

    static constexpr int kGraduatingIntervalDays = 1;
    static constexpr int kEasyIntervalDays = 4;
    static constexpr int kStartingEasePermille = 2500;
    static constexpr int kMinimumEasePermille = 1300;
    static constexpr int kAgainEaseDelta = -200;
    static constexpr int kHardEaseDelta = -150;
    static constexpr int kEasyEaseDelta = 150;
    static constexpr float kHardMultiplier = 1.2f;
    static constexpr float kEasyBonus = 1.3f;
    static constexpr float kIntervalModifier = 1.0f;
    static constexpr float kLapseMultiplier = 0.0f;  // Anki's "new interval" 0%
    static constexpr int kMinimumLapseIntervalDays = 1;
    static constexpr int kMaximumIntervalDays = 36500;
    // Anki calls a review card with an interval of 21 days or more "mature".
    static constexpr int kMatureIntervalDays = 21;

    // dayStart: when a scheduling day begins, as an offset from midnight UTC.
    // Anki's default is 4 a.m. local time, i.e. 4 h minus the UTC offset;
    // the Qt side computes that (this class knows nothing about time zones).
    explicit Sm2Scheduler(std::chrono::seconds dayStart = std::chrono::hours(4));

    // The card after answering it with `rating` at `now`. Pure: same inputs,
    // same card.
    Card answer(Card card, Rating rating, TimePoint now) const;

    // New cards are always available; others once `now` reaches their due time.
    bool isDue(const Card& card, TimePoint now) const;

    // Scheduling day of a time point (days since the epoch, shifted by dayStart),
    // and when a given day begins.
    long long dayNumber(TimePoint t) const;
    TimePoint startOfDay(long long day) const;
    std::chrono::seconds dayStart() const { return m_dayStart; }

    // Stable lower-case names used in saved progress ("new", "good", ...).
    static std::string toString(CardState state);
    static std::string toString(Rating rating);
    // False when the name is unknown; `out` is then unchanged.
    static bool fromString(const std::string& name, CardState& out);
    static bool fromString(const std::string& name, Rating& out);

private:
    Card answerLearning(Card card, Rating rating, TimePoint now) const;
    Card answerReview(Card card, Rating rating, TimePoint now) const;
    Card answerRelearning(Card card, Rating rating, TimePoint now) const;
    Card graduate(Card card, int intervalDays, TimePoint now) const;
    Card scheduleReview(Card card, int intervalDays, TimePoint now) const;

    std::chrono::seconds m_dayStart;
};

}  // namespace dslab
