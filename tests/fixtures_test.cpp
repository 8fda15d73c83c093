// Walks policies/<check-id>/: every bad-*.json (or bad-* folder, linted as a
// bundle), and every bad-* template or serverless.yml (.yaml, .yml, .template; a .json
// file is read as whatever its content is), must give exactly the findings in its
// sibling bad-*.expect, one
// "line:col severity check-id" per line ("file:line:col ..." for bundles; info
// findings of other checks are not listed);
// every good-* must give no finding of that check.
// DDBGUARD_UPDATE_EXPECT=1 rewrites the .expect files from the current output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ddbguard/analyze.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::pair<std::string, std::string>> inputs_of(const fs::path& fixture) {
    std::vector<std::pair<std::string, std::string>> inputs;
    if (fs::is_directory(fixture)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(fixture))
            if (e.path().extension() == ".json") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const fs::path& f : files) inputs.emplace_back(f.filename().string(), slurp(f));
    } else {
        inputs.emplace_back(fixture.filename().string(), slurp(fixture));
    }
    return inputs;
}

std::vector<ddbguard::FileReport> lint_fixture(const fs::path& fixture) {
    auto inputs = inputs_of(fixture);
    return fs::is_directory(fixture) ? ddbguard::lint_bundle(inputs) : ddbguard::lint_each(inputs);
}

// Info findings of other checks (hardening hints such as require-tls) are left out, so
// a new hint does not rewrite every other check's expectations.
std::string render(const std::vector<ddbguard::FileReport>& reports, bool bundle, const std::string& check) {
    std::string out;
    for (const auto& r : reports)
        for (const auto& f : r.findings)
            if (f.severity != ddbguard::Severity::info || f.check_id == check)
                out += (bundle ? f.path + ":" : std::string()) + std::to_string(f.location.line) + ":" +
                   std::to_string(f.location.column) + " " + std::string(ddbguard::to_string(f.severity)) + " " +
                   f.check_id + "\n";
    return out;
}

std::vector<fs::path> fixtures(const std::string& prefix) {
    std::vector<fs::path> out;
    fs::path root = fs::path(DDBGUARD_SOURCE_DIR) / "policies";
    for (const auto& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory()) continue;
        for (const auto& e : fs::directory_iterator(dir.path())) {
            std::string name = e.path().filename().string();
            if (name.rfind(prefix, 0) != 0) continue;
            const std::string ext = e.path().extension().string();
            if (e.is_directory() || ext == ".json" || ext == ".yaml" || ext == ".yml" || ext == ".template")
                out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("bad fixtures give exactly their expected findings", "[fixtures]") {
    const bool update = std::getenv("DDBGUARD_UPDATE_EXPECT") != nullptr;
    auto bad = fixtures("bad-");
    REQUIRE(!bad.empty());
    for (const fs::path& fixture : bad) {
        fs::path expect = fixture;
        expect.replace_extension(".expect");
        if (fs::is_directory(fixture)) expect = fixture.string() + ".expect";
        std::string check = fixture.parent_path().filename().string();
        std::string actual = render(lint_fixture(fixture), fs::is_directory(fixture), check);
        if (update) std::ofstream(expect, std::ios::binary) << actual;
        INFO("fixture " << fixture.string());
        REQUIRE(fs::exists(expect));
        CHECK(actual == slurp(expect));
        // A bad fixture of a check must show that check.
        if (check != "malformed" && check != "real-world")
            CHECK(actual.find(" " + check + "\n") != std::string::npos);
    }
}

TEST_CASE("good fixtures give no finding of their check", "[fixtures]") {
    for (const fs::path& fixture : fixtures("good-")) {
        std::string check = fixture.parent_path().filename().string();
        for (const auto& r : lint_fixture(fixture))
            for (const auto& f : r.findings) {
                INFO("fixture " << fixture.string() << ": " << f.message);
                CHECK(f.check_id != check);
            }
    }
}
