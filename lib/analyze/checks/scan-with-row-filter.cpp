// Scan next to a LeadingKeys row filter: the filter is vacuous for it.
#include <algorithm>
#include <optional>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

using isolation::Cause;

class ScanWithRowFilter final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        isolation::report_row_filtered_grant(context, doc_, "dynamodb:Scan", Cause::scan_without_keys,
                                             ": a Scan carries no dynamodb:LeadingKeys, so the filter does not apply "
                                             "and the caller reads",
                                             corrected_actions);
    }

private:
    // The statement's Action without Scan: literal entries that do not cover Scan stay, and a
    // wildcard that covers it is replaced by the item actions it covers.
    static std::string corrected_actions(const Statement& st) {
        static constexpr std::string_view kItemActions[] = {
            "dynamodb:GetItem",   "dynamodb:BatchGetItem", "dynamodb:Query",          "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem",  "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"};
        if (st.not_action) return isolation::fix_for(Cause::scan_without_keys);
        std::vector<std::string> kept;
        auto keep = [&](std::string_view a) {
            if (std::find(kept.begin(), kept.end(), a) == kept.end()) kept.emplace_back(a);
        };
        for (const Value& v : st.actions) {
            if (!catalog::action_matches(v.text, "dynamodb:Scan")) keep(v.text);
            else
                for (std::string_view item : kItemActions)
                    if (catalog::action_matches(v.text, item)) keep(item);
        }
        return "write \"Action\": [" + util::json_string_list(kept) +
               "] (no Scan, no wildcard that covers it); read the caller's items with Query on the partition key";
    }

    CheckDoc doc_{
        "scan-with-row-filter", Severity::error,
        R"txt(A row-scoped statement also grants Scan, which the row filter cannot restrict.)txt",
        R"txt(Reports an Allow statement that conditions dynamodb:LeadingKeys on the caller's identity and whose Action covers dynamodb:Scan (by name, dynamodb:*, dynamodb:*Scan or *), when the policy set really allows such a Scan. The finding carries the Scan request that the evaluator allows.)txt",
        R"txt(A Scan names no partition key, so the request has no dynamodb:LeadingKeys; ForAllValues over an absent key is true (IAM User Guide, "Multivalued context keys"), and the Scan returns every user's items. The DynamoDB Developer Guide's row-level examples leave Scan out for this reason.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"txt(Severity: error: the counterexample proves another user's items are reachable (a warning when it depends on a reading AWS does not document).)txt",
    };
};

}  // namespace

const Check& scan_with_row_filter() {
    static const ScanWithRowFilter check;
    return check;
}

}  // namespace ddbguard::analyze
