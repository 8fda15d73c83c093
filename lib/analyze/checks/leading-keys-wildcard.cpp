// A Like operator with wildcards in a row filter: it matches other users' keys.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

// True when `text` has a '*' or '?' outside "${...}" (so not the ${*} / ${?} escapes).
bool has_wildcard_outside_variables(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
            const std::size_t close = text.find('}', i);
            if (close == std::string_view::npos) return false;
            i = close;
            continue;
        }
        if (text[i] == '*' || text[i] == '?') return true;
    }
    return false;
}

class LeadingKeysWildcard final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        std::optional<isolation::Analysis> analysis;
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow) continue;
                for (const ConditionEntry* c : isolation::row_conditions(st)) {
                    const OperatorParts parts = split_operator(c->op);
                    if (parts.base != "StringLike" && parts.base != "ArnLike") continue;
                    for (const Value& v : c->values) {
                        if (!has_wildcard_outside_variables(v.text)) continue;
                        if (!analysis) analysis.emplace(context.policies());
                        const isolation::Leak* leak =
                            analysis->simplest({Cause::extended_key, Cause::other_key, Cause::mixed_keys}, &st);
                        if (!leak) break;
                        isolation::report_leak(
                            context, doc_, *policy, v.loc,
                            describe(st) + " matches partition keys with " + c->op + " '" + v.text +
                                "': the wildcard also matches keys of other users (any id that merely starts or "
                                "ends like the caller's)",
                            "compare exact keys: {\"ForAllValues:StringEquals\": {\"" + c->key + "\": [\"" +
                                (v.text.find("${") != std::string::npos ? v.text.substr(0, v.text.find('}') + 1)
                                                                         : std::string("${cognito-identity.amazonaws.com:sub}")) +
                                "\"]}}",
                            *analysis, *leak);
                        break;
                    }
                }
            }
        }
    }

private:
    CheckDoc doc_{
        "leading-keys-wildcard", Severity::error,
        R"txt(A row filter matches partition keys with a wildcard.)txt",
        R"txt(Reports a StringLike (or ArnLike) value with '*' or '?' on dynamodb:LeadingKeys or a *PartitionKeyValues key in an Allow, when the evaluator allows a request for a partition key that is not the caller's (for "${sub}*", the caller's id followed by anything). The ${*} and ${?} escapes are literal characters and do not count.)txt",
        R"txt(A row filter keeps each caller to the partition named exactly by their identity. "${cognito-identity.amazonaws.com:sub}*" also matches every id that starts with the caller's, and "*" matches everything, so other users' items become readable and writable.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes",
 "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["${aws:username}*"]}}})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:username}"]}}})json",
    };
};

}  // namespace

const Check& leading_keys_wildcard() {
    static const LeadingKeysWildcard check;
    return check;
}

}  // namespace ddbguard::analyze
