// CSV reader: RFC 4180 quoting, BOM, line endings, missing markers, type
// inference, every malformed input with the line and column its message
// names, reads split across tiny buffers, and every built-in dataset.
#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/csv_reader.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <string>

using namespace dslab;

namespace {

// The DataError message `action` throws, or a note that it threw none.
std::string dataErrorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const DataError& e) {
        return e.what();
    }
    return "<no DataError thrown>";
}

std::string csvError(const std::string& text, const CsvOptions& options = {})
{
    return dataErrorOf([&] { readCsvString(text, options); });
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

#define CHECK_CONTAINS(haystack, needle)                                                                               \
    QVERIFY2(contains((haystack), (needle)),                                                                           \
             qPrintable(QString("expected \"%1\" in: %2").arg(QString::fromStdString(needle), QString::fromStdString(haystack))))

class TestCsvReader : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string writeTemp(const std::string& name, const std::string& bytes)
    {
        const std::string path = m_dir.filePath(QString::fromStdString(name)).toStdString();
        std::ofstream out(path, std::ios::binary);
        out << bytes;
        return path;
    }

    // Every reading of `text` agrees: from a string, and from a file read
    // 1, 2, 3, 5, 7 and 64 bytes at a time (records and UTF-8 sequences
    // straddle the reads).
    void checkChunkedReadsAgree(const std::string& text)
    {
        const Dataset whole = readCsvString(text);
        const std::string path = writeTemp("chunked.csv", text);
        for (std::size_t bytes : {1, 2, 3, 5, 7, 64, 1 << 20}) {
            CsvOptions options;
            options.bufferBytes = bytes;
            const Dataset chunked = readCsvFile(path, options);
            QCOMPARE(chunked.columnCount(), whole.columnCount());
            QCOMPARE(chunked.rowCount(), whole.rowCount());
            for (std::size_t c = 0; c < whole.columnCount(); ++c) {
                QCOMPARE(chunked.column(c).name, whole.column(c).name);
                QCOMPARE(chunked.column(c).type, whole.column(c).type);
                for (std::size_t r = 0; r < whole.rowCount(); ++r)
                    QCOMPARE(chunked.column(c).cellText(r), whole.column(c).cellText(r));
            }
        }
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void readsNumbers()
    {
        const Dataset d = readCsvString("a,b\n1,2.5\n-3,4e2\n+7, 8 \n");
        QCOMPARE(d.columnCount(), std::size_t(2));
        QCOMPARE(d.rowCount(), std::size_t(3));
        QCOMPARE(d.column("a").type, ColumnType::Numeric);
        QCOMPARE(d.column("a").numbers, (std::vector<double>{1, -3, 7}));
        QCOMPARE(d.column("b").numbers, (std::vector<double>{2.5, 400, 8}));
    }

    void numbersMatchFromCharsExactly()
    {
        // The fast decimal path must round exactly as from_chars does.
        const std::vector<std::string> cells{"0.1", "0.3", "123456789.123456789", "9007199254740993", "-0.000001",
                                             "1.7976931348623157e308", "2.2250738585072014e-308", "1e-400", "1e400",
                                             "0.1234567890123456789", "4.35", "1234.5678"};
        std::string text = "x\n";
        for (const std::string& c : cells)
            text += c + "\n";
        const Dataset d = readCsvString(text);
        QCOMPARE(d.column("x").type, ColumnType::Numeric);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            double expected = 0;
            const auto result = std::from_chars(cells[i].data(), cells[i].data() + cells[i].size(), expected);
            if (result.ec == std::errc())
                QCOMPARE(d.column("x").numbers[i], expected);
        }
        QCOMPARE(d.column("x").numbers[0], 0.1);
        QCOMPARE(d.column("x").numbers[3], 9007199254740992.0);  // round half to even
        QCOMPARE(d.column("x").numbers[7], 0.0);                 // underflow reads as 0, as in pandas
        QVERIFY(std::isinf(d.column("x").numbers[8]));           // overflow reads as inf

        // Many random plain decimals, with up to 19 digits and 22 decimals.
        std::uint64_t state = 12345;
        auto nextRandom = [&state] {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            return state >> 11;
        };
        for (int i = 0; i < 20000; ++i) {
            std::string cell = (nextRandom() % 2) ? "-" : "";
            const int whole = static_cast<int>(nextRandom() % 12), decimals = static_cast<int>(nextRandom() % 14);
            cell += std::to_string(nextRandom() % 1000000000000ULL).substr(0, static_cast<std::size_t>(whole + 1));
            if (decimals > 0) {
                cell += '.';
                for (int k = 0; k < decimals; ++k)
                    cell += static_cast<char>('0' + nextRandom() % 10);
            }
            double ours = 0, reference = 0;
            QVERIFY(parseNumberCell(cell, ours));
            std::from_chars(cell.data(), cell.data() + cell.size(), reference);
            QVERIFY2(ours == reference, cell.c_str());
        }
    }

    void quoting()
    {
        const std::string text = "name,quote,n\n"
                                 "\"Braund, Mr. Owen\",\"she said \"\"hi\"\"\",1\n"
                                 "\"two\nlines\",\"crlf\r\ninside\",2\n"
                                 "plain,\"\",3\n"
                                 " \"padded\" ,x\"y,4\n";
        const Dataset d = readCsvString(text);
        QCOMPARE(d.rowCount(), std::size_t(4));
        const Column& name = d.column("name");
        QCOMPARE(name.strings[0], std::string("Braund, Mr. Owen"));
        QCOMPARE(name.strings[1], std::string("two\nlines"));
        QCOMPARE(name.strings[3], std::string("padded"));
        const Column& quote = d.column("quote");
        QCOMPARE(quote.strings[0], std::string("she said \"hi\""));
        QCOMPARE(quote.strings[1], std::string("crlf\r\ninside"));
        QVERIFY(quote.isMissing(2));  // "" is an empty, hence missing, cell
        QCOMPARE(quote.strings[3], std::string("x\"y"));  // a quote inside an unquoted field is kept
        QCOMPARE(d.column("n").numbers, (std::vector<double>{1, 2, 3, 4}));
        checkChunkedReadsAgree(text);
    }

    void bomAndLineEndings()
    {
        const Dataset bom = readCsvString("\xEF\xBB\xBF" "a,b\n1,2\n");
        QCOMPARE(bom.column(0).name, std::string("a"));
        QCOMPARE(bom.column("a").numbers, (std::vector<double>{1}));

        const Dataset crlf = readCsvString("a,b\r\n1,x\r\n2,y\r\n");
        QCOMPARE(crlf.rowCount(), std::size_t(2));
        QCOMPARE(crlf.column("b").strings, (std::vector<std::string>{"x", "y"}));

        const Dataset cr = readCsvString("a,b\r1,x\r2,y");
        QCOMPARE(cr.rowCount(), std::size_t(2));
        QCOMPARE(cr.column("b").strings, (std::vector<std::string>{"x", "y"}));

        const Dataset noFinalNewline = readCsvString("a,b\n1,2\n3,4");
        QCOMPARE(noFinalNewline.column("b").numbers, (std::vector<double>{2, 4}));

        const Dataset blankLines = readCsvString("a,b\n\n1,2\n\r\n3,4\n\n");
        QCOMPARE(blankLines.rowCount(), std::size_t(2));

        checkChunkedReadsAgree("\xEF\xBB\xBF" "a,b\r\n1,\"x\r\ny\"\r\n2,\"\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"\r\n");
    }

    void missingMarkers()
    {
        const Dataset d = readCsvString("n,c\n1,a\nNA,N/A\n , n/a \n?,NULL\nnan,None\n2,b\n");
        const Column& n = d.column("n");
        QCOMPARE(n.type, ColumnType::Numeric);
        QCOMPARE(n.missingCount(), std::size_t(4));
        QVERIFY(std::isnan(n.numbers[1]) && std::isnan(n.numbers[2]) && std::isnan(n.numbers[3]));
        QCOMPARE(n.numbers[5], 2.0);
        const Column& c = d.column("c");
        QCOMPARE(c.type, ColumnType::Categorical);
        QCOMPARE(c.missingCount(), std::size_t(4));
        QCOMPARE(c.distinctValues(), (std::vector<std::string>{"a", "b"}));

        CsvOptions custom;
        custom.missingMarkers = {"-999", "missing"};
        const Dataset m = readCsvString("n,c\n1,NA\n-999,missing\n", custom);
        QCOMPARE(m.column("n").missingCount(), std::size_t(1));
        QVERIFY(std::isnan(m.column("n").numbers[1]));
        QCOMPARE(m.column("c").missingCount(), std::size_t(1));
        QCOMPARE(m.column("c").strings[0], std::string("NA"));  // not a marker any more
    }

    void typeInference()
    {
        const Dataset d = readCsvString(
            "num,date,stamp,cat,free,mixed\n"
            "1,2000-02-29,2000-02-29T12:30:15,red,the quick brown fox jumps,1\n"
            "2,1970-01-02,1970-01-01 00:01,blue,over the lazy dog today,x\n"
            "3,,1949-01-01 00:00:00,red,and then it sleeps a while,2\n");
        QCOMPARE(d.column("num").type, ColumnType::Numeric);
        QCOMPARE(d.column("date").type, ColumnType::Datetime);
        QCOMPARE(d.column("stamp").type, ColumnType::Datetime);
        QCOMPARE(d.column("cat").type, ColumnType::Categorical);
        QCOMPARE(d.column("free").type, ColumnType::Text);
        QCOMPARE(d.column("mixed").type, ColumnType::Categorical);

        const Column& date = d.column("date");
        QCOMPARE(date.numbers[0], 951782400.0);
        QCOMPARE(date.numbers[1], 86400.0);
        QVERIFY(date.isMissing(2) && std::isnan(date.numbers[2]));
        QCOMPARE(date.strings[0], std::string("2000-02-29"));
        const Column& stamp = d.column("stamp");
        QCOMPARE(stamp.numbers[0], 951827415.0);
        QCOMPARE(stamp.numbers[1], 60.0);
        QCOMPARE(stamp.numbers[2], -662688000.0);

        // Not dates: an impossible day, a missing zero pad, a stray suffix.
        for (const char* cell : {"2001-02-29", "2020-1-05", "2020-01-05x", "2020-01-05T25:00"}) {
            const Dataset bad = readCsvString(std::string("d\n2020-01-01\n") + cell + "\n");
            QCOMPARE(bad.column("d").type, ColumnType::Categorical);
        }

        // A long free-form cell makes text; a few long repeated labels stay categorical.
        const Dataset repeated = readCsvString("c\nMarried with three children\nMarried with three children\n"
                                               "Married with three children\nMarried with three children\n"
                                               "Single and no kids at all\n");
        QCOMPARE(repeated.column("c").type, ColumnType::Categorical);

        // An all-missing column is numeric (NaN), as in pandas.
        const Dataset empty = readCsvString("a,b\n1,\n2,NA\n");
        QCOMPARE(empty.column("b").type, ColumnType::Numeric);
        QCOMPARE(empty.column("b").missingCount(), std::size_t(2));
    }

    void typeOverridesAndTarget()
    {
        CsvOptions options;
        options.typeOverrides = {{"code", ColumnType::Categorical}, {"when", ColumnType::Text}};
        options.target = "code";
        const Dataset d = readCsvString("code,when,v\n10,2020-01-01,1\n9,2020-01-02,2\n", options);
        QCOMPARE(d.column("code").type, ColumnType::Categorical);
        QCOMPARE(d.column("code").strings, (std::vector<std::string>{"10", "9"}));
        QCOMPARE(d.column("when").type, ColumnType::Text);
        QCOMPARE(d.targetName(), std::string("code"));

        CsvOptions numeric;
        numeric.typeOverrides = {{"v", ColumnType::Numeric}};
        const std::string e = csvError("k,v\na,1\nb,2\nc,oops\n", numeric);
        CHECK_CONTAINS(e, "line 4, column 2 ('v')");
        CHECK_CONTAINS(e, "'oops' is not a number");

        CsvOptions datetime;
        datetime.typeOverrides = {{"k", ColumnType::Datetime}};
        CHECK_CONTAINS(csvError("k\n2020-01-01\nsoon\n", datetime), "line 3, column 1 ('k')");

        CsvOptions unknownOverride;
        unknownOverride.typeOverrides = {{"nope", ColumnType::Numeric}};
        CHECK_CONTAINS(csvError("a\n1\n", unknownOverride), "'nope'");

        CsvOptions unknownTarget;
        unknownTarget.target = "label";
        CHECK_CONTAINS(csvError("a\n1\n", unknownTarget), "target column 'label' is not in the header");
    }

    void raggedRows()
    {
        std::string e = csvError("a,b,c\n1,2,3\n4,5,6,7\n");
        CHECK_CONTAINS(e, "line 3, column 4 (after the last column 'c')");
        CHECK_CONTAINS(e, "too many fields: expected 3 (as in the header), found 4");

        e = csvError("a,b,c\n1,2,3\n4,5,6\n7,8\n");
        CHECK_CONTAINS(e, "line 4, column 3 ('c')");
        CHECK_CONTAINS(e, "too few fields: expected 3 (as in the header), found 2");

        // A record with a quoted line break counts as the lines it spans; the
        // error names the line where the bad record starts.
        e = csvError("a,b\n\"x\ny\",1\n\"p\nq\",2,3\n");
        CHECK_CONTAINS(e, "line 4, column 3");
        CHECK_CONTAINS(e, "too many fields: expected 2 (as in the header), found 3");

        e = csvError("a,b\r\n1,2\r\n3\r\n");
        CHECK_CONTAINS(e, "line 3, column 2 ('b')");
        CHECK_CONTAINS(e, "too few fields: expected 2 (as in the header), found 1");
    }

    void unterminatedQuote()
    {
        std::string e = csvError("a,b\n1,2\n3,\"abc\n4,5\n");
        CHECK_CONTAINS(e, "line 3, column 2 ('b')");
        CHECK_CONTAINS(e, "unterminated quote");

        // The quote opens on the record's second line.
        e = csvError("a,b\n\"x\ny\",\"open\n");
        CHECK_CONTAINS(e, "line 3, column 2 ('b')");
        CHECK_CONTAINS(e, "unterminated quote");

        e = csvError("\"a,b\n1,2\n");
        CHECK_CONTAINS(e, "line 1, column 1");
        CHECK_CONTAINS(e, "unterminated quote");
    }

    void textAfterClosingQuote()
    {
        std::string e = csvError("a,b\n1,2\n3,\"x\"y\n");
        CHECK_CONTAINS(e, "line 3, column 2 ('b')");
        CHECK_CONTAINS(e, "text after a closing quote ('y')");

        e = csvError("a,b\n\"mul\ntiline\"z,1\n");
        CHECK_CONTAINS(e, "line 2, column 1 ('a')");
        CHECK_CONTAINS(e, "text after a closing quote");
    }

    void emptyAndHeaderOnly()
    {
        CHECK_CONTAINS(csvError(""), "empty file");
        CHECK_CONTAINS(csvError("\xEF\xBB\xBF"), "empty file");
        CHECK_CONTAINS(csvError("\n\n\r\n"), "empty file");
        std::string e = csvError("a,b,c\n");
        CHECK_CONTAINS(e, "line 2");
        CHECK_CONTAINS(e, "no data rows");
        CHECK_CONTAINS(csvError("a,b,c"), "no data rows");
        CHECK_CONTAINS(csvError("a,b,c\n\n\n"), "no data rows");
    }

    void invalidUtf8()
    {
        // "a,b\n" is bytes 0-3, "1,caf" 4-8, so the bad byte is at offset 9.
        std::string e = csvError("a,b\n1,caf\xE9\n");
        CHECK_CONTAINS(e, "line 2, column 2 ('b')");
        CHECK_CONTAINS(e, "invalid UTF-8 at byte offset 9 (byte 0xE9)");

        e = csvError("a,\xFF\n1,2\n");
        CHECK_CONTAINS(e, "line 1, column 2");
        CHECK_CONTAINS(e, "invalid UTF-8 at byte offset 2");

        // The BOM counts in the offset: it is part of the file.
        e = csvError("\xEF\xBB\xBF" "a\nok\n\xC3(\n");
        CHECK_CONTAINS(e, "line 3, column 1 ('a')");
        CHECK_CONTAINS(e, "byte offset 8");

        // A bad byte in a quoted field on the record's second line.
        e = csvError("a,b\n1,\"x\ny\xC0\xAF\"\n");
        CHECK_CONTAINS(e, "line 3, column 2 ('b')");
        CHECK_CONTAINS(e, "byte offset 10");

        // Overlong forms, surrogates, beyond U+10FFFF, truncated sequences.
        for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"}) {
            e = csvError(std::string("a\nx\n") + bad + "\n");
            CHECK_CONTAINS(e, "line 3, column 1 ('a')");
            CHECK_CONTAINS(e, "invalid UTF-8 at byte offset 4");
        }
        // Valid multi-byte text passes.
        QCOMPARE(readCsvString("a\n\xC2\xA3\xE2\x82\xAC\xF0\x9F\x98\x80\n").column("a").strings[0],
                 std::string("\xC2\xA3\xE2\x82\xAC\xF0\x9F\x98\x80"));
    }

    void headerNames()
    {
        std::string e = csvError("a,b,a\n1,2,3\n");
        CHECK_CONTAINS(e, "line 1, column 3 ('a'): duplicate header name (column 1 is also 'a')");

        e = csvError("a,,c\n1,2,3\n");
        CHECK_CONTAINS(e, "line 1, column 2");
        CHECK_CONTAINS(e, "empty header name");

        e = csvError("a,b,\n1,2,3\n");
        CHECK_CONTAINS(e, "line 1, column 3");
        CHECK_CONTAINS(e, "empty header name");

        const Dataset trimmedNames = readCsvString(" a , b\n1,2\n");
        QVERIFY(trimmedNames.hasColumn("a") && trimmedNames.hasColumn("b"));
    }

    void errorsFromFilesReadInPieces()
    {
        const std::string path = writeTemp("bad.csv", "a,b\n1,2\n3,\"x\ny\"\n5,6,7\n");
        for (std::size_t bytes : {1, 3, 1 << 20}) {
            CsvOptions options;
            options.bufferBytes = bytes;
            const std::string e = dataErrorOf([&] { readCsvFile(path, options); });
            CHECK_CONTAINS(e, "line 5, column 3 (after the last column 'b')");
        }
        const std::string utf = writeTemp("utf.csv", "a,b\n1,2\n3,ab\xFF\n");
        CsvOptions tiny;
        tiny.bufferBytes = 2;
        CHECK_CONTAINS(dataErrorOf([&] { readCsvFile(utf, tiny); }), "line 3, column 2 ('b'): invalid UTF-8 at byte offset 12");
    }

    void manyRowsAcrossBuffers()
    {
        std::string text = "i,half,label\n";
        for (int i = 0; i < 20000; ++i)
            text += std::to_string(i) + "," + std::to_string(i * 0.5) + "," + (i % 3 ? "\"b, c\"" : "a") + "\n";
        const std::string path = writeTemp("many.csv", text);
        CsvOptions options;
        options.bufferBytes = 4096;
        const Dataset d = readCsvFile(path, options);
        QCOMPARE(d.rowCount(), std::size_t(20000));
        QCOMPARE(d.name, std::string("many"));
        QCOMPARE(d.column("i").numbers[19999], 19999.0);
        QCOMPARE(d.column("half").numbers[12345], 6172.5);
        QCOMPARE(d.column("label").distinctValues(), (std::vector<std::string>{"a", "b, c"}));
    }

    void missingFileIsIoError()
    {
        QVERIFY_THROWS_EXCEPTION(IoError, readCsvFile(m_dir.filePath("absent.csv").toStdString()));
    }

    void writeThenReadRoundTrip()
    {
        const std::string text = "x,label,note,when\n"
                                 "1.5,a,\"comma, inside\",2020-01-01\n"
                                 ",b,\"quote \"\" inside\",\n"
                                 "-2,,\"line\nbreak\",2021-06-30 10:00\n"
                                 "1e+20,a,\" padded \",2020-01-02\n";
        const Dataset original = readCsvString(text);
        const std::string path = m_dir.filePath("round.csv").toStdString();
        writeCsvFile(original, path);
        const Dataset again = readCsvFile(path);
        QCOMPARE(again.columnCount(), original.columnCount());
        QCOMPARE(again.rowCount(), original.rowCount());
        for (std::size_t c = 0; c < original.columnCount(); ++c) {
            QCOMPARE(again.column(c).type, original.column(c).type);
            for (std::size_t r = 0; r < original.rowCount(); ++r)
                QCOMPARE(again.column(c).cellText(r), original.column(c).cellText(r));
        }
        QVERIFY_THROWS_EXCEPTION(IoError, writeCsvFile(original, m_dir.filePath("no/such/dir.csv").toStdString()));
    }

    void builtinDatasetsLoad_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QString>("missing");  // "column=count ..." for every column with missing cells
        QTest::newRow("iris") << "iris" << 150 << 5 << "";
        QTest::newRow("wine") << "wine" << 178 << 14 << "";
        QTest::newRow("breast_cancer") << "breast_cancer" << 569 << 31 << "";
        QTest::newRow("digits") << "digits" << 1797 << 65 << "";
        QTest::newRow("diabetes") << "diabetes" << 442 << 11 << "";
        QTest::newRow("penguins") << "penguins" << 344 << 7
                                  << "bill_length_mm=2 bill_depth_mm=2 flipper_length_mm=2 body_mass_g=2 sex=11";
        QTest::newRow("titanic") << "titanic" << 891 << 11 << "age=177 cabin=687 embarked=2";
        QTest::newRow("air_passengers") << "air_passengers" << 144 << 4 << "";
        QTest::newRow("air_passengers_with_gaps") << "air_passengers_with_gaps" << 144 << 4 << "passengers=12";
        QTest::newRow("auto_mpg") << "auto_mpg" << 398 << 9 << "horsepower=6";
        QTest::newRow("sms_spam") << "sms_spam" << 5574 << 2 << "";
        QTest::newRow("bank_marketing") << "bank_marketing" << 4521 << 17 << "";
        QTest::newRow("adult_income_5k") << "adult_income_5k" << 5000 << 15
                                         << "workclass=281 occupation=283 native_country=101";
        QTest::newRow("heart_disease") << "heart_disease" << 303 << 14 << "ca=4 thal=2";
    }

    void builtinDatasetsLoad()
    {
        QFETCH(QString, name);
        QFETCH(int, rows);
        QFETCH(int, columns);
        QFETCH(QString, missing);
        const Dataset d = test::builtin(name.toStdString());
        QCOMPARE(d.name, name.toStdString());
        QCOMPARE(d.rowCount(), std::size_t(rows));
        QCOMPARE(d.columnCount(), std::size_t(columns));
        // The target is the last column.
        QCOMPARE(d.targetName(), d.column(d.columnCount() - 1).name);
        QCOMPARE(d.targetName(), findBuiltinDataset(name.toStdString())->target);

        std::map<std::string, std::size_t> expected;
        for (const QString& item : missing.split(' ', Qt::SkipEmptyParts)) {
            const QStringList parts = item.split('=');
            expected[parts[0].toStdString()] = parts[1].toUInt();
        }
        for (const Column& c : d.columns()) {
            const std::size_t want = expected.count(c.name) ? expected[c.name] : 0;
            QVERIFY2(c.missingCount() == want,
                     qPrintable(QString("%1: %2 missing, expected %3")
                                    .arg(QString::fromStdString(c.name)).arg(c.missingCount()).arg(want)));
        }
    }

    void builtinColumnTypes()
    {
        const Dataset titanic = test::builtin("titanic");
        QCOMPARE(titanic.column("name").type, ColumnType::Text);
        for (const char* categorical : {"sex", "embarked", "cabin", "ticket"})
            QCOMPARE(titanic.column(categorical).type, ColumnType::Categorical);
        for (const char* numeric : {"pclass", "age", "sibsp", "parch", "fare", "survived"})
            QCOMPARE(titanic.column(numeric).type, ColumnType::Numeric);
        QCOMPARE(titanic.column("name").strings[0], std::string("Braund, Mr. Owen Harris"));

        const Dataset sms = test::builtin("sms_spam");
        QCOMPARE(sms.column("text").type, ColumnType::Text);
        QCOMPARE(sms.column("label").type, ColumnType::Categorical);

        const Dataset air = test::builtin("air_passengers");
        QCOMPARE(air.column("date").type, ColumnType::Datetime);
        QCOMPARE(air.column("date").numbers[0], -662688000.0);  // 1949-01-01
        QCOMPARE(air.column("passengers").type, ColumnType::Numeric);

        const Dataset heart = test::builtin("heart_disease");
        QCOMPARE(heart.column("ca").type, ColumnType::Numeric);

        // Every feature of these is numeric, so they go straight into a model.
        for (const char* name : {"iris", "wine", "breast_cancer", "digits", "diabetes"}) {
            const Dataset d = test::builtin(name);
            for (const std::string& f : d.featureNames())
                QCOMPARE(d.column(f).type, ColumnType::Numeric);
        }
    }

    void builtinCatalog()
    {
        QCOMPARE(builtinDatasets().size(), std::size_t(14));
        for (const BuiltinDatasetInfo& info : builtinDatasets()) {
            QVERIFY(!info.title.empty() && !info.description.empty() && !info.source.empty() && !info.licence.empty());
            QVERIFY(QFile::exists(QString::fromStdString(test::datasetsDir() + "/" + info.name + ".csv")));
        }
        QVERIFY(findBuiltinDataset("nope") == nullptr);
        CHECK_CONTAINS(dataErrorOf([] { test::builtin("nope"); }), "unknown built-in dataset 'nope'");
        QVERIFY_THROWS_EXCEPTION(IoError, loadBuiltinDataset("iris", m_dir.path().toStdString()));
        QVERIFY(!findDataDirectory({}, {test::datasetsDir()}).empty());
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
