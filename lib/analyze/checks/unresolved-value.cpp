// Source diagnostic: the finding is made by lib/sources; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& unresolved_value() {
    static const ParserDiagnostic check({
        "unresolved-value", Severity::warning,
        R"txt(A policy value that only deploy time knows: what it was judged as.)txt",
        R"txt(Reports each value of a policy document that the template does not determine and the command line does not give: a parameter (one without a Default, and one whose Default can be overridden at deploy time), an Fn::ImportValue, a Fn::FindInMap whose keys depend on such values, a macro (Fn::Transform), a Serverless Framework variable that cannot be resolved from the file (${env:...}, ${ssm:...}, ${file(...)}), a SAM policy template or connector ddbguard does not expand, and Fn::If conditions beyond the 8 combinations ddbguard judges per document. The value is judged as one placeholder "<NAME>": a fixed value that is the same wherever it stands and never a wildcard. The account, Region and partition of the stack and the names CloudFormation generates are placeholders too, but they are the stack's own and are not reported. Severity warning when the value stands in Action, NotAction or Effect (what the statement grants is then unknown), info elsewhere.)txt",
        R"txt(A linter that silently treats what it could not compute as harmless passes policies it never judged. Saying what was assumed lets the reader pass the real value (--parameter KEY=VALUE, --region, --account, or "parameters" in the configuration file) or review the statement.)txt",
        R"json(Parameters:
  TableName: {Type: String, Default: users}
...
  Resource: !Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName})json",
        R"json(ddbguard lint --parameter TableName=users-prod template.yaml)json",
        R"txt(Severity: warning where the unresolved value decides what is granted (Action, NotAction, Effect); info elsewhere, where the statement was judged with a placeholder.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
