#pragma once
// Row- and column-level isolation: what a policy set means to keep each caller to
// (intent), and the small set of adversarial requests that proves it does not (leaks).
//
// Intent (docs/dynamodb-iam.md sections 4 and 5): a statement that conditions
// dynamodb:LeadingKeys or a *PartitionKeyValues key declares row intent; one that
// conditions dynamodb:Attributes declares column intent. The analysis then builds, for
// each DynamoDB data and stream action the set grants, on each table, index and stream
// the intent covers, requests from a caller S that try to reach another caller's rows
// or attributes outside the allowed list, and keeps those the Evaluator ALLOWS.
//
// Pattern checks ask for the simplest leak of the causes they explain and attach it
// as their counterexample; row-isolation-leak and column-isolation-leak report the
// leaks no pattern finding already shows (see explained_causes()).
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/check.hpp"
#include "ddbguard/evaluate.hpp"
#include "ddbguard/finding.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard::analyze::isolation {

struct StatementRef {
    const Policy* policy = nullptr;
    const Statement* statement = nullptr;
    bool operator==(const StatementRef& o) const { return statement == o.statement; }
};

// --- intent ---------------------------------------------------------------------

// dynamodb:LeadingKeys or one of the dynamodb:*PartitionKeyValues keys.
bool is_row_key(std::string_view key);
// A per-identity policy variable name (without "${}"): the Cognito and web-identity
// ids, aws:username, aws:userid, aws:PrincipalTag/...
bool is_identity_variable(std::string_view name);
// A literal that reads like a variable someone forgot to wrap or mistyped:
// "cognito-identity.amazonaws.com:sub", "$aws:username", "{aws:userid}", "${aws:username".
bool looks_like_variable(std::string_view literal);
std::vector<const ConditionEntry*> row_conditions(const Statement& st);
std::vector<const ConditionEntry*> column_conditions(const Statement& st);

struct Intent {
    std::vector<StatementRef> row_statements;     // Allow or Deny with a row condition
    std::vector<StatementRef> column_statements;  // Allow or Deny with an Attributes condition
    std::vector<std::string> row_values;          // distinct LeadingKeys values as written
    std::vector<std::string> allowed_attributes;  // from Allow statements, source order
    bool row() const { return !row_statements.empty(); }
    bool column() const { return !column_statements.empty(); }
};
Intent detect_intent(const std::vector<const Policy*>& set);

// --- leaks ----------------------------------------------------------------------

enum class Cause {
    // rows
    scan_without_keys,   // Scan: no LeadingKeys
    partiql_full_scan,   // PartiQLSelect full scan: no LeadingKeys
    stream_records,      // GetRecords/GetShardIterator/DescribeStream: no LeadingKeys
    other_key,           // [O]
    mixed_keys,          // [S, O]
    extended_key,        // [S + "x"]
    variable_text,       // ["${...}"], the variable's literal text
    literal_key,         // a hard-coded value that reads like a variable
    // columns
    no_projection,       // Select ALL_ATTRIBUTES with only key attributes named
    projected_index,     // Select ALL_PROJECTED_ATTRIBUTES on an index
    unlisted_attribute,  // an attribute outside the allowed list named
    returns_whole_item,  // ReturnValues ALL_OLD / ALL_NEW
    whole_item_write,    // PutItem / DeleteItem / BatchWriteItem
};
std::string_view to_string(Cause cause);
bool is_row_cause(Cause cause);

struct Leak {
    Request request;
    Cause cause{};
    std::string reaches;                   // one sentence
    std::vector<StatementRef> allowed_by;  // the Allow statements that apply, set order
    bool allowed_by_contains(const Statement* st) const;
};

// One analysis of a policy set: one Evaluator, the adversarial requests, the leaks in
// the order "simplest first". Build it only when a check needs it (it costs a few
// hundred evaluator decisions).
class Analysis {
public:
    explicit Analysis(const std::vector<const Policy*>& set);

    const Intent& intent() const { return intent_; }
    const std::vector<Leak>& leaks() const { return leaks_; }
    // The simplest leak of one of `causes` that `by` allows (any statement when null).
    const Leak* simplest(std::initializer_list<Cause> causes, const Statement* by = nullptr) const;
    const Leak* simplest(const std::vector<Cause>& causes, const Statement* by = nullptr) const;
    // The proof: the request and the evaluator's full decision.
    Counterexample counterexample(const Leak& leak) const;
    const Evaluator& evaluator() const { return evaluator_; }

private:
    Intent intent_;
    Evaluator evaluator_;
    std::vector<std::string> referenced_keys_;  // lower-case keys the set's conditions and variables read
    std::vector<Leak> leaks_;
};

// The context of a request from the caller "caller-0000": every identity key set, and the
// values that make the set's unrelated guards (TLS, VPC endpoint, tags) pass in Allows and
// fail in Denies. The base of the adversarial requests, for checks that build their own.
Request caller_context(const std::vector<const Policy*>& set);
// Another user's value of an identity key ("us-east-1:other-0000" for the Cognito sub).
std::string other_identity(std::string_view key);

// The causes a pattern check explains with its own finding (empty for other checks).
const std::vector<Cause>& explained_causes(std::string_view check_id);
// True when a finding already in `context` (from a pattern check) shows `leak`'s cause
// for one of the statements that allow it.
bool already_explained(Context& context, const Leak& leak);

// row-isolation-leak / column-isolation-leak: one error per allowing statement and
// cause that no pattern finding in `context` already shows.
void report_unexplained(Context& context, const CheckDoc& check, bool row);

// Reports `message` at `where` in `policy` with `leak` as counterexample (error).
void report_leak(Context& context, const CheckDoc& check, const Policy& policy, const Location& where,
                 std::string message, std::string fix, const Analysis& analysis, const Leak& leak);

// The Action entry of `st` that covers `action` (its Action/NotAction element otherwise).
Location action_location(const Statement& st, std::string_view action);
// The first of `actions` that `st` covers, or empty.
std::string first_covered(const Statement& st, std::initializer_list<std::string_view> actions);
// "12:17"
std::string position(const Location& loc);
// The usual repair for a cause, in one sentence.
std::string fix_for(Cause cause);

// What the request shows, for messages: "dynamodb:Scan on arn:...:table/T".
std::string describe_request(const Request& request);
// The row (or column) condition of `st` that a leak passed, explained from the trace
// ("ForAllValues:StringEquals on dynamodb:LeadingKeys holds: key ... is absent, so
// ForAllValues is vacuously true"), or that it has none.
std::string why_allowed(const Counterexample& proof, const Statement& st, bool row);

}  // namespace ddbguard::analyze::isolation
