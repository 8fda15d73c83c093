#include "analyze/stack_facts.hpp"

#include "analyze/grammar_facts.hpp"
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

}  // namespace ddbguard::analyze
