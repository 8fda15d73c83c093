// Hardening: DynamoDB access allowed without a guard that refuses plain HTTP.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

// A Bool condition on aws:SecureTransport whose values are all `value`.
bool secure_transport_is(const Statement& st, std::string_view value) {
    for (const ConditionEntry* c : conditions_on(st, "aws:SecureTransport")) {
        OperatorParts parts = split_operator(c->op);
        if (parts.base != "Bool" || !parts.qualifier.empty() || c->values.empty()) continue;
        bool all = true;
        for (const Value& v : c->values) all = all && util::iequals(v.text, value);
        if (all) return true;
    }
    return false;
}

class RequireTls final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        const Policy* at_policy = nullptr;
        const Statement* at = nullptr;
        bool every_allow_needs_tls = true;
        for (const Policy* policy : ctx.policies()) {
            if (policy->kind != PolicyKind::identity && policy->kind != PolicyKind::resource &&
                policy->kind != PolicyKind::unknown)
                continue;
            for (const Statement& st : policy->statements) {
                if (covered_actions(st, "dynamodb").empty() || endpoint_like(*policy, st, ctx)) continue;
                if (st.effect == Effect::deny && secure_transport_is(st, "false")) return;  // the guard
                if (st.effect != Effect::allow) continue;
                if (!at) {
                    at_policy = policy;
                    at = &st;
                }
                every_allow_needs_tls = every_allow_needs_tls && secure_transport_is(st, "true");
            }
        }
        if (!at || every_allow_needs_tls) return;
        const bool resource = at_policy->kind == PolicyKind::resource;
        ctx.report(doc_, *at_policy, at->loc,
                   "this " + std::string(resource ? "table policy" : "policy") +
                       " allows DynamoDB access and has no statement denying requests made without TLS "
                       "(aws:SecureTransport false); DynamoDB's regional endpoints also accept plain HTTP",
                   "Add {\"Sid\": \"DenyWithoutTls\", \"Effect\": \"Deny\", \"Action\": \"dynamodb:*\", \"Resource\": "
                   "\"*\", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}" +
                       std::string(resource ? " with \"Principal\": \"*\" and your table ARN as Resource" : ""));
    }

private:
    CheckDoc doc_{
        "require-tls", Severity::info,
        R"txt(DynamoDB access is allowed, but nothing denies requests made over plain HTTP.)txt",
        R"txt(For identity policies and table resource policies that allow DynamoDB actions, looks (over the whole
policy set) for a Deny statement covering DynamoDB actions with Bool aws:SecureTransport "false", or for
every DynamoDB Allow carrying Bool aws:SecureTransport "true". Without either, reports one info at the
first DynamoDB Allow. Policies with no DynamoDB Allow are left alone. A hardening suggestion: it never
fails a run at the default --fail-on.)txt",
        R"txt(DynamoDB's regional endpoints accept HTTP as well as HTTPS (only the FIPS endpoints require HTTPS;
AWS General Reference, "Amazon DynamoDB endpoints and quotas"). A misconfigured client can send
credentials-signed requests and item data in clear text; a Deny on aws:SecureTransport false makes
DynamoDB refuse them (IAM User Guide, "AWS global condition context keys").)txt",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"json({"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"},
{"Effect": "Deny", "Action": "dynamodb:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}})json",
    };
};

}  // namespace

const Check& require_tls() {
    static const RequireTls check;
    return check;
}

}  // namespace ddbguard::analyze
