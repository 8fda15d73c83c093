// An IAM user may read or write DynamoDB items: long-lived credentials.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"

namespace ddbguard::analyze {
namespace {

class IamUserDataAccess final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }

    void run(Context& context) const override {
        const StackPrincipal* user = context.principal();
        const Stack* stack = context.stack();
        if (!user || !stack || user->kind != PrincipalKind::user || user->owner.id.empty()) return;
        for (std::string_view action : dynamodb_item_actions()) {
            const GrantingStatement g = first_grant(*stack, *user, {action});
            if (!g.statement) continue;
            std::string key;
            for (const StackAccessKey& k : stack->access_keys)
                if (k.user == user->owner.id) key = k.owner.label();
            context.report(doc_, *g.policy, isolation::action_location(*g.statement, action),
                           "IAM user " + user->owner.id + " may call " + std::string(action) +
                               ": a user signs in with long-lived credentials that are not rotated" +
                               (key.empty() ? std::string()
                                            : ", and " + key + " in the same stack issues one, ready to leak with the code"),
                           "give the application a role instead (an instance profile, a Lambda execution role, or "
                           "Cognito for end users) and remove the user's DynamoDB access");
            return;
        }
    }

private:
    CheckDoc doc_{
        "iam-user-data-access", Severity::warning,
        R"txt(An IAM user, rather than a role, may read or write DynamoDB items.)txt",
        R"txt(Reports an IAM user of a template or module (AWS::IAM::User, aws_iam_user) whose attached policies grant a DynamoDB item action, once per user, and says when the stack also creates an access key for it.)txt",
        R"txt(Users authenticate with long-lived access keys that are not rotated automatically; keys end up in code, CI settings and laptops. A role gives the same access with temporary credentials (DynamoDB Developer Guide, "Security best practices": use IAM roles to authenticate access to DynamoDB).)txt",
        R"json(Type: AWS::IAM::User
Properties:
  Policies: [{PolicyName: data, PolicyDocument: {Statement: [{Effect: Allow, Action: dynamodb:GetItem, Resource: ...}]}}])json",
        R"json(Type: AWS::IAM::Role
Properties:
  AssumeRolePolicyDocument: ...   # the application's service or identity provider
  Policies: [{PolicyName: data, PolicyDocument: ...}])json",
        R"txt(Severity: warning: very likely wrong for application access; not a proven leak.)txt",
    };
};

}  // namespace

const Check& iam_user_data_access() {
    static const IamUserDataAccess check;
    return check;
}

}  // namespace ddbguard::analyze
