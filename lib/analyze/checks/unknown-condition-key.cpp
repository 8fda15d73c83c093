// Condition keys that no AWS service or global context defines.
#include "analyze/check.hpp"
#include "analyze/grammar_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

struct Suggestion {
    std::size_t distance = SIZE_MAX;
    std::string text;
};

// The nearest key to `key` among `candidates`; a template such as "aws:PrincipalTag/${TagKey}"
// is compared on its fixed part, and the suggestion keeps the user's tag name.
void nearest(std::string_view key, const std::vector<catalog::KeyInfo>& candidates, std::size_t penalty,
             Suggestion& best) {
    for (const catalog::KeyInfo& k : candidates) {
        std::string_view name = k.name;
        std::size_t d;
        std::string text;
        if (auto var = name.find("${"); var != std::string_view::npos) {
            const std::string_view fixed = name.substr(0, var);  // "aws:PrincipalTag/"
            const auto slash = key.find('/');
            if (slash != std::string_view::npos && fixed.ends_with('/')) {
                d = util::edit_distance(key.substr(0, slash + 1), fixed);
                text = std::string(fixed) + std::string(key.substr(slash + 1));
            } else {
                d = util::edit_distance(key, fixed.substr(0, fixed.size() - (fixed.ends_with('/') ? 1 : 0)));
                text = std::string(name);
            }
        } else {
            d = util::edit_distance(key, name);
            text = std::string(name);
        }
        d += penalty;
        if (d < best.distance) best = {d, std::move(text)};
    }
}

class UnknownConditionKey final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                for (const ConditionEntry& c : st.conditions) check_one(context, *policy, st, c);
    }

private:
    void check_one(Context& context, const Policy& policy, const Statement& st, const ConditionEntry& c) const {
        if (catalog::find_key(c.key)) return;
        const auto colon = c.key.find(':');
        if (colon == std::string::npos || colon == 0) {
            context.report(doc_, policy, c.key_loc,
                           "\"" + c.key + "\" is not a condition key: keys are written \"prefix:Name\", such as "
                           "\"dynamodb:LeadingKeys\" or \"aws:SourceVpce\"; " + absent_key_consequence(st, c),
                           "write the key with its service prefix");
            return;
        }
        const std::string prefix = c.key.substr(0, colon);
        const auto same_prefix = catalog::keys_with_prefix(prefix);
        // A prefix we do not know may be a service newer than the catalog: say nothing.
        if (same_prefix.empty() && !catalog::service_known(prefix)) return;

        Suggestion best;
        nearest(c.key, same_prefix, 0, best);
        if (!util::iequals(prefix, "aws")) {
            // "dynamodb:SourceVpce" for "aws:SourceVpce": a global key under a service prefix.
            const std::string as_global = "aws:" + c.key.substr(colon + 1);
            Suggestion global;
            nearest(as_global, catalog::keys_with_prefix("aws"), 1, global);
            if (global.distance < best.distance) best = global;
        }
        const std::size_t limit = std::max<std::size_t>(2, (c.key.size() - colon) / 3);
        const std::string owner = util::iequals(prefix, "aws") ? std::string("a global condition key")
                                                                : "a condition key of " + prefix;
        std::string message = "\"" + c.key + "\" is not " + owner + ", so it is never in a request: " +
                              absent_key_consequence(st, c);
        std::string fix = best.distance <= limit
                              ? "did you mean \"" + best.text + "\"?"
                              : "use a key listed for " + prefix + " in the Service Authorization Reference";
        context.report(doc_, policy, c.key_loc, std::move(message), std::move(fix));
        // Keys of the services this tool models (DynamoDB, global, KMS, STS, web identity) are
        // errors; for other services the SAR data is the only source, and AWS's own managed
        // policies use keys it does not list: a warning.
        static constexpr std::string_view kModelled[] = {"dynamodb", "aws", "kms", "sts", "cognito-identity.amazonaws.com"};
        bool modelled = false;
        for (std::string_view m : kModelled) modelled = modelled || util::iequals(prefix, m);
        if (!modelled) context.findings().back().severity = Severity::warning;
    }

    CheckDoc doc_{
        "unknown-condition-key", Severity::error,
        R"txt(A condition key is not defined by its service or by the global context.)txt",
        R"txt(Looks every condition key up in the compiled-in Service Authorization Reference and the list of global keys (aws:*, the web-identity keys of Cognito, Login with Amazon, Facebook and Google). Keys are compared case-insensitively. A key of an unknown prefix is not reported (it may belong to a service newer than the catalog); a key of a known prefix that does not exist is, with the nearest real key and what the condition then evaluates to. Severity: error for DynamoDB, global (aws:), KMS, STS and web-identity keys; warning for other services, where the SAR data is the only source.)txt",
        R"txt(A misspelled key is never present in a request. IAM accepts the policy, but the condition is then always false for a positive operator (the Allow grants nothing, the Deny never fires) and always true for a negated, IfExists or ForAllValues operator (the condition restricts nothing): "dynamodb:LeadingKey" under ForAllValues:StringEquals lets every user read every row.)txt",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKey": ["${cognito-identity.amazonaws.com:sub}"]}})json",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}})json",
        R"txt(Severity: error for a DynamoDB or global key, because no request carries it and the condition cannot do what it says; warning for keys of services ddbguard does not model closely.)txt",
    };
};

}  // namespace

const Check& unknown_condition_key() {
    static const UnknownConditionKey check;
    return check;
}

}  // namespace ddbguard::analyze
