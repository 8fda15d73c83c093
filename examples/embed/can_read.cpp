// "Can user X read user Y's row?" Asks the evaluator whether a Cognito user whose
// identity id (sub) is X may GetItem the item whose partition key is Y, under a
// row-level policy such as the AWS documentation's
//   "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${cognito-identity.amazonaws.com:sub}"]}
//   can_read POLICY.json X Y [TABLE-ARN]
// TABLE-ARN defaults to the first Resource of the policy's first statement.
// Prints the decision and the evaluator's explanation. Exit status: 0 allowed,
// 1 denied, 2 usage error or a policy that cannot be read.
#include <ddbguard/ddbguard.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 4 && argc != 5) {
        std::cerr << "usage: can_read POLICY.json USER-X USER-Y [TABLE-ARN]\n";
        return 2;
    }
    ddbguard::ParseResult parsed = ddbguard::parse_policy_file(argv[1]);
    if (!parsed.usable) {  // errors come back as findings, never as exceptions
        std::cerr << ddbguard::write_text({{argv[1], parsed.diagnostics}});
        return 2;
    }

    ddbguard::Request request;
    request.action = "dynamodb:GetItem";
    if (argc == 5)
        request.resource = argv[4];
    else if (!parsed.policy.statements.empty() && !parsed.policy.statements[0].resources.empty())
        request.resource = parsed.policy.statements[0].resources[0].text;
    request.set("cognito-identity.amazonaws.com:sub", {argv[2]});  // who asks
    request.set("dynamodb:LeadingKeys", {argv[3]});                // whose row (partition key)

    ddbguard::Evaluator evaluator({&parsed.policy});
    ddbguard::Decision decision = evaluator.evaluate(request);
    std::cout << "can " << argv[2] << " read " << argv[3] << "'s row? "
              << (decision.outcome == ddbguard::Outcome::allow ? "yes" : "no") << "\n"
              << ddbguard::decision_to_text(decision, "  ");
    return decision.outcome == ddbguard::Outcome::allow ? 0 : 1;
}
