#pragma once
// Walking policies/: the fixtures (policies/<check-id>/{bad,good}-*.json, or a bad-*
// folder linted as one bundle) and their inputs, shared by the fixture-driven tests.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ddbguard/analyze.hpp"

namespace fixture {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every fixture whose name starts with `prefix` ("bad-", "good-") under policies/<dir>/:
// policies (.json), templates and serverless.yml (.yaml, .yml, .template), Terraform files
// (.tf), bundle folders and Terraform module folders (a folder holding .tf files).
inline std::vector<fs::path> named(const std::string& prefix) {
    std::vector<fs::path> out;
    for (const auto& dir : fs::directory_iterator(fs::path(DDBGUARD_SOURCE_DIR) / "policies")) {
        if (!dir.is_directory()) continue;
        for (const auto& e : fs::directory_iterator(dir.path())) {
            const std::string name = e.path().filename().string();
            const std::string ext = e.path().extension().string();
            if (name.rfind(prefix, 0) == 0 &&
                (e.is_directory() || ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template" ||
                 ext == ".tf"))
                out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

// A folder of .tf files is one Terraform module.
inline bool is_module(const fs::path& fixture) {
    if (!fs::is_directory(fixture)) return false;
    for (const auto& e : fs::directory_iterator(fixture))
        if (e.path().extension() == ".tf") return true;
    return false;
}

// The (file name, bytes) pairs a fixture lints: the file, or the folder's *.json sorted.
// Terraform files keep their whole path, so that file() finds the files beside them.
inline std::vector<std::pair<std::string, std::string>> inputs(const fs::path& fixture) {
    std::vector<std::pair<std::string, std::string>> out;
    if (is_module(fixture)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(fixture))
            if (e.path().extension() == ".tf") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) out.emplace_back(f.string(), slurp(f));
    } else if (fixture.extension() == ".tf") {
        out.emplace_back(fixture.string(), slurp(fixture));
    } else if (fs::is_directory(fixture)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(fixture))
            if (e.path().extension() == ".json") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) out.emplace_back(f.filename().string(), slurp(f));
    } else {
        out.emplace_back(fixture.filename().string(), slurp(fixture));
    }
    return out;
}

inline std::vector<ddbguard::FileReport> lint(const fs::path& fixture) {
    const auto in = inputs(fixture);
    return fs::is_directory(fixture) && !is_module(fixture) ? ddbguard::lint_bundle(in) : ddbguard::lint_each(in);
}

}  // namespace fixture
