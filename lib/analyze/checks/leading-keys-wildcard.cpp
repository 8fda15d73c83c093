// A Like operator with wildcards in a row filter: it matches other users' keys.
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/risk_facts.hpp"
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

// A delimiter that ids of `key` can never contain, for the fix; empty when there is none.
std::string safe_delimiter(std::string_view key) {
    const isolation::IdentityFormat& f = isolation::identity_format(key);
    for (char c : std::string_view("#|~!"))
        if (!f.allows(c)) return std::string(1, c);
    return {};
}

class LeadingKeysWildcard final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const auto& [policy, st, c] : isolation::allow_row_conditions(context.policies())) {
            const OperatorParts parts = split_operator(c->op);
            if (parts.base != "StringLike" && parts.base != "ArnLike") continue;
            for (const Value& v : c->values) {
                // A literal pattern ("Machine#*") confines the principal to fixed partitions:
                // nothing in it is about other users.
                if (v.text.find("${") == std::string::npos) continue;
                if (!has_wildcard_outside_variables(v.text)) continue;
                if (report(context, *policy, *st, *c, v)) break;
            }
        }
    }

private:
    // Reports one value; true when a finding was made.
    bool report(Context& context, const Policy& policy, const Statement& st, const ConditionEntry& c,
                const Value& v) const {
        const std::optional<isolation::Extension> ext = isolation::extension_of(v.text);
        const std::string exact = v.text.substr(0, v.text.find('}') + 1);
        if (ext && !ext->delimiter.empty() && !ext->possible) {
            // "${sub}-*" with ids that cannot extend one another: the caller's own composite keys.
            report_with(context, doc_, Severity::info, policy, v.loc,
                        describe(st) + " matches the caller's own composite keys with " + c.op + " '" + v.text +
                            "': " + ext->reason + "; the wildcard reaches only the caller's own partitions",
                        "");
            return true;
        }
        const isolation::Analysis& analysis = context.analysis();
        const isolation::Leak* leak =
            analysis.simplest({Cause::extended_key, Cause::other_key, Cause::mixed_keys}, &st);
        if (!leak) return false;
        std::string why;
        std::string fix = "compare exact keys: {\"ForAllValues:StringEquals\": {\"" + c.key + "\": [\"" + exact + "\"]}}";
        if (ext && !ext->delimiter.empty()) {
            const isolation::IdentityFormat& f = isolation::identity_format(ext->variable);
            why = ": " + std::string(f.described) + " may contain '" + ext->delimiter +
                  "', so the keys of another user whose id is the caller's followed by '" + ext->delimiter +
                  "' and more match it";
            const std::string safe = safe_delimiter(ext->variable);
            if (!safe.empty())
                fix += ", or separate the id from the rest of the key with a character " + std::string(f.described) +
                       " cannot contain: \"" + exact + safe + "*\"";
        } else if (ext) {
            why = ": the wildcard follows the variable directly, so it matches the keys of any id that starts with "
                  "the caller's";
        } else {
            why = ": the wildcard also matches keys of other users (any id that merely starts or ends like the "
                  "caller's)";
        }
        isolation::report_leak(context, doc_, policy, v.loc,
                               describe(st) + " matches partition keys with " + c.op + " '" + v.text + "'" + why,
                               fix, analysis, *leak);
        return true;
    }

private:
    CheckDoc doc_{
        "leading-keys-wildcard", Severity::error,
        R"txt(A row filter matches partition keys with a wildcard.)txt",
        R"txt(Reports a StringLike (or ArnLike) value with '*' or '?' on dynamodb:LeadingKeys or a *PartitionKeyValues key in an Allow whose value holds a policy variable, when the evaluator allows a request for a partition key of another user. A wildcard right after the variable ("${aws:username}*") matches the keys of every id that starts with the caller's. A wildcard after a delimiter ("${aws:username}-*", the caller's own composite keys) is an error only where another user's id can be the caller's followed by that delimiter (IAM user names, role session names and principal tags may contain '-': bob and bob-smith); for ids of one fixed format (Cognito identity ids are REGION:GUID) or a delimiter the ids cannot contain, it is an info that says why the pattern is safe. Literal patterns without a variable ("Machine#*") confine a principal to fixed partitions and are not reported here. The ${*} and ${?} escapes are literal characters and do not count. Severity: error, because the counterexample proves another user's items are reachable.)txt",
        R"txt(A row filter keeps each caller to the partitions named by their identity. "${aws:username}*" also matches the keys of bobby when the caller is bob, and "${aws:username}-*" those of bob-smith, so other users' items become readable and writable.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes",
 "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["${aws:username}-*"]}}})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Notes",
 "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["${aws:username}#*"]}}})json",
        R"txt(Severity: error: the counterexample proves another user's items are reachable; info for a delimiter pattern whose ids cannot extend one another.)txt",
    };
};

}  // namespace

const Check& leading_keys_wildcard() {
    static const LeadingKeysWildcard check;
    return check;
}

}  // namespace ddbguard::analyze
