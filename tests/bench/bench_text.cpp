// Benchmark, not a test: TfidfVectorizer() (scikit-learn's defaults)
// fit + transform of all 5574 messages of sms_spam, timed in our engine and,
// in the same run, in scikit-learn through
// /usr/bin/python3 tests/bench/sklearn_text.py. Prints ours, theirs and the
// ratio ours / theirs (medians of repeated runs; below 1 means faster), and
// the vocabulary size and non-zeros of both as a sanity check.
#include "engine/data/builtin_datasets.h"
#include "engine/text/tfidf_vectorizer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#ifdef _WIN32
#define popen _popen
#define pclose _pclose
#endif

using namespace dslab;

namespace {

struct Timing {
    double seconds = 0;
    int runs = 0;
    long long features = 0;
    long long nonZeros = 0;
};

Timing timeOurs(const StringList& docs, const ParamMap& params)
{
    std::vector<double> times;
    Timing t;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (times.size() < 5 || (std::chrono::steady_clock::now() < end && times.size() < 51)) {
        const auto start = std::chrono::steady_clock::now();
        TfidfVectorizer v;
        v.setParams(params);
        const SparseMatrix X = v.fitTransform(docs);
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        t.features = X.cols();
        t.nonZeros = X.nonZeros();
    }
    std::nth_element(times.begin(), times.begin() + static_cast<long>(times.size() / 2), times.end());
    t.seconds = times[times.size() / 2];
    t.runs = static_cast<int>(times.size());
    return t;
}

nlohmann::json runReference()
{
    const std::string command = "/usr/bin/python3 " DSLAB_SOURCE_DIR "/tests/bench/sklearn_text.py " DSLAB_SOURCE_DIR;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return nullptr;
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe))
        output += buffer;
    if (pclose(pipe) != 0 || output.empty())
        return nullptr;
    return nlohmann::json::parse(output, nullptr, false);
}

}  // namespace

int main()
{
    const Dataset sms = loadBuiltinDataset("sms_spam", DSLAB_SOURCE_DIR "/resources/datasets");
    StringList docs;
    for (std::size_t i = 0; i < sms.rowCount(); ++i)
        docs.push_back(sms.column("text").cellText(i));
    // The same settings as tests/bench/sklearn_text.py's CASES, in order.
    const std::vector<std::pair<std::string, ParamMap>> cases = {
        {"defaults", {}},
        {"english+1-2grams+sublinear+min_df2",
         {{"stop_words", std::string("english")}, {"ngram_range", std::vector<long long>{1, 2}},
          {"sublinear_tf", true}, {"min_df", 2.0}}},
    };
    std::vector<Timing> ours;
    for (const auto& [name, params] : cases)
        ours.push_back(timeOurs(docs, params));
    const nlohmann::json reference = runReference();
    if (reference.is_discarded() || reference.is_null())
        std::cerr << "scikit-learn reference failed (needs /usr/bin/python3 with python3-sklearn)\n";

    std::printf("TfidfVectorizer fit_transform on sms_spam (%zu messages), median seconds\n", docs.size());
    std::printf("%-36s %10s %10s %7s %9s %9s %9s %9s\n", "settings", "ours", "sklearn", "ratio", "terms", "sk terms",
                "nnz", "sk nnz");
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Timing& t = ours[i];
        double theirs = 0;
        long long theirFeatures = 0, theirNonZeros = 0;
        if (reference.is_object() && reference.contains(cases[i].first)) {
            const auto& r = reference[cases[i].first];
            theirs = r["seconds"].get<double>();
            theirFeatures = r["features"].get<long long>();
            theirNonZeros = r["nnz"].get<long long>();
        }
        std::printf("%-36s %10.5f %10.5f %7.3f %9lld %9lld %9lld %9lld\n", cases[i].first.c_str(), t.seconds, theirs,
                    theirs > 0 ? t.seconds / theirs : 0.0, t.features, theirFeatures, t.nonZeros, theirNonZeros);
    }
    return 0;
}
