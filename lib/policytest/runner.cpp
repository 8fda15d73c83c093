// Runs policy tests: cases against the evaluator, `never` against the witness search's
// candidate requests, `always` request by request.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "ddbguard/catalog.hpp"
#include "ddbguard/diff.hpp"
#include "ddbguard/policytest.hpp"
#include "diff/candidates.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard {

namespace {

bool expected(Expectation e, Outcome o) {
    switch (e) {
        case Expectation::allow: return o == Outcome::allow;
        case Expectation::deny: return o != Outcome::allow;
        case Expectation::implicit_deny: return o == Outcome::implicit_deny;
        case Expectation::explicit_deny: return o == Outcome::explicit_deny;
    }
    return false;
}

bool glob(std::string_view pattern, std::string_view subject, bool arn) {
    if (pattern == "*") return true;
    eval::Pattern p;
    p.append_wild(pattern);
    return arn ? eval::arn_match(p.view(), subject) : eval::glob_match(p.view(), subject, false);
}

bool reaches_other_partitions(const NeverAssertion& a, const Request& r) {
    if (!diff::touches_items(r.action)) return false;
    const ContextEntry* keys = r.find("dynamodb:LeadingKeys");
    if (!keys) return true;  // a Scan, a full-scan SELECT or a stream read: every partition
    const std::vector<std::string> own = a.own_partitions.empty() ? diff::own_partitions(r) : a.own_partitions;
    for (const std::string& v : keys->values)
        if (std::find(own.begin(), own.end(), v) == own.end()) return true;
    return false;
}

bool reaches_other_attributes(const NeverAssertion& a, const Request& r) {
    if (!diff::touches_items(r.action)) return false;
    if (const ContextEntry* select = r.find("dynamodb:Select"))
        for (const std::string& v : select->values)
            if (v == "ALL_ATTRIBUTES" || v == "ALL_PROJECTED_ATTRIBUTES") return true;
    if (const ContextEntry* rv = r.find("dynamodb:ReturnValues"))
        for (const std::string& v : rv->values)
            if (v == "ALL_OLD" || v == "ALL_NEW") return true;
    if (const ContextEntry* attrs = r.find("dynamodb:Attributes"))
        for (const std::string& v : attrs->values)
            if (std::find(a.attributes.begin(), a.attributes.end(), v) == a.attributes.end()) return true;
    return false;
}

bool matches(const NeverAssertion& a, const Request& r) {
    if (std::none_of(a.actions.begin(), a.actions.end(),
                     [&](const std::string& p) { return catalog::action_matches(p, r.action); }))
        return false;
    if (std::none_of(a.resources.begin(), a.resources.end(), [&](const std::string& p) { return glob(p, r.resource, true); }))
        return false;
    if (!a.principals.empty() &&
        std::none_of(a.principals.begin(), a.principals.end(), [&](const std::string& p) { return glob(p, r.principal, false); }))
        return false;
    switch (a.reaches) {
        case Reach::any: return true;
        case Reach::other_partitions: return reaches_other_partitions(a, r);
        case Reach::other_attributes: return reaches_other_attributes(a, r);
    }
    return false;
}

std::string reach_text(const NeverAssertion& a, const Request& r) {
    if (a.reaches == Reach::other_partitions) {
        const ContextEntry* keys = r.find("dynamodb:LeadingKeys");
        if (!keys) return "every partition: " + r.action + " carries no dynamodb:LeadingKeys";
        const std::vector<std::string> own = a.own_partitions.empty() ? diff::own_partitions(r) : a.own_partitions;
        for (const std::string& v : keys->values)
            if (std::find(own.begin(), own.end(), v) == own.end()) return "partition '" + v + "', which is not the caller's";
    }
    if (a.reaches == Reach::other_attributes) {
        if (const ContextEntry* select = r.find("dynamodb:Select"))
            for (const std::string& v : select->values)
                if (v == "ALL_ATTRIBUTES" || v == "ALL_PROJECTED_ATTRIBUTES")
                    return "every attribute of the items (Select " + v + ")";
        if (const ContextEntry* rv = r.find("dynamodb:ReturnValues"))
            for (const std::string& v : rv->values)
                if (v == "ALL_OLD" || v == "ALL_NEW") return "the whole item (ReturnValues " + v + ")";
        if (const ContextEntry* attrs = r.find("dynamodb:Attributes"))
            for (const std::string& v : attrs->values)
                if (std::find(a.attributes.begin(), a.attributes.end(), v) == a.attributes.end())
                    return "attribute '" + v + "', which is not in the allowed list";
    }
    return {};
}

}  // namespace

std::size_t TestReport::failures() const {
    return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [](const TestResult& r) { return !r.passed; }));
}

std::vector<TestResult> run_tests(const TestFile& file, const std::vector<const Policy*>& policies) {
    std::vector<TestResult> results;
    const Evaluator evaluator(policies);
    const std::vector<std::string> referenced = diff::referenced_keys(policies);
    const bool principals = diff::reads_principal(policies) || !file.caller.principal.empty();
    for (const TestCase& c : file.cases) {
        TestResult r;
        r.kind = "case";
        r.name = c.name;
        r.location = c.location;
        r.requests = 1;
        Decision d = evaluator.evaluate(c.request);
        r.passed = expected(c.expect, d.outcome);
        if (!r.passed) {
            r.message = "expected " + std::string(to_string(c.expect)) + ", got " + std::string(to_string(d.outcome));
            r.request = c.request;
            r.decision = std::move(d);
        }
        results.push_back(std::move(r));
    }
    for (const NeverAssertion& a : file.never) {
        TestResult r;
        r.kind = "never";
        r.name = a.name;
        r.location = a.location;
        r.passed = true;
        diff::Seeds seeds{a.actions, a.resources, a.principals};
        diff::SearchOptions options;
        if (!file.caller.context.empty() || !file.caller.principal.empty()) options.caller = file.caller;
        const diff::CandidateSpace space(policies, seeds, options);
        r.requests = space.for_each([&](const Request& q, const std::string& reaches) {
            if (!matches(a, q) || evaluator.decide(q) != Outcome::allow) return true;
            r.passed = false;
            // Show the context the policies read, and a principal only where one is read.
            Request shown = diff::shown_request(q, referenced);
            if (!principals) shown.principal.clear();
            if (evaluator.decide(shown) != Outcome::allow || !matches(a, shown)) shown = q;
            r.request = shown;
            r.decision = evaluator.evaluate(shown);
            r.reaches = reaches.empty() ? reach_text(a, shown) : reaches;
            r.message = "allowed: " + diff::describe_request(shown);
            return false;
        });
        results.push_back(std::move(r));
    }
    for (const AlwaysAssertion& a : file.always) {
        TestResult r;
        r.kind = "always";
        r.name = a.name;
        r.location = a.location;
        r.passed = true;
        for (const Request& q : a.requests) {
            ++r.requests;
            Decision d = evaluator.evaluate(q);
            if (d.outcome == Outcome::allow) continue;
            r.passed = false;
            r.message = "expected allow, got " + std::string(to_string(d.outcome)) + " for " + diff::describe_request(q);
            r.request = q;
            r.decision = std::move(d);
            break;
        }
        results.push_back(std::move(r));
    }
    std::stable_sort(results.begin(), results.end(), [](const TestResult& x, const TestResult& y) {
        return std::tie(x.location.line, x.location.column) < std::tie(y.location.line, y.location.column);
    });
    return results;
}

TestReport run_test_file(const std::string& path) {
    TestReport report;
    report.path = path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        report.error = "cannot read " + path;
        return report;
    }
    std::ostringstream text;
    text << in.rdbuf();
    TestFile file;
    if (!read_test_file(text.str(), path, file, report.problems)) {
        report.error = path + " is not a valid test file";
        return report;
    }
    LoadOptions options;
    options.bundle = true;
    options.kind = file.kind;
    const LoadResult loaded = load_policy_sets(file.policy_paths, options);
    if (!loaded.error.empty()) {
        report.error = path + ": " + loaded.error;
        return report;
    }
    std::vector<const Policy*> policies;
    for (const PolicySet& set : loaded.sets)
        for (const ParseResult& p : set.policies) policies.push_back(&p.policy);
    report.results = run_tests(file, policies);
    return report;
}

}  // namespace ddbguard
