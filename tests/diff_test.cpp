// ddbguard diff: every witness it prints is a request NEW allows and OLD denies (removed
// access the other way round), re-evaluated here on both versions for every golden case;
// each kind of new access is covered by a golden case; --base reads git revisions.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ddbguard/diff.hpp"
#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"

namespace fs = std::filesystem;
using namespace ddbguard;

namespace {

const fs::path kSource = DDBGUARD_SOURCE_DIR;

// The golden cases that compare an old and a new version: tests/cli/diff-*/{old,new}[.json].
std::vector<fs::path> golden_cases() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(kSource / "tests" / "cli")) {
        const std::string name = e.path().filename().string();
        if (name.rfind("diff-", 0) != 0) continue;
        if ((fs::exists(e.path() / "old.json") && fs::exists(e.path() / "new.json")) ||
            (fs::is_directory(e.path() / "old") && fs::is_directory(e.path() / "new")))
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

LoadedChange load(const fs::path& dir) {
    ChangeInput input;
    const bool files = fs::exists(dir / "old.json");
    input.old_paths = {(dir / (files ? "old.json" : "old")).string()};
    input.new_paths = {(dir / (files ? "new.json" : "new")).string()};
    return load_change(input);
}

std::vector<const Policy*> usable(const std::vector<PolicySet>& sets, const std::string& key) {
    std::vector<const Policy*> out;
    for (const PolicySet& s : sets)
        if (s.key == key)
            for (const ParseResult& p : s.policies)
                if (p.usable) out.push_back(&p.policy);
    return out;
}

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs a shell command in `dir`; true on exit status 0.
bool sh(const fs::path& dir, const std::string& command) {
    const std::string full = "cd '" + dir.string() + "' && " + command + " >/dev/null 2>&1";
    return std::system(full.c_str()) == 0;
}

// Restores the current directory when a test changed it.
struct InDirectory {
    fs::path before = fs::current_path();
    explicit InDirectory(const fs::path& dir) { fs::current_path(dir); }
    ~InDirectory() { fs::current_path(before); }
};

}  // namespace

TEST_CASE("every witness of the golden cases is allowed by one version and denied by the other", "[diff]") {
    std::set<AccessKind> kinds;
    std::size_t witnesses = 0;
    const auto cases = golden_cases();
    REQUIRE(cases.size() >= 12);
    for (const fs::path& dir : cases) {
        const LoadedChange change = load(dir);
        INFO(dir.string() << ": " << change.error);
        REQUIRE(change.error.empty());
        const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets);
        for (const SetChange& set : result.sets) {
            const Evaluator old_eval(usable(change.old_sets, set.key));
            const Evaluator new_eval(usable(change.new_sets, set.key));
            for (const AccessChange& c : set.added) {
                INFO(c.message);
                CHECK(new_eval.decide(c.witness.request) == Outcome::allow);
                CHECK(old_eval.decide(c.witness.request) != Outcome::allow);
                CHECK(c.witness.new_decision.outcome == Outcome::allow);
                CHECK(c.witness.old_decision.outcome != Outcome::allow);
                CHECK(c.path.find("old") == std::string::npos);  // new access is located in NEW
                kinds.insert(c.kind);
                ++witnesses;
            }
            for (const AccessChange& c : set.removed) {
                INFO(c.message);
                CHECK(old_eval.decide(c.witness.request) == Outcome::allow);
                CHECK(new_eval.decide(c.witness.request) != Outcome::allow);
                ++witnesses;
            }
        }
    }
    CHECK(witnesses >= 15);
    // Each kind of new access has a golden case.
    for (AccessKind k : {AccessKind::condition, AccessKind::action, AccessKind::resource, AccessKind::deny,
                         AccessKind::columns, AccessKind::rows, AccessKind::principal}) {
        INFO(to_string(k));
        CHECK(kinds.count(k) == 1);
    }
}

TEST_CASE("witnesses between the good and bad fixtures of every check hold on both versions", "[diff]") {
    // Pairs of unrelated versions exercise the search far beyond the golden cases.
    std::size_t witnesses = 0;
    for (const auto& dir : fs::directory_iterator(kSource / "policies")) {
        if (!dir.is_directory()) continue;
        std::vector<fs::path> good, bad;
        for (const auto& e : fs::directory_iterator(dir.path())) {
            const std::string name = e.path().filename().string();
            if (e.path().extension() != ".json") continue;
            (name.rfind("good-", 0) == 0 ? good : bad).push_back(e.path());
        }
        std::sort(good.begin(), good.end());
        std::sort(bad.begin(), bad.end());
        if (good.empty() || bad.empty()) continue;
        for (const auto& [a, b] : {std::pair{good.front(), bad.front()}, std::pair{bad.front(), good.front()}}) {
            ChangeInput input;
            input.old_paths = {a.string()};
            input.new_paths = {b.string()};
            const LoadedChange change = load_change(input);
            if (!change.error.empty()) continue;  // a NEW that is not a policy
            DiffOptions options;
            options.max_requests = 20000;
            const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets, options);
            for (const SetChange& set : result.sets) {
                const Evaluator old_eval(usable(change.old_sets, set.key));
                const Evaluator new_eval(usable(change.new_sets, set.key));
                for (const AccessChange& c : set.added) {
                    INFO(a.string() << " -> " << b.string() << ": " << c.message);
                    CHECK(new_eval.decide(c.witness.request) == Outcome::allow);
                    CHECK(old_eval.decide(c.witness.request) != Outcome::allow);
                    ++witnesses;
                }
                for (const AccessChange& c : set.removed) {
                    INFO(a.string() << " -> " << b.string() << ": " << c.message);
                    CHECK(old_eval.decide(c.witness.request) == Outcome::allow);
                    CHECK(new_eval.decide(c.witness.request) != Outcome::allow);
                    ++witnesses;
                }
            }
        }
    }
    CHECK(witnesses >= 50);
}

TEST_CASE("a widened row filter is found with a key that only extends the caller's", "[diff]") {
    const LoadedChange change = load(kSource / "tests/cli/diff-rows-widened");
    REQUIRE(change.error.empty());
    const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets);
    REQUIRE(result.sets.size() == 1);
    REQUIRE(result.sets[0].added.size() == 1);
    const AccessChange& c = result.sets[0].added[0];
    CHECK(c.kind == AccessKind::rows);
    CHECK(c.severity == Severity::error);
    const ContextEntry* keys = c.witness.request.find("dynamodb:LeadingKeys");
    REQUIRE(keys);
    CHECK(keys->values == std::vector<std::string>{"us-east-1:caller-0000x1"});
    CHECK(c.witness.reaches.find("starts with the caller's") != std::string::npos);
    CHECK(has_new_access(result, AccessKind::rows));
    CHECK_FALSE(has_new_access(result, AccessKind::principal));
}

TEST_CASE("a removed Deny is its own kind, with the OLD Deny as related location", "[diff]") {
    const LoadedChange change = load(kSource / "tests/cli/diff-deny-removed");
    REQUIRE(change.error.empty());
    const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets);
    REQUIRE(result.sets.size() == 1);
    REQUIRE(result.sets[0].added.size() == 1);
    const AccessChange& c = result.sets[0].added[0];
    CHECK(c.kind == AccessKind::deny);
    CHECK(c.witness.old_decision.outcome == Outcome::explicit_deny);
    REQUIRE(c.related.size() == 1);
    CHECK(c.related[0].path.find("old.json") != std::string::npos);
    CHECK(c.related[0].location.line == 13);
    const ContextEntry* tls = c.witness.request.find("aws:SecureTransport");
    REQUIRE(tls);
    CHECK(tls->values == std::vector<std::string>{"false"});
    CHECK(result.sets[0].removed.empty());
}

TEST_CASE("removed access is reported apart and never counts as new", "[diff]") {
    const LoadedChange change = load(kSource / "tests/cli/diff-removed-only-exit-0");
    REQUIRE(change.error.empty());
    const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets);
    REQUIRE(result.sets.size() == 1);
    CHECK(result.sets[0].added.empty());
    REQUIRE_FALSE(result.sets[0].removed.empty());
    CHECK(result.sets[0].removed[0].removed);
    CHECK(result.sets[0].removed[0].severity == Severity::info);
    CHECK_FALSE(has_new_access(result));
}

TEST_CASE("identical versions need no request; the same file is never new access", "[diff]") {
    ChangeInput input;
    input.old_paths = {(kSource / "policies/aws-examples").string()};
    input.new_paths = input.old_paths;
    const LoadedChange change = load_change(input);
    REQUIRE(change.error.empty());
    const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets);
    CHECK(result.sets.size() == change.new_sets.size());
    for (const SetChange& s : result.sets) {
        CHECK(s.added.empty());
        CHECK(s.removed.empty());
        CHECK(s.requests == 0);
    }
}

TEST_CASE("allow entries accept new access by kind, path, action and resource; typos are errors", "[diff]") {
    std::vector<AllowEntry> entries;
    CHECK(read_allow_file(R"({"allow": [{"kind": "action", "path": "new.json", "action": "dynamodb:Delete*"}]})",
                          entries)
              .empty());
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].kind == AccessKind::action);

    const LoadedChange change = load(kSource / "tests/cli/diff-new-action");
    REQUIRE(change.error.empty());
    DiffOptions options;
    options.allow = entries;
    DiffResult result = diff_policy_sets(change.old_sets, change.new_sets, options);
    CHECK_FALSE(has_new_access(result));
    CHECK(result.accepted == 1);
    CHECK(result.unused_allow.empty());

    options.allow[0].kind = AccessKind::rows;  // the wrong kind matches nothing
    result = diff_policy_sets(change.old_sets, change.new_sets, options);
    CHECK(has_new_access(result));
    CHECK(result.unused_allow == std::vector<std::size_t>{0});

    std::vector<AllowEntry> bad;
    CHECK(read_allow_file(R"({"allow": [{"kind": "action", "acton": "x"}]})", bad).find("unknown allow field \"acton\"") !=
          std::string::npos);
    CHECK(read_allow_file(R"({"allow": [{"kind": "everything"}]})", bad).find("unknown kind") != std::string::npos);
    CHECK(read_allow_file(R"({"allow": [{"action": "dynamodb:Scan"}]})", bad).find("needs \"kind\"") != std::string::npos);
    CHECK(read_allow_file(R"({"alow": []})", bad).find("line 1, column 2") != std::string::npos);
}

TEST_CASE("diff with a base revision reads the same paths from git, without a checkout", "[diff][git]") {
    if (std::system("git --version >/dev/null 2>&1") != 0) {
        WARN("git is not installed: skipped");
        return;
    }
    const fs::path repo = fs::temp_directory_path() / ("ddbguard-diff-git-" + std::to_string(::getpid()));
    fs::remove_all(repo);
    fs::create_directories(repo / "iam");
    const std::string old_policy = slurp(kSource / "tests/cli/diff-new-action/old.json");
    write(repo / "iam/app.json", old_policy);
    write(repo / "iam/retired.json", old_policy);
    const std::string git = "GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git -c user.name=t -c user.email=t@example.invalid";
    REQUIRE(sh(repo, git + " init -q && " + git + " add -A && " + git + " commit -q -m old"));
    write(repo / "iam/app.json", slurp(kSource / "tests/cli/diff-new-action/new.json"));
    write(repo / "iam/added.json", slurp(kSource / "tests/cli/diff-columns/new.json"));
    REQUIRE(sh(repo, "rm iam/retired.json"));
    const std::string head_before = slurp(repo / "iam/app.json");
    {
        const InDirectory in(repo);
        ChangeInput input;
        input.base = "HEAD";
        input.new_paths = {"iam"};
        const LoadedChange change = load_change(input);
        REQUIRE(change.error.empty());
        const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets);
        std::set<std::string> keys;
        for (const SetChange& s : result.sets) {
            keys.insert(s.key);
            if (s.key == "app.json") {
                CHECK(s.old_label == "HEAD:iam/app.json");
                REQUIRE(s.added.size() == 1);
                CHECK(s.added[0].kind == AccessKind::action);
                CHECK(s.added[0].witness.request.action == "dynamodb:DeleteTable");
            } else if (s.key == "added.json") {
                CHECK(s.old_label.empty());  // new in the working tree: compared against nothing
                CHECK_FALSE(s.added.empty());
            } else if (s.key == "retired.json") {
                CHECK(s.new_label.empty());
                CHECK(s.added.empty());
                CHECK_FALSE(s.removed.empty());
            }
        }
        CHECK(keys == std::set<std::string>{"added.json", "app.json", "retired.json"});

        input.new_paths = {"iam/app.json"};
        const LoadedChange one = load_change(input);
        REQUIRE(one.error.empty());
        REQUIRE(one.old_sets.size() == 1);
        CHECK(one.old_sets[0].key == "iam/app.json");

        input.base = "no-such-revision";
        const LoadedChange bad = load_change(input);
        CHECK(bad.error.find("revision 'no-such-revision' does not exist") != std::string::npos);
        CHECK(bad.old_sets.empty());

        input.base = "HEAD";
        input.new_paths = {"iam/never-existed.json"};
        CHECK(load_change(input).error.find("neither in the working tree nor at HEAD") != std::string::npos);
    }
    // Nothing was checked out: the working tree keeps the new version.
    CHECK(slurp(repo / "iam/app.json") == head_before);
    fs::remove_all(repo);
}

TEST_CASE("bad input: a NEW file that is not a policy, a file against a directory", "[diff]") {
    ChangeInput input;
    input.old_paths = {(kSource / "tests/cli/diff-new-action/old.json").string()};
    input.new_paths = {(kSource / "tests/cli/diff-bad-json-exit-2/new.json").string()};
    CHECK(load_change(input).error.find("is not a usable policy") != std::string::npos);
    input.new_paths = {(kSource / "tests/cli/diff-directories/new").string()};
    CHECK(load_change(input).error.find("compare a file with a file") != std::string::npos);
    // A broken OLD file compares as granting nothing, so a repair can go through.
    input.old_paths = {(kSource / "tests/cli/diff-bad-json-exit-2/new.json").string()};
    input.new_paths = {(kSource / "tests/cli/diff-new-action/old.json").string()};
    const LoadedChange change = load_change(input);
    REQUIRE(change.error.empty());
    const DiffResult result = diff_policy_sets(change.old_sets, change.new_sets);
    REQUIRE(result.sets.size() == 1);
    REQUIRE(result.sets[0].notes.size() == 1);
    CHECK(result.sets[0].notes[0].find("compared as granting nothing") != std::string::npos);
}
