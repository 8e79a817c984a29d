#include "engine/data/builtin_datasets.h"

#include "engine/core/errors.h"
#include "engine/data/csv_reader.h"
#include "engine/data/utf8_path.h"

#include <cstdlib>
#include <filesystem>

namespace dslab {

namespace {

// Kept in step with resources/datasets/README.md, which has the full provenance.
std::vector<BuiltinDatasetInfo> makeCatalog()
{
    return {
        {"iris", "Iris flowers", "multiclass", "species",
         "150 iris flowers: sepal and petal length and width of three species, 50 of each.",
         "R.A. Fisher (1936), as bundled in scikit-learn 1.2.1", "CC BY 4.0"},
        {"wine", "Wine cultivars", "multiclass", "cultivar",
         "13 chemical measurements of 178 Italian wines from three cultivars (coded 0, 1, 2).",
         "UCI Wine (Forina et al., PARVUS), as bundled in scikit-learn 1.2.1", "CC BY 4.0"},
        {"breast_cancer", "Breast cancer (Wisconsin diagnostic)", "binary", "diagnosis",
         "30 cell-nucleus measurements of 569 breast masses, benign (357) or malignant (212).",
         "UCI Breast Cancer Wisconsin (Diagnostic), Wolberg, Street, Mangasarian; via scikit-learn 1.2.1",
         "CC BY 4.0"},
        {"digits", "Handwritten digits (8x8)", "multiclass", "label",
         "1797 handwritten digits as 8x8 images of grey levels 0-16, one pixel per column.",
         "UCI Optical Recognition of Handwritten Digits (Alpaydin, Kaynak 1998), via scikit-learn 1.2.1",
         "CC BY 4.0"},
        {"diabetes", "Diabetes progression", "regression", "disease_progression",
         "Ten baseline measurements of 442 diabetes patients (raw, unscaled units) and a measure of disease "
         "progression one year later.",
         "Efron, Hastie, Johnstone, Tibshirani (2004), Least Angle Regression; via scikit-learn 1.2.1",
         "BSD-3-Clause (as redistributed in scikit-learn)"},
        {"penguins", "Palmer penguins", "multiclass", "species",
         "Bill, flipper and body measurements of 344 penguins of three species on three islands, with a few "
         "missing values.",
         "allisonhorst/palmerpenguins (Horst, Hill, Gorman 2020; Palmer Station LTER), via seaborn-data",
         "CC0"},
        {"titanic", "Titanic passengers", "binary", "survived",
         "The 891 passengers of Kaggle's Titanic training set: class, name, sex, age, family, fare, cabin, "
         "port, and whether they survived.",
         "Encyclopedia Titanica passenger list, via seaborn-data (Kaggle Titanic training set)",
         "no explicit licence (widely redistributed historical data)"},
        {"air_passengers", "Airline passengers", "time series", "passengers",
         "Monthly international airline passengers (thousands), January 1949 to December 1960.",
         "Box & Jenkins (1976), Series G; R datasets::AirPassengers via seaborn-data",
         "no explicit licence (classic published textbook series)"},
        {"air_passengers_with_gaps", "Airline passengers with gaps", "time series", "passengers",
         "The airline passengers series with 12 of 144 months blanked (including a 3-month run), for filling and "
         "interpolation.",
         "Derived from air_passengers (Box & Jenkins 1976, Series G)",
         "no explicit licence (classic published textbook series)"},
        {"auto_mpg", "Auto MPG", "regression", "mpg",
         "Fuel consumption (miles per gallon) of 398 cars from 1970-1982 with engine size, power, weight and "
         "origin.",
         "UCI Auto MPG (Quinlan 1993), via seaborn-data", "CC BY 4.0"},
        {"sms_spam", "SMS spam", "text", "label",
         "5574 SMS messages labelled ham or spam (13.4% spam), for bag-of-words and naive Bayes.",
         "UCI SMS Spam Collection v.1 (Almeida, Gomez Hidalgo 2011)", "CC BY 4.0"},
        {"bank_marketing", "Bank marketing", "binary", "subscribed",
         "4521 phone-marketing calls of a Portuguese bank and whether the client subscribed a term deposit "
         "(11.5% yes).",
         "UCI Bank Marketing bank.csv (Moro, Laureano, Cortez 2011)", "CC BY 4.0"},
        {"adult_income_5k", "Adult income (5000-row sample)", "binary", "income",
         "Census records of 5000 adults and whether their income exceeds 50K dollars a year (24.3% do).",
         "UCI Adult (Kohavi, Becker 1994), a seeded random sample of 5000 of 32561 rows", "CC BY 4.0"},
        {"heart_disease", "Heart disease (Cleveland)", "binary", "heart_disease",
         "13 clinical measurements of 303 patients and whether heart disease is present.",
         "UCI Heart Disease, Cleveland (Detrano et al.)", "CC BY 4.0"},
    };
}

// std::getenv is deprecated under MSVC, which wants _dupenv_s.
std::string environment(const char* name)
{
#ifdef _MSC_VER
    char* value = nullptr;
    std::size_t length = 0;
    if (_dupenv_s(&value, &length, name) != 0 || !value)
        return {};
    std::string out(value);
    std::free(value);
    return out;
#else
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
#endif
}

bool holdsDatasets(const std::filesystem::path& dir)
{
    std::error_code ec;
    return !dir.empty() && std::filesystem::is_regular_file(dir / "iris.csv", ec);
}

}  // namespace

const std::vector<BuiltinDatasetInfo>& builtinDatasets()
{
    static const std::vector<BuiltinDatasetInfo> catalog = makeCatalog();
    return catalog;
}

const BuiltinDatasetInfo* findBuiltinDataset(const std::string& name)
{
    for (const BuiltinDatasetInfo& info : builtinDatasets())
        if (info.name == name)
            return &info;
    return nullptr;
}

std::string findDataDirectory(const std::string& executableDir, const std::vector<std::string>& extraCandidates)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const std::string env = environment("DSLAB_DATA_DIR"); !env.empty())
        candidates.push_back(utf8Path(env));
    if (const std::string env = environment("DSLAB_RESOURCE_DIR"); !env.empty())
        candidates.push_back(utf8Path(env) / "resources" / "datasets");
    if (!executableDir.empty()) {
        const fs::path exe = utf8Path(executableDir);
        candidates.push_back(exe / "datasets");
        candidates.push_back(exe / ".." / "share" / "dslab" / "datasets");
        candidates.push_back(exe / ".." / "resources" / "datasets");
    }
    for (const std::string& extra : extraCandidates)
        candidates.push_back(utf8Path(extra));
    for (const fs::path& dir : candidates)
        if (holdsDatasets(dir))
            return utf8String(dir.lexically_normal());
    return {};
}

Dataset loadBuiltinDataset(const std::string& name, const std::string& dataDir)
{
    const BuiltinDatasetInfo* info = findBuiltinDataset(name);
    if (!info) {
        std::string names;
        for (const BuiltinDatasetInfo& d : builtinDatasets()) {
            if (!names.empty())
                names += ", ";
            names += d.name;
        }
        throw DataError("unknown built-in dataset '" + name + "'; the built-in datasets are " + names);
    }
    const std::filesystem::path path = utf8Path(dataDir) / utf8Path(name + ".csv");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw IoError("the built-in dataset file '" + utf8String(path)
                      + "' is missing; reinstall the app or set DSLAB_DATA_DIR to the datasets folder");
    CsvOptions options;
    options.target = info->target;
    Dataset data = readCsvFile(utf8String(path), options);
    data.name = info->name;
    return data;
}

}  // namespace dslab
