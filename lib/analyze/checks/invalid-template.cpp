// Source diagnostic: the finding is made by lib/sources/cloudformation; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& invalid_template() {
    static const ParserDiagnostic check({
        "invalid-template", Severity::error,
        R"txt(A template mistake that stops CloudFormation (or SAM) from deploying the stack.)txt",
        R"txt(Reports what CloudFormation refuses while ddbguard resolves a template: an unknown intrinsic function (Fn::GetAttr), a Ref or Fn::GetAtt to a name the template does not define, a cycle of references, a condition that is not defined, Fn::Select past the end of a list, a function that takes a list given something else, YAML aliases and merge keys (CloudFormation supports YAML 1.1 without them: User Guide, "Template formats"), tags that are no short form of an intrinsic function, a SAM policy template without its parameters, and Policies that SAM ignores because the function names its own Role (a warning). ddbguard still judges the rest of the template, with a placeholder where the value could not be computed.)txt",
        R"txt(The stack does not deploy, or deploys something other than what is written: the policy the author reads is not the policy AWS gets.)txt",
        R"json(Resource: !GetAttr UsersTable.Arn      # no such function)json",
        R"json(Resource: !GetAtt UsersTable.Arn)json",
        R"txt(Severity: error: CloudFormation refuses the template, or the policy after resolution is not valid IAM; warning where SAM ignores Policies because Role is set.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
