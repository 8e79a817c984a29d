#include "engine/text/porter_stemmer.h"

#include <initializer_list>
#include <utility>

namespace dslab::text {

namespace {

// The word being stemmed and the paper's predicates on a prefix of it (the
// "stem" left once a suffix is taken off). Lengths, not indices, describe a prefix.
class PorterWord {
public:
    explicit PorterWord(std::string_view word)
        : w(word)
    {
    }

    // The paper's consonant: not a, e, i, o, u, and not a y that follows a consonant.
    bool isConsonant(std::size_t i) const
    {
        switch (w[i]) {
        case 'a': case 'e': case 'i': case 'o': case 'u': return false;
        case 'y': return i == 0 || !isConsonant(i - 1);
        default: return true;
        }
    }

    // m in [C](VC)^m[V] for the prefix of length len.
    int measure(std::size_t len) const
    {
        int m = 0;
        std::size_t i = 0;
        while (i < len && isConsonant(i))
            ++i;
        while (i < len) {
            while (i < len && !isConsonant(i))
                ++i;
            if (i >= len)
                break;
            while (i < len && isConsonant(i))
                ++i;
            ++m;
        }
        return m;
    }

    // *v*: the prefix contains a vowel.
    bool hasVowel(std::size_t len) const
    {
        for (std::size_t i = 0; i < len; ++i)
            if (!isConsonant(i))
                return true;
        return false;
    }

    // *d: the prefix ends with a double consonant.
    bool endsDoubleConsonant(std::size_t len) const
    {
        return len >= 2 && w[len - 1] == w[len - 2] && isConsonant(len - 1);
    }

    // *o: the prefix ends consonant-vowel-consonant, the last not w, x or y.
    bool endsCvc(std::size_t len) const
    {
        if (len < 3 || !isConsonant(len - 3) || isConsonant(len - 2) || !isConsonant(len - 1))
            return false;
        const char c = w[len - 1];
        return c != 'w' && c != 'x' && c != 'y';
    }

    bool endsWith(std::string_view suffix) const
    {
        return w.size() >= suffix.size() && std::string_view(w).substr(w.size() - suffix.size()) == suffix;
    }

    void replaceSuffix(std::size_t suffixLength, std::string_view replacement)
    {
        w.resize(w.size() - suffixLength);
        w.append(replacement);
    }

    // One step's rule list: the first (longest) suffix that matches decides;
    // it is replaced only if its stem has measure > minMeasure. Returns
    // whether a suffix matched, whatever the condition said.
    using Rule = std::pair<std::string_view, std::string_view>;
    bool applyFirstMatch(std::initializer_list<Rule> rules, int minMeasure)
    {
        for (const auto& [suffix, replacement] : rules) {
            if (!endsWith(suffix))
                continue;
            if (measure(w.size() - suffix.size()) > minMeasure)
                replaceSuffix(suffix.size(), replacement);
            return true;
        }
        return false;
    }

    std::string w;
};

void step1a(PorterWord& p)
{
    p.applyFirstMatch({{"sses", "ss"}, {"ies", "i"}, {"ss", "ss"}, {"s", ""}}, -1);
}

void step1b(PorterWord& p)
{
    if (p.endsWith("eed")) {
        if (p.measure(p.w.size() - 3) > 0)
            p.replaceSuffix(3, "ee");
        return;
    }
    std::size_t cut = 0;
    if (p.endsWith("ed") && p.hasVowel(p.w.size() - 2))
        cut = 2;
    else if (p.endsWith("ing") && p.hasVowel(p.w.size() - 3))
        cut = 3;
    if (cut == 0)
        return;
    p.replaceSuffix(cut, "");
    // Tidy the stem so that later steps see "hope" for "hoping", "hop" for "hopping".
    if (p.endsWith("at") || p.endsWith("bl") || p.endsWith("iz")) {
        p.w.push_back('e');
    } else if (p.endsDoubleConsonant(p.w.size())) {
        const char last = p.w.back();
        if (last != 'l' && last != 's' && last != 'z')
            p.w.pop_back();
    } else if (p.measure(p.w.size()) == 1 && p.endsCvc(p.w.size())) {
        p.w.push_back('e');
    }
}

void step1c(PorterWord& p)
{
    if (p.endsWith("y") && p.hasVowel(p.w.size() - 1))
        p.w.back() = 'i';
}

void step2(PorterWord& p)
{
    p.applyFirstMatch({{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
                       {"izer", "ize"}, {"abli", "able"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"},
                       {"ousli", "ous"}, {"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}, {"alism", "al"},
                       {"iveness", "ive"}, {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},
                       {"iviti", "ive"}, {"biliti", "ble"}},
                      0);
}

void step3(PorterWord& p)
{
    p.applyFirstMatch({{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"}, {"ical", "ic"},
                       {"ful", ""}, {"ness", ""}},
                      0);
}

void step4(PorterWord& p)
{
    // "ion" goes only after s or t (adoption -> adopt, but not onion -> on).
    if (p.endsWith("ion")) {
        const std::size_t stem = p.w.size() - 3;
        if (stem > 0 && (p.w[stem - 1] == 's' || p.w[stem - 1] == 't') && p.measure(stem) > 1)
            p.replaceSuffix(3, "");
        return;
    }
    p.applyFirstMatch({{"al", ""}, {"ance", ""}, {"ence", ""}, {"er", ""}, {"ic", ""}, {"able", ""},
                       {"ible", ""}, {"ant", ""}, {"ement", ""}, {"ment", ""}, {"ent", ""}, {"ou", ""},
                       {"ism", ""}, {"ate", ""}, {"iti", ""}, {"ous", ""}, {"ive", ""}, {"ize", ""}},
                      1);
}

void step5(PorterWord& p)
{
    if (p.endsWith("e")) {
        const std::size_t stem = p.w.size() - 1;
        const int m = p.measure(stem);
        if (m > 1 || (m == 1 && !p.endsCvc(stem)))
            p.w.pop_back();
    }
    if (p.measure(p.w.size()) > 1 && p.endsDoubleConsonant(p.w.size()) && p.w.back() == 'l')
        p.w.pop_back();
}

}  // namespace

std::string porterStem(std::string_view word)
{
    PorterWord p(word);
    if (p.w.empty())
        return p.w;
    step1a(p);
    step1b(p);
    step1c(p);
    step2(p);
    step3(p);
    step4(p);
    step5(p);
    return p.w;
}

}  // namespace dslab::text
