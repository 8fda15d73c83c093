#pragma once
// Generator: a short spec (YAML or JSON) in, the smallest row- and column-scoped
// policies out, each checked by the analyzer and the evaluator before it is returned.
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/finding.hpp"

namespace ddbguard {

struct GenerateResult {
    bool ok = false;
    // Spec problems, each located in the spec file (path = the spec's path):
    //   "spec-invalid"  the spec is malformed (unknown field, wrong type, missing value ...)
    //   "spec-unsafe"   the spec asks for something no policy can keep row- or column-scoped
    //                   (the message says why, `fix` says what to ask for instead)
    //   "generator-self-check"  the generated policy failed the analyzer or an adversarial
    //                   request: a bug in ddbguard, reported instead of writing the policy
    std::vector<Finding> problems;
    // Pretty JSON (2-space indent, stable key order, trailing newline); empty when not
    // produced: trust_policy_json is empty for iam-user and principal-tag identities
    // (nobody assumes a role there), kms_key_policy_json when the spec names no KMS key.
    std::string role_policy_json;
    std::string trust_policy_json;
    std::string kms_key_policy_json;
    // Policy tests for role-policy.json (YAML for `ddbguard test`), checked to pass on it;
    // `ddbguard generate --tests` writes them as policy-tests.yaml.
    std::string policy_tests_yaml;
    std::vector<std::string> notes;  // what the user must still do by hand, one sentence each
};

// `text` is YAML, or JSON (detected by a leading '{'); `path` is used in the problems'
// locations. Never throws (std::bad_alloc aside).
GenerateResult generate_from_spec(std::string_view text, const std::string& path);

}  // namespace ddbguard
