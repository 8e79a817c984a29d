// Benchmark, not a test: times readCsvFile on a 1,000,000 x 20 numeric CSV
// and pandas.read_csv on the same file in the same run, and prints both and
// their ratio. The file is written to the temp folder once and reused.
#include "engine/data/csv_reader.h"
#include "engine/data/seeded_random.h"
#include "engine/data/utf8_path.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#ifdef _WIN32
#define popen _popen
#define pclose _pclose
#endif

namespace {

constexpr int kRows = 1'000'000;
constexpr int kColumns = 20;

void writeBenchFile(const std::string& path)
{
    std::FILE* file = dslab::openUtf8(path, L"wb", "wb");
    if (!file) {
        std::perror(path.c_str());
        std::exit(1);
    }
    dslab::SeededRandom rng(42);
    std::string out;
    for (int c = 0; c < kColumns; ++c)
        out += (c ? ",f" : "f") + std::to_string(c + 1);
    out += '\n';
    char number[64];
    for (int r = 0; r < kRows; ++r) {
        for (int c = 0; c < kColumns; ++c) {
            if (c)
                out += ',';
            // Mixed magnitudes and signs with 4 decimals, like measured data.
            const double v = rng.normal() * (c % 4 == 0 ? 1000.0 : 10.0);
            const auto result = std::to_chars(number, number + sizeof(number), v, std::chars_format::fixed, 4);
            out.append(number, result.ptr);
        }
        out += '\n';
        if (out.size() > (1u << 20)) {
            std::fwrite(out.data(), 1, out.size(), file);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), file);
    std::fclose(file);
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Timing {
    double wall = -1;  // seconds
    double cpu = -1;   // seconds of processor time: steadier on a busy machine
};

// pandas times itself (best of three, like ours) so the interpreter start-up
// is not counted.
Timing pandasTiming(const std::string& path)
{
    const std::string command = "/usr/bin/python3 -c \"import pandas, time\n"
                                "wall = cpu = 1e300\n"
                                "for run in range(3):\n"
                                "    t = time.perf_counter(); c = time.process_time()\n"
                                "    d = pandas.read_csv('" + path + "')\n"
                                "    cpu = min(cpu, time.process_time() - c)\n"
                                "    wall = min(wall, time.perf_counter() - t)\n"
                                "print(wall, cpu, d.shape[0], d.shape[1])\"";
    Timing timing;
    std::FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return timing;
    char line[256] = {};
    if (std::fgets(line, sizeof(line), pipe)) {
        char* next = nullptr;
        timing.wall = std::strtod(line, &next);
        timing.cpu = std::strtod(next, nullptr);
    }
    pclose(pipe);
    return timing;
}

}  // namespace

int main(int argc, char** argv)
{
    const std::string path = argc > 1 ? argv[1]
                                      : (std::filesystem::temp_directory_path() / "dslab_bench_1m_x20.csv").string();
    if (!std::filesystem::exists(path)) {
        std::printf("writing %s ...\n", path.c_str());
        writeBenchFile(path);
    }
    const double megabytes = static_cast<double>(std::filesystem::file_size(path)) / (1 << 20);
    std::printf("file: %s (%.0f MiB)\n", path.c_str(), megabytes);

    // Best of three, as pandas gets a warm page cache too.
    Timing ours{1e300, 1e300};
    std::size_t rows = 0, columns = 0;
    for (int run = 0; run < 3; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpuStart = std::clock();
        const dslab::Dataset data = dslab::readCsvFile(path);
        ours.cpu = std::min(ours.cpu, static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC);
        ours.wall = std::min(ours.wall, secondsSince(start));
        rows = data.rowCount();
        columns = data.columnCount();
    }
    std::printf("dslab readCsvFile: %.3f s wall, %.3f s cpu  (%zu x %zu, %.0f MiB/s)\n", ours.wall, ours.cpu, rows,
                columns, megabytes / ours.wall);

    const Timing pandas = pandasTiming(path);
    if (pandas.wall <= 0) {
        std::printf("pandas.read_csv: not available (/usr/bin/python3 with pandas needed)\n");
        return 0;
    }
    std::printf("pandas.read_csv:   %.3f s wall, %.3f s cpu\n", pandas.wall, pandas.cpu);
    std::printf("ratio ours/pandas: %.2f wall, %.2f cpu (%s)\n", ours.wall / pandas.wall, ours.cpu / pandas.cpu,
                ours.wall <= pandas.wall ? "goal met" : "slower than pandas");
    return 0;
}
