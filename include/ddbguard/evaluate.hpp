#pragma once
// The IAM evaluation model for DynamoDB requests (see docs/semantics.md).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ddbguard/location.hpp"

namespace ddbguard {

struct Policy;

// One context key of a request. A key that is not in Request::context is absent;
// a key present with an empty `values` is the "present, empty set" case.
struct ContextEntry {
    std::string key;  // compared case-insensitively
    std::vector<std::string> values;
};

struct Request {
    std::string action;     // "dynamodb:GetItem"
    std::string resource;   // ARN
    std::string principal;  // ARN of the caller, for resource-based and trust policies (may be empty)
    std::vector<ContextEntry> context;

    const ContextEntry* find(std::string_view key) const;  // case-insensitive
    void set(std::string key, std::vector<std::string> values);  // replaces a key of any case
};


enum class Outcome { allow, implicit_deny, explicit_deny };
std::string_view to_string(Outcome);

// Why one condition of a statement held or did not.
struct ConditionTrace {
    std::string op;
    std::string key;
    Location location;  // of the operator/key in the policy
    bool held = false;
    std::string why;    // "key dynamodb:LeadingKeys is absent, so ForAllValues is vacuously true"
};

struct StatementTrace {
    std::string path;          // policy file
    std::size_t statement = 0; // index in that policy
    std::string sid;
    Location location;
    bool deny = false;
    bool applies = false;      // action, resource, principal and all conditions matched
    std::vector<ConditionTrace> conditions;
};

struct Decision {
    Outcome outcome = Outcome::implicit_deny;
    std::vector<StatementTrace> matched;  // statements that decided (the Denies, or the Allows)
    std::vector<std::string> explanation; // human sentences, in order
};

// How the evaluator reads the cases AWS does not document (docs/dynamodb-iam.md, marked
// "(undocumented)"). The defaults are the evaluator's chosen readings, which `simulate`
// uses; the analyzer also asks the other reading before it claims a leak, so that a claim
// holds under every reading the documentation allows.
struct Readings {
    // A negated operator (StringNotEquals, ...) whose listed value holds a policy variable
    // that the request cannot resolve: true (chosen), or false.
    bool negated_unresolved_true = true;
    // A Resource or NotResource entry whose variable the request cannot resolve matches no
    // resource (chosen); false: the whole statement does not apply (the IAM User Guide says
    // such a variable "might cause the entire statement to be invalid").
    bool unresolved_entry_matches_none = true;
};

// A policy set compiled once, evaluated against many requests. The policies must
// outlive the Evaluator. Never throws.
class Evaluator {
public:
    explicit Evaluator(std::vector<const Policy*> policies, Readings readings = {});
    ~Evaluator();
    Evaluator(Evaluator&&) noexcept;
    Evaluator& operator=(Evaluator&&) noexcept;

    Decision evaluate(const Request& request) const;
    // Faster path without the explanation strings.
    Outcome decide(const Request& request) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ddbguard
