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
#include <memory>
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
// Every row condition of every Allow statement of the set, with where it stands: what the
// checks on how a row filter is written (ForAnyValue, wildcards, literals) go through.
struct RowCondition {
    const Policy* policy = nullptr;
    const Statement* statement = nullptr;
    const ConditionEntry* condition = nullptr;
};
std::vector<RowCondition> allow_row_conditions(const std::vector<const Policy*>& set);
std::vector<const ConditionEntry*> column_conditions(const Statement& st);

// What a row filter keeps a caller to. A filter whose values hold a policy variable (or
// read like one someone forgot to write as a variable) is per-user isolation: each caller
// reaches only their own partitions. A filter of literal values only ("public",
// "Machine#*") confines a principal to fixed partitions: every caller of the policy shares
// them, so nothing in it is about other users; what escapes it is a partition outside the
// listed ones.
enum class RowFilter { per_user, literal };

// The classes of item actions whose row filters are compared (issue 12): a filter on one
// class says nothing about the other ("everyone reads, each writes their own").
enum class ActionClass { none, read, write };
ActionClass action_class(std::string_view action);  // "dynamodb:GetItem" -> read

struct RowScope {
    StatementRef ref;
    RowFilter filter = RowFilter::per_user;
    std::vector<std::string> values;  // the statement's row-condition values, as written
    bool reads = false, writes = false;  // item action classes the statement covers
};

struct Intent {
    std::vector<StatementRef> row_statements;     // Allow or Deny with a row condition
    std::vector<StatementRef> column_statements;  // Allow or Deny with an Attributes condition
    std::vector<RowScope> row_scopes;             // one per row statement, same order
    std::vector<std::string> row_values;          // distinct LeadingKeys values as written
    std::vector<std::string> allowed_attributes;  // from Allow statements, source order
    bool row() const { return !row_statements.empty(); }
    bool column() const { return !column_statements.empty(); }
    const RowScope* scope_of(const Statement* st) const;  // nullptr when `st` has no row filter
};
Intent detect_intent(const std::vector<const Policy*>& set);
RowFilter row_filter_of(const Statement& st);

// How a per-user variable's values look (IAM and Cognito documentation): whether one id
// can be another id followed by more characters, and which characters ids may hold.
struct IdentityFormat {
    std::string_view key;          // "aws:username"
    std::string_view caller, other;  // example ids of the caller and of another user
    bool fixed_length = false;     // every id has the same length (Cognito's REGION:GUID)
    bool digits_only = false;
    std::string_view extra_chars;  // characters ids may hold besides ASCII letters and digits
    bool any_char = false;         // the documentation does not restrict the characters
    std::string_view described;    // "IAM user names", for messages
    bool allows(char c) const;
};
const IdentityFormat& identity_format(std::string_view key);

// A per-user pattern "${id}<delimiter>*" and whether another user's keys can match it: the
// literal text between the identity variable and the first wildcard (empty for "${id}*").
struct Extension {
    std::string variable;   // the identity key, "aws:username"
    std::string delimiter;  // "-" (empty: the wildcard follows the variable directly)
    bool possible = false;  // another user's id can start with the caller's id + delimiter
    std::string reason;     // why it is impossible, for messages
};
std::optional<Extension> extension_of(std::string_view value);  // nullopt: not such a pattern

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
    // Non-empty when the request is allowed only under ddbguard's reading of a case AWS
    // does not document: what the case is, and the wording that removes the doubt. Such
    // a leak is reported as a warning, never as a proven error.
    std::string ambiguity;
    std::string ambiguity_fix;
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
    // The simplest leak of one of `causes` that `by` allows (any statement when null); a
    // leak that holds under every reading comes before an ambiguous one.
    const Leak* simplest(std::initializer_list<Cause> causes, const Statement* by = nullptr) const;
    const Leak* simplest(const std::vector<Cause>& causes, const Statement* by = nullptr) const;
    // The proof: the request and the evaluator's full decision.
    Counterexample counterexample(const Leak& leak) const;
    // The set's evaluator, compiled on first use (most policies show no intent and never
    // need it).
    const Evaluator& evaluator() const;

private:
    void mark_ambiguity(Leak& leak, const std::vector<const Policy*>& set) const;

    std::vector<const Policy*> set_;
    Intent intent_;
    mutable std::optional<Evaluator> evaluator_;
    std::vector<std::string> referenced_keys_;  // lower-case keys the set's conditions and variables read
    std::vector<Leak> leaks_;
};

// The adversarial requests of a policy set before any is evaluated, simplest first
// (empty when the set shows no row or column intent). For judging them against other
// policy sets: `ddbguard diff` tries them on both versions, `ddbguard test` on its set.
struct Adversarial {
    Request request;
    Cause cause{};
    std::string reaches;
};
std::vector<Adversarial> adversarial_requests(const std::vector<const Policy*>& set);
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

// A leak that holds only under ddbguard's reading of an undocumented case makes `f` a
// warning that names the case and the wording that removes the doubt (issue 12's ruling).
void qualify(Finding& f, const Leak& leak);

// Reports `message` at `where` in `policy` with `leak` as counterexample: an error, or a
// warning naming the ambiguity when the leak depends on an undocumented reading.
void report_leak(Context& context, const CheckDoc& check, const Policy& policy, const Location& where,
                 std::string message, std::string fix, const Analysis& analysis, const Leak& leak);

// For every Allow with a row filter that grants `action`, when the analysis finds a leak of
// `cause` through it: an error at the action, "<statement> grants <action> under its row
// filter <op> on <key> (<line:col>)<how>" and what escapes (escape_phrase), with the fix
// `fix(statement)`. Scan and PartiQLSelect are the two such actions.
void report_row_filtered_grant(Context& context, const CheckDoc& check, std::string_view action, Cause cause,
                               std::string_view how, std::string (*fix)(const Statement&));

// The Action entry of `st` that covers `action` (its Action/NotAction element otherwise).
Location action_location(const Statement& st, std::string_view action);
// The first of `actions` that `st` covers, or empty.
std::string first_covered(const Statement& st, std::initializer_list<std::string_view> actions);
// "12:17"
std::string position(const Location& loc);
// True when `st`'s Resource/NotResource covers `arn` for the caller (variables rendered
// with the analysis' example caller).
bool covers_resource(const Statement& st, const std::string& arn);
// `text` with its variables rendered for the example caller and its wildcards made
// concrete ("${aws:username}-*" -> "bob-1").
std::string render_for_caller(std::string_view text);
// The usual repair for a cause, in one sentence.
std::string fix_for(Cause cause);
// What a broken row filter of `st` lets escape, for messages: "every user's items" for a
// per-user filter, "items of partitions outside the listed 'a', 'b'" for a literal one.
std::string escape_phrase(const Intent& intent, const Statement& st);

// What the request shows, for messages: "dynamodb:Scan on arn:...:table/T".
std::string describe_request(const Request& request);
// The row (or column) condition of `st` that a leak passed, explained from the trace
// ("ForAllValues:StringEquals on dynamodb:LeadingKeys holds: key ... is absent, so
// ForAllValues is vacuously true"), or that it has none.
std::string why_allowed(const Counterexample& proof, const Statement& st, bool row);

}  // namespace ddbguard::analyze::isolation
