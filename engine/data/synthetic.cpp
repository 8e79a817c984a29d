#include "engine/data/synthetic.h"

#include "engine/core/errors.h"
#include "engine/data/seeded_random.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numbers>

namespace dslab {

namespace {

constexpr double kPi = std::numbers::pi;

// Points and their classes before they become a Dataset.
struct Samples {
    int dims = 2;
    std::vector<double> x;  // row-major, dims per row
    std::vector<double> label;

    void add(std::initializer_list<double> point, double y)
    {
        x.insert(x.end(), point.begin(), point.end());
        label.push_back(y);
    }
    std::size_t size() const { return label.size(); }
};

// numpy.linspace(0, stop, count, endpoint), which make_moons and make_circles use.
double spaced(int i, int count, double stop, bool endpoint)
{
    if (endpoint)
        return count > 1 ? stop * i / (count - 1) : 0.0;
    return stop * i / count;
}

// Sizes of `classes` groups that add up to n, the first ones one larger when
// n does not divide evenly (as make_blobs splits).
std::vector<int> groupSizes(int n, int classes)
{
    std::vector<int> sizes(static_cast<std::size_t>(classes), n / classes);
    for (int k = 0; k < n % classes; ++k)
        ++sizes[static_cast<std::size_t>(k)];
    return sizes;
}

void addNoise(Samples& s, SeededRandom& rng, double noise)
{
    if (noise > 0)
        for (double& v : s.x)
            v += noise * rng.normal();
}

Samples moons(const SyntheticSpec& spec, SeededRandom& rng)
{
    Samples s;
    const int outer = spec.samples / 2;
    const int inner = spec.samples - outer;
    for (int i = 0; i < outer; ++i) {
        const double t = spaced(i, outer, kPi, true);
        s.add({std::cos(t), std::sin(t)}, 0);
    }
    for (int i = 0; i < inner; ++i) {
        const double t = spaced(i, inner, kPi, true);
        s.add({1.0 - std::cos(t), 1.0 - std::sin(t) - 0.5}, 1);
    }
    addNoise(s, rng, spec.noise);
    return s;
}

Samples circles(const SyntheticSpec& spec, SeededRandom& rng)
{
    constexpr double factor = 0.5;
    Samples s;
    const int outer = spec.samples / 2;
    const int inner = spec.samples - outer;
    for (int i = 0; i < outer; ++i) {
        const double t = spaced(i, outer, 2 * kPi, false);
        s.add({std::cos(t), std::sin(t)}, 0);
    }
    for (int i = 0; i < inner; ++i) {
        const double t = spaced(i, inner, 2 * kPi, false);
        s.add({factor * std::cos(t), factor * std::sin(t)}, 1);
    }
    addNoise(s, rng, spec.noise);
    return s;
}

Samples blobs(const SyntheticSpec& spec, SeededRandom& rng)
{
    constexpr double radius = 2.0;
    Samples s;
    const double rotation = rng.uniform(0.0, 2 * kPi);
    const std::vector<int> sizes = groupSizes(spec.samples, spec.classes);
    for (int k = 0; k < spec.classes; ++k) {
        const double angle = rotation + 2 * kPi * k / spec.classes;
        const double cx = radius * std::cos(angle), cy = radius * std::sin(angle);
        for (int i = 0; i < sizes[static_cast<std::size_t>(k)]; ++i) {
            const double dx = rng.normal(), dy = rng.normal();
            s.add({cx + spec.noise * dx, cy + spec.noise * dy}, k);
        }
    }
    return s;
}

Samples xorPattern(const SyntheticSpec& spec, SeededRandom& rng)
{
    // One quadrant after another, so both classes get half of the points.
    static constexpr double signs[4][2] = {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}};
    Samples s;
    for (int i = 0; i < spec.samples; ++i) {
        const double* sign = signs[i % 4];
        const double a = rng.uniform(), b = rng.uniform();
        s.add({sign[0] * a, sign[1] * b}, sign[0] * sign[1] < 0 ? 1 : 0);
    }
    addNoise(s, rng, spec.noise);
    return s;
}

Samples spirals(const SyntheticSpec& spec, SeededRandom& rng)
{
    constexpr double winding = 1.5 * kPi;  // three quarters of a turn per arm
    Samples s;
    const std::vector<int> sizes = groupSizes(spec.samples, spec.classes);
    for (int k = 0; k < spec.classes; ++k) {
        const int count = sizes[static_cast<std::size_t>(k)];
        for (int i = 0; i < count; ++i) {
            const double t = (i + 0.5) / count;
            const double angle = 2 * kPi * k / spec.classes + winding * t + spec.noise * rng.normal();
            s.add({t * std::cos(angle), t * std::sin(angle)}, k);
        }
    }
    return s;
}

Samples linearlySeparable(const SyntheticSpec& spec, SeededRandom& rng)
{
    constexpr double margin = 0.1;  // half the width of the empty band
    Samples s;
    const double angle = rng.uniform(0.0, 2 * kPi);
    const double wx = std::cos(angle), wy = std::sin(angle);
    for (int i = 0; i < spec.samples; ++i) {
        const int label = i % 2;
        for (;;) {
            const double a = rng.uniform(-1.0, 1.0), b = rng.uniform(-1.0, 1.0);
            const double side = wx * a + wy * b;
            if ((label == 1 && side > margin) || (label == 0 && side < -margin)) {
                s.add({a, b}, label);
                break;
            }
        }
    }
    return s;
}

Samples sine(const SyntheticSpec& spec, SeededRandom& rng)
{
    Samples s;
    s.dims = 1;
    for (int i = 0; i < spec.samples; ++i) {
        const double x = rng.uniform(-3.0, 3.0);
        s.add({x}, std::sin(x) + spec.noise * rng.normal());
    }
    return s;
}

Samples imbalanced(const SyntheticSpec& spec, SeededRandom& rng)
{
    Samples s;
    s.dims = spec.features;
    const int minority = std::clamp(static_cast<int>(std::lround(spec.samples * spec.ratio)), 1, spec.samples - 1);
    // Centres at -c and +c along the diagonal, 2 apart whatever the dimension.
    const double c = 1.0 / std::sqrt(static_cast<double>(spec.features));
    for (int i = 0; i < spec.samples; ++i) {
        const int label = i < minority ? 1 : 0;
        const double centre = label == 1 ? c : -c;
        for (int d = 0; d < spec.features; ++d)
            s.x.push_back(centre + spec.noise * rng.normal());
        s.label.push_back(label);
    }
    return s;
}

void checkSpec(const SyntheticSpec& spec)
{
    if (!isSyntheticKind(spec.kind)) {
        std::string kinds;
        for (const std::string& k : syntheticKinds()) {
            if (!kinds.empty())
                kinds += ", ";
            kinds += k;
        }
        throw ParamError("unknown synthetic dataset '" + spec.kind + "'; choose one of " + kinds);
    }
    const bool classification = spec.kind != "sine";
    const bool manyClasses = spec.kind == "blobs" || spec.kind == "spirals";
    const int minimum = manyClasses ? spec.classes : (classification ? 2 : 1);
    if (spec.samples < std::max(minimum, 1) || spec.samples > 10'000'000)
        throw ParamError("samples must be between " + std::to_string(std::max(minimum, 1))
                         + " and 10000000 for '" + spec.kind + "', got " + std::to_string(spec.samples));
    if (!(spec.noise >= 0.0) || !std::isfinite(spec.noise))
        throw ParamError("noise must be a finite number >= 0, got " + std::to_string(spec.noise));
    if (manyClasses && (spec.classes < 2 || spec.classes > 20))
        throw ParamError("classes must be between 2 and 20, got " + std::to_string(spec.classes));
    if (spec.kind == "imbalanced") {
        if (!(spec.ratio > 0.0 && spec.ratio <= 0.5))
            throw ParamError("ratio (the minority share) must be in (0, 0.5], got " + std::to_string(spec.ratio));
        if (spec.features < 1 || spec.features > 1000)
            throw ParamError("features must be between 1 and 1000, got " + std::to_string(spec.features));
    }
}

}  // namespace

const std::vector<std::string>& syntheticKinds()
{
    static const std::vector<std::string> kinds{"moons", "circles", "blobs", "xor", "spirals", "linear", "sine", "imbalanced"};
    return kinds;
}

bool isSyntheticKind(const std::string& kind)
{
    const auto& kinds = syntheticKinds();
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

Dataset makeSynthetic(const SyntheticSpec& spec)
{
    checkSpec(spec);
    SeededRandom rng(spec.seed);
    Samples s;
    if (spec.kind == "moons")
        s = moons(spec, rng);
    else if (spec.kind == "circles")
        s = circles(spec, rng);
    else if (spec.kind == "blobs")
        s = blobs(spec, rng);
    else if (spec.kind == "xor")
        s = xorPattern(spec, rng);
    else if (spec.kind == "spirals")
        s = spirals(spec, rng);
    else if (spec.kind == "linear")
        s = linearlySeparable(spec, rng);
    else if (spec.kind == "sine")
        s = sine(spec, rng);
    else
        s = imbalanced(spec, rng);

    // Generators emit one class after another; shuffle as scikit-learn does
    // so the first rows are not all one class.
    std::vector<std::size_t> order(s.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    rng.shuffle(order);

    Dataset data;
    data.name = spec.kind;
    const auto dims = static_cast<std::size_t>(s.dims);
    for (std::size_t d = 0; d < dims; ++d) {
        Column column;
        // Appending avoids a GCC 12 -Wrestrict false positive on "x" + to_string().
        column.name = "x";
        column.name += std::to_string(d + 1);
        column.numbers.reserve(order.size());
        for (std::size_t row : order)
            column.numbers.push_back(s.x[row * dims + d]);
        data.addColumn(std::move(column));
    }
    Column target;
    target.name = spec.kind == "sine" ? "y" : "label";
    target.numbers.reserve(order.size());
    for (std::size_t row : order)
        target.numbers.push_back(s.label[row]);
    data.addColumn(std::move(target));
    data.setTarget(spec.kind == "sine" ? "y" : "label");
    return data;
}

}  // namespace dslab
