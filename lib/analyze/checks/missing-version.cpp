// A policy without "Version" is read with the 2008-10-17 language rules.
#include "analyze/check.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

class MissingVersion final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    void run(Context& context) const override {
        for (const Policy* policy : context.policies()) {
            // A Version of the wrong type is reported by wrong-type; one that uses variables
            // gets the stronger variables-need-version error instead (one mistake, one finding).
            if (policy->root.member("Version") || uses_variables(*policy)) continue;
            context.report(doc_, *policy, policy->root.loc,
                           "the policy has no \"Version\": IAM then applies the 2008-10-17 language rules, under "
                           "which policy variables such as ${aws:username} are not substituted",
                           "add \"Version\": \"2012-10-17\" as the first element of the policy");
        }
    }

private:
    CheckDoc doc_{
        "missing-version", Severity::info,
        R"txt(The policy has no Version element.)txt",
        R"txt(Reports a policy document that does not say which policy language version it is written in. When the policy also uses policy variables, variables-need-version reports it instead.)txt",
        R"txt(Without Version, IAM reads the policy with the rules of 2008-10-17 (IAM User Guide, "IAM JSON policy elements: Version"): policy variables are plain text there, so adding a ${...} row filter later silently breaks it. IAM Access Analyzer reports a missing Version as a warning.)txt",
        R"json({"Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem",
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"}]})json",
        R"json({"Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItem",
  "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"}]})json",
        R"txt(Severity: info: without policy variables the Version changes nothing today; stating it is a hardening step for the day a variable is added (with variables, variables-need-version reports an error instead).)txt",
    };
};

}  // namespace

const Check& missing_version() {
    static const MissingVersion check;
    return check;
}

}  // namespace ddbguard::analyze
