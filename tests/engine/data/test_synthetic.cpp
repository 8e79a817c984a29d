// Synthetic datasets: the same seed gives the same data (down to pinned
// generator outputs), shapes and column names, balanced classes, and values
// where each generator puts them.
#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"
#include "engine/data/synthetic.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace dslab;

namespace {

SyntheticSpec spec(const std::string& kind, double noise = 0.2, std::uint64_t seed = 7)
{
    SyntheticSpec s;
    s.kind = kind;
    s.noise = noise;
    s.seed = seed;
    return s;
}

Eigen::Index countClass(const Dataset& d, double label)
{
    const auto& y = d.column("label").numbers;
    return static_cast<Eigen::Index>(std::count(y.begin(), y.end(), label));
}

}  // namespace

class TestSynthetic : public QObject {
    Q_OBJECT

private slots:
    void generatorIsPinned()
    {
        // Pure integer arithmetic: these values hold on every platform.
        SeededRandom rng(0);
        QCOMPARE(rng.next(), std::uint64_t(0x99EC5F36CB75F2B4ULL));
        QCOMPARE(rng.next(), std::uint64_t(0xBF6E1F784956452AULL));
        SeededRandom a(123), b(123);
        for (int i = 0; i < 1000; ++i) {
            const double u = a.uniform();
            QVERIFY(u >= 0.0 && u < 1.0);
            QCOMPARE(u, b.uniform());
            QVERIFY(a.below(7) < 7);
            (void)b.below(7);
        }
        // Standard normal: mean near 0, variance near 1.
        SeededRandom n(5);
        double sum = 0, squares = 0;
        for (int i = 0; i < 100000; ++i) {
            const double v = n.normal();
            sum += v;
            squares += v * v;
        }
        QVERIFY(std::abs(sum / 100000) < 0.02);
        QVERIFY(std::abs(squares / 100000 - 1.0) < 0.02);
    }

    void sameSeedSameData()
    {
        for (const std::string& kind : syntheticKinds()) {
            const Dataset a = makeSynthetic(spec(kind, 0.3, 11));
            const Dataset b = makeSynthetic(spec(kind, 0.3, 11));
            const Dataset c = makeSynthetic(spec(kind, 0.3, 12));
            QVERIFY(a.featureMatrix() == b.featureMatrix());
            QVERIFY(a.targetValues() == b.targetValues());
            QVERIFY2(a.featureMatrix() != c.featureMatrix(), kind.c_str());
        }
    }

    void shapesAndNames()
    {
        for (const std::string& kind : syntheticKinds()) {
            SyntheticSpec s = spec(kind);
            s.samples = 101;
            const Dataset d = makeSynthetic(s);
            QCOMPARE(d.name, kind);
            QCOMPARE(d.rowCount(), std::size_t(101));
            if (kind == "sine") {
                QCOMPARE(d.featureNames(), (StringList{"x1"}));
                QCOMPARE(d.targetName(), std::string("y"));
            } else {
                QCOMPARE(d.featureNames(), (StringList{"x1", "x2"}));
                QCOMPARE(d.targetName(), std::string("label"));
                for (double v : d.column("label").numbers)
                    QVERIFY(v == std::floor(v) && v >= 0);
            }
            QVERIFY(d.featureMatrix().allFinite());
        }
        SyntheticSpec wide = spec("imbalanced");
        wide.features = 5;
        QCOMPARE(makeSynthetic(wide).featureNames(), (StringList{"x1", "x2", "x3", "x4", "x5"}));
        QVERIFY(isSyntheticKind("moons"));
        QVERIFY(!isSyntheticKind("swiss_roll"));
        QCOMPARE(syntheticKinds().size(), std::size_t(8));
    }

    void classBalance()
    {
        for (const char* kind : {"moons", "circles", "xor", "linear"}) {
            const Dataset d = makeSynthetic(spec(kind));
            QCOMPARE(countClass(d, 0), Eigen::Index(150));
            QCOMPARE(countClass(d, 1), Eigen::Index(150));
        }
        for (const char* kind : {"blobs", "spirals"}) {
            SyntheticSpec s = spec(kind);
            s.samples = 301;
            s.classes = 4;
            const Dataset d = makeSynthetic(s);
            QCOMPARE(countClass(d, 0), Eigen::Index(76));  // the remainder goes to the first class
            for (int k = 1; k < 4; ++k)
                QCOMPARE(countClass(d, k), Eigen::Index(75));
            QCOMPARE(d.classLabels(), (StringList{"0", "1", "2", "3"}));
        }
        SyntheticSpec s = spec("imbalanced");
        s.samples = 1000;
        s.ratio = 0.01;
        const Dataset d = makeSynthetic(s);
        QCOMPARE(countClass(d, 1), Eigen::Index(10));
        QCOMPARE(countClass(d, 0), Eigen::Index(990));

        // Rows are shuffled: the first rows are not all one class.
        const Dataset moons = makeSynthetic(spec("moons"));
        const auto& y = moons.column("label").numbers;
        QVERIFY(std::count(y.begin(), y.begin() + 20, 0.0) < 20);
        QVERIFY(std::count(y.begin(), y.begin() + 20, 1.0) < 20);
    }

    void moonsAndCirclesWithoutNoise()
    {
        const Dataset moons = makeSynthetic(spec("moons", 0.0));
        for (std::size_t i = 0; i < moons.rowCount(); ++i) {
            const double x = moons.column("x1").numbers[i], y = moons.column("x2").numbers[i];
            if (moons.column("label").numbers[i] == 0)
                QVERIFY(std::abs(std::hypot(x, y) - 1.0) < 1e-12 && y >= -1e-12);
            else
                QVERIFY(std::abs(std::hypot(x - 1.0, y - 0.5) - 1.0) < 1e-12 && y <= 0.5 + 1e-12);
        }
        const Dataset circles = makeSynthetic(spec("circles", 0.0));
        for (std::size_t i = 0; i < circles.rowCount(); ++i) {
            const double r = std::hypot(circles.column("x1").numbers[i], circles.column("x2").numbers[i]);
            QVERIFY(std::abs(r - (circles.column("label").numbers[i] == 0 ? 1.0 : 0.5)) < 1e-12);
        }
        // With noise the spread matches the Gaussian standard deviation asked for.
        SyntheticSpec noisy = spec("circles", 0.1);
        noisy.samples = 20000;
        const Dataset c = makeSynthetic(noisy);
        double squares = 0;
        std::size_t outer = 0;
        for (std::size_t i = 0; i < c.rowCount(); ++i) {
            if (c.column("label").numbers[i] != 0)
                continue;
            const double r = std::hypot(c.column("x1").numbers[i], c.column("x2").numbers[i]);
            squares += (r - 1.0) * (r - 1.0);
            ++outer;
        }
        QVERIFY(std::abs(std::sqrt(squares / outer) - 0.1) < 0.01);
    }

    void otherKindsWhereExpected()
    {
        const Dataset xorData = makeSynthetic(spec("xor", 0.0));
        for (std::size_t i = 0; i < xorData.rowCount(); ++i) {
            const double a = xorData.column("x1").numbers[i], b = xorData.column("x2").numbers[i];
            QVERIFY(std::abs(a) <= 1 && std::abs(b) <= 1);
            QCOMPARE(xorData.column("label").numbers[i], (a > 0) != (b > 0) ? 1.0 : 0.0);
        }

        const Dataset spirals = makeSynthetic(spec("spirals"));
        for (std::size_t i = 0; i < spirals.rowCount(); ++i)
            QVERIFY(std::hypot(spirals.column("x1").numbers[i], spirals.column("x2").numbers[i]) <= 1.0);

        const Dataset sine = makeSynthetic(spec("sine", 0.0));
        for (std::size_t i = 0; i < sine.rowCount(); ++i) {
            const double x = sine.column("x1").numbers[i];
            QVERIFY(x >= -3 && x <= 3);
            QCOMPARE(sine.column("y").numbers[i], std::sin(x));
        }

        // Linear: some direction separates the classes with room to spare.
        const Dataset linear = makeSynthetic(spec("linear", 0.5));
        bool separated = false;
        for (int step = 0; step < 3600 && !separated; ++step) {
            const double angle = 2 * std::numbers::pi * step / 3600;
            double low1 = 1e9, high0 = -1e9;
            for (std::size_t i = 0; i < linear.rowCount(); ++i) {
                const double s = std::cos(angle) * linear.column("x1").numbers[i]
                                 + std::sin(angle) * linear.column("x2").numbers[i];
                if (linear.column("label").numbers[i] == 1)
                    low1 = std::min(low1, s);
                else
                    high0 = std::max(high0, s);
            }
            separated = low1 - high0 > 0.15;
        }
        QVERIFY(separated);

        // Blobs: each class gathers around its own centre on the radius-2 circle.
        SyntheticSpec b = spec("blobs", 0.3);
        b.samples = 3000;
        const Dataset blobs = makeSynthetic(b);
        for (int k = 0; k < 3; ++k) {
            double mx = 0, my = 0;
            int n = 0;
            for (std::size_t i = 0; i < blobs.rowCount(); ++i) {
                if (blobs.column("label").numbers[i] != k)
                    continue;
                mx += blobs.column("x1").numbers[i];
                my += blobs.column("x2").numbers[i];
                ++n;
            }
            QVERIFY(std::abs(std::hypot(mx / n, my / n) - 2.0) < 0.05);
        }

        // Imbalanced: class means 2 apart whatever the dimension.
        SyntheticSpec im = spec("imbalanced", 0.5);
        im.samples = 20000;
        im.features = 4;
        im.ratio = 0.25;
        const Dataset imb = makeSynthetic(im);
        const Matrix X = imb.featureMatrix();
        const Vector y = imb.targetValues();
        Eigen::RowVectorXd mean0 = Eigen::RowVectorXd::Zero(4), mean1 = Eigen::RowVectorXd::Zero(4);
        for (Eigen::Index i = 0; i < X.rows(); ++i)
            (y(i) == 1 ? mean1 : mean0) += X.row(i);
        mean0 /= 15000;
        mean1 /= 5000;
        QVERIFY(std::abs((mean1 - mean0).norm() - 2.0) < 0.05);
    }

    void rejectsBadSpecs()
    {
        SyntheticSpec s = spec("swiss_roll");
        QVERIFY_THROWS_EXCEPTION(ParamError, makeSynthetic(s));
        s = spec("moons", -0.1);
        QVERIFY_THROWS_EXCEPTION(ParamError, makeSynthetic(s));
        s = spec("moons");
        s.samples = 1;
        QVERIFY_THROWS_EXCEPTION(ParamError, makeSynthetic(s));
        s = spec("blobs");
        s.classes = 1;
        QVERIFY_THROWS_EXCEPTION(ParamError, makeSynthetic(s));
        s = spec("imbalanced");
        s.ratio = 0.0;
        QVERIFY_THROWS_EXCEPTION(ParamError, makeSynthetic(s));
        s = spec("imbalanced");
        s.features = 0;
        QVERIFY_THROWS_EXCEPTION(ParamError, makeSynthetic(s));
    }
};

QTEST_GUILESS_MAIN(TestSynthetic)
#include "test_synthetic.moc"
