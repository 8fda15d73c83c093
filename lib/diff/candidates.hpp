#pragma once
// The candidate requests of a witness search over policy sets (ddbguard diff, and the
// `never` assertions of ddbguard test). Candidates come from the sets' constants:
//
// - actions: those written, and every catalog action a wildcard covers (for `*` and
//   NotAction: the actions of DynamoDB and of the services the sets name);
// - resources: every ARN written, its variables rendered for the caller and for another
//   user, its wildcards instantiated ("table/Users*" gives Users and Users2), each table
//   as table, index, stream, backup, export, import and global table as the action takes
//   it, and in another account and Region where some ARN leaves those open;
// - context: for each condition key, the listed values (variables rendered for the
//   caller and another user, the variable's literal text, wildcards instantiated), values
//   just outside them (a key that extends the caller's id, the numbers and addresses next
//   to a bound, the other Bool), the key absent, and the multivalued shapes that break
//   row and column filters ([own, other], [allowed..., HiddenAttribute]);
// - principals of trust and resource policies, and one from another account.
//
// For each Allow statement, each action and resource it covers, a core request is built
// that the statement allows if any candidate values can (each condition satisfied in
// turn, each Deny of the sets defeated where a free key can); then variants change one
// context key or the principal at a time. The isolation analyzer's adversarial requests
// come first. DynamoDB's request facts hold throughout: LeadingKeys on keyed actions and
// never on Scan or streams, Select on reads, ReturnValues on writes, FullTableScan on
// PartiQL SELECT, and no DynamoDB key on an action the catalog does not give it.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"

namespace ddbguard::diff {

// Extra constants (a test's `never` patterns): action patterns to expand, ARN and
// principal patterns to instantiate.
struct Seeds {
    std::vector<std::string> actions, resources, principals;
};

struct SearchOptions {
    std::size_t max_requests = 400000;
    // Context and principal every request starts from (a test file's caller); its values
    // also render policy variables for the caller. Without it, every identity key the
    // policies use gets a caller value.
    std::optional<Request> caller;
    // The Allow statements that direct the search (cores and variants are built for
    // them only); empty: every Allow statement of the policies, each distinct one once.
    std::vector<const Statement*> directed;
};

// Visits a request and what it reaches ("" unless an adversarial request says); returns
// false to stop.
using Visit = std::function<bool(const Request& request, const std::string& reaches)>;

class CandidateSpace {
public:
    explicit CandidateSpace(std::vector<const Policy*> policies, Seeds seeds = {}, SearchOptions options = {});
    ~CandidateSpace();
    CandidateSpace(const CandidateSpace&) = delete;
    CandidateSpace& operator=(const CandidateSpace&) = delete;

    // Every candidate in a stable order; returns the number visited. Stops at max_requests
    // (then truncated() is true) or when `visit` returns false.
    std::size_t for_each(const Visit& visit) const;
    bool truncated() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// --- DynamoDB request facts shared by the search and its judges -----------------------

// Item, scan and stream actions: the ones that read or write rows.
bool touches_items(std::string_view action);
// The partition-key values a request's caller owns: the values of its identity keys
// (Cognito and web-identity ids, aws:username, aws:userid, aws:PrincipalTag/...).
std::vector<std::string> own_partitions(const Request& request);
// The table ARN of an index, stream, backup, export or import ARN; other ARNs unchanged.
std::string table_of(std::string_view arn);
// What decides how a statement evaluates, as text: two statements with the same
// fingerprint decide every request alike (Version and policy kind included).
std::string fingerprint(const Policy& policy, const Statement& statement);

// The context keys a policy set reads (condition keys, variables), lower-case, sorted.
std::vector<std::string> referenced_keys(const std::vector<const Policy*>& set);
// `request` without the context keys that `set` does not read, when that keeps its
// decision; `request` itself otherwise.
Request shown_request(const Request& request, const std::vector<std::string>& referenced);
// True when some policy of `set` reads the caller's principal (not identity policies).
bool reads_principal(const std::vector<const Policy*>& set);
// One line: "dynamodb:GetItem on arn:..." (and "as PRINCIPAL" when there is one).
std::string describe_request(const Request& request);

}  // namespace ddbguard::diff
