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

void report_at_setting(Context& context, const CheckDoc& check, Severity severity, const StackTable& table,
                       std::string_view setting, std::string message, std::string fix) {
    const auto at = table.written_at.find(setting);
    if (at == table.written_at.end() || at->second.line == 0) {
        report_at(context, check, severity, table.owner, std::move(message), std::move(fix));
        return;
    }
    Owner owner = table.owner;
    owner.location = at->second;
    report_at(context, check, severity, owner, std::move(message), std::move(fix));
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

void TableReach::Grants::add(const Statement& st) {
    bool plain = !st.not_resource && st.has_resource;
    for (const Value& r : st.resources)
        plain = plain && r.text.find_first_of("*?$") == std::string::npos;
    if (!plain) {
        patterns.push_back(&st);
        return;
    }
    for (const Value& r : st.resources) arns.insert(r.text);
}

bool TableReach::Grants::covers(const std::string& arn) const {
    if (arns.count(arn)) return true;
    for (const Statement* st : patterns)
        if (isolation::covers_resource(*st, arn)) return true;
    return false;
}

TableReach::TableReach(const Stack& stack) {
    for (const StackPrincipal& p : stack.principals)
        for (const GrantingStatement& g : allow_statements(stack, p)) {
            const Statement& st = *g.statement;
            if (!may_name_service(st, "dynamodb")) continue;
            if (!isolation::row_conditions(st).empty()) row_filters_.add(st);
            if (!p.end_user) continue;
            for (std::string_view a : dynamodb_item_actions())
                if (covers_action(st, a)) {
                    end_user_items_.add(st);
                    break;
                }
        }
}

StreamReaders::StreamReaders(const Stack& stack) {
    for (const StackPrincipal& p : stack.principals)
        for (const GrantingStatement& g : allow_statements(stack, p))
            if (covers_action(*g.statement, "dynamodb:GetRecords")) grants_.emplace_back(&p, g.statement);
}

const StackPrincipal* StreamReaders::reader(const StackTable& table) const {
    if (grants_.empty()) return nullptr;
    const std::string stream = table.arn + "/stream/2024-01-01T00:00:00.000";
    // A template names the stream by its table's attribute (!GetAtt T.StreamArn), whose label
    // only deployment knows: the reader writes the table's ARN, "/stream/" and a placeholder.
    const std::string prefix = table.arn + "/stream/";
    for (const auto& [p, st] : grants_) {
        if (isolation::covers_resource(*st, stream)) return p;
        if (st->not_resource) continue;
        for (const Value& r : st->resources)
            if (r.text.starts_with(prefix)) return p;
    }
    return nullptr;
}

}  // namespace ddbguard::analyze
