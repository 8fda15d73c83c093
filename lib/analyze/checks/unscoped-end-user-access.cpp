// Table data access without a row filter on a role that end users hold.
#include <algorithm>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "evaluate/wildcard.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

struct DataAction {
    std::string_view name;
    bool read;
    bool keyed;  // the request carries dynamodb:LeadingKeys
};

// The item reads and writes, simplest proof first (docs/dynamodb-iam.md section 3).
constexpr DataAction kActions[] = {
    {"dynamodb:GetItem", true, true},       {"dynamodb:Query", true, true},
    {"dynamodb:BatchGetItem", true, true},  {"dynamodb:Scan", true, false},
    {"dynamodb:PartiQLSelect", true, true}, {"dynamodb:UpdateItem", false, true},
    {"dynamodb:PutItem", false, true},      {"dynamodb:DeleteItem", false, true},
    {"dynamodb:BatchWriteItem", false, true}, {"dynamodb:PartiQLUpdate", false, true},
    {"dynamodb:PartiQLDelete", false, true},
};

// A table ARN the Resource value covers, to put in the request: the value itself when it
// names one table, else a table of the stack it matches, else one made up from its pattern.
std::string table_for(const std::string& resource, const Stack* stack) {
    eval::Pattern pattern;
    pattern.append_wild(resource);
    if (stack)
        for (const StackTable& t : stack->tables)
            if (resource == "*" || eval::arn_match(pattern.view(), t.arn)) return t.arn;
    if (resource == "*") return "arn:aws:dynamodb:us-east-1:123456789012:table/AnyTable";
    std::string_view seg[6];
    if (!eval::split_arn(resource, seg)) return {};
    auto fixed = [](std::string_view s, std::string_view fallback) {
        if (!util::has_wildcard(s) && !s.empty()) return std::string(s);
        return std::string(fallback);
    };
    std::string rest(seg[5]);
    if (!rest.starts_with("table/") && rest != "*" && !rest.starts_with("*")) return {};
    if (rest == "*" || rest.starts_with("*")) rest = "table/AnyTable";
    // "table/Users*" -> "table/Users"; "table/*" -> "table/AnyTable"; keep index, stream, ... parts.
    std::string name = rest.substr(6, rest.find('/', 6) == std::string::npos ? std::string::npos : rest.find('/', 6) - 6);
    std::string tail = rest.find('/', 6) == std::string::npos ? "" : rest.substr(rest.find('/', 6));
    std::string clean;
    for (char c : name)
        if (c != '*' && c != '?') clean += c;
    if (clean.empty()) clean = "AnyTable";
    if (util::has_wildcard(tail)) tail.clear();
    if (tail.starts_with("/stream") || tail.starts_with("/backup") || tail.starts_with("/export") ||
        tail.starts_with("/import"))
        return {};
    return "arn:" + fixed(seg[1], "aws") + ":dynamodb:" + fixed(seg[3], "us-east-1") + ":" +
           fixed(seg[4], "123456789012") + ":table/" + clean + tail;
}

// The context keys the set reads (conditions and ${...} variables), lower case.
std::vector<std::string> read_keys(const std::vector<const Policy*>& set) {
    std::vector<std::string> keys{"cognito-identity.amazonaws.com:sub"};  // the caller, always shown
    auto variables = [&](const std::string& text) {
        for (std::size_t open = text.find("${"); open != std::string::npos; open = text.find("${", open + 2)) {
            const std::size_t close = text.find('}', open);
            if (close == std::string::npos) break;
            keys.push_back(util::to_lower(text.substr(open + 2, close - open - 2)));
        }
    };
    for (const Policy* p : set)
        for (const Statement& st : p->statements) {
            for (const Value& r : st.resources) variables(r.text);
            for (const ConditionEntry& c : st.conditions) {
                keys.push_back(util::to_lower(c.key));
                for (const Value& v : c.values) variables(v.text);
            }
        }
    return keys;
}

class UnscopedEndUserAccess final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        const StackPrincipal* principal = ctx.principal();
        if (!principal || !principal->end_user) return;
        const isolation::Analysis& analysis = ctx.analysis();
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind != PolicyKind::identity && policy->kind != PolicyKind::unknown) continue;
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !isolation::row_conditions(st).empty()) continue;
                // A leak of this statement the isolation checks already prove (unscoped-regrant ...).
                bool shown = false;
                for (const isolation::Leak& leak : analysis.leaks()) shown = shown || leak.allowed_by_contains(&st);
                if (shown) continue;
                check_statement(ctx, analysis, *policy, st, *principal);
            }
        }
    }

private:
    void check_statement(Context& ctx, const isolation::Analysis& analysis, const Policy& policy, const Statement& st,
                         const StackPrincipal& principal) const {
        std::vector<std::string> resources;
        if (st.not_resource) resources.push_back("*");
        for (const Value& r : st.resources) resources.push_back(r.text);
        const Request base = isolation::caller_context(ctx.policies());
        for (const DataAction& a : kActions) {
            if (!covers_action(st, a.name)) continue;
            for (const std::string& r : resources) {
                const std::string arn = table_for(r, ctx.stack());
                if (arn.empty()) continue;
                Request request = base;
                request.action = std::string(a.name);
                request.resource = arn;
                const std::string other = isolation::other_identity("cognito-identity.amazonaws.com:sub");
                if (a.keyed) request.set("dynamodb:LeadingKeys", {other});
                if (a.read) request.set("dynamodb:Select", {"ALL_ATTRIBUTES"});
                else request.set("dynamodb:ReturnValues", {"NONE"});
                if (a.name == "dynamodb:PartiQLSelect") request.set("dynamodb:FullTableScan", {"false"});
                Decision decision = analysis.evaluator().evaluate(request);
                if (decision.outcome != Outcome::allow) continue;
                // Show only what the policies read, when the shorter request is still allowed.
                Request shown = request;
                const std::vector<std::string> keys = read_keys(ctx.policies());
                std::erase_if(shown.context, [&](const ContextEntry& e) {
                    const std::string k = util::to_lower(e.key);
                    return !k.starts_with("dynamodb:") && std::find(keys.begin(), keys.end(), k) == keys.end();
                });
                if (Decision d = analysis.evaluator().evaluate(shown); d.outcome == Outcome::allow) {
                    request = std::move(shown);
                    decision = std::move(d);
                }
                report(ctx, policy, st, principal, a, std::move(request), std::move(decision), other);
                return;
            }
        }
    }

    void report(Context& ctx, const Policy& policy, const Statement& st, const StackPrincipal& principal,
                const DataAction& a, Request request, Decision decision, const std::string& other) const {
        const std::string who = principal.unauthenticated ? "anyone who gets a guest identity" : "every user";
        const std::string verb = a.read ? "reads" : "changes";
        std::string reaches =
            a.keyed ? "the items of partition '" + other + "', which belongs to another user than the caller"
                    : "every item of " + request.resource + ", whoever it belongs to";
        Finding f;
        f.check_id = std::string(doc_.id);
        f.severity = Severity::error;
        f.message = describe(st) + " allows " + std::string(a.name) + " on " + request.resource +
                    " with no condition on dynamodb:LeadingKeys, and " + principal.owner.label() +
                    " is end-user-facing (" + principal.end_user_reason + "): " + who + " " + verb +
                    " every other user's items";
        f.fix = "grant the item actions only under {\"ForAllValues:StringEquals\": {\"dynamodb:LeadingKeys\": "
                "[\"${cognito-identity.amazonaws.com:sub}\"]}} on a table keyed by that id, and leave out Scan and "
                "wildcards; or serve this data through a back-end role (a Lambda function behind an API)";
        f.path = policy.path;
        f.location = isolation::action_location(st, a.name);
        f.counterexample = Counterexample{std::move(request), std::move(decision), std::move(reaches)};
        ctx.report(std::move(f));
    }

    CheckDoc doc_{
        "unscoped-end-user-access", Severity::error,
        R"txt(A role that end users hold reads or writes a table without a row filter.)txt",
        R"txt(For a role that is end-user-facing (an identity pool hands it out through AWS::Cognito::IdentityPoolRoleAttachment or its RoleMappings, or its trust policy lets a web identity provider's users assume it with sts:AssumeRoleWithWebIdentity; docs/iac.md section 5), reports each Allow statement that grants a DynamoDB item read or write (GetItem, Query, BatchGetItem, Scan, PartiQLSelect, PutItem, UpdateItem, DeleteItem, BatchWriteItem, PartiQLUpdate, PartiQLDelete) without a condition on dynamodb:LeadingKeys. The counterexample is a request of one user (caller-0000) for another user's partition (other-0000), built from the statement's table and confirmed as allowed by ddbguard's evaluator with the role's whole policy set; AWS managed policies attached to the role count the same as inline ones. Statements with a row filter are left to the isolation checks. The same grant on a Lambda, ECS or other back-end role is normal and is not reported; loose policy files have no principal to judge and are not reported either.)txt",
        R"txt(Many people hold an end-user role at once: every user of the app gets the same credentials. Without a row filter, each of them can call DynamoDB directly with those credentials and read or change every other user's items, whatever the app's own code allows (DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access control"). For an identity pool's unauthenticated role that is anyone on the internet.)txt",
        R"json(# CDK: table.grantReadWriteData(identityPoolAuthenticatedRole)
{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", ...],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes"})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"txt(Severity: error: the counterexample proves one end user reads another user's items.)txt",
    };
};

}  // namespace

const Check& unscoped_end_user_access() {
    static const UnscopedEndUserAccess check;
    return check;
}

}  // namespace ddbguard::analyze
