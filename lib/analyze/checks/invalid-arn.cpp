// Resource and NotResource entries that are neither "*" nor a well-formed ARN.
#include "analyze/check.hpp"
#include "analyze/grammar_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {
namespace {

bool has_wild(std::string_view s) {
    return util::has_wildcard(s) || s.find("${") != std::string_view::npos;
}

bool known_partition(std::string_view p) {
    for (std::string_view k : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f",
                               "aws-eusc"})
        if (p == k) return true;
    return has_wild(p) || is_placeholder(p);  // a template's <AWS.Partition>: the stack's own partition
}

// Literal (no wildcard) DynamoDB resource part: which resource type it is, or "" when none.
std::string_view dynamodb_type(std::string_view resource) {
    std::vector<std::string_view> seg;
    std::size_t start = 0;
    while (true) {
        const auto slash = resource.find('/', start);
        seg.push_back(resource.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    for (std::string_view s : seg)
        if (s.empty()) return "";
    if (seg.size() == 2 && seg[0] == "global-table") return "global-table";
    if (seg[0] != "table") return "";
    if (seg.size() == 2) return "table";
    if (seg.size() == 4)
        for (std::string_view t : {"index", "stream", "backup", "export", "import"})
            if (seg[2] == t) return t;
    return "";
}

class InvalidArn final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies())
            for (const Statement& st : policy->statements)
                for (const Value& r : st.resources) check_one(context, *policy, r);
    }

private:
    void check_one(Context& context, const Policy& policy, const Value& r) const {
        const std::string& text = r.text;
        if (text == "*") return;
        // A value only deploy time knows ("<Param.TableArn>", "<Import.Shared>/index/*"): some ARN.
        if (text.starts_with("<") && has_placeholder(text)) return;
        if (!text.starts_with("arn:")) {
            if (text.starts_with("${")) return;  // a whole-ARN variable: unknown-variable judges it
            bad(context, policy, r, "\"" + text + "\" is neither \"*\" nor an ARN; it matches no resource",
                "write the full ARN, e.g. \"arn:aws:dynamodb:us-east-1:123456789012:table/" + text + "\"");
            return;
        }
        const ArnParts arn = split_arn(text);
        if (arn.fields < 6 && !has_placeholder(text)) {
            bad(context, policy, r,
                "\"" + text + "\" has " + std::to_string(arn.fields) +
                    " colon-separated fields; an ARN has six (arn:partition:service:region:account:resource)",
                "write arn:aws:<service>:<region>:<account>:<resource>, with empty fields kept as \"::\"");
            return;
        }
        if (!known_partition(arn.partition)) {
            bad(context, policy, r, "\"" + std::string(arn.partition) + "\" is not an AWS partition",
                "use aws, aws-cn or aws-us-gov (or another aws-iso* partition)");
            return;
        }
        if (util::to_lower(arn.service) != arn.service) {
            bad(context, policy, r, "the service field \"" + std::string(arn.service) +
                                        "\" must be lower case; ARNs are matched case-sensitively",
                "write \"" + util::to_lower(arn.service) + "\"");
            return;
        }
        if (arn.service != "dynamodb") return;
        check_dynamodb(context, policy, r, arn);
    }

    void check_dynamodb(Context& context, const Policy& policy, const Value& r, const ArnParts& arn) const {
        const bool global = arn.resource.starts_with("global-table/");
        if (global && !arn.region.empty() && !has_wild(arn.region)) {
            bad(context, policy, r, "a DynamoDB global-table ARN has no Region, but this one names \"" +
                                        std::string(arn.region) + "\"",
                "write " + std::string(catalog::dynamodb_resource_arn("global-table").value_or("arn:aws:dynamodb::<account>:global-table/<name>")));
            return;
        }
        if (!global && arn.region.empty()) {
            bad(context, policy, r, "the Region field is empty; DynamoDB table, index and stream ARNs need a Region",
                "write the Region (e.g. us-east-1), or * for every Region");
            return;
        }
        if (arn.account.empty()) {
            bad(context, policy, r, "the account field is empty; DynamoDB ARNs need the 12-digit account ID",
                "write the account ID, or * for any account");
            return;
        }
        if (!has_wild(arn.account) && !is_placeholder(arn.account) &&
            (arn.account.size() != 12 || arn.account.find_first_not_of("0123456789") != std::string_view::npos)) {
            bad(context, policy, r, "\"" + std::string(arn.account) + "\" is not a 12-digit AWS account ID",
                "write the 12-digit account ID");
            return;
        }
        if (has_wild(arn.resource)) return;  // patterns are judged by resource-type-mismatch
        if (!dynamodb_type(arn.resource).empty()) return;
        if (has_placeholder(arn.resource)) return;  // a deploy-time value may stand for more than a name
        std::string templates;
        for (std::string_view t : catalog::dynamodb_resource_types()) {
            const auto tpl = catalog::dynamodb_resource_arn(t);
            if (tpl) templates += (templates.empty() ? "" : ", ") + std::string(split_arn(*tpl).resource);
        }
        bad(context, policy, r,
            "\"" + std::string(arn.resource) + "\" is not a DynamoDB resource; it matches nothing",
            "write one of " + templates);
    }

    void bad(Context& context, const Policy& policy, const Value& r, std::string message, std::string fix) const {
        context.report(doc_, policy, r.loc, std::move(message), std::move(fix));
    }

    CheckDoc doc_{
        "invalid-arn", Severity::error,
        R"txt(A Resource or NotResource entry is not "*" and not a well-formed ARN.)txt",
        R"txt(Checks the ARN shape of every Resource and NotResource entry: six colon-separated fields, a known partition, a lower-case service. For DynamoDB it also checks that the Region is present (and absent for global tables), that the account is a 12-digit ID, and that the resource part is one of table/T, table/T/index/I, table/T/stream/S, table/T/backup/B, table/T/export/E, table/T/import/I or global-table/G.)txt",
        R"txt(IAM rejects some malformed ARNs and silently keeps others that then match no resource: "table/Orders/indexes/ByDate" or a missing account makes the Allow grant nothing and the Deny protect nothing, while the policy reads as if it did (IAM User Guide, "IAM identifiers"; Service Authorization Reference, Amazon DynamoDB resource types). IAM Access Analyzer reports these as errors.)txt",
        R"json("Resource": ["arn:aws:dynamodb:us-east-1::table/Orders",
             "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/indexes/ByDate"])json",
        R"json("Resource": ["arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
             "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/ByDate"])json",
        R"txt(Severity: error: the entry matches no resource (and IAM may reject the policy).)txt",
    };
};

}  // namespace

const Check& invalid_arn() {
    static const InvalidArn check;
    return check;
}

}  // namespace ddbguard::analyze
