// Dataset and Column: building tables, the feature matrix and the errors
// that say which encoder a column needs, class codes in scikit-learn's order,
// type conversions that name the offending line, row and column selection.
#include "engine/core/errors.h"
#include "engine/data/csv_reader.h"
#include "engine/data/dataset.h"
#include "tests/support/test_support.h"

#include <QtTest>

#include <cmath>
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

Column numeric(const std::string& name, std::vector<double> values)
{
    Column c;
    c.name = name;
    c.numbers = std::move(values);
    return c;
}

Column categorical(const std::string& name, std::vector<std::string> values, std::vector<unsigned char> missing = {})
{
    Column c;
    c.name = name;
    c.type = ColumnType::Categorical;
    c.strings = std::move(values);
    c.missing = missing.empty() ? std::vector<unsigned char>(c.strings.size(), 0) : std::move(missing);
    return c;
}

}  // namespace

#define CHECK_CONTAINS(haystack, needle)                                                                               \
    QVERIFY2(contains((haystack), (needle)),                                                                           \
             qPrintable(QString("expected \"%1\" in: %2").arg(QString::fromStdString(needle), QString::fromStdString(haystack))))

class TestDataset : public QObject {
    Q_OBJECT

private slots:
    void columnBasics()
    {
        const double nan = std::nan("");
        const Column n = numeric("n", {3, nan, 10, 2.5, 3});
        QCOMPARE(n.size(), std::size_t(5));
        QCOMPARE(n.missingCount(), std::size_t(1));
        QVERIFY(n.isMissing(1));
        QCOMPARE(n.distinctValues(), (StringList{"2.5", "3", "10"}));
        QCOMPARE(n.cellText(1), std::string());
        QCOMPARE(n.cellText(2), std::string("10"));

        const Column c = categorical("c", {"b", "", "a", "b"}, {0, 1, 0, 0});
        QCOMPARE(c.missingCount(), std::size_t(1));
        QCOMPARE(c.distinctValues(), (StringList{"a", "b"}));

        QCOMPARE(formatNumber(0.0), std::string("0"));
        QCOMPARE(formatNumber(-0.0), std::string("0"));
        QCOMPARE(formatNumber(1.0), std::string("1"));
        QCOMPARE(formatNumber(2.5), std::string("2.5"));
        QCOMPARE(formatNumber(0.1), std::string("0.1"));
        QCOMPARE(formatNumber(-1250.0), std::string("-1250"));
        QCOMPARE(columnTypeName(ColumnType::Datetime), std::string("datetime"));
        QCOMPARE(columnTypeName(ColumnType::Text), std::string("text"));
    }

    void addColumnChecks()
    {
        Dataset d;
        d.name = "t";
        d.addColumn(numeric("a", {1, 2, 3}));
        CHECK_CONTAINS(dataErrorOf([&] { d.addColumn(numeric("b", {1, 2})); }), "column 'b' has 2 rows but dataset 't' has 3");
        CHECK_CONTAINS(dataErrorOf([&] { d.addColumn(numeric("a", {1, 2, 3})); }), "already has a column named 'a'");
        CHECK_CONTAINS(dataErrorOf([&] { (void)d.column("zzz"); }), "no column named 'zzz'");
        CHECK_CONTAINS(dataErrorOf([&] { d.setTarget("zzz"); }), "no column named 'zzz'");
        QCOMPARE(d.columnIndex("a"), 0);
        QCOMPARE(d.columnIndex("zzz"), -1);
        QVERIFY(!d.hasTarget());
        CHECK_CONTAINS(dataErrorOf([&] { d.targetCodes(); }), "no target column is set");
    }

    void featureMatrix()
    {
        const Dataset iris = test::builtin("iris");
        const Matrix X = iris.featureMatrix();
        QCOMPARE(X.rows(), Eigen::Index(150));
        QCOMPARE(X.cols(), Eigen::Index(4));
        QCOMPARE(X(0, 0), 5.1);
        QCOMPARE(X(149, 3), iris.column("petal_width_cm").numbers[149]);
        QCOMPARE(iris.featureNames(),
                 (StringList{"sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"}));

        const Matrix two = iris.featureMatrix({"petal_width_cm", "sepal_length_cm"});
        QCOMPARE(two.cols(), Eigen::Index(2));
        QCOMPARE(two(0, 1), 5.1);

        // Missing numbers stay NaN, never silently zero.
        const Dataset penguins = test::builtin("penguins");
        const Matrix P = penguins.featureMatrix({"bill_length_mm", "body_mass_g"});
        QCOMPARE(P.col(0).array().isNaN().count(), Eigen::Index(2));
    }

    void featureMatrixNamesWhatToEncode()
    {
        const Dataset titanic = test::builtin("titanic");
        std::string e = dataErrorOf([&] { titanic.featureMatrix({"age", "sex"}); });
        QCOMPARE(e, std::string("column 'sex' is categorical; add a OneHotEncoder or OrdinalEncoder (or drop the column) "
                                "before a model"));

        e = dataErrorOf([&] { titanic.featureMatrix(); });
        CHECK_CONTAINS(e, "columns 'sex', 'ticket', 'cabin', 'embarked' are categorical; add a OneHotEncoder");
        CHECK_CONTAINS(e, "column 'name' is text; add a CountVectorizer or TfidfVectorizer");

        const Dataset air = test::builtin("air_passengers");
        CHECK_CONTAINS(dataErrorOf([&] { air.featureMatrix(); }), "column 'date' is datetime; extract numbers from it");
    }

    void targetCodesInScikitLearnOrder()
    {
        const Dataset cancer = test::builtin("breast_cancer");
        QCOMPARE(cancer.classLabels(), (StringList{"benign", "malignant"}));
        const Vector codes = cancer.targetCodes();
        QCOMPARE(codes.size(), Eigen::Index(569));
        QCOMPARE(codes(0), 1.0);  // the first row is malignant
        QCOMPARE((codes.array() == 0).count(), Eigen::Index(357));
        QCOMPARE((codes.array() == 1).count(), Eigen::Index(212));

        const Dataset iris = test::builtin("iris");
        QCOMPARE(iris.classLabels(), (StringList{"setosa", "versicolor", "virginica"}));
        const Vector irisCodes = iris.targetCodes();
        for (int k = 0; k < 3; ++k)
            QCOMPARE((irisCodes.array() == k).count(), Eigen::Index(50));

        // Numbers sort as numbers: 10 after 9; labels print without trailing zeros.
        Dataset d;
        d.addColumn(numeric("x", {0, 0, 0, 0, 0}));
        d.addColumn(numeric("y", {10, 9, 2.5, 9, 10}));
        d.setTarget("y");
        QCOMPARE(d.classLabels(), (StringList{"2.5", "9", "10"}));
        const Vector c = d.targetCodes();
        QCOMPARE(c(0), 2.0);
        QCOMPARE(c(1), 1.0);
        QCOMPARE(c(2), 0.0);

        const Dataset titanic = test::builtin("titanic");
        QCOMPARE(titanic.classLabels(), (StringList{"0", "1"}));
        QCOMPARE((titanic.targetCodes().array() == 1).count(), Eigen::Index(342));
    }

    void targetErrors()
    {
        Dataset d;
        d.addColumn(numeric("x", {1, 2, 3}));
        d.addColumn(categorical("y", {"a", "", "b"}, {0, 1, 0}));
        d.setTarget("y");
        CHECK_CONTAINS(dataErrorOf([&] { d.targetCodes(); }), "target 'y' has 1 missing values");
        CHECK_CONTAINS(dataErrorOf([&] { d.targetValues(); }), "target 'y' is categorical, not numeric");

        const Dataset gaps = test::builtin("air_passengers_with_gaps");
        CHECK_CONTAINS(dataErrorOf([&] { gaps.targetValues(); }), "target 'passengers' has 12 missing values");

        const Dataset diabetes = test::builtin("diabetes");
        const Vector y = diabetes.targetValues();
        QCOMPARE(y.size(), Eigen::Index(442));
        QCOMPARE(y(0), 151.0);
    }

    void setColumnTypeConverts()
    {
        Dataset d = readCsvString("code,size,when\n10,1,2020-01-02\n9,2,\n10,x,2020-01-01\n");
        QCOMPARE(d.column("code").type, ColumnType::Numeric);
        QCOMPARE(d.column("when").type, ColumnType::Datetime);

        d.setColumnType("code", ColumnType::Categorical);
        QCOMPARE(d.column("code").strings, (StringList{"10", "9", "10"}));
        QVERIFY(d.column("code").numbers.empty());
        d.setColumnType("code", ColumnType::Numeric);
        QCOMPARE(d.column("code").numbers, (std::vector<double>{10, 9, 10}));

        // The error names the line (header = line 1) and the value, and leaves the column as it was.
        const std::string e = dataErrorOf([&] { d.setColumnType("size", ColumnType::Numeric); });
        QCOMPARE(e, std::string("column 'size' cannot become numeric: line 4 holds 'x', which is not a number; fix or "
                                "blank that cell first"));
        QCOMPARE(d.column("size").type, ColumnType::Categorical);
        QCOMPARE(d.column("size").strings[2], std::string("x"));

        CHECK_CONTAINS(dataErrorOf([&] { d.setColumnType("code", ColumnType::Datetime); }),
                       "line 2 holds '10', which is not an ISO date");
        QCOMPARE(d.column("code").type, ColumnType::Numeric);
        QCOMPARE(d.column("code").numbers, (std::vector<double>{10, 9, 10}));

        // A datetime as a number is seconds since 1970; missing stays missing.
        d.setColumnType("when", ColumnType::Numeric);
        QCOMPARE(d.column("when").numbers[0], 1577923200.0);
        QVERIFY(std::isnan(d.column("when").numbers[1]));

        d.setColumnType("size", ColumnType::Text);
        QCOMPARE(d.column("size").type, ColumnType::Text);
        d.setColumnType("size", ColumnType::Categorical);
        QCOMPARE(d.column("size").distinctValues(), (StringList{"1", "2", "x"}));

        Dataset dates = readCsvString("d\n2020-01-01\n2020-01-03\n", [] {
            CsvOptions o;
            o.typeOverrides = {{"d", ColumnType::Categorical}};
            return o;
        }());
        dates.setColumnType("d", ColumnType::Datetime);
        QCOMPARE(dates.column("d").numbers[1] - dates.column("d").numbers[0], 2 * 86400.0);
        dates.setColumnType("d", ColumnType::Categorical);
        QCOMPARE(dates.column("d").strings[1], std::string("2020-01-03"));
        QVERIFY(dates.column("d").numbers.empty());
    }

    void selectRowsAndColumns()
    {
        const Dataset titanic = test::builtin("titanic");
        const Dataset some = titanic.selectRows({3, 0, 888});
        QCOMPARE(some.rowCount(), std::size_t(3));
        QCOMPARE(some.columnCount(), titanic.columnCount());
        QCOMPARE(some.targetName(), std::string("survived"));
        QCOMPARE(some.column("name").strings[1], std::string("Braund, Mr. Owen Harris"));
        QCOMPARE(some.column("name").type, ColumnType::Text);
        QVERIFY(some.column("age").isMissing(2));  // row 888 has no age
        QCOMPARE(some.column("cabin").isMissing(1), true);
        CHECK_CONTAINS(dataErrorOf([&] { titanic.selectRows({891}); }), "row index 891 is out of range");

        const Dataset cols = titanic.selectColumns({"age", "survived"});
        QCOMPARE(cols.columnCount(), std::size_t(2));
        QCOMPARE(cols.targetName(), std::string("survived"));
        QCOMPARE(cols.featureMatrix().cols(), Eigen::Index(1));
        const Dataset noTarget = titanic.selectColumns({"age", "fare"});
        QVERIFY(!noTarget.hasTarget());

        Dataset penguins = test::builtin("penguins");
        penguins.mutableColumn("island").name = "where";
        QVERIFY(penguins.hasColumn("where"));
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "test_dataset.moc"
