#include "analyze/grammar_facts.hpp"

#include "evaluate/operators.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

std::vector<VariableRef> variables_in(std::string_view text) {
    std::vector<VariableRef> out;
    std::size_t i = 0;
    while ((i = text.find("${", i)) != std::string_view::npos) {
        const std::size_t close = text.find('}', i + 2);
        if (close == std::string_view::npos) {
            out.push_back({text.substr(i + 2), i, false});
            break;
        }
        out.push_back({text.substr(i + 2, close - i - 2), i, true});
        i = close + 1;
    }
    return out;
}

std::string without_variables(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    for (const VariableRef& v : variables_in(text)) {
        out.append(text.substr(i, v.offset - i));
        i = v.closed ? v.offset + 2 + v.inner.size() + 1 : text.size();
        if (!v.closed) out.append(text.substr(v.offset));
    }
    if (i < text.size()) out.append(text.substr(i));
    return out;
}

ArnParts split_arn(std::string_view arn) {
    ArnParts parts;
    std::string_view field[6];
    std::size_t start = 0;
    for (std::size_t n = 0; n < 5; ++n) {
        const std::size_t colon = arn.find(':', start);
        if (colon == std::string_view::npos) {
            field[n] = arn.substr(start);
            parts.fields = n + 1;
            start = std::string_view::npos;
            break;
        }
        field[n] = arn.substr(start, colon - start);
        start = colon + 1;
    }
    if (start != std::string_view::npos) {
        field[5] = arn.substr(start);
        parts.fields = 6;
    }
    parts.partition = field[1];
    parts.service = field[2];
    parts.region = field[3];
    parts.account = field[4];
    parts.resource = field[5];
    return parts;
}

const std::vector<std::string>& all_condition_operators() {
    // IAM User Guide, "IAM JSON policy elements: Condition operators".
    static const std::vector<std::string> list = [] {
        const std::string_view bases[] = {
            "StringEquals",      "StringNotEquals",       "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
            "StringLike",        "StringNotLike",         "NumericEquals",          "NumericNotEquals",
            "NumericLessThan",   "NumericLessThanEquals", "NumericGreaterThan",     "NumericGreaterThanEquals",
            "DateEquals",        "DateNotEquals",         "DateLessThan",           "DateLessThanEquals",
            "DateGreaterThan",   "DateGreaterThanEquals", "Bool",                   "BinaryEquals",
            "IpAddress",         "NotIpAddress",          "ArnEquals",              "ArnLike",
            "ArnNotEquals",      "ArnNotLike"};
        std::vector<std::string> out{"Null"};
        for (std::string_view q : {"", "ForAllValues:", "ForAnyValue:"})
            for (std::string_view b : bases) {
                out.push_back(std::string(q) + std::string(b));
                out.push_back(std::string(q) + std::string(b) + "IfExists");
            }
        return out;
    }();
    return list;
}

std::string never_true_consequence(const Statement& st) {
    if (st.effect == Effect::deny) return "so this Deny never fires and protects nothing";
    return "so this Allow statement never applies and grants nothing";
}

std::string always_true_consequence(const Statement& st) {
    if (st.effect == Effect::deny)
        return "so it does not narrow the Deny: the statement denies every request it matches";
    return "so it restricts nothing: the statement allows every request it matches as if the condition were absent";
}

std::string absent_key_consequence(const Statement& st, const ConditionEntry& c) {
    const eval::OperatorInfo op = eval::classify_operator(c.op);
    bool result = false;
    std::string why;
    if (op.family == eval::Family::null) {
        for (const Value& v : c.values) result = result || util::iequals(v.text, "true");
        why = result ? "Null \"true\" holds for an absent key" : "Null \"false\" requires the key to be present";
    } else if (op.qualifier == eval::Qualifier::for_all_values) {
        result = true;
        why = "ForAllValues is vacuously true when the key is absent";
    } else if (op.qualifier == eval::Qualifier::for_any_value) {
        why = "ForAnyValue is false when the key is absent";
    } else if (op.if_exists) {
        result = true;
        why = "an IfExists operator is true when the key is absent";
    } else if (op.negated) {
        result = true;
        why = "a negated operator is true when the key is absent";
    } else {
        why = "a positive operator is false when the key is absent";
    }
    return "the condition is always " + std::string(result ? "true" : "false") + " (" + why + "), " +
           (result ? always_true_consequence(st) : never_true_consequence(st));
}

}  // namespace ddbguard::analyze
