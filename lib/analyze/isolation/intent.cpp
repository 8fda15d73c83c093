// Which statements declare row or column intent (docs/dynamodb-iam.md sections 4, 5).
#include <algorithm>

#include "analyze/isolation/isolation.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze::isolation {

bool is_row_key(std::string_view key) {
    // DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access
    // control": LeadingKeys; the SAR adds the per-position partition-key keys.
    for (std::string_view k : {"dynamodb:LeadingKeys", "dynamodb:FirstPartitionKeyValues",
                               "dynamodb:SecondPartitionKeyValues", "dynamodb:ThirdPartitionKeyValues",
                               "dynamodb:FourthPartitionKeyValues"})
        if (util::iequals(k, key)) return true;
    return false;
}

bool is_identity_variable(std::string_view name) {
    // IAM User Guide, "IAM policy elements: Variables and tags", and the DynamoDB guide's
    // web identity federation examples.
    for (std::string_view k : {"cognito-identity.amazonaws.com:sub", "www.amazon.com:user_id",
                               "graph.facebook.com:id", "accounts.google.com:sub", "aws:username", "aws:userid"})
        if (util::iequals(k, name)) return true;
    return util::istarts_with(name, "aws:PrincipalTag/") && name.size() > 17;
}

bool looks_like_variable(std::string_view literal) {
    if (literal.find("${") != std::string_view::npos) {
        // A "${" that is never closed.
        return literal.find('}', literal.find("${")) == std::string_view::npos;
    }
    if (!literal.empty() && (literal.front() == '$' || literal.front() == '{' || literal.back() == '}')) return true;
    const std::string lower = util::to_lower(literal);
    for (std::string_view k : {"cognito-identity.amazonaws.com:", "www.amazon.com:user_id", "graph.facebook.com:id",
                               "accounts.google.com:sub", "aws:username", "aws:userid", "aws:principaltag/"})
        if (lower.find(k) != std::string::npos) return true;
    return false;
}

std::vector<const ConditionEntry*> row_conditions(const Statement& st) {
    std::vector<const ConditionEntry*> out;
    for (const ConditionEntry& c : st.conditions)
        if (is_row_key(c.key) && !util::iequals(c.op, "Null")) out.push_back(&c);
    return out;
}

std::vector<const ConditionEntry*> column_conditions(const Statement& st) {
    std::vector<const ConditionEntry*> out;
    for (const ConditionEntry& c : st.conditions)
        if (util::iequals(c.key, "dynamodb:Attributes") && !util::iequals(c.op, "Null")) out.push_back(&c);
    return out;
}

Intent detect_intent(const std::vector<const Policy*>& set) {
    Intent intent;
    auto add_unique = [](std::vector<std::string>& list, const std::string& v) {
        if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
    };
    for (const Policy* policy : set) {
        for (const Statement& st : policy->statements) {
            if (st.effect == Effect::invalid) continue;
            const auto rows = row_conditions(st);
            if (!rows.empty()) {
                intent.row_statements.push_back({policy, &st});
                for (const ConditionEntry* c : rows)
                    for (const Value& v : c->values) add_unique(intent.row_values, v.text);
            }
            const auto cols = column_conditions(st);
            if (!cols.empty()) {
                intent.column_statements.push_back({policy, &st});
                if (st.effect == Effect::allow)
                    for (const ConditionEntry* c : cols)
                        for (const Value& v : c->values)
                            if (v.text.find_first_of("*?$") == std::string::npos)
                                add_unique(intent.allowed_attributes, v.text);
            }
        }
    }
    return intent;
}

}  // namespace ddbguard::analyze::isolation
