// Comparing two versions of a policy set: the witnesses NEW allows and OLD denies (and
// the other way round), each classified by the kind of access it shows.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "analyze/isolation/isolation.hpp"
#include "analyze/statement_facts.hpp"
#include "ddbguard/catalog.hpp"
#include "ddbguard/diff.hpp"
#include "diff/candidates.hpp"
#include "evaluate/wildcard.hpp"
#include "util/text.hpp"

namespace ddbguard {

namespace {

constexpr AccessKind kAllKinds[] = {AccessKind::condition, AccessKind::action, AccessKind::resource,
                                    AccessKind::deny,      AccessKind::columns, AccessKind::rows,
                                    AccessKind::principal};

// Dimensions of a statement that classification relaxes, one or several at a time.
enum Dim : unsigned {
    kAction = 1,
    kResource = 2,
    kPrincipal = 4,
    kRows = 8,
    kColumns = 16,
    kPrincipalKeys = 32,  // conditions that say who the caller is (aud, amr, PrincipalAccount ...)
    kOther = 64,
    kEvery = 127,
};

// Condition keys that narrow who may call, in trust and resource policies: removing or
// widening one of them lets new principals in (IAM User Guide, global condition keys;
// docs/dynamodb-iam.md sections 4 and 6).
bool is_principal_key(std::string_view key) {
    for (std::string_view k : {"aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
                               "aws:PrincipalIsAWSService", "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList",
                               "aws:PrincipalType", "aws:userid", "aws:username", "aws:SourceAccount", "aws:SourceArn",
                               "aws:SourceOrgID", "aws:SourceOrgPaths", "sts:ExternalId",
                               "cognito-identity.amazonaws.com:aud", "cognito-identity.amazonaws.com:amr",
                               "accounts.google.com:aud", "accounts.google.com:oaud", "graph.facebook.com:app_id",
                               "www.amazon.com:app_id"})
        if (util::iequals(k, key)) return true;
    return false;
}

bool evaluates_principal(const Policy& p) {
    return p.kind != PolicyKind::identity && p.kind != PolicyKind::unknown;
}

Value literal(std::string text) {
    Value v;
    v.text = std::move(text);
    return v;
}

// `st` with the dimensions `dims` made to match anything.
Statement relax(const Policy& p, Statement st, unsigned dims) {
    if (dims & kAction) {
        st.has_action = true;
        st.not_action = false;
        st.actions = {literal("*")};
    }
    if ((dims & kResource) && (st.has_resource || p.kind != PolicyKind::trust)) {
        st.has_resource = true;
        st.not_resource = false;
        st.resources = {literal("*")};
    }
    if ((dims & kPrincipal) && evaluates_principal(p)) {
        st.principal.present = true;
        st.principal.wildcard = true;
        st.principal.by_type.clear();
        st.not_principal = false;
    }
    std::erase_if(st.conditions, [&](const ConditionEntry& c) {
        const bool row = analyze::isolation::is_row_key(c.key);
        const bool column = util::iequals(c.key, "dynamodb:Attributes");
        const bool who = evaluates_principal(p) && is_principal_key(c.key);
        return ((dims & kRows) && row) || ((dims & kColumns) && column) || ((dims & kPrincipalKeys) && who) ||
               ((dims & kOther) && !row && !column && !who);
    });
    return st;
}

struct StatementRef {
    const Policy* policy = nullptr;
    const Statement* statement = nullptr;
};

// Policies made from another set's statements, kept at stable addresses with their evaluator.
struct Derived {
    std::vector<std::unique_ptr<Policy>> policies;
    std::unique_ptr<Evaluator> evaluator;
    Outcome decide(const Request& r) const { return evaluator ? evaluator->decide(r) : Outcome::implicit_deny; }
};

// One side of a change and what classification asks of it.
class Side {
public:
    explicit Side(std::vector<const Policy*> set) : set_(std::move(set)), evaluator_(set_) {
        for (const Policy* p : set_)
            for (const Statement& st : p->statements) {
                if (st.effect == Effect::invalid) continue;
                auto one = std::make_unique<Policy>();
                one->path = p->path;
                one->version = p->version;
                one->kind = p->kind;
                one->statements.push_back(st);
                auto eval = std::make_unique<Evaluator>(std::vector<const Policy*>{one.get()});
                singles_.push_back({{p, &st}, std::move(one), std::move(eval)});
                if (st.effect != Effect::allow) continue;
                for (const ConditionEntry* c : analyze::isolation::row_conditions(st))
                    for (const Value& v : c->values)
                        if (!util::has_wildcard(v.text) && v.text.find("${") == std::string::npos)
                            literal_rows_.push_back(v.text);
                for (const ConditionEntry* c : analyze::isolation::column_conditions(st))
                    for (const Value& v : c->values) allowed_attributes_.push_back(v.text);
            }
        row_scope_ = derive(kEvery & ~kResource, [](const Statement& st) {
            return st.effect == Effect::allow && !analyze::isolation::row_conditions(st).empty();
        });
        column_scope_ = derive(kEvery & ~kResource, [](const Statement& st) {
            return st.effect == Effect::allow && !analyze::isolation::column_conditions(st).empty();
        });
    }

    const std::vector<const Policy*>& set() const { return set_; }
    const Evaluator& evaluator() const { return evaluator_; }

    // The set with `dims` relaxed in every Allow (Denies unchanged).
    Outcome relaxed(unsigned dims, const Request& r) const {
        auto it = relaxed_.find(dims);
        if (it == relaxed_.end()) {
            it = relaxed_.emplace(dims, derive(dims, [](const Statement&) { return true; })).first;
        }
        return it->second.decide(r);
    }

    // The first statement of `effect` that applies to `r` on its own.
    std::optional<StatementRef> first(Effect effect, const Request& r) const {
        const Outcome wanted = effect == Effect::allow ? Outcome::allow : Outcome::explicit_deny;
        for (const Single& s : singles_)
            if (s.ref.statement->effect == effect && s.evaluator->decide(r) == wanted) return s.ref;
        return std::nullopt;
    }

    // The condition keys whose conditions alone keep this side's Allows from `r`: with
    // the conditions on one such key dropped, some Allow applies.
    std::vector<std::string> blocking_keys(const Request& r) const {
        std::vector<std::string> keys, out;
        for (const Policy* p : set_)
            for (const Statement& st : p->statements)
                if (st.effect == Effect::allow)
                    for (const ConditionEntry& c : st.conditions)
                        if (std::none_of(keys.begin(), keys.end(), [&](const std::string& k) { return util::iequals(k, c.key); }))
                            keys.push_back(c.key);
        for (const std::string& key : keys) {
            const Derived d = derive(0, [](const Statement&) { return true; }, key);
            if (d.decide(r) == Outcome::allow) out.push_back(key);
        }
        return out;
    }

    bool row_scoped(const Request& r) const { return scoped(row_scope_, r); }
    bool column_scoped(const Request& r) const { return scoped(column_scope_, r); }
    const std::vector<std::string>& literal_rows() const { return literal_rows_; }
    const std::vector<std::string>& allowed_attributes() const { return allowed_attributes_; }

private:
    struct Single {
        StatementRef ref;
        std::unique_ptr<Policy> policy;
        std::unique_ptr<Evaluator> evaluator;
    };

    // Copies of the set's policies, Allows relaxed in `dims` (and without their conditions
    // on `drop_key`), only the statements `keep` accepts.
    template <class Keep>
    Derived derive(unsigned dims, Keep keep, const std::string& drop_key = {}) const {
        Derived d;
        std::vector<const Policy*> ptrs;
        for (const Policy* p : set_) {
            auto copy = std::make_unique<Policy>();
            copy->path = p->path;
            copy->version = p->version;
            copy->kind = p->kind;
            for (const Statement& st : p->statements) {
                if (st.effect == Effect::allow) {
                    if (!keep(st)) continue;
                    Statement relaxed = relax(*p, st, dims);
                    if (!drop_key.empty())
                        std::erase_if(relaxed.conditions,
                                      [&](const ConditionEntry& c) { return util::iequals(c.key, drop_key); });
                    copy->statements.push_back(std::move(relaxed));
                } else if (keep(st)) {
                    copy->statements.push_back(st);
                }
            }
            ptrs.push_back(copy.get());
            d.policies.push_back(std::move(copy));
        }
        d.evaluator = std::make_unique<Evaluator>(ptrs);
        return d;
    }

    static bool scoped(const Derived& d, const Request& r) {
        if (d.decide(r) == Outcome::allow) return true;
        Request table = r;
        table.resource = diff::table_of(r.resource);
        return d.decide(table) == Outcome::allow;
    }

    std::vector<const Policy*> set_;
    Evaluator evaluator_;
    std::vector<Single> singles_;
    std::vector<std::string> literal_rows_, allowed_attributes_;
    Derived row_scope_, column_scope_;
    mutable std::map<unsigned, Derived> relaxed_;
};

// The request reaches a partition the denying side did not give the caller.
bool reaches_other_rows(const Request& r, const Side& denier) {
    if (!diff::touches_items(r.action)) return false;
    const ContextEntry* keys = r.find("dynamodb:LeadingKeys");
    if (!keys) return true;
    std::vector<std::string> own = diff::own_partitions(r);
    own.insert(own.end(), denier.literal_rows().begin(), denier.literal_rows().end());
    for (const std::string& v : keys->values)
        if (std::find(own.begin(), own.end(), v) == own.end()) return true;
    return false;
}

bool reaches_other_columns(const Request& r, const Side& denier) {
    if (!diff::touches_items(r.action)) return false;
    if (const ContextEntry* select = r.find("dynamodb:Select"))
        for (const std::string& v : select->values)
            if (v == "ALL_ATTRIBUTES" || v == "ALL_PROJECTED_ATTRIBUTES") return true;
    if (const ContextEntry* rv = r.find("dynamodb:ReturnValues"))
        for (const std::string& v : rv->values)
            if (v == "ALL_OLD" || v == "ALL_NEW") return true;
    if (const ContextEntry* attrs = r.find("dynamodb:Attributes"))
        for (const std::string& v : attrs->values)
            if (std::find(denier.allowed_attributes().begin(), denier.allowed_attributes().end(), v) ==
                denier.allowed_attributes().end())
                return true;
    return false;
}

// Why the denying side refuses `r`, as a kind of access (docs: README, "ddbguard diff").
AccessKind classify(const Request& r, const Side& denier, const StatementRef& granted_by) {
    if (denier.evaluator().decide(r) == Outcome::explicit_deny) return AccessKind::deny;
    if (reaches_other_rows(r, denier) && denier.row_scoped(r)) return AccessKind::rows;
    if (reaches_other_columns(r, denier) && denier.column_scoped(r)) return AccessKind::columns;
    const bool principal = evaluates_principal(*granted_by.policy) && granted_by.statement->principal.present;
    // One obstacle: the only thing the denying side lacks.
    std::vector<std::pair<unsigned, AccessKind>> single;
    if (principal) {
        single.emplace_back(kPrincipal, AccessKind::principal);
        single.emplace_back(kPrincipalKeys, AccessKind::principal);
    }
    single.insert(single.end(), {{kAction, AccessKind::action},
                                 {kResource, AccessKind::resource},
                                 {kRows, AccessKind::rows},
                                 {kColumns, AccessKind::columns},
                                 {kOther, AccessKind::condition}});
    for (const auto& [dim, kind] : single)
        if (denier.relaxed(dim, r) == Outcome::allow) return kind;
    // Several obstacles: the first dimension whose value the denying side allows nowhere.
    for (const auto& [dim, kind] : single) {
        if (dim != kPrincipal && dim != kAction && dim != kResource) continue;
        if (denier.relaxed(kEvery & ~dim, r) != Outcome::allow) return kind;
    }
    return AccessKind::action;
}

std::string quote_list(const std::vector<std::string>& values) {
    std::string out = "[";
    for (const std::string& v : values) out += (out.size() > 1 ? ", '" : "'") + v + "'";
    return out + "]";
}

std::string reaches_text(AccessKind kind, const Request& r, const Side& denier) {
    if (kind == AccessKind::rows || (kind == AccessKind::deny && reaches_other_rows(r, denier))) {
        const ContextEntry* keys = r.find("dynamodb:LeadingKeys");
        if (!keys || !diff::touches_items(r.action))
            return "every item of " + diff::table_of(r.resource) + ", whatever its partition key: " + r.action +
                   " carries no dynamodb:LeadingKeys";
        std::vector<std::string> own = diff::own_partitions(r);
        own.insert(own.end(), denier.literal_rows().begin(), denier.literal_rows().end());
        for (const std::string& v : keys->values)
            if (std::find(own.begin(), own.end(), v) == own.end())
                return "the items of partition '" + v + "', which is not the caller's";
    }
    if (kind == AccessKind::columns) {
        const std::string allowed = quote_list(denier.allowed_attributes());
        if (const ContextEntry* select = r.find("dynamodb:Select"))
            for (const std::string& v : select->values)
                if (v == "ALL_ATTRIBUTES" || v == "ALL_PROJECTED_ATTRIBUTES")
                    return "every attribute of the items (Select " + v + "), beyond OLD's allowed list " + allowed;
        if (const ContextEntry* rv = r.find("dynamodb:ReturnValues"))
            for (const std::string& v : rv->values)
                if (v == "ALL_OLD" || v == "ALL_NEW")
                    return "the whole item (ReturnValues " + v + "), beyond OLD's allowed list " + allowed;
        if (const ContextEntry* attrs = r.find("dynamodb:Attributes"))
            for (const std::string& v : attrs->values)
                if (std::find(denier.allowed_attributes().begin(), denier.allowed_attributes().end(), v) ==
                    denier.allowed_attributes().end())
                    return "attribute '" + v + "', outside OLD's allowed list " + allowed;
    }
    return {};
}

// What is special about a resource OLD did not allow: "an index of table X", "another account" ...
std::string resource_note(const Request& r, const Side& denier) {
    std::string_view seg[6];
    if (!eval::split_arn(r.resource, seg)) return {};
    bool account_known = false, region_known = false;
    for (const Policy* p : denier.set())
        for (const Statement& st : p->statements)
            for (const Value& v : st.resources) {
                std::string_view s[6];
                if (!eval::split_arn(v.text, s)) continue;
                account_known = account_known || s[4] == seg[4];
                region_known = region_known || s[3] == seg[3];
            }
    if (!denier.set().empty() && !account_known && !seg[4].empty()) return " (account " + std::string(seg[4]) + ", which OLD did not name)";
    if (!denier.set().empty() && !region_known && !seg[3].empty()) return " (Region " + std::string(seg[3]) + ", which OLD did not name)";
    const std::string_view rest = seg[5];
    for (std::string_view sub : {"/index/", "/stream/", "/backup/", "/export/", "/import/"}) {
        const std::size_t at = rest.find(sub);
        if (at != std::string_view::npos && rest.rfind("table/", 0) == 0)
            return " (" + std::string(sub == "/index/" ? "an index" : sub == "/stream/" ? "the stream"
                                      : sub == "/backup/" ? "a backup" : sub == "/export/" ? "an export" : "an import") +
                   " of table " + std::string(rest.substr(6, at - 6)) + ")";
    }
    return {};
}

std::string message_for(AccessKind kind, bool removed, const Request& r, const StatementRef& by,
                        const std::optional<StatementRef>& deny, const Side& denier) {
    const std::string what = r.action + " on " + r.resource;
    const std::string stmt = analyze::describe(*by.statement);
    if (removed) {
        switch (kind) {
            case AccessKind::deny:
                return "NEW denies " + what + ", which OLD allowed (" + stmt + " of OLD)";
            case AccessKind::rows: return "NEW no longer lets the caller reach other partitions' items with " + what;
            case AccessKind::columns:
                return "NEW no longer lets the caller reach attributes outside its allowed list with " + what;
            case AccessKind::principal:
                return "NEW no longer lets " + r.principal + " make " + what + " (OLD's " + stmt + " did)";
            case AccessKind::resource: return "NEW no longer allows " + what + " (a resource OLD's " + stmt + " allowed)";
            case AccessKind::action: return "NEW no longer allows " + what + " (an action OLD's " + stmt + " allowed)";
            case AccessKind::condition: {
                std::string keys;
                for (const std::string& k : denier.blocking_keys(r)) keys += (keys.empty() ? "" : ", ") + k;
                return "NEW no longer allows " + what + " in a request context OLD's " + stmt + " accepted" +
                       (keys.empty() ? std::string() : " (NEW's conditions on " + keys + " refuse it)");
            }
        }
    }
    switch (kind) {
        case AccessKind::deny: {
            std::string out = stmt + " now allows " + what + ", which OLD denied";
            if (deny) out += " by " + analyze::describe(*deny->statement) + " of " + deny->policy->path;
            return out + ": that Deny was removed or narrowed";
        }
        case AccessKind::rows: return stmt + " lets the caller reach other users' or partitions' items: " + what;
        case AccessKind::columns: return stmt + " lets the caller reach attributes outside OLD's allowed list: " + what;
        case AccessKind::principal: {
            std::string who = r.principal;
            std::string keys;
            for (const ContextEntry& e : r.context)
                if (is_principal_key(e.key)) keys += (keys.empty() ? "" : ", ") + e.key + " = " + quote_list(e.values);
            if (!keys.empty()) who += " (" + keys + ")";
            return stmt + " lets " + who + " make " + what + ", a caller OLD did not allow";
        }
        case AccessKind::resource:
            return stmt + " allows " + what + ", a resource OLD did not allow this action on" + resource_note(r, denier);
        case AccessKind::action: return stmt + " allows " + what + ", an action OLD did not allow there";
        case AccessKind::condition: {
            std::string keys;
            for (const std::string& k : denier.blocking_keys(r)) keys += (keys.empty() ? "" : ", ") + k;
            return stmt + " allows " + what + " in a request context that OLD's conditions" +
                   (keys.empty() ? std::string() : " on " + keys) + " refused";
        }
    }
    return what;
}

bool path_matches(std::string_view pattern, std::string_view path) {
    if (pattern.empty() || pattern == path) return true;
    return path.size() > pattern.size() && path.substr(path.size() - pattern.size()) == pattern &&
           (path[path.size() - pattern.size() - 1] == '/' || path[path.size() - pattern.size() - 1] == ':');
}

bool glob(std::string_view pattern, std::string_view subject, bool arn) {
    if (pattern.empty()) return true;
    eval::Pattern p;
    p.append_wild(pattern);
    return arn ? eval::arn_match(p.view(), subject) : eval::glob_match(p.view(), subject, false);
}

bool accepts(const AllowEntry& e, AccessKind kind, const Request& r, const std::string& new_path, const std::string& key) {
    if (e.kind != kind) return false;
    if (!e.path.empty() && !path_matches(e.path, new_path) && !path_matches(e.path, key)) return false;
    if (!e.action.empty() && !catalog::action_matches(e.action, r.action)) return false;
    if (!e.resource.empty() && !glob(e.resource, r.resource, true)) return false;
    if (!e.principal.empty() && !glob(e.principal, r.principal, false)) return false;
    return true;
}

constexpr std::size_t kMoreShown = 12;

struct Group {
    AccessKind kind;
    StatementRef by;
    std::optional<StatementRef> deny;  // the denying statement (deny kinds)
    Request request;
    std::string reaches;
    std::vector<std::string> more;
    std::size_t more_hidden = 0;
};

class Comparison {
public:
    Comparison(const Side& old_side, const Side& new_side, const SetChange& change, const DiffOptions& options,
               std::vector<char>& used, std::size_t& accepted)
        : old_(old_side), new_(new_side), change_(change), options_(options), used_(used), accepted_(accepted) {
        for (const Side* side : {&old_side, &new_side})
            for (const Policy* p : side->set()) principals_matter_ = principals_matter_ || evaluates_principal(*p);
    }

    void witness(Request r, const std::string& reaches, bool removed) {
        // Identity policies do not read the principal: do not show one.
        if (!principals_matter_) r.principal.clear();
        const Side& granter = removed ? old_ : new_;
        const Side& denier = removed ? new_ : old_;
        const auto by = granter.first(Effect::allow, r);
        if (!by) return;  // every applying Allow decides together with others (cannot happen for a union)
        const AccessKind kind = classify(r, denier, *by);
        if (!removed) {
            bool taken = false;
            for (std::size_t i = 0; i < options_.allow.size(); ++i)
                if (accepts(options_.allow[i], kind, r, by->policy->path, change_.key)) {
                    used_[i] = 1;
                    taken = true;
                }
            if (taken) {
                // Counted like reported access: once per kind and granting statement.
                if (accepted_groups_.insert({kind, by->statement}).second) ++accepted_;
                return;
            }
        }
        std::optional<StatementRef> deny;
        if (kind == AccessKind::deny) deny = denier.first(Effect::deny, r);
        auto& groups = removed ? removed_ : added_;
        for (Group& g : groups) {
            if (g.kind != kind || g.by.statement != by->statement) continue;
            if (deny && g.deny && g.deny->statement != deny->statement) continue;
            const std::string line = diff::describe_request(r);
            if (line == diff::describe_request(g.request) || std::find(g.more.begin(), g.more.end(), line) != g.more.end())
                return;
            if (g.more.size() < kMoreShown) g.more.push_back(line);
            else ++g.more_hidden;
            return;
        }
        groups.push_back(Group{kind, *by, deny, r, reaches, {}, 0});
    }

    std::vector<AccessChange> finish(bool removed, const std::vector<std::string>& referenced) const {
        const Side& granter = removed ? old_ : new_;
        const Side& denier = removed ? new_ : old_;
        std::vector<AccessChange> out;
        for (const Group& g : removed ? removed_ : added_) {
            AccessChange c;
            c.kind = g.kind;
            c.removed = removed;
            c.severity = removed ? Severity::info
                         : (g.kind == AccessKind::rows || g.kind == AccessKind::columns || g.kind == AccessKind::principal)
                             ? Severity::error
                             : Severity::warning;
            // Show only the context the versions read, unless that changes a decision.
            Request shown = g.request;
            std::erase_if(shown.context, [&](const ContextEntry& e) {
                return !std::binary_search(referenced.begin(), referenced.end(), util::to_lower(e.key));
            });
            if (granter.evaluator().decide(shown) != Outcome::allow || denier.evaluator().decide(shown) == Outcome::allow)
                shown = g.request;
            Decision granted = granter.evaluator().evaluate(shown);
            Decision refused = denier.evaluator().evaluate(shown);
            // Only a request the evaluator really decides both ways is printed.
            if (granted.outcome != Outcome::allow || refused.outcome == Outcome::allow) continue;
            c.witness.request = shown;
            c.witness.reaches = g.reaches.empty() ? reaches_text(g.kind, shown, denier) : g.reaches;
            c.witness.new_decision = removed ? std::move(refused) : std::move(granted);
            c.witness.old_decision = removed ? std::move(granted) : std::move(refused);
            c.message = message_for(g.kind, removed, shown, g.by, g.deny, denier);
            if (removed && g.kind == AccessKind::deny) {
                const auto deny = denier.first(Effect::deny, shown);
                if (deny) {
                    c.path = deny->policy->path;
                    c.location = deny->statement->loc;
                }
                c.related.push_back({g.by.policy->path, g.by.statement->loc, "OLD allowed it here"});
            } else {
                c.path = g.by.policy->path;
                c.location = g.by.statement->loc;
                if (g.deny)
                    c.related.push_back({g.deny->policy->path, g.deny->statement->loc,
                                         "this OLD Deny applied to the request; NEW has no Deny that does"});
            }
            if (c.path.empty()) c.path = removed ? change_.old_label : change_.new_label;
            c.more = g.more;
            if (g.more_hidden) c.more.push_back("and " + std::to_string(g.more_hidden) + " more");
            out.push_back(std::move(c));
        }
        std::stable_sort(out.begin(), out.end(), [](const AccessChange& a, const AccessChange& b) {
            return std::tie(a.path, a.location.line, a.location.column, a.kind) <
                   std::tie(b.path, b.location.line, b.location.column, b.kind);
        });
        return out;
    }

private:
    const Side& old_;
    const Side& new_;
    const SetChange& change_;
    const DiffOptions& options_;
    std::vector<char>& used_;
    std::size_t& accepted_;
    std::vector<Group> added_, removed_;
    std::set<std::pair<AccessKind, const Statement*>> accepted_groups_;
    bool principals_matter_ = false;
};

std::vector<const Policy*> usable(const PolicySet* set, std::vector<std::string>* notes, const char* side) {
    std::vector<const Policy*> out;
    if (!set) return out;
    for (const ParseResult& p : set->policies) {
        if (p.usable) {
            out.push_back(&p.policy);
        } else if (notes) {
            std::string why = "it is not a policy";
            for (const Finding& f : p.diagnostics)
                if (f.severity == Severity::error) {
                    why = std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + ": " + f.message;
                    break;
                }
            notes->push_back(std::string(side) + " " + p.policy.path + " is not a usable policy (" + why +
                             "); compared as granting nothing");
        }
    }
    return out;
}

SetChange compare(const PolicySet* old_set, const PolicySet* new_set, const DiffOptions& options,
                  std::vector<char>& used, std::size_t& accepted) {
    SetChange change;
    change.key = new_set ? new_set->key : old_set->key;
    if (old_set) change.old_label = old_set->label;
    if (new_set) change.new_label = new_set->label;
    const auto old_policies = usable(old_set, &change.notes, "OLD");
    const auto new_policies = usable(new_set, &change.notes, "NEW");
    std::vector<const Policy*> both = old_policies;
    both.insert(both.end(), new_policies.begin(), new_policies.end());
    const Side old_side(old_policies), new_side(new_policies);
    Comparison comparison(old_side, new_side, change, options, used, accepted);
    diff::SearchOptions search;
    search.max_requests = options.max_requests;
    // With the same Denies on both sides, a request one side allows and the other does
    // not is allowed by an Allow statement that only that side has: direct the search
    // there. Identical versions need no search at all.
    std::multiset<std::string> old_allows, new_allows, old_denies, new_denies;
    for (const Policy* p : old_policies)
        for (const Statement& st : p->statements)
            (st.effect == Effect::allow ? old_allows : old_denies).insert(diff::fingerprint(*p, st));
    for (const Policy* p : new_policies)
        for (const Statement& st : p->statements)
            (st.effect == Effect::allow ? new_allows : new_denies).insert(diff::fingerprint(*p, st));
    if (old_allows == new_allows && old_denies == new_denies) return change;
    if (old_denies == new_denies) {
        for (const Policy* p : old_policies)
            for (const Statement& st : p->statements)
                if (st.effect == Effect::allow && !new_allows.count(diff::fingerprint(*p, st)))
                    search.directed.push_back(&st);
        for (const Policy* p : new_policies)
            for (const Statement& st : p->statements)
                if (st.effect == Effect::allow && !old_allows.count(diff::fingerprint(*p, st)))
                    search.directed.push_back(&st);
    }
    const diff::CandidateSpace space(both, {}, search);
    change.requests = space.for_each([&](const Request& r, const std::string& reaches) {
        const Outcome n = new_side.evaluator().decide(r);
        const Outcome o = old_side.evaluator().decide(r);
        if (n == Outcome::allow && o != Outcome::allow) comparison.witness(r, reaches, false);
        else if (o == Outcome::allow && n != Outcome::allow) comparison.witness(r, reaches, true);
        return true;
    });
    change.truncated = space.truncated();
    const auto referenced = diff::referenced_keys(both);
    change.added = comparison.finish(false, referenced);
    change.removed = comparison.finish(true, referenced);
    return change;
}

}  // namespace

std::string_view to_string(AccessKind kind) {
    switch (kind) {
        case AccessKind::condition: return "condition";
        case AccessKind::action: return "action";
        case AccessKind::resource: return "resource";
        case AccessKind::deny: return "deny";
        case AccessKind::columns: return "columns";
        case AccessKind::rows: return "rows";
        case AccessKind::principal: return "principal";
    }
    return "action";
}

std::optional<AccessKind> access_kind_from_string(std::string_view text) {
    for (AccessKind k : kAllKinds)
        if (to_string(k) == text) return k;
    return std::nullopt;
}

std::string access_id(AccessKind kind, bool removed) {
    if (kind == AccessKind::deny) return removed ? "deny-added" : "deny-removed";
    return std::string(removed ? "removed-" : "new-") + std::string(to_string(kind));
}

DiffResult diff_policy_sets(const std::vector<PolicySet>& old_sets, const std::vector<PolicySet>& new_sets,
                            const DiffOptions& options) {
    DiffResult result;
    std::vector<char> used(options.allow.size(), 0);
    std::vector<char> old_matched(old_sets.size(), 0);
    for (const PolicySet& n : new_sets) {
        const PolicySet* o = nullptr;
        for (std::size_t i = 0; i < old_sets.size(); ++i)
            if (!old_matched[i] && old_sets[i].key == n.key) {
                o = &old_sets[i];
                old_matched[i] = 1;
                break;
            }
        result.sets.push_back(compare(o, &n, options, used, result.accepted));
    }
    for (std::size_t i = 0; i < old_sets.size(); ++i)
        if (!old_matched[i]) result.sets.push_back(compare(&old_sets[i], nullptr, options, used, result.accepted));
    for (std::size_t i = 0; i < used.size(); ++i)
        if (!used[i]) result.unused_allow.push_back(i);
    return result;
}

bool has_new_access(const DiffResult& result, AccessKind fail_on) {
    for (const SetChange& s : result.sets)
        for (const AccessChange& c : s.added)
            if (c.kind >= fail_on) return true;
    return false;
}

}  // namespace ddbguard
