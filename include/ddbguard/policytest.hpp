#pragma once
// Policy tests (`ddbguard test FILE`): a YAML or JSON file that names one principal's
// policies and states what they must decide.
//
//   policies: [role-policy.json]          # relative to the test file; judged together
//   kind: identity                        # optional: identity|trust|resource|kms-key|vpc-endpoint
//   caller:                               # optional: what every request starts from
//     principal: arn:aws:sts::123456789012:assumed-role/App/alice
//     context: {cognito-identity.amazonaws.com:sub: "us-east-1:alice", aws:SecureTransport: "true"}
//   cases:                                # a request and the decision it must get
//     - name: Alice reads her own row
//       request: {action: dynamodb:GetItem, resource: arn:..., context: {dynamodb:LeadingKeys: [us-east-1:alice]}}
//       expect: allow                     # allow | deny | implicit-deny | explicit-deny
//   never:                                # no request of this shape may be allowed
//     - name: no Scan on any table
//       action: dynamodb:Scan             # IAM action pattern(s)
//       resource: "*"                     # ARN pattern(s), default "*"
//       reaches: any                      # any | other-partitions | other-attributes
//   always:                               # each of these requests must stay allowed
//     - name: Alice queries her rows
//       action: [dynamodb:Query]
//       resource: arn:...
//       context: {dynamodb:LeadingKeys: [us-east-1:alice]}
//
// A request's context is the caller's context with the case's keys on top (a null value
// removes a key). `never` is checked with the candidate requests of ddbguard diff's search
// (the policies' constants, the pattern's own actions and ARNs, the analyzer's adversarial
// requests): a failure is proven by its counterexample, a pass is not a proof.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/finding.hpp"
#include "ddbguard/location.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard {

enum class Expectation { allow, deny, implicit_deny, explicit_deny };
std::string_view to_string(Expectation expectation);

struct TestCase {
    std::string name;
    Location location;
    Request request;
    Expectation expect = Expectation::allow;
};

enum class Reach {
    any,               // every matching request
    other_partitions,  // item, scan and stream requests that reach a partition not the caller's
    other_attributes,  // item requests that reach attributes outside `attributes`
};

struct NeverAssertion {
    std::string name;
    Location location;
    std::vector<std::string> actions;              // IAM action patterns
    std::vector<std::string> resources{"*"};       // ARN patterns
    std::vector<std::string> principals;           // patterns; empty: any principal
    Reach reaches = Reach::any;
    std::vector<std::string> own_partitions;       // other-partitions: the caller's (default: its identity values)
    std::vector<std::string> attributes;           // other-attributes: the allowed list
};

struct AlwaysAssertion {
    std::string name;
    Location location;
    std::vector<Request> requests;  // every action x resource of the entry
};

struct TestFile {
    std::string path;
    std::vector<std::string> policies;      // as written
    std::vector<std::string> policy_paths;  // resolved against the test file's folder
    std::optional<PolicyKind> kind;
    Request caller;  // principal and context (action and resource unused)
    std::vector<TestCase> cases;
    std::vector<NeverAssertion> never;
    std::vector<AlwaysAssertion> always;
};

// Reads a test file. Problems (not YAML/JSON, unknown or repeated field, wrong type,
// missing value, no test at all) are "test-invalid" findings located in the file;
// returns false when there is any. Never throws.
bool read_test_file(std::string_view text, const std::string& path, TestFile& out, std::vector<Finding>& problems);

struct TestResult {
    std::string kind;  // "case", "never" or "always"
    std::string name;
    Location location;
    bool passed = false;
    std::string message;              // on failure: what was expected and what happened
    std::optional<Request> request;   // the failing request (a never's counterexample)
    std::optional<Decision> decision;
    std::string reaches;              // what a never's counterexample reaches, when known
    std::size_t requests = 0;         // requests decided for this test
};

struct TestReport {
    std::string path;
    std::string error;               // the file could not be run: unreadable, invalid, a missing policy
    std::vector<Finding> problems;   // the located problems behind `error`
    std::vector<TestResult> results;
    std::size_t failures() const;
};

// Runs a test file that was read already against the given policy set.
std::vector<TestResult> run_tests(const TestFile& file, const std::vector<const Policy*>& policies);

// Reads the file, loads its policies (load_policy_sets, as one bundle) and runs it.
TestReport run_test_file(const std::string& path);

}  // namespace ddbguard
