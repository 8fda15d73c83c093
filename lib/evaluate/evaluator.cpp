// The decision: explicit Deny > Allow > implicit deny over a precompiled policy set
// (IAM User Guide, "Policy evaluation logic"; docs/dynamodb-iam.md section 2).
//
// The constructor compiles every statement once: action and resource wildcard
// patterns, operator classification, policy variables split into parts, and the
// numeric, date, Bool and IP values of the policy side parsed. decide() then uses
// no regex and allocates nothing once its scratch buffer has grown.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"
#include "util/text.hpp"
#include "evaluate/keys.hpp"
#include "evaluate/operators.hpp"
#include "evaluate/variables.hpp"
#include "evaluate/wildcard.hpp"

namespace ddbguard {

namespace {

using eval::Family;
using eval::OperatorInfo;
using eval::Pattern;
using eval::Qualifier;
using eval::Template;

enum class Tri { no, yes, unknown };

struct CValue {
    const Value* src = nullptr;
    Template tmpl;
    std::optional<double> number;
    std::optional<std::int64_t> date;
    std::optional<bool> boolean;
    std::optional<eval::IpNet> ip;
};

struct CCondition {
    const ConditionEntry* src = nullptr;
    OperatorInfo op;
    bool multivalued = false;
    bool has_variables = false;  // some listed value holds a policy variable
    std::vector<CValue> values;
};

struct CPrincipal {
    bool evaluate = false;    // false: the principal is not part of this statement's match
    bool negate = false;      // NotPrincipal
    bool nobody = false;      // a resource-based statement with no Principal
    bool anyone = false;
    std::vector<std::string> accounts;  // 12-digit ids (also from ":root" ARNs)
    std::vector<std::string> arns;
    std::vector<std::string> names;     // Service, Federated, CanonicalUser
};

struct CStatement {
    const Policy* policy = nullptr;
    const Statement* st = nullptr;
    bool deny = false;
    bool usable = true;
    std::string unusable;  // why the statement can never apply
    bool not_action = false;
    std::vector<Pattern> actions;
    std::vector<bool> action_literal;  // no wildcard: a case-insensitive comparison suffices
    bool resource_any = false;  // trust policies have no Resource
    bool not_resource = false;
    std::vector<Template> resources;
    CPrincipal principal;
    std::vector<CCondition> conditions;
};

std::string quote_list(const std::vector<CValue>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ", ";
        out += "'" + values[i].src->text + "'";
    }
    return out + "]";
}

std::string quote_values(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ", ";
        out += "'" + values[i] + "'";
    }
    return out + "]";
}

bool is_account_id(std::string_view s) {
    if (s.size() != 12) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

CPrincipal compile_principal(const Policy& policy, const Statement& st) {
    CPrincipal p;
    if (policy.kind == PolicyKind::identity) return p;
    if (!st.principal.present) {
        // A resource-based, trust or key policy statement without a Principal
        // applies to no one; a VPC endpoint policy without one applies to everyone.
        if (policy.kind == PolicyKind::unknown || policy.kind == PolicyKind::vpc_endpoint) return p;
        p.evaluate = true;
        p.nobody = true;
        return p;
    }
    p.evaluate = true;
    p.negate = st.not_principal;
    if (st.principal.wildcard) p.anyone = true;
    for (const auto& [type, values] : st.principal.by_type) {
        for (const auto& v : values) {
            if (type == "AWS") {
                if (v.text == "*") {
                    p.anyone = true;
                } else if (is_account_id(v.text)) {
                    p.accounts.push_back(v.text);
                } else {
                    std::string_view seg[6];
                    if (eval::split_arn(v.text, seg) && seg[2] == "iam" && seg[5] == "root")
                        p.accounts.emplace_back(seg[4]);
                    else
                        p.arns.push_back(v.text);
                }
            } else {
                p.names.push_back(v.text);
            }
        }
    }
    return p;
}

// The caller's ARN against a compiled Principal (IAM User Guide, "AWS JSON policy
// elements: Principal"): an account id or its root ARN stands for every principal of
// that account; a role ARN also matches that role's assumed-role sessions.
bool principal_matches(const CPrincipal& p, std::string_view caller) {
    if (p.nobody) return false;
    if (p.anyone) return true;
    std::string_view seg[6];
    const bool is_arn = eval::split_arn(caller, seg);
    for (const auto& account : p.accounts) {
        if (caller == account) return true;
        if (is_arn && seg[4] == account) return true;
    }
    for (const auto& arn : p.arns) {
        if (caller == arn) return true;
        if (is_arn && seg[2] == "sts" && seg[5].starts_with("assumed-role/")) {
            std::string_view rseg[6];
            if (!eval::split_arn(arn, rseg) || rseg[2] != "iam" || rseg[4] != seg[4] || !rseg[5].starts_with("role/"))
                continue;
            std::string_view role = rseg[5];
            role = role.substr(role.rfind('/') + 1);
            std::string_view session = seg[5].substr(13);
            session = session.substr(0, session.find('/'));
            if (role == session && seg[1] == rseg[1]) return true;
        }
    }
    for (const auto& name : p.names)
        if (caller == name) return true;
    return false;
}

}  // namespace

struct Evaluator::Impl {
    std::vector<CStatement> statements;
    std::vector<std::size_t> deny_order, allow_order;
    Readings readings;

    Impl(const std::vector<const Policy*>& policies, Readings r);

    bool action_matches(const CStatement& s, std::string_view action) const;
    bool resource_matches(const CStatement& s, const Request& r, std::vector<std::string>* notes) const;
    Tri condition(const CStatement& s, const CCondition& c, const Request& r, ConditionTrace* trace) const;
    // Whether the statement applies; with `trace`, every condition is evaluated and
    // explained, and `reason` says why it did not apply.
    bool applies(const CStatement& s, const Request& r, StatementTrace* trace, std::string* reason) const;
};

Evaluator::Impl::Impl(const std::vector<const Policy*>& policies, Readings r) : readings(r) {
    for (const Policy* policy : policies) {
        if (!policy) continue;
        const bool substitute = policy->substitutes_variables();
        for (const Statement& st : policy->statements) {
            CStatement s;
            s.policy = policy;
            s.st = &st;
            s.deny = st.effect == Effect::deny;
            if (st.effect == Effect::invalid) {
                s.usable = false;
                s.unusable = "its Effect is neither \"Allow\" nor \"Deny\"";
            }
            if (!st.has_action) {
                s.usable = false;
                s.unusable = "it has neither Action nor NotAction";
            }
            s.not_action = st.not_action;
            for (const Value& a : st.actions) {
                Pattern p;
                p.append_wild(a.text);
                s.action_literal.push_back(!p.has_wildcard());
                s.actions.push_back(std::move(p));
            }
            s.not_resource = st.not_resource;
            if (!st.has_resource) {
                if (policy->kind == PolicyKind::trust) {
                    s.resource_any = true;
                } else {
                    s.usable = false;
                    s.unusable = "it has neither Resource nor NotResource";
                }
            }
            for (const Value& res : st.resources) s.resources.push_back(Template::compile(res.text, substitute, true));
            s.principal = compile_principal(*policy, st);
            for (const ConditionEntry& entry : st.conditions) {
                CCondition c;
                c.src = &entry;
                c.op = eval::classify_operator(entry.op);
                c.multivalued = eval::is_multivalued_key(entry.key);
                const bool like = c.op.family == Family::string_like || c.op.family == Family::arn;
                const bool vars = substitute && eval::takes_variables(c.op.family);
                for (const Value& v : entry.values) {
                    CValue cv;
                    cv.src = &v;
                    cv.tmpl = Template::compile(v.text, vars, like);
                    switch (c.op.family) {
                        case Family::numeric: cv.number = eval::parse_number(v.text); break;
                        case Family::date: cv.date = eval::parse_date(v.text); break;
                        case Family::boolean:
                        case Family::null: cv.boolean = eval::parse_bool(v.text); break;
                        case Family::ip: cv.ip = eval::parse_ip(v.text); break;
                        default: break;
                    }
                    c.has_variables = c.has_variables || (vars && cv.tmpl.has_variables());
                    c.values.push_back(std::move(cv));
                }
                s.conditions.push_back(std::move(c));
            }
            const std::size_t index = statements.size();
            (s.deny ? deny_order : allow_order).push_back(index);
            statements.push_back(std::move(s));
        }
    }
}

bool Evaluator::Impl::action_matches(const CStatement& s, std::string_view action) const {
    bool any = false;
    for (std::size_t i = 0; i < s.actions.size(); ++i) {
        const Pattern& p = s.actions[i];
        if (s.action_literal[i] ? util::iequals(p.chars, action) : eval::glob_match(p.view(), action, true)) {
            any = true;
            break;
        }
    }
    return s.not_action ? !any : any;
}

namespace {
thread_local Pattern t_scratch;
}

bool Evaluator::Impl::resource_matches(const CStatement& s, const Request& r, std::vector<std::string>* notes) const {
    if (s.resource_any) return true;
    bool any = false;
    for (const Template& t : s.resources) {
        bool matched = false;
        if (!t.has_variables()) {
            matched = t.fixed_is_literal() ? std::string_view(t.fixed().chars) == r.resource
                                           : eval::arn_match(t.fixed().view(), r.resource);
        } else {
            std::string_view missing;
            if (t.render(r, t_scratch, &missing)) {
                matched = eval::arn_match(t_scratch.view(), r.resource);
            } else if (!readings.unresolved_entry_matches_none) {
                // The other reading: the unresolvable variable invalidates the statement.
                if (notes)
                    notes->push_back(fmt::format("{} entry '{}' holds variable {}, which the request cannot resolve, "
                                                 "and under the other reading that invalidates the statement",
                                                 s.not_resource ? "NotResource" : "Resource", t.source(), missing));
                return false;
            } else if (notes) {
                notes->push_back(fmt::format("{} entry '{}' matches no resource: variable {} is absent from the request "
                                             "and has no default",
                                             s.not_resource ? "NotResource" : "Resource", t.source(), missing));
            }
        }
        if (matched) {
            any = true;
            // Under the other reading an unresolvable entry anywhere invalidates the
            // statement, so the walk goes on (as it does when explaining).
            if (!notes && readings.unresolved_entry_matches_none) break;
        }
    }
    return s.not_resource ? !any : any;
}

namespace {

// Listed values with variables, rendered once per condition evaluation (not once per
// request value): `ok` false means an absent variable, and the value matches nothing.
struct Rendered {
    std::vector<Pattern> patterns;
    std::vector<char> ok;
    std::vector<std::string_view> missing;
};
thread_local Rendered t_rendered;

void render_values(const CCondition& c, const Request& r) {
    Rendered& out = t_rendered;
    if (out.patterns.size() < c.values.size()) out.patterns.resize(c.values.size());
    out.ok.assign(c.values.size(), 1);
    out.missing.assign(c.values.size(), std::string_view{});
    for (std::size_t i = 0; i < c.values.size(); ++i)
        if (c.values[i].tmpl.has_variables())
            out.ok[i] = c.values[i].tmpl.render(r, out.patterns[i], &out.missing[i]) ? 1 : 0;
}

// Does listed value `i` match one request value (the positive comparison)? Values with
// variables must have been rendered by render_values() for this request.
bool value_matches(const CCondition& c, std::size_t i, std::string_view v) {
    const CValue& pv = c.values[i];
    const Pattern* pat = &pv.tmpl.fixed();
    if (eval::takes_variables(c.op.family) && pv.tmpl.has_variables()) {
        if (!t_rendered.ok[i]) return false;
        pat = &t_rendered.patterns[i];
    }
    switch (c.op.family) {
        case Family::string: return std::string_view(pat->chars) == v;
        case Family::string_ignore_case: return util::iequals(pat->chars, v);
        case Family::string_like: return eval::glob_match(pat->view(), v, false);
        case Family::arn: return eval::arn_match(pat->view(), v);
        case Family::numeric: {
            if (!pv.number) return false;
            const auto n = eval::parse_number(v);
            return n && eval::compare(c.op.cmp, *n, *pv.number);
        }
        case Family::date: {
            if (!pv.date) return false;
            const auto d = eval::parse_date(v);
            return d && eval::compare(c.op.cmp, *d, *pv.date);
        }
        case Family::boolean: {
            if (!pv.boolean) return false;
            const auto b = eval::parse_bool(v);
            return b && *b == *pv.boolean;
        }
        case Family::binary: return pv.src->text == v;
        case Family::ip: {
            if (!pv.ip) return false;
            const auto a = eval::parse_ip(v);
            return a && eval::ip_in(*pv.ip, *a);
        }
        case Family::null:
        case Family::unknown: break;
    }
    return false;
}

// Index of the first listed value matching `v`, or -1.
int first_match(const CCondition& c, std::string_view v, std::vector<std::string>* unresolved) {
    for (std::size_t i = 0; i < c.values.size(); ++i) {
        if (value_matches(c, i, v)) return static_cast<int>(i);
        if (unresolved && eval::takes_variables(c.op.family) && c.values[i].tmpl.has_variables() && !t_rendered.ok[i])
            unresolved->push_back(fmt::format("listed value '{}' matches nothing because variable {} is absent "
                                              "from the request and has no default",
                                              c.values[i].src->text, t_rendered.missing[i]));
    }
    return -1;
}

// The operator (negation included) holds for one request value.
bool holds_for(const CCondition& c, std::string_view v) {
    const bool positive = first_match(c, v, nullptr) >= 0;
    return c.op.negated ? !positive : positive;
}

std::string describe_value(const CCondition& c, std::string_view v, bool& held) {
    std::vector<std::string> notes;
    const int m = first_match(c, v, &notes);
    held = c.op.negated ? m < 0 : m >= 0;
    std::string out;
    if (m >= 0)
        out = fmt::format("request value '{}' matches listed value '{}'", v, c.values[static_cast<std::size_t>(m)].src->text);
    else
        out = fmt::format("request value '{}' matches none of the listed values {}", v, quote_list(c.values));
    if (c.op.negated) out += held ? fmt::format(", so {} holds", c.op.base) : fmt::format(", so {} fails", c.op.base);
    for (const auto& n : notes) out += "; " + n;
    return out;
}

}  // namespace

Tri Evaluator::Impl::condition(const CStatement& s, const CCondition& c, const Request& r, ConditionTrace* trace) const {
    const ContextEntry* entry = r.find(c.src->key);
    const std::string& key = c.src->key;
    const std::string& op = c.src->op;
    auto set = [&](Tri t, std::string why) {
        if (trace) {
            trace->held = t == Tri::yes || (t == Tri::unknown && s.deny);
            trace->why = std::move(why);
        }
        return t;
    };
    auto unknown_tail = [&]() {
        return s.deny ? std::string("so this Deny statement applies (fail closed)")
                      : std::string("so this Allow statement does not apply (fail closed)");
    };

    if (c.op.family == Family::unknown) {
        if (!trace) return Tri::unknown;
        return set(Tri::unknown, fmt::format("'{}' is not an IAM condition operator: the result is unknown, {}", op, unknown_tail()));
    }

    if (c.op.family == Family::null) {
        const bool present = entry != nullptr;
        for (const CValue& v : c.values) {
            if (v.boolean && *v.boolean == !present) {
                if (!trace) return Tri::yes;
                return set(Tri::yes, fmt::format("key {} is {}, so Null '{}' holds", key,
                                                 present ? "present" : "absent", v.src->text));
            }
        }
        if (!trace) return Tri::no;
        return set(Tri::no, fmt::format("key {} is {}, so Null {} fails", key, present ? "present" : "absent",
                                        quote_list(c.values)));
    }

    const bool empty = entry && entry->values.empty();
    if (entry && !empty && c.has_variables) {
        render_values(c, r);
        if (c.op.negated && !readings.negated_unresolved_true) {
            for (std::size_t i = 0; i < c.values.size(); ++i) {
                if (!c.values[i].tmpl.has_variables() || t_rendered.ok[i]) continue;
                if (!trace) return Tri::no;
                return set(Tri::no, fmt::format("listed value '{}' holds variable {}, which the request cannot "
                                                "resolve, and under the other reading the negated operator {} is "
                                                "then false",
                                                c.values[i].src->text, t_rendered.missing[i], op));
            }
        }
    }
    switch (c.op.qualifier) {
        case Qualifier::for_all_values: {
            if (!entry || empty) {
                if (!trace) return Tri::yes;
                return set(Tri::yes, fmt::format("key {} is {}, so ForAllValues is vacuously true", key,
                                                 entry ? "present with an empty set of values" : "absent"));
            }
            if (!trace) {
                for (const auto& v : entry->values)
                    if (!holds_for(c, v)) return Tri::no;
                return Tri::yes;
            }
            for (const auto& v : entry->values) {
                bool held = false;
                std::string d = describe_value(c, v, held);
                if (!held)
                    return set(Tri::no, fmt::format("{} does not satisfy {}: {}, so ForAllValues is false", key, c.op.base, d));
            }
            return set(Tri::yes, fmt::format("every request value of {} {} satisfies {} against {}", key,
                                             quote_values(entry->values), c.op.base, quote_list(c.values)));
        }
        case Qualifier::for_any_value: {
            if (!entry || empty) {
                if (!trace) return Tri::no;
                return set(Tri::no, fmt::format("key {} is {}, so ForAnyValue is false", key,
                                                entry ? "present with an empty set of values" : "absent"));
            }
            if (!trace) {
                for (const auto& v : entry->values)
                    if (holds_for(c, v)) return Tri::yes;
                return Tri::no;
            }
            for (const auto& v : entry->values) {
                bool held = false;
                std::string d = describe_value(c, v, held);
                if (held) return set(Tri::yes, fmt::format("{} satisfies {}: {}, so ForAnyValue is true", key, c.op.base, d));
            }
            return set(Tri::no, fmt::format("no request value of {} {} satisfies {} against {}, so ForAnyValue is false",
                                            key, quote_values(entry->values), c.op.base, quote_list(c.values)));
        }
        case Qualifier::none: break;
    }

    if (c.multivalued) {
        if (!trace) return Tri::unknown;
        return set(Tri::unknown, fmt::format("{} is a multivalued key and {} has no ForAllValues:/ForAnyValue: "
                                             "qualifier: the result is unknown, {}",
                                             key, op, unknown_tail()));
    }
    if (!entry) {
        if (c.op.if_exists) {
            if (!trace) return Tri::yes;
            return set(Tri::yes, fmt::format("key {} is absent, so {} holds", key, op));
        }
        if (c.op.negated) {
            if (!trace) return Tri::yes;
            return set(Tri::yes, fmt::format("key {} is absent, so the negated operator {} is true", key, op));
        }
        if (!trace) return Tri::no;
        return set(Tri::no, fmt::format("key {} is absent from the request, so {} is false", key, op));
    }
    if (entry->values.size() != 1) {
        if (!trace) return Tri::unknown;
        return set(Tri::unknown, fmt::format("the request gives {} for {} but {} has no ForAllValues:/ForAnyValue: "
                                             "qualifier: the result is unknown, {}",
                                             entry->values.empty() ? std::string("an empty set of values")
                                                                   : fmt::format("{} values", entry->values.size()),
                                             key, op, unknown_tail()));
    }
    if (!trace) return holds_for(c, entry->values.front()) ? Tri::yes : Tri::no;
    bool held = false;
    std::string d = describe_value(c, entry->values.front(), held);
    return set(held ? Tri::yes : Tri::no, fmt::format("{}: {}", key, d));
}

bool Evaluator::Impl::applies(const CStatement& s, const Request& r, StatementTrace* trace, std::string* reason) const {
    if (!s.usable) {
        if (reason) *reason = "it can never apply: " + s.unusable;
        return false;
    }
    if (!action_matches(s, r.action)) {
        if (reason)
            *reason = s.not_action ? fmt::format("action {} is listed in its NotAction", r.action)
                                   : fmt::format("action {} matches none of its Action entries", r.action);
        return false;
    }
    std::vector<std::string> notes;
    if (!resource_matches(s, r, trace ? &notes : nullptr)) {
        if (reason) {
            *reason = s.not_resource ? fmt::format("resource {} is listed in its NotResource", r.resource)
                                     : fmt::format("resource {} matches none of its Resource entries", r.resource);
            for (const auto& n : notes) *reason += "; " + n;
        }
        return false;
    }
    if (s.principal.evaluate) {
        const bool m = principal_matches(s.principal, r.principal);
        if (m == s.principal.negate) {
            if (reason) {
                const std::string who = r.principal.empty() ? std::string("(no principal)") : r.principal;
                *reason = s.principal.nobody ? std::string("it has no Principal, so it applies to no one")
                          : s.principal.negate ? fmt::format("principal {} is listed in its NotPrincipal", who)
                                               : fmt::format("principal {} is not in its Principal", who);
            }
            return false;
        }
    }
    bool ok = true, unknown = false;
    for (const CCondition& c : s.conditions) {
        ConditionTrace* ct = nullptr;
        if (trace) {
            trace->conditions.push_back(ConditionTrace{c.src->op, c.src->key, c.src->key_loc, false, {}});
            ct = &trace->conditions.back();
        }
        const Tri t = condition(s, c, r, ct);
        if (t == Tri::no) {
            ok = false;
            if (reason && reason->empty()) *reason = fmt::format("its condition {} on {} fails", c.src->op, c.src->key);
            if (!trace) return false;
        } else if (t == Tri::unknown) {
            unknown = true;
            if (reason && reason->empty() && !s.deny)
                *reason = fmt::format("its condition {} on {} is unknown", c.src->op, c.src->key);
        }
    }
    if (!ok) return false;
    if (unknown && !s.deny) return false;
    if (reason) reason->clear();
    return true;
}

Evaluator::Evaluator(std::vector<const Policy*> policies, Readings readings)
    : impl_(std::make_unique<Impl>(policies, readings)) {}
Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

Outcome Evaluator::decide(const Request& request) const {
    if (!impl_) return Outcome::implicit_deny;
    for (std::size_t i : impl_->deny_order)
        if (impl_->applies(impl_->statements[i], request, nullptr, nullptr)) return Outcome::explicit_deny;
    for (std::size_t i : impl_->allow_order)
        if (impl_->applies(impl_->statements[i], request, nullptr, nullptr)) return Outcome::allow;
    return Outcome::implicit_deny;
}

namespace {

std::string statement_name(const CStatement& s) {
    std::string out = fmt::format("{}:{}: statement {}", s.policy->path, s.st->loc.line, s.st->index + 1);
    if (s.st->sid && !s.st->sid->text.empty()) out += fmt::format(" (Sid \"{}\")", s.st->sid->text);
    return out;
}

}  // namespace

Decision Evaluator::evaluate(const Request& request) const {
    Decision d;
    if (!impl_) return d;
    struct Group {
        bool deny = false, applies = false;
        std::vector<std::string> lines;
    };
    std::vector<Group> groups;
    std::vector<StatementTrace> denies, allows;
    for (const CStatement& s : impl_->statements) {
        StatementTrace t;
        t.path = s.policy->path;
        t.statement = s.st->index;
        if (s.st->sid) t.sid = s.st->sid->text;
        t.location = s.st->loc;
        t.deny = s.deny;
        std::string reason;
        t.applies = impl_->applies(s, request, &t, &reason);
        Group g;
        g.deny = s.deny;
        g.applies = t.applies;
        const char* effect = s.deny ? "Deny" : "Allow";
        if (t.applies)
            g.lines.push_back(fmt::format("{} {} applies to {} on {}", statement_name(s), effect, request.action,
                                          request.resource));
        else
            g.lines.push_back(fmt::format("{} {} does not apply: {}", statement_name(s), effect, reason));
        for (const auto& c : t.conditions)
            g.lines.push_back(fmt::format("  {} {}: {} ({})", c.op, c.key, c.held ? "holds" : "fails", c.why));
        groups.push_back(std::move(g));
        if (t.applies) (s.deny ? denies : allows).push_back(std::move(t));
    }
    if (!denies.empty()) {
        d.outcome = Outcome::explicit_deny;
        d.explanation.push_back(fmt::format("explicit-deny: {} Deny statement{} appl{} to {} on {}", denies.size(),
                                            denies.size() == 1 ? "" : "s", denies.size() == 1 ? "ies" : "y",
                                            request.action, request.resource));
        d.matched = std::move(denies);
    } else if (!allows.empty()) {
        d.outcome = Outcome::allow;
        d.explanation.push_back(fmt::format("allow: {} Allow statement{} appl{} to {} on {} and no Deny does",
                                            allows.size(), allows.size() == 1 ? "" : "s",
                                            allows.size() == 1 ? "ies" : "y", request.action, request.resource));
        d.matched = std::move(allows);
    } else {
        d.outcome = Outcome::implicit_deny;
        d.explanation.push_back(
            fmt::format("implicit-deny: no statement allows {} on {}", request.action, request.resource));
    }
    // The deciding statements first, then the others (an applying Allow under a Deny is overridden).
    const bool deny_decides = d.outcome == Outcome::explicit_deny;
    for (const auto& g : groups)
        if (g.applies && g.deny == deny_decides) d.explanation.insert(d.explanation.end(), g.lines.begin(), g.lines.end());
    for (const auto& g : groups) {
        if (g.applies && g.deny == deny_decides) continue;
        if (g.applies) {
            d.explanation.push_back(g.lines.front() + ", but an explicit Deny overrides it");
            d.explanation.insert(d.explanation.end(), g.lines.begin() + 1, g.lines.end());
        } else {
            d.explanation.insert(d.explanation.end(), g.lines.begin(), g.lines.end());
        }
    }
    return d;
}

}  // namespace ddbguard
