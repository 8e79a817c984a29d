// The L-BFGS minimizer of engine/optim: convergence on classic test
// functions, agreement with SciPy's L-BFGS-B (same line search and stopping
// rules), and the callback, iteration-limit and non-finite behaviour that
// models build on.
#include "engine/optim/lbfgs.h"

#include <Eigen/Cholesky>
#include <QtTest>
#include <cmath>
#include <limits>

using namespace dslab;

namespace {

// Extended Rosenbrock: sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, minimum 0 at (1, ..., 1).
double rosenbrock(const Vector& x, Vector& g)
{
    double value = 0;
    g.setZero();
    for (Eigen::Index i = 0; i + 1 < x.size(); ++i) {
        const double a = x(i + 1) - x(i) * x(i);
        const double b = 1 - x(i);
        value += 100 * a * a + b * b;
        g(i) += -400 * a * x(i) - 2 * b;
        g(i + 1) += 200 * a;
    }
    return value;
}

Vector rosenbrockStart(Eigen::Index n)
{
    Vector x(n);
    for (Eigen::Index i = 0; i < n; ++i)
        x(i) = i % 2 == 0 ? -1.2 : 1.0;
    return x;
}

}  // namespace

class TestLbfgs : public QObject {
    Q_OBJECT

private slots:
    void rosenbrockFollowsScipy()
    {
        // /usr/bin/python3 -c "from scipy.optimize import minimize, rosen, rosen_der;
        //   r = minimize(rosen, [-1.2, 1.0], jac=rosen_der, method='L-BFGS-B', options={'gtol': 1e-5});
        //   print(r.nit, r.nfev, repr(r.x))"
        // SciPy 1.10.1: 36 iterations, 44 evaluations, x = [0.99999895, 0.99999802] (relative-decrease stop).
        LbfgsOptions options;
        options.gradientTolerance = 1e-5;
        const LbfgsResult r = minimizeLbfgs(rosenbrock, rosenbrockStart(2), options);
        QCOMPARE(r.status, LbfgsStatus::DecreaseConverged);
        QVERIFY2(std::abs(r.iterations - 36) <= 2, qPrintable(QString::number(r.iterations)));
        QVERIFY2(std::abs(r.evaluations - 44) <= 3, qPrintable(QString::number(r.evaluations)));
        QVERIFY(std::abs(r.x(0) - 0.99999895) < 1e-6 && std::abs(r.x(1) - 0.99999802) < 1e-6);
    }

    void extendedRosenbrockConverges()
    {
        // SciPy 1.10.1 needs 123 iterations from the same start (n = 20).
        LbfgsOptions options;
        options.maxIterations = 1000;
        options.gradientTolerance = 1e-5;
        const LbfgsResult r = minimizeLbfgs(rosenbrock, rosenbrockStart(20), options);
        QVERIFY(r.converged());
        QVERIFY((r.x.array() - 1.0).abs().maxCoeff() < 1e-4);
        QVERIFY2(r.iterations > 100 && r.iterations < 150, qPrintable(QString::number(r.iterations)));
    }

    void illConditionedQuadraticIsSolved()
    {
        // f = 1/2 x'Ax - b'x with condition number 1e4; the minimizer is A^-1 b.
        // The relative-decrease test is off: only a stalled f or a tiny gradient stops it.
        const Eigen::Index n = 50;
        Vector diag = Vector::LinSpaced(n, 0.0, 4.0);
        diag = diag.unaryExpr([](double e) { return std::pow(10.0, e); });
        Matrix Q = Matrix::Identity(n, n);
        for (Eigen::Index i = 0; i + 1 < n; ++i) {  // a rotation so the problem is not separable
            const double c = std::cos(0.3 * static_cast<double>(i)), s = std::sin(0.3 * static_cast<double>(i));
            const Vector a = Q.col(i), b = Q.col(i + 1);
            Q.col(i) = c * a - s * b;
            Q.col(i + 1) = s * a + c * b;
        }
        const Matrix A = Q * diag.asDiagonal() * Q.transpose();
        const Vector b = Vector::LinSpaced(n, -1.0, 1.0);
        auto quadratic = [&](const Vector& x, Vector& g) {
            g = A * x - b;
            return 0.5 * x.dot(A * x) - b.dot(x);
        };
        LbfgsOptions options;
        options.maxIterations = 5000;
        options.gradientTolerance = 1e-10;
        options.relativeDecreaseTolerance = 0;
        const LbfgsResult r = minimizeLbfgs(quadratic, Vector::Zero(n), options);
        QVERIFY2(r.converged(), r.message().c_str());
        const Vector exact = A.ldlt().solve(b);
        // Near the optimum f stops resolving progress in double precision
        // (f - f* ~ g'A^-1 g / 2), which limits the accuracy to about 1e-7 here.
        QVERIFY((r.x - exact).cwiseAbs().maxCoeff() < 1e-6 * exact.cwiseAbs().maxCoeff());
    }

    void callbackSeesEveryIterationAndCanStop()
    {
        std::vector<double> values;
        int lastFlags = 0;
        auto record = [&](const LbfgsIterate& it) {
            values.push_back(it.value);
            lastFlags += it.last ? 1 : 0;
            if (it.iteration != static_cast<int>(values.size()))
                return false;
            return true;
        };
        LbfgsOptions options;
        options.gradientTolerance = 1e-5;
        const LbfgsResult full = minimizeLbfgs(rosenbrock, rosenbrockStart(2), options, record);
        QCOMPARE(static_cast<int>(values.size()), full.iterations);
        QCOMPARE(lastFlags, 1);  // only the final iteration is flagged last
        for (std::size_t k = 1; k < values.size(); ++k)
            QVERIFY(values[k] <= values[k - 1]);  // the line search only accepts decreases
        QCOMPARE(values.back(), full.value);

        const LbfgsResult stopped =
            minimizeLbfgs(rosenbrock, rosenbrockStart(2), options, [](const LbfgsIterate& it) { return it.iteration < 5; });
        QCOMPARE(stopped.status, LbfgsStatus::StoppedByCallback);
        QCOMPARE(stopped.iterations, 5);
    }

    void iterationLimitIsRespected()
    {
        LbfgsOptions options;
        options.maxIterations = 7;
        int calls = 0;
        const LbfgsResult r = minimizeLbfgs(rosenbrock, rosenbrockStart(10), options, [&](const LbfgsIterate& it) {
            ++calls;
            return it.iteration <= 7;
        });
        QCOMPARE(r.status, LbfgsStatus::MaxIterations);
        QCOMPARE(r.iterations, 7);
        QCOMPARE(calls, 7);
        QVERIFY(!r.converged());
    }

    void startingAtTheOptimumTakesNoStep()
    {
        const LbfgsResult r = minimizeLbfgs(rosenbrock, Vector::Ones(4));
        QCOMPARE(r.status, LbfgsStatus::GradientConverged);
        QCOMPARE(r.iterations, 0);
        QCOMPARE(r.evaluations, 1);
    }

    void nonFiniteStartIsReported()
    {
        auto broken = [](const Vector& x, Vector& g) {
            g = x;
            return std::numeric_limits<double>::quiet_NaN();
        };
        const LbfgsResult r = minimizeLbfgs(broken, Vector::Ones(3));
        QCOMPARE(r.status, LbfgsStatus::NonFinite);
        QVERIFY(!r.message().empty());
    }

    void overflowingTrialStepsAreShortened()
    {
        // A barrier: infinite outside |x_i| < 1, minimum at 0.5 in each coordinate.
        // The first trial step (length 1 / ||g||... then 1) can leave the domain.
        auto barrier = [](const Vector& x, Vector& g) {
            if ((x.array().abs() >= 1.0).any()) {
                g.setConstant(std::numeric_limits<double>::quiet_NaN());
                return std::numeric_limits<double>::infinity();
            }
            g = (-20.0 * (0.5 - x.array()) + 2 * x.array() / (1 - x.array().square())).matrix();
            return (10.0 * (0.5 - x.array()).square() - (1 - x.array().square()).log()).sum();
        };
        LbfgsOptions options;
        options.gradientTolerance = 1e-9;
        const LbfgsResult r = minimizeLbfgs(barrier, Vector::Constant(3, -0.9), options);
        QVERIFY2(r.converged(), r.message().c_str());
        QVERIFY(r.x.allFinite());
        QVERIFY((r.x.array().abs() < 1).all());
        // Stationary point of 10 (0.5 - x)^2 - log(1 - x^2).
        const double x = r.x(0);
        QVERIFY(std::abs(-20 * (0.5 - x) + 2 * x / (1 - x * x)) < 1e-8);
    }

    void minimizerObjectKeepsItsOptions()
    {
        LbfgsOptions options;
        options.memory = 3;
        options.maxIterations = 500;
        const LbfgsMinimizer minimizer(options);
        QCOMPARE(minimizer.options().memory, 3);
        const LbfgsResult r = minimizer.minimize(rosenbrock, rosenbrockStart(6));
        QVERIFY(r.converged());
        QVERIFY((r.x.array() - 1.0).abs().maxCoeff() < 1e-3);
    }
};

QTEST_GUILESS_MAIN(TestLbfgs)
#include "test_lbfgs.moc"
