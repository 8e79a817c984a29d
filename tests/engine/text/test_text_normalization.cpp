// The text building blocks: lowercasing and tokenizing as scikit-learn's
// default analyzer does (also beyond ASCII), the stop-word table, word
// n-grams and the 1980 Porter stemmer on hand-checked words covering each step.
#include "engine/text/english_stop_words.h"
#include "engine/text/lowercase.h"
#include "engine/text/porter_stemmer.h"
#include "engine/text/utf8.h"
#include "engine/text/word_analyzer.h"
#include "engine/text/word_ngrams.h"
#include "engine/text/word_tokenizer.h"

#include <QtTest>
#include <string>
#include <vector>

using namespace dslab::text;

namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views)
{
    return {views.begin(), views.end()};
}

bool validUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const DecodedCodePoint d = decodeUtf8(s, i);
        if (!d.valid)
            return false;
        i += static_cast<std::size_t>(d.length);
    }
    return true;
}

}  // namespace

class TestTextNormalization : public QObject {
    Q_OBJECT

private slots:
    void lowercasesAsciiAndLatin1()
    {
        QCOMPARE(toLowerUtf8("Hello WORLD 42_X"), std::string("hello world 42_x"));
        // Latin-1, Greek, Cyrillic: as Python's str.lower().
        QCOMPARE(toLowerUtf8("\xC3\x9C" "BER \xC3\x89T\xC3\x89"), std::string("\xC3\xBC" "ber \xC3\xA9t\xC3\xA9"));
        QCOMPARE(toLowerUtf8("\xCE\x94\xCE\x95\xCE\x9B\xCE\xA4\xCE\x91"), std::string("\xCE\xB4\xCE\xB5\xCE\xBB\xCF\x84\xCE\xB1"));
        QCOMPARE(toLowerUtf8("\xD0\x9C\xD0\x98\xD0\xA0"), std::string("\xD0\xBC\xD0\xB8\xD1\x80"));
        // U+0130 becomes two code points, as in Python.
        QCOMPARE(toLowerUtf8("\xC4\xB0"), std::string("i\xCC\x87"));
        // Emoji and symbols are unchanged; malformed bytes are copied through.
        QCOMPARE(toLowerUtf8("OK \xF0\x9F\x98\x80 \xC2\xA3" "5"), std::string("ok \xF0\x9F\x98\x80 \xC2\xA3" "5"));
        QCOMPARE(toLowerUtf8("A\xFF" "B\xC3"), std::string("a\xFF" "b\xC3"));
    }

    void tokenizesLikeTheDefaultTokenPattern()
    {
        // One-character runs are dropped; punctuation and apostrophes split words.
        QCOMPARE(strings(tokenizeWords("I can't wait, a b cd e_f 2morrow!! 4 u")),
                 (std::vector<std::string>{"can", "wait", "cd", "e_f", "2morrow"}));
        QCOMPARE(tokenizeWords("").size(), std::size_t(0));
        QCOMPARE(tokenizeWords(" .,!? ").size(), std::size_t(0));
        // Python's \w: accented letters are word characters; the pound sign, curly
        // quotes, dashes and emoji are not.
        QCOMPARE(strings(tokenizeWords("\xC3\xBC" "ber caf\xC3\xA9 \xC2\xA3" "100 \xE2\x80\x98hi\xE2\x80\x99 a\xE2\x80\x93" "b "
                                       "go\xF0\x9F\x98\x80" "od \xC3\xA9" "t")),
                 (std::vector<std::string>{"\xC3\xBC" "ber", "caf\xC3\xA9", "100", "hi", "go", "od", "\xC3\xA9" "t"}));
        // A letter of two bytes counts as one character: "\xC3\xA9" alone is dropped.
        QCOMPARE(tokenizeWords("\xC3\xA9 x").size(), std::size_t(0));
        // CJK and digits like superscript two are word characters (as in Python).
        QCOMPARE(strings(tokenizeWords("\xE4\xBD\xA0\xE5\xA5\xBD, x\xC2\xB2")),
                 (std::vector<std::string>{"\xE4\xBD\xA0\xE5\xA5\xBD", "x\xC2\xB2"}));
        QVERIFY(isWordCharacter(U'\u00E9'));
        QVERIFY(!isWordCharacter(U'\u00A3'));
        QVERIFY(!isWordCharacter(U'\U0001F600'));
        QVERIFY(!isWordCharacter(U'\u0301'));  // combining accent: not \w in Python
    }

    void neverSplitsACodePoint()
    {
        // Accents, emoji (with joiners and skin tones), CJK and malformed bytes:
        // every token must be whole UTF-8 and nothing may crash.
        const std::string text = "Cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD"
                                 "ok \xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97 \xF0\x9F\x98\x80\xF0\x9F\x98\x80 ab\xC3" "cd \xE2\x82 ef\x80gh";
        const std::string lowered = toLowerUtf8(text);
        QVERIFY(lowered.size() == text.size());
        for (std::string_view token : tokenizeWords(lowered))
            QVERIFY2(validUtf8(token), std::string(token).c_str());
        QCOMPARE(strings(tokenizeWords(lowered)),
                 (std::vector<std::string>{"cr\xC3\xA8me", "br\xC3\xBBl\xC3\xA9", "ok", "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97",
                                           "ab", "cd", "ef", "gh"}));
        // A sequence cut off at the end of the text.
        QCOMPARE(strings(tokenizeWords("abc\xE4\xB8")), (std::vector<std::string>{"abc"}));
    }

    void stopWordsAreScikitLearns()
    {
        const auto& words = englishStopWords();
        QCOMPARE(words.size(), std::size_t(318));
        QVERIFY(std::is_sorted(words.begin(), words.end()));
        for (const char* w : {"the", "a", "and", "yourselves", "amoungst", "cry", "bill", "thick"})
            QVERIFY2(isEnglishStopWord(w), w);
        for (const char* w : {"spam", "free", "The", "", "win"})
            QVERIFY2(!isEnglishStopWord(w), w);
    }

    void wordNgramsFollowScikitLearnsOrder()
    {
        const std::vector<std::string_view> tokens = {"call", "me", "now"};
        QCOMPARE(wordNgrams(tokens, {1, 1}), (std::vector<std::string>{"call", "me", "now"}));
        QCOMPARE(wordNgrams(tokens, {1, 2}), (std::vector<std::string>{"call", "me", "now", "call me", "me now"}));
        QCOMPARE(wordNgrams(tokens, {2, 3}), (std::vector<std::string>{"call me", "me now", "call me now"}));
        QCOMPARE(wordNgrams(tokens, {4, 5}).size(), std::size_t(0));
        // The analyzer removes stop words before joining, as scikit-learn does.
        WordAnalyzer analyzer({.lowercase = true, .englishStopWords = true, .ngrams = {1, 2}});
        QCOMPARE(strings(analyzer.analyze("Call ME at the office NOW")), (std::vector<std::string>{"office"}));
        WordAnalyzer pairs({.lowercase = true, .englishStopWords = true, .ngrams = {1, 2}});
        QCOMPARE(strings(pairs.analyze("Win a FREE prize now")),
                 (std::vector<std::string>{"win", "free", "prize", "win free", "free prize"}));
        WordAnalyzer keepCase({.lowercase = false, .englishStopWords = false, .ngrams = {1, 1}});
        QCOMPARE(strings(keepCase.analyze("Win FREE")), (std::vector<std::string>{"Win", "FREE"}));
    }

    void porterStemmerMatchesThePaper_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("stem");
        // Hand-checked against the rules of Porter (1980), one group per step;
        // words from the paper's examples taken through all the steps.
        const std::vector<std::pair<const char*, const char*>> pairs = {
            // step 1a
            {"caresses", "caress"}, {"ponies", "poni"}, {"ties", "ti"}, {"caress", "caress"}, {"cats", "cat"},
            // step 1b (+ the tidy-up rules)
            {"feed", "feed"}, {"agreed", "agre"}, {"plastered", "plaster"}, {"bled", "bled"}, {"motoring", "motor"},
            {"sing", "sing"}, {"conflated", "conflat"}, {"troubled", "troubl"}, {"sized", "size"},
            {"hopping", "hop"}, {"tanned", "tan"}, {"falling", "fall"}, {"hissing", "hiss"}, {"fizzed", "fizz"},
            {"failing", "fail"}, {"filing", "file"},
            // step 1c
            {"happy", "happi"}, {"sky", "sky"},
            // step 2
            {"relational", "relat"}, {"conditional", "condit"}, {"rational", "ration"}, {"valenci", "valenc"},
            {"hesitanci", "hesit"}, {"digitizer", "digit"}, {"conformabli", "conform"}, {"radicalli", "radic"},
            {"differentli", "differ"}, {"vileli", "vile"}, {"analogousli", "analog"}, {"vietnamization", "vietnam"},
            {"predication", "predic"}, {"operator", "oper"}, {"feudalism", "feudal"}, {"decisiveness", "decis"},
            {"hopefulness", "hope"}, {"callousness", "callous"}, {"formaliti", "formal"},
            {"sensitiviti", "sensit"}, {"sensibiliti", "sensibl"},
            // step 3
            {"triplicate", "triplic"}, {"formative", "form"}, {"formalize", "formal"}, {"electriciti", "electr"},
            {"electrical", "electr"}, {"hopeful", "hope"}, {"goodness", "good"},
            // step 4
            {"revival", "reviv"}, {"allowance", "allow"}, {"inference", "infer"}, {"airliner", "airlin"},
            {"gyroscopic", "gyroscop"}, {"adjustable", "adjust"}, {"defensible", "defens"}, {"irritant", "irrit"},
            {"replacement", "replac"}, {"adjustment", "adjust"}, {"dependent", "depend"}, {"adoption", "adopt"},
            {"homologou", "homolog"}, {"communism", "commun"}, {"activate", "activ"}, {"angulariti", "angular"},
            {"homologous", "homolog"}, {"effective", "effect"}, {"bowdlerize", "bowdler"}, {"agreement", "agreement"},
            {"onion", "onion"},
            // step 5
            {"probate", "probat"}, {"rate", "rate"}, {"cease", "ceas"}, {"controll", "control"}, {"roll", "roll"},
            // through several steps
            {"generalizations", "gener"}, {"oscillators", "oscil"}, {"connections", "connect"},
            {"connecting", "connect"}, {"running", "run"},
            // the 1980 algorithm has no length guard (NLTK's ORIGINAL_ALGORITHM agrees)
            {"as", "a"}, {"is", "i"}, {"", ""},
        };
        for (const auto& [word, stem] : pairs)
            QTest::newRow(*word ? word : "(empty)") << QString::fromUtf8(word) << QString::fromUtf8(stem);
    }

    void porterStemmerMatchesThePaper()
    {
        QFETCH(QString, word);
        QFETCH(QString, stem);
        QCOMPARE(QString::fromStdString(porterStem(word.toStdString())), stem);
    }
};

QTEST_GUILESS_MAIN(TestTextNormalization)
#include "test_text_normalization.moc"
