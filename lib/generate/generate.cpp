// generate_from_spec: read the spec, build the policies, verify them; nothing is returned
// unless all three stages pass.
#include "ddbguard/generate.hpp"

#include <exception>
#include <new>

#include "ddbguard/policytest.hpp"
#include "generate/spec.hpp"

namespace ddbguard {

GenerateResult generate_from_spec(std::string_view text, const std::string& path) {
    GenerateResult result;
    try {
        generate::Spec spec;
        if (!generate::read_spec(text, path, spec, result.problems)) return result;
        generate::Built built = generate::build_policies(spec);
        if (!generate::self_check(spec, built, result.problems)) return result;
        // The tests written next to the policy must pass on it.
        std::string tests = generate::build_tests(spec);
        TestFile file;
        std::vector<Finding> test_problems;
        ParseResult role = parse_policy(built.role_policy, "role-policy.json", {}, PolicyKind::identity);
        std::string failed;
        if (!read_test_file(tests, "policy-tests.yaml", file, test_problems)) {
            failed = test_problems.empty() ? "unreadable" : test_problems.front().message;
        } else {
            for (const TestResult& r : run_tests(file, {&role.policy}))
                if (!r.passed && failed.empty()) failed = r.kind + " \"" + r.name + "\": " + r.message;
        }
        if (!failed.empty()) {
            Finding f;
            f.check_id = "generator-self-check";
            f.severity = Severity::error;
            f.message = "internal: the generated policy tests fail on the generated policy: " + failed;
            f.fix = "this is a bug in ddbguard generate: please report it with the spec";
            f.path = path;
            f.location = Location{1, 1, ""};
            result.problems.push_back(std::move(f));
            return result;
        }
        result.policy_tests_yaml = std::move(tests);
        result.role_policy_json = std::move(built.role_policy);
        result.trust_policy_json = std::move(built.trust_policy);
        result.kms_key_policy_json = std::move(built.kms_key_policy);
        result.notes = std::move(built.notes);
        result.ok = true;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        Finding f;
        f.check_id = "generator-self-check";
        f.severity = Severity::error;
        f.message = std::string("internal: the generator failed: ") + e.what();
        f.path = path;
        f.location = Location{1, 1, ""};
        result.problems.push_back(std::move(f));
        result.ok = false;
    }
    return result;
}

}  // namespace ddbguard
