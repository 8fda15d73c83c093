// Condition operators IAM does not know, with the nearest real operator.
#include <set>

#include "analyze/check.hpp"
#include "analyze/grammar_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "evaluate/operators.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

class UnknownConditionOperator final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements) {
                std::set<std::pair<std::uint32_t, std::uint32_t>> seen;  // one finding per operator, not per key
                for (const ConditionEntry& c : st.conditions) {
                    if (!seen.emplace(c.op_loc.line, c.op_loc.column).second) continue;
                    check_one(context, *policy, c);
                }
            }
    }

private:
    void check_one(Context& context, const Policy& policy, const ConditionEntry& c) const {
        if (eval::classify_operator(c.op).family != eval::Family::unknown) return;
        if (split_operator(c.op).base == "Null") return;  // Null with IfExists or a qualifier: null-misuse
        const auto& all = all_condition_operators();
        for (const std::string& op : all)
            if (util::iequals(op, c.op)) {
                context.report(doc_, policy, c.op_loc,
                               "condition operator \"" + c.op + "\" is spelled in the wrong case: operator names "
                               "are case-sensitive, and IAM rejects the policy",
                               "write \"" + op + "\"");
                return;
            }
        std::vector<std::string_view> candidates(all.begin(), all.end());
        auto near = util::did_you_mean(c.op, candidates);
        context.report(doc_, policy, c.op_loc,
                       "\"" + c.op + "\" is not an IAM condition operator; IAM rejects the policy",
                       near ? "did you mean \"" + std::string(*near) + "\"?"
                            : std::string("use one of the String*, Numeric*, Date*, Bool, BinaryEquals, "
                                          "IpAddress, NotIpAddress, Arn* or Null operators"));
    }

    CheckDoc doc_{
        "unknown-condition-operator", Severity::error,
        R"txt(A condition operator is not one IAM knows.)txt",
        R"txt(Compares every operator name of every Condition block with the full list of IAM operators (String*, Numeric*, Date*, Bool, BinaryEquals, IpAddress, NotIpAddress, Arn*, Null; each with IfExists except Null; each with ForAllValues: or ForAnyValue:). A name that differs only in case gets the right spelling; others get the nearest operator.)txt",
        R"txt(IAM rejects a policy with an unknown operator (IAM User Guide, "IAM JSON policy elements: Condition operators"). ddbguard treats operator names as case-sensitive, as IAM Access Analyzer does: "stringequals" and "ForAllValues:StringEqual" are errors, and until fixed nobody can tell which comparison was meant.)txt",
        R"json("Condition": {"ForAllValues:StringEqual": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}})json",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}})json",
        R"txt(Severity: error: IAM rejects an operator it does not know.)txt",
    };
};

}  // namespace

const Check& unknown_condition_operator() {
    static const UnknownConditionOperator check;
    return check;
}

}  // namespace ddbguard::analyze
