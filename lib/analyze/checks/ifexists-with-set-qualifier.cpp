// IfExists combined with ForAllValues:/ForAnyValue:.
#include <set>

#include "analyze/check.hpp"
#include "evaluate/operators.hpp"

namespace ddbguard::analyze {
namespace {

class IfExistsWithSetQualifier final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements) {
                std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
                for (const ConditionEntry& c : st.conditions) {
                    const eval::OperatorInfo op = eval::classify_operator(c.op);
                    if (op.family == eval::Family::unknown || !op.if_exists ||
                        op.qualifier == eval::Qualifier::none)
                        continue;
                    if (!seen.emplace(c.op_loc.line, c.op_loc.column).second) continue;
                    const bool all = op.qualifier == eval::Qualifier::for_all_values;
                    const std::string qualifier = all ? "ForAllValues:" : "ForAnyValue:";
                    context.report(doc_, *policy, c.op_loc,
                                   "\"" + c.op + "\" combines IfExists with " + qualifier +
                                       ", which AWS does not define; ddbguard lets the qualifier decide (" +
                                       (all ? "true" : "false") + " when the key is absent), and other tools differ",
                                   "write \"" + qualifier + std::string(op.base) + "\"" +
                                       (all ? "" : ", plus a separate Null check if absence must pass"));
                }
            }
    }

private:
    CheckDoc doc_{
        "ifexists-with-set-qualifier", Severity::warning,
        R"txt(An operator has both IfExists and ForAllValues:/ForAnyValue:.)txt",
        R"txt(Reports operators such as ForAllValues:StringEqualsIfExists.)txt",
        R"txt(The set qualifiers already decide what happens when the key is absent (ForAllValues: true, ForAnyValue: false); the IAM User Guide does not say what IfExists adds to them, and evaluators disagree (iam-simulate ignores it). ddbguard lets the qualifier decide, but a reader cannot know which meaning the author relied on.)txt",
        R"json("Condition": {"ForAllValues:StringEqualsIfExists": {"dynamodb:Attributes": ["Id", "Name"]}})json",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["Id", "Name"]}})json",
        R"txt(Severity: warning: what IAM does with the combination is not documented, and it is very likely not meant.)txt",
    };
};

}  // namespace

const Check& ifexists_with_set_qualifier() {
    static const IfExistsWithSetQualifier check;
    return check;
}

}  // namespace ddbguard::analyze
