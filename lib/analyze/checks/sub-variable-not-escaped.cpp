// Source diagnostic: the finding is made by lib/sources/cloudformation; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& sub_variable_not_escaped() {
    static const ParserDiagnostic check({
        "sub-variable-not-escaped", Severity::error,
        R"txt(An IAM policy variable inside Fn::Sub without the "${!" escape: the stack does not deploy.)txt",
        R"txt(Reports each "${name}" inside an Fn::Sub string whose name is an IAM policy variable or any other name with a colon that is not a pseudo parameter (${aws:username}, ${cognito-identity.amazonaws.com:sub}). The policy is then judged as if the author had written the escape, since that is what was meant.)txt",
        R"txt(Inside Fn::Sub, CloudFormation reads every "${name}" as a reference to a parameter, resource or attribute; a name it does not know makes the template invalid. To pass "${...}" through to IAM, Fn::Sub needs "${!name}", which it writes out as "${name}" (CloudFormation User Guide, Fn::Sub; docs/iac.md section 2).)txt",
        R"json(Resource: !Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/Users"
Condition:
  ForAllValues:StringEquals:
    dynamodb:LeadingKeys: [!Sub "${cognito-identity.amazonaws.com:sub}"])json",
        R"json(    dynamodb:LeadingKeys: [!Sub "${!cognito-identity.amazonaws.com:sub}"]
(or, outside Fn::Sub, the plain string "${cognito-identity.amazonaws.com:sub}"))json",
        R"txt(Severity: error: CloudFormation treats the IAM variable as a reference and the stack does not deploy.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
