// The Null operator has no IfExists form and takes no set qualifier.
#include <set>

#include "analyze/check.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

class NullMisuse final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements) {
                std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
                for (const ConditionEntry& c : st.conditions) {
                    const OperatorParts parts = split_operator(c.op);
                    if (parts.base != "Null" || (!parts.if_exists && parts.qualifier.empty())) continue;
                    if (!seen.emplace(c.op_loc.line, c.op_loc.column).second) continue;
                    std::string what = parts.if_exists ? "IfExists form" : "";
                    if (!parts.qualifier.empty())
                        what += std::string(what.empty() ? "" : " and no ") + std::string(parts.qualifier) +
                                ": qualifier";
                    context.report(doc_, *policy, c.op_loc,
                                   "\"" + c.op + "\": Null has no " + what +
                                       " (it already tests whether the key is present); IAM Access Analyzer reports this as an error and what the condition tests is undefined",
                                   "write \"Null\": {\"" + c.key +
                                       "\": \"true\"} to match an absent key, or \"false\" to require it");
                }
            }
    }

private:
    CheckDoc doc_{
        "null-misuse", Severity::error,
        R"txt(The Null operator is written with IfExists or with ForAllValues:/ForAnyValue:.)txt",
        R"txt(Reports NullIfExists and ForAllValues:Null / ForAnyValue:Null operators.)txt",
        R"txt(Null tests only whether a key is present in the request (IAM User Guide, "Condition operator to check existence of condition keys"); IfExists and the set qualifiers change how a present or absent key is compared, which is meaningless for it. IAM Access Analyzer reports both as errors, and what the condition was meant to test cannot be read.)txt",
        R"json("Condition": {"ForAllValues:Null": {"dynamodb:LeadingKeys": "false"}})json",
        R"json("Condition": {"Null": {"dynamodb:LeadingKeys": "false"}})json",
        R"txt(Severity: error: IAM Access Analyzer reports Null with IfExists or a set qualifier as an error.)txt",
    };
};

}  // namespace

const Check& null_misuse() {
    static const NullMisuse check;
    return check;
}

}  // namespace ddbguard::analyze
