// The one registry: checks.def lists every check once, in order.
#include "analyze/check.hpp"
#include "util/text.hpp"

namespace ddbguard::analyze {

#define DDBGUARD_CHECK(factory) const Check& factory();
#define DDBGUARD_GRANTS_SECTION()
#include "analyze/checks/checks.def"
#undef DDBGUARD_GRANTS_SECTION
#undef DDBGUARD_CHECK

namespace {
struct Registry {
    std::vector<const Check*> checks;
    std::size_t grants_begin = 0;
};
const Registry& registry() {
    static const Registry r = [] {
        Registry out;
        std::vector<const Check*>& list = out.checks;
#define DDBGUARD_CHECK(factory) list.push_back(&factory());
#define DDBGUARD_GRANTS_SECTION() out.grants_begin = list.size();
#include "analyze/checks/checks.def"
#undef DDBGUARD_GRANTS_SECTION
#undef DDBGUARD_CHECK
        return out;
    }();
    return r;
}
}  // namespace

const std::vector<const Check*>& all_checks() { return registry().checks; }

bool judges_writing(const Check& check) {
    const Registry& r = registry();
    for (std::size_t i = 0; i < r.grants_begin; ++i)
        if (r.checks[i] == &check) return true;
    return false;
}

}  // namespace ddbguard::analyze

namespace ddbguard {

const std::vector<CheckDoc>& list_checks() {
    static const std::vector<CheckDoc> docs = [] {
        std::vector<CheckDoc> out;
        for (const analyze::Check* c : analyze::all_checks()) out.push_back(c->doc());
        return out;
    }();
    return docs;
}

const CheckDoc* find_check(std::string_view id) {
    for (const CheckDoc& doc : list_checks())
        if (doc.id == id) return &doc;
    return nullptr;
}

std::vector<std::string> unknown_check_ids(const LintOptions& options) {
    std::vector<std::string> unknown;
    for (const auto* list : {&options.select, &options.ignore})
        for (const std::string& id : *list)
            if (!find_check(id)) unknown.push_back(id);
    for (const Suppression& s : options.suppressions)
        if (!find_check(s.check_id)) unknown.push_back(s.check_id);
    return unknown;
}

}  // namespace ddbguard
