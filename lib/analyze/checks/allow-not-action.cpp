// Allow + NotAction that covers DynamoDB actions: it grants every action it does not list.
#include "analyze/check.hpp"
#include "analyze/risk_facts.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {

namespace {

// Actions outside DynamoDB that show what "every other action" means.
constexpr std::string_view kOtherServiceExamples[] = {"iam:CreateAccessKey", "iam:AttachRolePolicy",
                                                      "iam:PassRole", "kms:Decrypt", "s3:DeleteBucket",
                                                      "cloudtrail:StopLogging"};

// True when some resource of the statement can name something other than a DynamoDB
// resource ("*", a non-DynamoDB ARN, a wildcard service, or NotResource).
bool reaches_other_services(const Statement& st) {
    if (!st.has_resource || st.not_resource) return true;
    for (const Value& r : st.resources) {
        if (r.text.find("${") != std::string::npos) continue;
        if (r.text.rfind("arn:", 0) != 0) return true;
        std::string_view rest = std::string_view(r.text).substr(4);
        auto colon = rest.find(':');
        if (colon == std::string_view::npos) continue;
        rest = rest.substr(colon + 1);
        if (rest.substr(0, rest.find(':')) != "dynamodb") return true;
    }
    return false;
}

class AllowNotAction final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& ctx) const override {
        for (const Policy* policy : ctx.policies())
            for (const Statement& st : policy->statements) {
                if (st.effect != Effect::allow || !st.has_action || !st.not_action) continue;
                std::vector<std::string> covered = covered_actions(st, "dynamodb");
                if (covered.empty()) continue;
                std::vector<std::string> dangerous = dangerous_among(covered);
                std::string message = describe(st) + " allows NotAction: it grants every action it does not list";
                if (reaches_other_services(st)) {
                    std::vector<std::string> others;
                    for (std::string_view a : kOtherServiceExamples)
                        if (covers_action(st, a)) others.emplace_back(a);
                    message += ", of every AWS service";
                    if (!others.empty()) message += " (" + join_list(others, 4) + " ...)";
                }
                message += ", and " + std::to_string(covered.size()) + " DynamoDB actions";
                if (!dangerous.empty()) message += ", among them " + std::to_string(dangerous.size()) + " dangerous ones: " + join_list(dangerous, 5);
                message += ", now and as AWS adds actions";
                ctx.report(doc_, *policy, st.action_loc, std::move(message),
                           "Replace NotAction with an Action list naming only what the application calls, e.g. "
                           "\"Action\": [\"dynamodb:GetItem\", \"dynamodb:Query\", \"dynamodb:PutItem\"]; to "
                           "exclude actions, keep the Allow narrow and add a Deny statement");
            }
    }

private:
    CheckDoc doc_{
        "allow-not-action", Severity::warning,
        R"txt(An Allow statement uses NotAction and covers DynamoDB actions.)txt",
        R"txt(Reports Allow statements with NotAction whose complement includes DynamoDB actions. The message
counts the DynamoDB actions granted, names the dangerous ones (DeleteTable, PutResourcePolicy, ...) and,
when the Resource is not limited to DynamoDB ARNs, names actions of other services it grants too.
Deny + NotAction is a normal guard pattern and is never reported.)txt",
        R"txt(Allow + NotAction matches every action NOT listed, of every service (IAM User Guide, "IAM JSON policy
elements: NotAction"). With Resource "*" it grants iam:CreateAccessKey, iam:PassRole, kms:Decrypt and
thousands more, and every action AWS adds later. It is almost never what the author meant.)txt",
        R"json({"Effect": "Allow", "NotAction": "dynamodb:DeleteTable", "Resource": "*"})json",
        R"json({"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"],
 "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"})json",
        R"txt(Severity: warning: very likely broader than needed, though AWS's own PowerUserAccess uses NotAction on purpose; not a proven leak by itself.)txt",
    };
};

}  // namespace

const Check& allow_not_action() {
    static const AllowNotAction check;
    return check;
}

}  // namespace ddbguard::analyze
