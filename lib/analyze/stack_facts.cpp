#include "analyze/stack_facts.hpp"

#include "analyze/grammar_facts.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

namespace {

bool open_field(std::string_view f) {
    return f.empty() || util::has_wildcard(f) || f.find("${") != std::string_view::npos ||
           has_placeholder(f);
}

bool fields_agree(std::string_view a, std::string_view b) { return a == b || open_field(a) || open_field(b); }

}  // namespace

TableRef table_named(const Stack* stack, std::string_view resource) {
    TableRef out;
    if (!stack || stack->tables.empty()) return out;
    const ArnParts arn = split_arn(resource);
    if (arn.fields < 6 || arn.service != "dynamodb" || !arn.resource.starts_with("table/")) return out;
    const std::string_view rest = arn.resource.substr(6);
    const std::size_t slash = rest.find('/');
    const std::string_view name = rest.substr(0, slash);
    if (name.empty() || util::has_wildcard(name)) return out;
    for (const StackTable& t : stack->tables) {
        if (t.name != name) continue;
        const ArnParts own = split_arn(t.arn);
        if (own.fields >= 6 && (!fields_agree(own.region, arn.region) || !fields_agree(own.account, arn.account)))
            continue;
        out.table = &t;
        break;
    }
    if (!out.table || slash == std::string_view::npos) return out;
    const std::string_view more = rest.substr(slash + 1);
    if (more.starts_with("index/")) {
        out.index = std::string(more.substr(6));
        out.index_wildcard = util::has_wildcard(out.index) || out.index.empty();
    }
    return out;
}

const TableIndex* index_named(const StackTable& table, std::string_view name) {
    for (const TableIndex& ix : table.indexes)
        if (ix.name == name) return &ix;
    return nullptr;
}

void report_at(Context& context, const CheckDoc& check, Severity severity, const Owner& owner, std::string message,
               std::string fix) {
    Finding f;
    f.check_id = std::string(check.id);
    f.severity = severity;
    f.message = owner.label() + ": " + std::move(message);
    f.fix = std::move(fix);
    f.path = owner.path.empty() && context.stack() ? context.stack()->path : owner.path;
    f.location = owner.location;
    if (f.location.line == 0) f.location.line = f.location.column = 1;
    context.report(std::move(f));
}

std::string in_format(const Stack& stack, std::string_view cloudformation, std::string_view terraform) {
    const bool tf = stack.format == SourceFormat::terraform || stack.format == SourceFormat::terraform_plan;
    return std::string(tf ? terraform : cloudformation);
}

std::vector<GrantingStatement> allow_statements(const Stack& stack, const StackPrincipal& principal) {
    std::vector<GrantingStatement> out;
    for (std::size_t i : principal.documents) {
        const Policy& p = stack.documents[i].policy;
        for (const Statement& st : p.statements)
            if (st.effect == Effect::allow) out.push_back({&p, &st});
    }
    return out;
}

std::vector<const StackPrincipal*> principals_named(const Stack& stack, std::string_view id) {
    std::vector<const StackPrincipal*> out;
    if (id.empty()) return out;
    for (const StackPrincipal& p : stack.principals)
        if (p.owner.id == id) out.push_back(&p);
    return out;
}

GrantingStatement first_grant(const Stack& stack, const StackPrincipal& principal,
                              std::initializer_list<std::string_view> actions, const std::string& arn) {
    for (const GrantingStatement& g : allow_statements(stack, principal))
        for (std::string_view a : actions)
            if (covers_action(*g.statement, a) && (arn.empty() || isolation::covers_resource(*g.statement, arn)))
                return g;
    return {};
}

const std::vector<std::string_view>& dynamodb_item_actions() {
    static const std::vector<std::string_view> list = {
        "dynamodb:GetItem",  "dynamodb:BatchGetItem", "dynamodb:Query",          "dynamodb:Scan",
        "dynamodb:PutItem",  "dynamodb:UpdateItem",   "dynamodb:DeleteItem",     "dynamodb:BatchWriteItem",
        "dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"};
    return list;
}

const std::vector<std::string_view>& dynamodb_write_actions() {
    static const std::vector<std::string_view> list = {
        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
        "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"};
    return list;
}

bool rows_filtered(const Stack& stack, const StackTable& table) {
    for (const StackPrincipal& p : stack.principals)
        for (const GrantingStatement& g : allow_statements(stack, p))
            if (!isolation::row_conditions(*g.statement).empty() && isolation::covers_resource(*g.statement, table.arn))
                return true;
    return false;
}

const StackPrincipal* stream_reader(const Stack& stack, const StackTable& table) {
    const std::string stream = table.arn + "/stream/2024-01-01T00:00:00.000";
    for (const StackPrincipal& p : stack.principals)
        if (first_grant(stack, p, {"dynamodb:GetRecords"}, stream).statement) return &p;
    return nullptr;
}

bool read_by_end_users(const Stack& stack, const StackTable& table) {
    // Each statement once (not once per action): this runs for every table of a stack.
    for (const StackPrincipal& p : stack.principals) {
        if (!p.end_user) continue;
        for (const GrantingStatement& g : allow_statements(stack, p)) {
            if (!isolation::covers_resource(*g.statement, table.arn)) continue;
            for (std::string_view a : dynamodb_item_actions())
                if (covers_action(*g.statement, a)) return true;
        }
    }
    return false;
}

}  // namespace ddbguard::analyze
