// Parser diagnostic: the finding is made by lib/policy; this file holds its doc.
#include "analyze/check.hpp"

namespace ddbguard::analyze {

const Check& wrong_type() {
    static const ParserDiagnostic check({
        "wrong-type", Severity::error,
        R"txt(A policy element has the wrong JSON type.)txt",
        R"txt(Checks that each element has the type the IAM grammar requires: the policy is an object, Statement an object or array of objects, Action/Resource strings or arrays of strings, Condition an object of objects, condition values strings, numbers or booleans.)txt",
        R"txt(IAM rejects such a policy, or a tool that coerces the value guesses differently from AWS.)txt",
        R"json({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": {"dynamodb": "GetItem"}, "Resource": "*"}})json",
        R"json({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}})json",
        R"txt(Severity: error: IAM rejects an element of the wrong JSON type.)txt",
    });
    return check;
}

}  // namespace ddbguard::analyze
