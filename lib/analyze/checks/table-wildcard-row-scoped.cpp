// A table wildcard in a row-scoped statement reaches streams, backups and other tables.
#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

// The resource part of a DynamoDB ARN pattern ("table/Name*"), "*" for "*", empty otherwise.
std::string_view resource_part(std::string_view arn) {
    if (arn == "*") return arn;
    std::size_t pos = 0;
    for (int i = 0; i < 5; ++i) {
        pos = arn.find(':', pos);
        if (pos == std::string_view::npos) return {};
        ++pos;
    }
    return arn.substr(pos);
}

class TableWildcardRowScoped final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || isolation::row_conditions(st).empty()) continue;
                // Control-plane grants (DescribeTable, ListTables) have nothing to row-scope.
                if (isolation::first_covered(st, {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan",
                                                  "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                                  "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
                                                  "dynamodb:PartiQLSelect", "dynamodb:GetRecords"})
                        .empty())
                    continue;
                for (const Value& r : st.resources) {
                    const std::string_view part = resource_part(r.text);
                    const std::size_t star = part.find('*');
                    if (star == std::string_view::npos) continue;
                    // table/Name/index/* stays within the table's indexes: index-under-row-filter's case.
                    if (part.substr(0, star).find("/index/") != std::string_view::npos) continue;
                    context.report(doc_, *policy, r.loc,
                                   describe(st) + " grants '" + r.text + "' under a row filter: the wildcard also "
                                   "covers the table's streams, backups and exports and any table whose name starts "
                                   "the same, none of which the row filter can restrict",
                                   "name the table exactly (\"arn:aws:dynamodb:REGION:ACCOUNT:table/NAME\") and each "
                                   "index the principal needs");
                }
            }
        }
    }

private:
    CheckDoc doc_{
        "table-wildcard-row-scoped", Severity::warning,
        R"txt(A row-scoped statement names its table with a wildcard.)txt",
        R"txt(Reports a Resource entry with '*' in the DynamoDB resource part ("*", table/*, table/Name*, table/Name/*) in an Allow statement that filters dynamodb:LeadingKeys. Wildcards confined to indexes (table/Name/index/*) are left to index-under-row-filter.)txt",
        R"txt(In a DynamoDB ARN, '*' spans '/' (IAM User Guide, "IAM JSON policy elements: Resource"): table/GameScores* matches table/GameScores/stream/..., /backup/..., /export/... and table/GameScoresArchive. Stream and control-plane requests carry no LeadingKeys, so whatever the statement's actions grant there is not row-scoped.)txt",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores*",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
 "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/GameScores",
 "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}}})json",
        R"txt(Severity: warning: very likely covers streams, backups and other tables that the row filter cannot restrict.)txt",
    };
};

}  // namespace

const Check& table_wildcard_row_scoped() {
    static const TableWildcardRowScoped check;
    return check;
}

}  // namespace ddbguard::analyze
