// Benchmark, not a test: PCA on digits, kNN on moons and wine (and a 200x200
// decision-boundary grid), SVC on moons and breast_cancer, KMeans on iris and
// digits, and the silhouette on digits, timed in our engine and in
// scikit-learn (run through /usr/bin/python3 in the same invocation, on the
// same data files). Prints ours, theirs and the ratio ours / theirs (median
// of repeated runs; below 1 means we are faster).
#include "engine/core/train_context.h"
#include "engine/data/builtin_datasets.h"
#include "engine/data/csv_reader.h"
#include "engine/models/cluster/k_means.h"
#include "engine/models/cluster/silhouette.h"
#include "engine/models/decomposition/pca.h"
#include "engine/models/neighbors/k_neighbors_classifier.h"
#include "engine/models/svm/svc.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#ifdef _WIN32
#define popen _popen
#define pclose _pclose
#endif

using namespace dslab;

namespace {

// The reference side. It writes the shared splits (scaled with the training
// rows' statistics, full precision) so both libraries see identical numbers,
// then prints one JSON object: case -> {"seconds", "metric"}.
const char* kPython = R"PY(
import json, os, statistics, sys, time, csv
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_moons
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC

out_dir, res_dir = sys.argv[1], sys.argv[2]

def load(name):
    with open(os.path.join(res_dir, "resources", "datasets", name + ".csv")) as f:
        rows = list(csv.reader(f))
    X = np.array([[float(v) for v in r[:-1]] for r in rows[1:]])
    labels = sorted(set(r[-1] for r in rows[1:]))
    return X, np.array([labels.index(r[-1]) for r in rows[1:]])

def write(name, X, y):
    np.savetxt(os.path.join(out_dir, name + ".csv"), np.column_stack([X, y]), fmt="%.17g", delimiter=",",
               header=",".join([f"x{i}" for i in range(X.shape[1])] + ["target"]), comments="")

def split_scaled(name, X, y):
    tr, te = train_test_split(np.arange(len(y)), test_size=0.25, random_state=0, stratify=y)
    mu, sd = X[tr].mean(axis=0), X[tr].std(axis=0)
    Xtr, Xte = (X[tr] - mu) / sd, (X[te] - mu) / sd
    write(name + "_train", Xtr, y[tr]); write(name + "_test", Xte, y[te])
    return Xtr, y[tr], Xte, y[te]

def bench(f):
    times, end = [], time.perf_counter() + 0.5
    while len(times) < 3 or (time.perf_counter() < end and len(times) < 21):
        t = time.perf_counter(); r = f(); times.append(time.perf_counter() - t)
    return statistics.median(times), r

res = {}
def case(name, f, metric):
    t, r = bench(f)
    res[name] = {"seconds": t, "metric": float(metric(r))}

Xm, ym = make_moons(1000, noise=0.25, random_state=0)
moons = split_scaled("moons", Xm, ym)
wine = split_scaled("wine", *load("wine"))
bc = split_scaled("breast_cancer", *load("breast_cancer"))
g = np.linspace(-3, 3, 200)
grid = np.array([[a, b] for a in g for b in g])
write("grid", grid, np.zeros(len(grid)))
digits, _ = load("digits")
iris, _ = load("iris")

acc = lambda d: (lambda p: (p == d[3]).mean())
case("pca_digits_10 (sklearn auto=randomized)", lambda: PCA(10).fit(digits).transform(digits),
     lambda Z: 0)
case("pca_digits_10 (sklearn full)", lambda: PCA(10, svd_solver="full").fit(digits).transform(digits),
     lambda Z: 0)
case("pca_digits_all (full)", lambda: PCA(svd_solver="full").fit(digits).transform(digits), lambda Z: 0)
case("knn_moons k=15 fit+predict_proba", lambda: KNeighborsClassifier(15).fit(moons[0], moons[1]).predict_proba(moons[2]),
     lambda P: (P.argmax(1) == moons[3]).mean())
knn = KNeighborsClassifier(15).fit(moons[0], moons[1])
case("knn_moons k=15 grid 200x200 predict_proba", lambda: knn.predict_proba(grid), lambda P: P[:, 1].mean())
case("knn_wine k=5 fit+predict_proba", lambda: KNeighborsClassifier(5).fit(wine[0], wine[1]).predict_proba(wine[2]),
     lambda P: (P.argmax(1) == wine[3]).mean())
case("svc_moons rbf fit+predict", lambda: SVC().fit(moons[0], moons[1]).predict(moons[2]),
     lambda p: (p == moons[3]).mean())
svc = SVC().fit(moons[0], moons[1])
case("svc_moons rbf grid 200x200 decision", lambda: svc.decision_function(grid), lambda d: (d > 0).mean())
case("svc_moons rbf probability=True fit", lambda: SVC(probability=True, random_state=0).fit(moons[0], moons[1]),
     lambda m: (m.predict(moons[2]) == moons[3]).mean())
case("svc_breast_cancer rbf fit+predict", lambda: SVC().fit(bc[0], bc[1]).predict(bc[2]),
     lambda p: (p == bc[3]).mean())
case("kmeans_iris k=3 n_init=10", lambda: KMeans(3, n_init=10, random_state=0).fit(iris), lambda m: m.inertia_)
case("kmeans_digits k=10 n_init=10", lambda: KMeans(10, n_init=10, random_state=0).fit(digits), lambda m: m.inertia_)
labels = KMeans(10, n_init=10, random_state=0).fit_predict(digits)
np.savetxt(os.path.join(out_dir, "digits_labels.csv"), labels, fmt="%d", header="label", comments="")
case("silhouette_digits", lambda: silhouette_score(digits, labels), lambda s: s)
print(json.dumps(res))
)PY";

std::string resourceDir()
{
    if (const char* env = std::getenv("DSLAB_RESOURCE_DIR"); env && *env)
        return env;
    return DSLAB_SOURCE_DIR;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Same repetition rule as the Python side: at least 3 runs, up to 21 or 0.5 s.
double timeIt(const std::function<void()>& f)
{
    using Clock = std::chrono::steady_clock;
    std::vector<double> times;
    const auto end = Clock::now() + std::chrono::milliseconds(500);
    while (times.size() < 3 || (Clock::now() < end && times.size() < 21)) {
        const auto t = Clock::now();
        f();
        times.push_back(std::chrono::duration<double>(Clock::now() - t).count());
    }
    return median(times);
}

struct Split {
    Matrix Xtr, Xte;
    Vector ytr, yte;
};

void readXy(const std::string& path, Matrix& X, Vector& y)
{
    CsvOptions options;
    options.target = "target";
    const Dataset d = readCsvFile(path, options);
    X = d.featureMatrix();
    y = d.targetValues();
}

Split readSplit(const std::filesystem::path& dir, const std::string& name)
{
    Split s;
    readXy((dir / (name + "_train.csv")).string(), s.Xtr, s.ytr);
    readXy((dir / (name + "_test.csv")).string(), s.Xte, s.yte);
    return s;
}

double accuracy(const Vector& a, const Vector& b)
{
    return (a.array() == b.array()).cast<double>().mean();
}

Vector argmaxRows(const Matrix& P)
{
    Vector out(P.rows());
    for (Eigen::Index i = 0; i < P.rows(); ++i) {
        Eigen::Index best = 0;
        P.row(i).maxCoeff(&best);
        out(i) = static_cast<double>(best);
    }
    return out;
}

}  // namespace

int main()
{
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "dslab_bench_other";
    fs::create_directories(dir);
    const fs::path script = dir / "reference.py";
    std::ofstream(script) << kPython;
    const std::string command = "/usr/bin/python3 \"" + script.string() + "\" \"" + dir.string() + "\" \""
                                + resourceDir() + "\"";
    std::cout << "Running scikit-learn: " << command << "\n" << std::flush;
    std::FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        std::perror("popen");
        return 1;
    }
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe))
        output = buffer;  // the last line holds the JSON
    if (pclose(pipe) != 0 || output.empty()) {
        std::cerr << "the scikit-learn reference failed (is python3-sklearn installed for /usr/bin/python3?)\n";
        return 1;
    }
    const nlohmann::json reference = nlohmann::json::parse(output);

    const Split moons = readSplit(dir, "moons");
    const Split wine = readSplit(dir, "wine");
    const Split bc = readSplit(dir, "breast_cancer");
    Matrix grid;
    Vector unused;
    readXy((dir / "grid.csv").string(), grid, unused);
    const Matrix digits = loadBuiltinDataset("digits", resourceDir() + "/resources/datasets").featureMatrix();
    const Matrix iris = loadBuiltinDataset("iris", resourceDir() + "/resources/datasets").featureMatrix();
    const Dataset labelFile = readCsvFile((dir / "digits_labels.csv").string());
    const Vector digitLabels = labelFile.featureMatrix().col(0);

    struct Row {
        std::string name;
        double seconds;
        double metric;
    };
    std::vector<Row> ours;
    auto run = [&](const std::string& name, const std::function<double()>& f) {
        double metric = 0;
        const double t = timeIt([&] { metric = f(); });
        ours.push_back({name, t, metric});
    };
    auto pca = [&](const char* solver, long long k) {
        return [&digits, solver, k] {
            PCA p;
            if (k > 0)
                p.setParam("n_components", k);
            p.setParam("svd_solver", std::string(solver));
            TrainContext ctx;
            const Matrix Z = p.fitTransform(digits, nullptr, ctx);
            return 0.0 * Z(0, 0);
        };
    };
    run("pca_digits_10 (sklearn auto=randomized)", pca("auto", 10));
    run("pca_digits_10 (sklearn full)", pca("full", 10));
    run("pca_digits_all (full)", pca("full", 0));
    auto knnFitPredict = [](const Split& s, long long k) {
        KNeighborsClassifier m;
        m.setParam("n_neighbors", k);
        TrainContext ctx;
        m.fit(s.Xtr, s.ytr, ctx);
        return accuracy(argmaxRows(m.predictProba(s.Xte)), s.yte);
    };
    run("knn_moons k=15 fit+predict_proba", [&] { return knnFitPredict(moons, 15); });
    KNeighborsClassifier knn;
    knn.setParam("n_neighbors", 15LL);
    TrainContext knnCtx;
    knn.fit(moons.Xtr, moons.ytr, knnCtx);
    run("knn_moons k=15 grid 200x200 predict_proba", [&] { return knn.predictProba(grid).col(1).mean(); });
    run("knn_wine k=5 fit+predict_proba", [&] { return knnFitPredict(wine, 5); });
    auto svcFitPredict = [](const Split& s) {
        SVC m;
        TrainContext ctx;
        m.fit(s.Xtr, s.ytr, ctx);
        return accuracy(m.predict(s.Xte), s.yte);
    };
    run("svc_moons rbf fit+predict", [&] { return svcFitPredict(moons); });
    SVC svc;
    TrainContext svcCtx;
    svc.fit(moons.Xtr, moons.ytr, svcCtx);
    run("svc_moons rbf grid 200x200 decision",
        [&] { return (svc.decisionFunction(grid).array() > 0).cast<double>().mean(); });
    run("svc_moons rbf probability=True fit", [&] {
        SVC m;
        m.setParam("probability", true);
        TrainContext ctx;
        m.fit(moons.Xtr, moons.ytr, ctx);
        return accuracy(m.predict(moons.Xte), moons.yte);
    });
    run("svc_breast_cancer rbf fit+predict", [&] { return svcFitPredict(bc); });
    auto kmeans = [](const Matrix& X, long long k) {
        KMeans m;
        m.setParam("n_clusters", k);
        m.setParam("n_init", 10LL);
        TrainContext ctx;
        m.fit(X, Vector(), ctx);
        return m.inertia();
    };
    run("kmeans_iris k=3 n_init=10", [&] { return kmeans(iris, 3); });
    run("kmeans_digits k=10 n_init=10", [&] { return kmeans(digits, 10); });
    run("silhouette_digits", [&] { return silhouetteScore(digits, digitLabels); });

    std::printf("\n%-44s %11s %11s %8s   %-12s %-12s\n", "case", "ours ms", "sklearn ms", "ratio", "ours metric",
                "sklearn");
    for (const Row& r : ours) {
        const auto& ref = reference.at(r.name);
        const double theirs = ref.at("seconds").get<double>();
        std::printf("%-44s %11.3f %11.3f %8.3f   %-12.6g %-12.6g\n", r.name.c_str(), r.seconds * 1e3, theirs * 1e3,
                    r.seconds / theirs, r.metric, ref.at("metric").get<double>());
    }
    std::printf("\nratio = ours / scikit-learn (median wall time, 1 thread); metric = accuracy, inertia, "
                "silhouette or mean prediction (0 for PCA).\n");
    return 0;
}
