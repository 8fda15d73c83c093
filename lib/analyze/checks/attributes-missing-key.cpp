// A dynamodb:Attributes list that leaves out a key attribute of a table the stack defines.
#include <algorithm>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/statement_facts.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard::analyze {
namespace {

class AttributesMissingKey final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        if (!ctx.stack() || ctx.stack()->tables.empty()) return;
        for (const Policy* policy : ctx.policies())
            for (const Statement& st : policy->statements) {
                if (st.effect == Effect::invalid || st.not_resource) continue;
                for (const ConditionEntry* c : isolation::column_conditions(st)) {
                    const OperatorParts parts = split_operator(c->op);
                    // The allow-list shapes: ForAllValues:StringEquals/Like in an Allow,
                    // ForAnyValue:StringNotEquals/NotLike in a Deny.
                    const bool negated = parts.base.find("Not") != std::string_view::npos;
                    const bool list = st.effect == Effect::allow ? parts.qualifier == "ForAllValues" && !negated
                                                                 : parts.qualifier == "ForAnyValue" && negated;
                    if (!list || !parts.base.starts_with("String")) continue;
                    const bool like = parts.base.find("Like") != std::string_view::npos;
                    check_list(ctx, *policy, st, *c, like);
                }
            }
    }

private:
    static bool listed(const ConditionEntry& c, const std::string& attribute, bool like) {
        for (const Value& v : c.values) {
            if (v.text.find("${") != std::string::npos || has_placeholder(v.text)) return true;  // cannot tell
            if (!like && v.text == attribute) return true;
            if (like) {
                eval::Pattern p;
                p.append_wild(v.text);
                if (eval::glob_match(p.view(), attribute, false)) return true;
            }
        }
        return false;
    }

    void check_list(Context& ctx, const Policy& policy, const Statement& st, const ConditionEntry& c, bool like) const {
        std::vector<std::string> reported;
        for (const Value& r : st.resources) {
            const TableRef ref = table_named(ctx.stack(), r.text);
            if (!ref.table) continue;
            std::vector<std::pair<std::string, std::string>> keys;  // attribute, what it is
            auto add = [&](const std::string& a, const std::string& what) {
                if (!a.empty()) keys.emplace_back(a, what);
            };
            add(ref.table->partition_key, "the partition key of table " + ref.table->name);
            add(ref.table->sort_key, "the sort key of table " + ref.table->name);
            if (!ref.index.empty() && !ref.index_wildcard)
                if (const TableIndex* ix = index_named(*ref.table, ref.index)) {
                    add(ix->partition_key, "the partition key of index " + ix->name);
                    add(ix->sort_key, "the sort key of index " + ix->name);
                }
            for (const auto& [attribute, what] : keys) {
                if (listed(c, attribute, like)) continue;
                if (std::find(reported.begin(), reported.end(), attribute) != reported.end()) continue;
                reported.push_back(attribute);
                const std::string consequence =
                    st.effect == Effect::allow
                        ? "every request names its key attributes, so ForAllValues fails and the statement allows "
                          "nothing on " + ref.table->name
                        : "every request names its key attributes, so this Deny refuses every request on " +
                              ref.table->name;
                ctx.report(doc_, policy, c.key_loc,
                           describe(st) + " lists dynamodb:Attributes without '" + attribute + "', " + what + ": " +
                               consequence,
                           "add \"" + attribute + "\" to the list of attribute names (DynamoDB counts the key "
                           "attributes of each request among its dynamodb:Attributes)");
            }
        }
    }

    CheckDoc doc_{
        "attributes-missing-key", Severity::warning,
        R"txt(A dynamodb:Attributes allow-list leaves out a key attribute of the table it is for.)txt",
        R"txt(When the table definition is known (a template or Terraform module defines the table), reports each key attribute (partition and sort key of the table, and of the index when the Resource names one index) missing from a column allow-list: ForAllValues:StringEquals (or StringLike) on dynamodb:Attributes in an Allow, ForAnyValue:StringNotEquals (or StringNotLike) in a Deny. Lists with policy variables or template placeholders are not judged.)txt",
        R"txt(A request's dynamodb:Attributes includes the key attributes it names: every GetItem, PutItem, UpdateItem and Query names the partition key (docs/dynamodb-iam.md section 5; DynamoDB Developer Guide, fine-grained access control, "the list must include the primary key attributes"). Without them in the list, the Allow never applies and the column-scoped feature is denied for everyone, or the Deny refuses every request.)txt",
        R"json(KeySchema: [{AttributeName: userId, KeyType: HASH}]
...
"Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["Title", "Body"]}})json",
        R"json("Condition": {"ForAllValues:StringEquals": {"dynamodb:Attributes": ["userId", "Title", "Body"]}})json",
        R"txt(Severity: warning: a request must name the key attributes, so the allow-list very likely refuses requests it was meant to allow (or the list is not the one meant).)txt",
    };
};

}  // namespace

const Check& attributes_missing_key() {
    static const AttributesMissingKey check;
    return check;
}

}  // namespace ddbguard::analyze
