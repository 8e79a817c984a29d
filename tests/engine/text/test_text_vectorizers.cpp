// CountVectorizer and TfidfVectorizer against scikit-learn 1.2.1 on the first
// 200 messages of sms_spam (and the first 60 for the less common settings):
// the same vocabulary in the same column order and the same values to 1e-9.
// Reference: data/text_expected.json, written by
//   /usr/bin/python3 tests/engine/text/sklearn_reference.py vectorizers > tests/engine/text/data/text_expected.json
#include "engine/core/errors.h"
#include "engine/text/count_vectorizer.h"
#include "engine/text/tfidf_vectorizer.h"
#include "tests/engine/text/text_reference.h"
#include "tests/support/test_support.h"

#include <QtTest>
#include <cmath>
#include <cstdint>
#include <cstdio>

using namespace dslab;
using dslab::test::maxAbsDifference;
using nlohmann::json;

namespace {

constexpr double kTolerance = 1e-9;

StringList referenceDocs(std::size_t count)
{
    StringList docs = test::stringsFromJson(test::textReference().at("docs"));
    docs.resize(count);
    return docs;
}

std::string describe(const json& params)
{
    return params.dump();
}

}  // namespace

class TestTextVectorizers : public QObject {
    Q_OBJECT

private slots:
    void csvReaderGivesPythonsTexts()
    {
        // The references were computed on Python's reading of the CSV; ours must be the same text.
        const Dataset sms = test::builtin("sms_spam");
        const Column& text = sms.column("text");
        const StringList docs = referenceDocs(200);
        for (std::size_t i = 0; i < docs.size(); ++i)
            QCOMPARE(text.cellText(i), docs[i]);
    }

    void countVectorizerMatchesScikitLearn()
    {
        for (const json& c : test::textReference().at("count")) {
            CountVectorizer v;
            test::setParamsFromJson(v, c.at("params"));
            const SparseMatrix X = v.fitTransform(referenceDocs(c.at("n_docs").get<std::size_t>()));
            QVERIFY2(v.featureNamesOut() == test::stringsFromJson(c.at("features")), describe(c.at("params")).c_str());
            const double diff = maxAbsDifference(X, test::csrFromJson(c.at("matrix")));
            qInfo("CountVectorizer(%s): %zu terms, max |ours - sklearn| = %g", describe(c.at("params")).c_str(),
                  v.featureNamesOut().size(), diff);
            QCOMPARE(diff, 0.0);  // counts are whole numbers: exactly equal
            // transform gives what fitTransform gave
            QCOMPARE(maxAbsDifference(v.transform(referenceDocs(c.at("n_docs").get<std::size_t>())), X), 0.0);
        }
    }

    void fullCorpusVocabularyMatchesScikitLearn()
    {
        // All 5574 messages, with every non-ASCII character of the file (pound
        // signs, umlauts, curly quotes, CJK): the same terms, non-zeros and counts.
        const json& expected = test::textReference().at("full_corpus");
        const Dataset sms = test::builtin("sms_spam");
        StringList docs;
        for (std::size_t i = 0; i < sms.rowCount(); ++i)
            docs.push_back(sms.column("text").cellText(i));
        QCOMPARE(docs.size(), expected.at("n_docs").get<std::size_t>());
        CountVectorizer v;
        const SparseMatrix X = v.fitTransform(docs);
        std::uint64_t hash = 0xCBF29CE484222325ULL;
        bool first = true;
        for (const std::string& term : v.featureNamesOut()) {
            if (!first)
                hash = (hash ^ static_cast<unsigned char>('\n')) * 0x100000001B3ULL;
            first = false;
            for (unsigned char b : term)
                hash = (hash ^ b) * 0x100000001B3ULL;
        }
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
        QCOMPARE(static_cast<std::size_t>(X.cols()), expected.at("n_features").get<std::size_t>());
        QCOMPARE(std::string(hex), expected.at("features_fnv1a64").get<std::string>());
        QCOMPARE(static_cast<long long>(X.nonZeros()), expected.at("nnz").get<long long>());
        QCOMPARE(X.sum(), expected.at("count_sum").get<double>());
    }

    void tfidfVectorizerMatchesScikitLearn()
    {
        for (const json& c : test::textReference().at("tfidf")) {
            TfidfVectorizer v;
            test::setParamsFromJson(v, c.at("params"));
            const std::size_t n = c.at("n_docs").get<std::size_t>();
            const SparseMatrix X = v.fitTransform(referenceDocs(n));
            QVERIFY2(v.featureNamesOut() == test::stringsFromJson(c.at("features")), describe(c.at("params")).c_str());
            const double diff = maxAbsDifference(X, test::csrFromJson(c.at("matrix")));
            double idfDiff = 0;
            if (c.contains("idf")) {
                const auto idf = c.at("idf").get<std::vector<double>>();
                QCOMPARE(static_cast<std::size_t>(v.idf().size()), idf.size());
                for (std::size_t j = 0; j < idf.size(); ++j)
                    idfDiff = std::max(idfDiff, std::abs(v.idf()(static_cast<Eigen::Index>(j)) - idf[j]));
            }
            double nextDiff = 0;
            if (c.contains("transform_next")) {
                // Messages 200..219 of the CSV (our reading matches Python's: csvReaderGivesPythonsTexts).
                static const Dataset sms = test::builtin("sms_spam");
                StringList next;
                for (std::size_t i = 200; i < 220; ++i)
                    next.push_back(sms.column("text").cellText(i));
                nextDiff = maxAbsDifference(v.transform(next), test::csrFromJson(c.at("transform_next")));
            }
            qInfo("TfidfVectorizer(%s): %zu terms, max |ours - sklearn|: matrix %g, idf %g, transform of unseen %g",
                  describe(c.at("params")).c_str(), v.featureNamesOut().size(), diff, idfDiff, nextDiff);
            QVERIFY2(diff <= kTolerance, describe(c.at("params")).c_str());
            QVERIFY(idfDiff <= kTolerance);
            QVERIFY(nextDiff <= kTolerance);
        }
    }

    void emptyVocabularyIsAClearError()
    {
        CountVectorizer v;
        v.setParam("stop_words", std::string("english"));
        try {
            v.fit({"the and of", "Is it? I am a be"});
            QFAIL("expected a DataError");
        } catch (const DataError& e) {
            QVERIFY2(std::string(e.what()).find("empty vocabulary; perhaps the documents only contain stop words")
                         != std::string::npos,
                     e.what());
        }
        QVERIFY(!v.isFitted());
        TfidfVectorizer t;
        QVERIFY_THROWS_EXCEPTION(DataError, t.fit({"", "!!", "a b c"}));
        QVERIFY_THROWS_EXCEPTION(DataError, t.fit({}));
    }

    void pruningErrorsSayWhatToChange()
    {
        CountVectorizer v;
        v.setParams({{"min_df", 2.0}});
        QVERIFY_THROWS_EXCEPTION(DataError, v.fit({"alpha beta", "gamma delta"}));  // nothing in 2 documents
        v.setParams({{"min_df", 3.0}, {"max_df", 2.0}});
        QVERIFY_THROWS_EXCEPTION(ParamError, v.fit({"alpha beta", "gamma delta", "alpha"}));
        v.setParams({{"min_df", 1.5}, {"max_df", 1.0}});
        QVERIFY_THROWS_EXCEPTION(ParamError, v.fit({"alpha beta"}));
        v.setParams({{"min_df", 1.0}, {"ngram_range", std::vector<long long>{2, 1}}});
        QVERIFY_THROWS_EXCEPTION(ParamError, v.fit({"alpha beta"}));
        QVERIFY_THROWS_EXCEPTION(ParamError, v.setParam("min_df", -1.0));
        QVERIFY_THROWS_EXCEPTION(ParamError, v.setParam("stop_words", std::string("french")));
    }

    void maxFeaturesBreaksTiesBySortedTerm()
    {
        // "beta" and "alpha" both occur twice, "gamma" once: with room for one
        // term the tie goes to the earlier term in sorted order.
        CountVectorizer v;
        v.setParam("max_features", 1LL);
        v.fit({"beta alpha gamma", "beta alpha"});
        QCOMPARE(v.featureNamesOut(), (StringList{"alpha"}));
        v.setParam("max_features", 2LL);
        const SparseMatrix X = v.fitTransform({"gamma gamma gamma beta", "beta alpha alpha"});
        QCOMPARE(v.featureNamesOut(), (StringList{"alpha", "gamma"}));
        QCOMPARE(X.coeff(0, 1), 3.0);
        QCOMPARE(X.coeff(1, 0), 2.0);
    }

    void unicodeDocumentsDoNotCrash()
    {
        const StringList docs = {
            "Caf\xC3\xA9 cr\xC3\xA8me BR\xC3\x9BL\xC3\x89" "E \xF0\x9F\x98\x80\xF0\x9F\x98\x80 ok",
            "\xE4\xB8\xAD\xE6\x96\x87 \xE6\x96\x87\xE5\xAD\x97 \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9 caf\xC3\xA9",
            "broken \xC3 bytes \xFF\xFE here \xE2\x82",
        };
        TfidfVectorizer v;
        const SparseMatrix X = v.fitTransform(docs);
        QCOMPARE(X.rows(), Eigen::Index(3));
        // Python gives: ['broken', 'bytes', 'café', 'crème', 'here', 'ok', 'brûlée', '中文', '文字'] sorted by code point.
        const StringList expected = {"broken", "br\xC3\xBBl\xC3\xA9" "e", "bytes", "caf\xC3\xA9", "cr\xC3\xA8me", "here",
                                     "ok", "\xE4\xB8\xAD\xE6\x96\x87", "\xE6\x96\x87\xE5\xAD\x97"};
        QCOMPARE(v.featureNamesOut(), expected);
        QCOMPARE(v.termIndex("caf\xC3\xA9"), 3);
        QCOMPARE(v.termIndex("cafe"), -1);
    }

    void saveAndLoadKeepVocabularyAndIdf()
    {
        TfidfVectorizer v;
        v.setParams({{"ngram_range", std::vector<long long>{1, 2}}, {"sublinear_tf", true}});
        const StringList docs = referenceDocs(50);
        const SparseMatrix X = v.fitTransform(docs);
        json state;
        v.saveState(state);
        TfidfVectorizer copy;
        copy.setParams(v.params());
        copy.loadState(json::parse(state.dump()));
        QVERIFY(copy.isFitted());
        QCOMPARE(maxAbsDifference(copy.transform(docs), X), 0.0);

        // A copy (the vocabulary's index must not point into the original).
        TfidfVectorizer assigned;
        {
            TfidfVectorizer temporary = copy;
            assigned = temporary;
        }
        QCOMPARE(maxAbsDifference(assigned.transform(docs), X), 0.0);

        json shuffled = state;
        std::swap(shuffled["vocabulary"][0], shuffled["vocabulary"][1]);
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(shuffled));
        json shortIdf = state;
        shortIdf["idf"].erase(0);
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(shortIdf));
        json noIdf = state;
        noIdf.erase("idf");
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(noIdf));
        json notText = state;
        notText["vocabulary"][0] = 3;
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(notText));
        QVERIFY_THROWS_EXCEPTION(FormatError, copy.loadState(json::array()));
        QVERIFY(!copy.isFitted());
        QVERIFY_THROWS_EXCEPTION(NotFittedError, copy.transform(docs));

        CountVectorizer counts;
        counts.fit(docs);
        json countState;
        counts.saveState(countState);
        CountVectorizer countCopy;
        countCopy.loadState(countState);
        QCOMPARE(countCopy.featureNamesOut(), counts.featureNamesOut());
        json unfitted;
        CountVectorizer().saveState(unfitted);
        countCopy.loadState(unfitted);
        QVERIFY(!countCopy.isFitted());
    }

    void paramSpecsDescribeScikitLearnsParameters()
    {
        TfidfVectorizer v;
        for (const char* name : {"lowercase", "stop_words", "ngram_range", "min_df", "max_df", "max_features", "binary",
                                 "norm", "use_idf", "smooth_idf", "sublinear_tf"})
            QVERIFY2(v.findSpec(name), name);
        QVERIFY(std::holds_alternative<std::monostate>(v.param("stop_words")));
        QVERIFY(std::holds_alternative<std::monostate>(v.param("max_features")));
        // scikit-learn's seven (token_pattern with its default pattern among them), plus the table
        // column a pipeline step reads and our own stemmer.
        for (const char* name : {"token_pattern", "column", "stemmer"})
            QVERIFY2(v.findSpec(name), name);
        QVERIFY(std::holds_alternative<std::monostate>(v.param("stemmer")));
        QCOMPARE(CountVectorizer().paramSpecs().size(), std::size_t(10));
    }
};

QTEST_GUILESS_MAIN(TestTextVectorizers)
#include "test_text_vectorizers.moc"
