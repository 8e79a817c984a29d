// Core: parameter validation, the stop token that pauses, steps and cancels
// training, and the parallel loop.
#include "engine/core/errors.h"
#include "engine/core/parallel.h"
#include "engine/core/param.h"
#include "engine/core/train_context.h"

#include <QTest>
#include <atomic>
#include <thread>

using namespace dslab;

class TestCore : public QObject {
    Q_OBJECT
private slots:
    void validatesParams()
    {
        const auto c = ParamSpec::floating("C", 1.0, 0.0, 1e6, "inverse regularization").exclusiveMin();
        QCOMPARE(std::get<double>(validateParam("M", c, 2LL)), 2.0);
        QVERIFY_THROWS_EXCEPTION(ParamError, validateParam("M", c, 0.0));
        QVERIFY_THROWS_EXCEPTION(ParamError, validateParam("M", c, std::string("x")));
        const auto n = ParamSpec::integer("max_iter", 100, 1, 100000, "iterations");
        QCOMPARE(std::get<long long>(validateParam("M", n, 5.0)), 5LL);
        QVERIFY_THROWS_EXCEPTION(ParamError, validateParam("M", n, 5.5));
        QVERIFY_THROWS_EXCEPTION(ParamError, validateParam("M", n, 0LL));
        const auto depth = ParamSpec::integer("max_depth", 3, 1, 100, "depth").orNone();
        QVERIFY(std::holds_alternative<std::monostate>(validateParam("M", depth, std::monostate{})));
        const auto pen = ParamSpec::choice("penalty", "l2", {"l1", "l2"}, "penalty");
        try {
            validateParam("LogisticRegression", pen, std::string("l3"));
            QFAIL("accepted");
        } catch (const ParamError& e) {
            QVERIFY(QString(e.what()).contains("choose one of: l1, l2"));
        }
    }

    void stopTokenStepsAndCancels()
    {
        auto token = std::make_shared<StopToken>();
        token->pause();
        std::atomic<int> done{0};
        std::thread worker([&] {
            while (token->checkpoint())
                ++done;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCOMPARE(done.load(), 0);  // paused before the first step
        token->allowSteps(3);
        QTRY_COMPARE(done.load(), 3);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QCOMPARE(done.load(), 3);  // paused again after the allowed steps
        token->requestCancel();
        worker.join();
        QCOMPARE(done.load(), 3);
    }

    void parallelForCoversEveryIndexAndRethrows()
    {
        std::vector<int> hits(1000, 0);
        parallelFor(0, hits.size(), 2, [&](std::size_t i) { hits[i] += 1; });
        for (int h : hits)
            QCOMPARE(h, 1);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, parallelFor(0, 100, 2, [](std::size_t i) {
            if (i == 42)
                throw std::runtime_error("boom");
        }));
    }
};

QTEST_GUILESS_MAIN(TestCore)
#include "test_core.moc"
