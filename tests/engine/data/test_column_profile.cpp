// Column profiles for the Workbench's import view: suggested roles (ids and
// constants ignored, prose as text), missing and distinct counts, problems
// (mostly missing, high cardinality, numbers stored as text with the line),
// roles applied with messages naming line and value, and files that are not
// tables refused with the line and column.
#include "engine/core/errors.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/column_profile.h"
#include "engine/data/csv_reader.h"
#include "engine/data/table_import.h"
#include "tests/support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

using namespace dslab;

namespace {

std::string dataErrorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const DataError& e) {
        return e.what();
    }
    return "<no DataError thrown>";
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

const ColumnProfile& profileOf(const std::vector<ColumnProfile>& profiles, const std::string& name)
{
    for (const ColumnProfile& p : profiles)
        if (p.name == name)
            return p;
    throw std::runtime_error("no profile for " + name);
}

std::string problemsText(const ColumnProfile& p)
{
    std::string all;
    for (const ColumnProblem& problem : p.problems)
        all += problem.message + " | ";
    return all;
}

}  // namespace

#define CHECK_CONTAINS(haystack, needle)                                                                               \
    QVERIFY2(contains((haystack), (needle)),                                                                           \
             qPrintable(QString("expected \"%1\" in: %2").arg(QString::fromStdString(needle), QString::fromStdString(haystack))))

class TestColumnProfile : public QObject {
    Q_OBJECT

private slots:
    void titanicRolesAndCounts()
    {
        const Dataset titanic = test::builtin("titanic");
        const auto profiles = profileColumns(titanic);
        QCOMPARE(profiles.size(), std::size_t(11));

        const ColumnProfile& name = profileOf(profiles, "name");
        QVERIFY(name.suggestedRole == ColumnRole::Text || name.suggestedRole == ColumnRole::Ignore);
        QCOMPARE(name.distinctCount, std::size_t(891));

        const ColumnProfile& sex = profileOf(profiles, "sex");
        QCOMPARE(sex.suggestedRole, ColumnRole::Categorical);
        QCOMPARE(sex.distinctCount, std::size_t(2));
        QCOMPARE(sex.samples, (std::vector<std::string>{"male", "female"}));
        QVERIFY(sex.problems.empty());

        const ColumnProfile& age = profileOf(profiles, "age");
        QCOMPARE(age.suggestedRole, ColumnRole::Numeric);
        QCOMPARE(age.missingCount, std::size_t(177));
        QCOMPARE(age.distinctCount, std::size_t(88));  // pandas nunique
        QCOMPARE(age.samples.front(), std::string("22"));
        QVERIFY(!age.hasProblem(ColumnProblemKind::MostlyMissing));

        const ColumnProfile& ticket = profileOf(profiles, "ticket");
        QCOMPARE(ticket.suggestedRole, ColumnRole::Categorical);
        QCOMPARE(ticket.distinctCount, std::size_t(681));
        QVERIFY2(ticket.hasProblem(ColumnProblemKind::HighCardinality), problemsText(ticket).c_str());
        // 74% of tickets are numbers: a mixed code, not numbers with typos.
        QVERIFY(!ticket.hasProblem(ColumnProblemKind::NumbersAsText));

        const ColumnProfile& cabin = profileOf(profiles, "cabin");
        QCOMPARE(cabin.missingCount, std::size_t(687));
        QCOMPARE(cabin.distinctCount, std::size_t(147));
        QVERIFY(cabin.hasProblem(ColumnProblemKind::HighCardinality));
        QVERIFY(cabin.hasProblem(ColumnProblemKind::MostlyMissing));
        CHECK_CONTAINS(problemsText(cabin), "687 of 891 cells (77%)");

        QCOMPARE(profileOf(profiles, "embarked").missingCount, std::size_t(2));
        QCOMPARE(profileOf(profiles, "fare").suggestedRole, ColumnRole::Numeric);
        QCOMPARE(profileOf(profiles, "pclass").suggestedRole, ColumnRole::Numeric);
        QCOMPARE(profileOf(profiles, "survived").suggestedRole, ColumnRole::Numeric);
        QCOMPARE(profileOf(profiles, "survived").distinctCount, std::size_t(2));
    }

    // Titanic has no passenger id; the same table with one gets it ignored.
    void identifiersAreIgnored()
    {
        std::string csv = "PassengerId,code,colour,note\n";
        for (int i = 0; i < 40; ++i)
            csv += std::to_string(1000 + i * 7) + ",X" + std::to_string(i) + "," + (i % 2 ? "red" : "blue")
                   + ",the quick brown fox number " + std::to_string(i) + " jumps over\n";
        const auto profiles = profileColumns(readTableCsvString(csv));
        QCOMPARE(profileOf(profiles, "PassengerId").suggestedRole, ColumnRole::Ignore);
        QVERIFY(profileOf(profiles, "PassengerId").hasProblem(ColumnProblemKind::Identifier));
        CHECK_CONTAINS(profileOf(profiles, "PassengerId").reason, "id");
        QCOMPARE(profileOf(profiles, "code").suggestedRole, ColumnRole::Ignore);  // short, all different
        QCOMPARE(profileOf(profiles, "colour").suggestedRole, ColumnRole::Categorical);
        QCOMPARE(profileOf(profiles, "note").suggestedRole, ColumnRole::Text);  // long, multi-word

        // A short table of distinct measurements is not an id.
        const auto few = profileColumns(readTableCsvString("x,y\n1,a\n2,b\n3,a\n"));
        QCOMPARE(profileOf(few, "x").suggestedRole, ColumnRole::Numeric);
    }

    void datesConstantsAndNumbersAsText()
    {
        std::string csv = "when,same,amount,flag\n";
        for (int i = 0; i < 30; ++i) {
            char when[32];
            std::snprintf(when, sizeof(when), "2024-01-%02dT10:00:00", i + 1);
            const std::string amount = i == 7 ? "12,5" : i == 20 ? "n.a." : std::to_string(i * 3);
            csv.append(when).append(",k,\"").append(amount).append("\",").append(i % 5 == 0 ? "y" : "").append("\n");
        }
        const Dataset data = readTableCsvString(csv);
        const auto profiles = profileColumns(data);
        QCOMPARE(profileOf(profiles, "when").suggestedRole, ColumnRole::Datetime);
        QCOMPARE(profileOf(profiles, "when").samples.front(), std::string("2024-01-01T10:00:00"));

        const ColumnProfile& same = profileOf(profiles, "same");
        QCOMPARE(same.suggestedRole, ColumnRole::Ignore);
        QVERIFY(same.hasProblem(ColumnProblemKind::Constant));

        const ColumnProfile& flag = profileOf(profiles, "flag");  // 'y' or missing: kept, with a note
        QCOMPARE(flag.suggestedRole, ColumnRole::Categorical);
        QVERIFY(flag.hasProblem(ColumnProblemKind::Constant));
        QVERIFY(flag.hasProblem(ColumnProblemKind::MostlyMissing));

        const ColumnProfile& amount = profileOf(profiles, "amount");
        QCOMPARE(amount.storedType, ColumnType::Categorical);
        QVERIFY(amount.hasProblem(ColumnProblemKind::NumbersAsText));
        // Row 7 is on line 9 (header = line 1).
        CHECK_CONTAINS(problemsText(amount), "28 of 30 values are numbers, but line 9 holds '12,5' (and 1 more");

        // Choosing numeric fails with the line and the value, and the column is unchanged.
        CHECK_CONTAINS(checkColumnRole(data, "amount", ColumnRole::Numeric), "line 9 holds '12,5'");
        QCOMPARE(checkColumnRole(data, "amount", ColumnRole::Text), std::string());
        QCOMPARE(checkColumnRole(data, "when", ColumnRole::Numeric), std::string());
        CHECK_CONTAINS(checkColumnRole(data, "same", ColumnRole::Datetime), "line 2 holds 'k'");
    }

    void choicesAreApplied()
    {
        const Dataset titanic = test::builtin("titanic");
        CHECK_CONTAINS(checkColumnRole(titanic, "name", ColumnRole::Numeric),
                       "line 2 holds 'Braund, Mr. Owen Harris', which is not a number");

        const Dataset chosen = applyColumnChoices(titanic,
                                                  {{"name", ColumnRole::Ignore},
                                                   {"ticket", ColumnRole::Ignore},
                                                   {"pclass", ColumnRole::Categorical},
                                                   {"survived", ColumnRole::Categorical}},
                                                  "survived");
        QCOMPARE(chosen.columnCount(), std::size_t(9));
        QVERIFY(!chosen.hasColumn("name"));
        QCOMPARE(chosen.column("pclass").type, ColumnType::Categorical);
        QCOMPARE(chosen.column("pclass").strings.front(), std::string("3"));
        QCOMPARE(chosen.targetName(), std::string("survived"));
        QCOMPARE(chosen.classLabels(), (StringList{"0", "1"}));

        CHECK_CONTAINS(dataErrorOf([&] { applyColumnChoices(titanic, {{"sex", ColumnRole::Numeric}}, ""); }),
                       "column 'sex' cannot become numeric: line 2 holds 'male'");
        CHECK_CONTAINS(dataErrorOf([&] { applyColumnChoices(titanic, {{"survived", ColumnRole::Ignore}}, "survived"); }),
                       "target column 'survived' is set to ignore");
        CHECK_CONTAINS(dataErrorOf([&] { applyColumnChoices(titanic, {{"nope", ColumnRole::Ignore}}, ""); }),
                       "column 'nope' is not in the table");

        QCOMPARE(columnRoleFromName("datetime"), std::optional<ColumnRole>(ColumnRole::Datetime));
        QVERIFY(!columnRoleFromName("float"));
        QCOMPARE(columnRoleName(ColumnRole::Ignore), std::string("ignore"));
    }

    // Every built-in dataset profiles without an exception, and none of its
    // measured columns is mistaken for an id.
    void builtinsProfile()
    {
        for (const BuiltinDatasetInfo& info : builtinDatasets()) {
            const Dataset data = test::builtin(info.name);
            const auto profiles = profileColumns(data);
            QCOMPARE(profiles.size(), data.columnCount());
            if (qEnvironmentVariableIsSet("DSLAB_PRINT_PROFILES"))
                for (const ColumnProfile& p : profiles)
                    qInfo("%s.%s: %s missing %zu distinct %zu %s", info.name.c_str(), p.name.c_str(),
                          columnRoleName(p.suggestedRole).c_str(), p.missingCount, p.distinctCount, problemsText(p).c_str());
            QVERIFY2(profileOf(profiles, info.target).suggestedRole != ColumnRole::Ignore, info.name.c_str());
        }
    }

    void notATable()
    {
        QCOMPARE(sniffDelimiter("a;b;c"), ';');
        QCOMPARE(sniffDelimiter("a\tb"), '\t');
        QCOMPARE(sniffDelimiter("\"x;y\",b"), ',');
        QCOMPARE(sniffDelimiter("single"), ',');

        const Dataset semicolons = readTableCsvString("a;b\n1,5;x\n2,5;y\n");
        QCOMPARE(semicolons.columnCount(), std::size_t(2));

        CHECK_CONTAINS(dataErrorOf([] { readTableCsvString(""); }), "line 1: empty file");
        CHECK_CONTAINS(dataErrorOf([] { readTableCsvString("a,b,c\n1,2,3\n4,5\n"); }),
                       "line 3, column 3 ('c'): too few fields: expected 3 (as in the header), found 2");
        CHECK_CONTAINS(dataErrorOf([] { readTableCsvString("a,b\n1,2\n3,4,5\n"); }),
                       "line 3, column 3 (after the last column 'b'): too many fields");
        CHECK_CONTAINS(dataErrorOf([] { readTableCsvString("It was a dark and stormy night\nThe rain fell\n"); }),
                       "line 1, column 1: the file has a single column and its header ('It was a dark and stormy "
                       "night') reads like a sentence");
        CHECK_CONTAINS(dataErrorOf([] { readTableCsvString(std::string("PK\x03\x04\x14\0\0\0", 8)); }),
                       "line 1, column 1: byte 0x03 at offset 2 is not text; this looks like a ZIP archive");
        CHECK_CONTAINS(dataErrorOf([] { readTableCsvString(std::string("a,b\n1,2\n3,\0\n", 12)); }),
                       "line 3, column 2: byte 0x00 at offset 10 is not text");

        // A one-column table with a name for a header is a table, with a problem.
        const auto single = profileColumns(readTableCsvString("score\n1\n2\n"));
        QVERIFY(single.front().hasProblem(ColumnProblemKind::SingleColumn));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("picture.csv").toStdString();
        {
            std::ofstream out(path, std::ios::binary);
            out << std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16);
        }
        CHECK_CONTAINS(dataErrorOf([&] { readTableCsvFile(path); }), "this looks like an image, not a table");
        const std::string good = dir.filePath("ok.csv").toStdString();
        {
            std::ofstream out(good, std::ios::binary);
            out << "x|y\n1|a\n2|b\n";
        }
        const Dataset pipes = readTableCsvFile(good);
        QCOMPARE(pipes.columnCount(), std::size_t(2));
        QCOMPARE(pipes.name, std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestColumnProfile)
#include "test_column_profile.moc"
