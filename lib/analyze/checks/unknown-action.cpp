// Action and NotAction entries that name no IAM action.
#include "analyze/check.hpp"
#include "util/text.hpp"
#include "ddbguard/catalog.hpp"

namespace ddbguard::analyze {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
    return out;
}

std::string quoted_list(const std::vector<std::string>& items) {
    std::vector<std::string> q;
    for (const std::string& s : items) q.push_back("\"" + s + "\"");
    return join(q, ", ");
}

class UnknownAction final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                for (const Value& a : st.actions) check_one(context, *policy, st, a);
    }

private:
    // What an entry that matches nothing does, for this statement's effect and element.
    static std::string consequence(const Statement& st) {
        if (st.not_action)
            return st.effect == Effect::deny
                       ? "so this NotAction entry exempts nothing from the Deny"
                       : "so this NotAction entry excludes nothing: the statement still allows every action";
        return st.effect == Effect::deny ? "so the Deny protects nothing with it" : "so it grants nothing";
    }

    void check_one(Context& context, const Policy& policy, const Statement& st, const Value& a) const {
        const std::string& text = a.text;
        if (text == "*") return;
        if (text.find("${") != std::string::npos) return;  // unknown-variable: no variables in Action
        if (has_placeholder(text)) return;  // a template value deploy time decides: unresolved-value says so
        const auto colon = text.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
            context.report(doc_, policy, a.loc,
                           "\"" + text + "\" is not of the form \"service:Action\"; IAM rejects the policy",
                           "write the service prefix and the action, e.g. \"dynamodb:GetItem\"");
            return;
        }
        const bool wildcard = util::has_wildcard(text);
        // Most entries name a real action: one look-up settles them (no API operation that
        // is not an IAM action has an IAM action's name: catalog_test checks it).
        if (!wildcard && catalog::action_exists(text)) return;
        const std::string prefix = text.substr(0, colon);
        const bool prefix_wildcard = util::has_wildcard(prefix);
        if (!prefix_wildcard && !catalog::service_known(prefix)) {
            auto near = catalog::closest_actions(text, 3);
            std::string message = "\"" + prefix + "\" is not the prefix of any AWS service; \"" + text +
                                  "\" matches no action, " + consequence(st);
            std::string fix = near.empty() ? "use the service prefix from the Service Authorization Reference"
                                           : "did you mean " + quoted_list(near) + "?";
            context.report(doc_, policy, a.loc, std::move(message), std::move(fix));
            soften_outside_dynamodb(context, near.empty() ? std::string_view() : std::string_view(near.front()));
            return;
        }
        if (auto real = catalog::authorizing_actions(text); !real.empty()) {
            std::vector<std::string> names(real.begin(), real.end());
            context.report(doc_, policy, a.loc,
                           "\"" + text + "\" is an API operation, not an IAM action: IAM authorizes it as " +
                               join(names, ", ") + ", " + consequence(st),
                           "list the IAM actions instead: " + quoted_list(names));
            return;
        }
        if (wildcard) {
            if (!catalog::any_action_matches(text)) {
                context.report(doc_, policy, a.loc,
                               "the pattern \"" + text + "\" matches no action, " + consequence(st),
                               "check the spelling against the Service Authorization Reference");
                soften_outside_dynamodb(context, text);
            }
            return;
        }
        auto near = catalog::closest_actions(text, 3);
        std::string message = "\"" + text + "\" is not an action of " + prefix + ", " + consequence(st);
        std::string fix = near.empty() ? "check the spelling against the Service Authorization Reference"
                                       : "did you mean " + quoted_list(near) + "?";
        context.report(doc_, policy, a.loc, std::move(message), std::move(fix));
        soften_outside_dynamodb(context, text);
    }

    // A DynamoDB action that does not exist is a broken grant or guard on the tables this
    // tool protects: an error. Elsewhere it is a warning: AWS's own managed policies keep
    // actions of retired services, and an unknown action grants nothing.
    static void soften_outside_dynamodb(Context& context, std::string_view nearest_or_text) {
        if (!util::istarts_with(nearest_or_text, "dynamodb:")) context.findings().back().severity = Severity::warning;
    }

    CheckDoc doc_{
        "unknown-action", Severity::error,
        R"txt(An Action or NotAction entry names no IAM action.)txt",
        R"txt(Looks every Action and NotAction entry up in the compiled-in Service Authorization Reference: an unknown service prefix, an unknown action name, a wildcard pattern that matches no action, and DynamoDB API operations that are not IAM actions (TransactWriteItems, TransactGetItems, ExecuteStatement, BatchExecuteStatement, ExecuteTransaction). The message suggests the nearest real actions, or the IAM actions that authorize the API. Severity: error for DynamoDB actions and malformed entries; warning for other services, whose retired actions AWS managed policies still carry.)txt",
        R"txt(An entry that matches nothing grants nothing in an Allow, protects nothing in a Deny, and excludes nothing in a NotAction, while the policy reads as if it did. DynamoDB authorizes each item of a transaction as GetItem, PutItem, UpdateItem, DeleteItem or ConditionCheckItem, and PartiQL statements as the PartiQL* actions (DynamoDB Developer Guide, "Using PartiQL with IAM" and "Using IAM with DynamoDB transactions"), so "dynamodb:TransactWriteItems" in a policy does nothing.)txt",
        R"json({"Effect": "Allow",
 "Action": ["dynamodb:GetItems", "dynamodb:TransactWriteItems"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"})json",
        R"json({"Effect": "Allow",
 "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"})json",
        R"txt(Severity: error for a DynamoDB name, because it grants or denies nothing the author meant; warning for other services, whose data ddbguard does not model as closely.)txt",
    };
};

}  // namespace

const Check& unknown_action() {
    static const UnknownAction check;
    return check;
}

}  // namespace ddbguard::analyze
