// Walks policies/<check-id>/: every bad-*.json (or bad-* folder, linted as a
// bundle), and every bad-* template or serverless.yml (.yaml, .yml, .template; a .json
// file is read as whatever its content is), every bad-*.tf and bad-* folder of .tf files (a
// Terraform module), must give exactly the findings in its sibling bad-*.expect, one
// "line:col severity check-id" per line ("file:line:col ..." for folders; info
// findings of other checks are not listed);
// every good-* must give no warning or error of that check (and no finding at all of an
// info check).
// DDBGUARD_UPDATE_EXPECT=1 rewrites the .expect files from the current output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ddbguard/analyze.hpp"
#include "fixture_util.hpp"

namespace fs = std::filesystem;
using fixture::slurp;

namespace {

// Info findings of other checks (hardening hints such as require-tls) are left out, so
// a new hint does not rewrite every other check's expectations.
std::string render(const std::vector<ddbguard::FileReport>& reports, bool bundle, const std::string& check) {
    std::string out;
    for (const auto& r : reports)
        for (const auto& f : r.findings)
            if (f.severity != ddbguard::Severity::info || f.check_id == check)
                out += (bundle ? fs::path(f.path).filename().string() + ":" : std::string()) +
                   std::to_string(f.location.line) + ":" +
                   std::to_string(f.location.column) + " " + std::string(ddbguard::to_string(f.severity)) + " " +
                   f.check_id + "\n";
    return out;
}

}  // namespace

TEST_CASE("bad fixtures give exactly their expected findings", "[fixtures]") {
    const bool update = std::getenv("DDBGUARD_UPDATE_EXPECT") != nullptr;
    auto bad = fixture::named("bad-");
    REQUIRE(!bad.empty());
    for (const fs::path& fixture : bad) {
        fs::path expect = fixture;
        expect.replace_extension(".expect");
        if (fs::is_directory(fixture)) expect = fixture.string() + ".expect";
        std::string check = fixture.parent_path().filename().string();
        std::string actual = render(fixture::lint(fixture), fs::is_directory(fixture), check);
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
    for (const fs::path& fixture : fixture::named("good-")) {
        const std::string check = fixture.parent_path().filename().string();
        // A check that warns or errs may explain in an info why a correct pattern is safe
        // (leading-keys-wildcard on "${sub}-*"); an info check says nothing at all.
        const ddbguard::CheckDoc* doc = ddbguard::find_check(check);
        const bool info_check = doc && doc->severity == ddbguard::Severity::info;
        for (const auto& r : fixture::lint(fixture))
            for (const auto& f : r.findings) {
                INFO("fixture " << fixture.string() << ": " << f.message);
                CHECK((f.check_id != check || (!info_check && f.severity == ddbguard::Severity::info)));
            }
    }
}
