// Anyone on the internet can get an identity pool's guest role, and it may write items.
#include "analyze/check.hpp"
#include "analyze/stack_facts.hpp"
#include "analyze/isolation/isolation.hpp"

namespace ddbguard::analyze {
namespace {

class IdentityPoolGuestWrites final : public Check {
public:
    const CheckDoc& doc() const override { return doc_; }
    bool stack_scope() const override { return true; }
    void run(Context& context) const override {
        const Stack& stack = *context.stack();
        for (const StackIdentityPool& pool : stack.identity_pools)
            if (pool.allow_unauthenticated) check_pool(context, stack, pool);
    }

private:
    // One finding per pool: the first write its guest role may make.
    void check_pool(Context& context, const Stack& stack, const StackIdentityPool& pool) const {
        for (const StackPrincipal* role : principals_named(stack, pool.unauthenticated_role))
            for (std::string_view action : dynamodb_write_actions()) {
                const GrantingStatement g = first_grant(stack, *role, {action});
                if (!g.statement) continue;
                const bool filtered = !isolation::row_conditions(*g.statement).empty();
                report_at(context, doc_, Severity::warning, pool.owner,
                          "the pool gives unauthenticated identities to anyone who asks, and their role " +
                              role->owner.id + " may call " + std::string(action) +
                              (filtered ? " (on its own rows only, but anyone can make new identities and fill the table)"
                                        : ": anyone on the internet can write to the table"),
                          "grant writes only to the authenticated role, or turn off unauthenticated identities");
                return;
            }
    }

    CheckDoc doc_{
        "identity-pool-guest-writes", Severity::warning,
        R"txt(An identity pool allows unauthenticated identities, and their role may write DynamoDB items.)txt",
        R"txt(Reports a Cognito identity pool (AWS::Cognito::IdentityPool, aws_cognito_identity_pool) with AllowUnauthenticatedIdentities set whose unauthenticated role grants PutItem, UpdateItem, DeleteItem, BatchWriteItem or a PartiQL write. Unfiltered reads by that role are unscoped-end-user-access's error.)txt",
        R"txt(Anyone on the internet can call GetId and GetCredentialsForIdentity on a pool that allows guests, as often as they like (Amazon Cognito Developer Guide, "Identity pools (federated identities) authentication flow"). A guest role that can write lets strangers create, overwrite or delete data.)txt",
        R"json(IdentityPool:
  Properties: {AllowUnauthenticatedIdentities: true}
GuestRole:   # grants dynamodb:PutItem)json",
        R"json(IdentityPool:
  Properties: {AllowUnauthenticatedIdentities: true}
GuestRole:   # reads public items only; writes only through the authenticated role)json",
        R"txt(Severity: warning: very likely wrong; whether strangers reach others' data is the isolation checks' question.)txt",
    };
};

}  // namespace

const Check& identity_pool_guest_writes() {
    static const IdentityPoolGuestWrites check;
    return check;
}

}  // namespace ddbguard::analyze
