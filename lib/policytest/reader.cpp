// Reads a policy test file (YAML, or JSON read as YAML) into TestFile. Every problem is a
// "test-invalid" finding at the offending node's line and column.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <tuple>

#include "ddbguard/policytest.hpp"
#include "util/text.hpp"

namespace ddbguard {

namespace {

constexpr std::size_t kMaxBytes = 1u << 20;

std::string describe(const YAML::Node& n) {
    switch (n.Type()) {
        case YAML::NodeType::Map: return "a map";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Scalar: return "\"" + n.Scalar() + "\"";
        default: return "nothing";
    }
}

class Reader {
public:
    Reader(const std::string& path, std::vector<Finding>& problems) : path_(path), problems_(problems) {}

    Location at(const YAML::Node& n) const {
        Location l;
        const YAML::Mark m = n.Mark();
        if (m.line >= 0 && m.column >= 0) {
            l.line = static_cast<std::uint32_t>(m.line) + 1;
            l.column = static_cast<std::uint32_t>(m.column) + 1;
        }
        return l;
    }

    void error(const Location& loc, std::string message) {
        Finding f;
        f.check_id = "test-invalid";
        f.severity = Severity::error;
        f.message = std::move(message);
        f.path = path_;
        f.location = loc;
        if (f.location.line == 0) f.location = Location{1, 1, ""};
        problems_.push_back(std::move(f));
    }

    using MemberFn = std::function<void(const std::string& key, const YAML::Node& value)>;
    // Walks a map; unknown and repeated fields are reported here.
    bool members(const YAML::Node& n, const std::string& what, const std::vector<std::string_view>& allowed,
                 const MemberFn& fn) {
        if (!n.IsMap()) {
            error(at(n), what + " must be a map, but it is " + describe(n));
            return false;
        }
        std::set<std::string> seen;
        for (auto it = n.begin(); it != n.end(); ++it) {
            const YAML::Node key = it->first;
            if (!key.IsScalar()) {
                error(at(key), "a field name in " + what + " must be a plain name");
                continue;
            }
            const std::string name = key.Scalar();
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                std::string message = "unknown field \"" + name + "\" in " + what;
                if (auto near = util::did_you_mean(name, allowed)) message += "; did you mean \"" + std::string(*near) + "\"?";
                message += " (fields:";
                for (auto a : allowed) message += " " + std::string(a);
                error(at(key), message + ")");
                continue;
            }
            if (!seen.insert(name).second) {
                error(at(key), "field \"" + name + "\" appears twice in " + what);
                continue;
            }
            fn(name, it->second);
        }
        return true;
    }

    bool string(const YAML::Node& n, const std::string& field, std::string& out) {
        if (!n.IsScalar() || n.Scalar().empty()) {
            error(at(n), "\"" + field + "\" must be a non-empty string, but it is " + describe(n));
            return false;
        }
        out = n.Scalar();
        return true;
    }

    // A string or a list of strings.
    bool strings(const YAML::Node& n, const std::string& field, std::vector<std::string>& out) {
        if (n.IsScalar()) {
            std::string s;
            if (!string(n, field, s)) return false;
            out = {s};
            return true;
        }
        if (!n.IsSequence() || n.size() == 0) {
            error(at(n), "\"" + field + "\" must be a string or a non-empty list of strings, but it is " + describe(n));
            return false;
        }
        out.clear();
        bool ok = true;
        for (std::size_t i = 0; i < n.size(); ++i) {
            std::string s;
            if (string(n[i], field + "[" + std::to_string(i) + "]", s)) out.push_back(s);
            else ok = false;
        }
        return ok;
    }

    // {key: value | [values] | null}: null removes the key (from the caller's context).
    void context(const YAML::Node& n, Request& r) {
        if (!n.IsMap()) {
            error(at(n), "\"context\" must be a map of key: value or [values], but it is " + describe(n));
            return;
        }
        for (auto it = n.begin(); it != n.end(); ++it) {
            if (!it->first.IsScalar()) {
                error(at(it->first), "a context key must be a plain name");
                continue;
            }
            const std::string key = it->first.Scalar();
            const YAML::Node v = it->second;
            if (v.IsNull()) {
                std::erase_if(r.context, [&](const ContextEntry& e) { return util::iequals(e.key, key); });
                continue;
            }
            std::vector<std::string> values;
            if (v.IsScalar()) {
                values.push_back(v.Scalar());
            } else if (v.IsSequence()) {
                for (std::size_t i = 0; i < v.size(); ++i) {
                    if (!v[i].IsScalar()) {
                        error(at(v[i]), "context key \"" + key + "\": each value must be a string, number or boolean");
                        continue;
                    }
                    values.push_back(v[i].Scalar());
                }
            } else {
                error(at(v), "context key \"" + key + "\" must be a value, a list of values or null");
                continue;
            }
            r.set(key, std::move(values));
        }
    }

    // {action, resource, principal, context}, on top of the caller.
    bool request(const YAML::Node& n, const Request& caller, Request& r) {
        r = caller;
        bool has_action = false, has_resource = false;
        const std::size_t before = problems_.size();
        members(n, "the request", {"action", "resource", "principal", "context"},
                [&](const std::string& key, const YAML::Node& v) {
                    if (key == "action") has_action = string(v, key, r.action);
                    else if (key == "resource") has_resource = string(v, key, r.resource);
                    else if (key == "principal") string(v, key, r.principal);
                    else context(v, r);
                });
        if (n.IsMap() && (!has_action || !has_resource) && problems_.size() == before)
            error(at(n), "the request needs \"action\" and \"resource\"");
        return problems_.size() == before;
    }

    void read(const YAML::Node& root, TestFile& file);

private:
    void read_case(const YAML::Node& n, TestFile& file);
    void read_never(const YAML::Node& n, TestFile& file);
    void read_always(const YAML::Node& n, TestFile& file);
    template <class Fn>
    void each(const YAML::Node& n, const std::string& field, Fn fn) {
        if (!n.IsSequence()) {
            error(at(n), "\"" + field + "\" must be a list, but it is " + describe(n));
            return;
        }
        for (std::size_t i = 0; i < n.size(); ++i) fn(n[i]);
    }

    const std::string& path_;
    std::vector<Finding>& problems_;
};

void Reader::read(const YAML::Node& root, TestFile& file) {
    bool has_policies = false, has_cases = false, has_never = false, has_always = false;
    YAML::Node cases, never, always;
    members(root, "the test file", {"policies", "kind", "caller", "cases", "never", "always"},
            [&](const std::string& key, const YAML::Node& v) {
                if (key == "policies") {
                    has_policies = true;  // a bad value is reported by strings()
                    strings(v, key, file.policies);
                } else if (key == "kind") {
                    std::string kind;
                    if (string(v, key, kind)) {
                        file.kind = policy_kind_from_string(kind);
                        if (!file.kind || *file.kind == PolicyKind::unknown) {
                            file.kind.reset();
                            error(at(v), "\"kind\" must be identity, trust, resource, kms-key or vpc-endpoint, not \"" +
                                             kind + "\"");
                        }
                    }
                } else if (key == "caller") {
                    members(v, "caller", {"principal", "context"}, [&](const std::string& k, const YAML::Node& c) {
                        if (k == "principal") string(c, k, file.caller.principal);
                        else context(c, file.caller);
                    });
                } else if (key == "cases") {
                    cases = v;
                    has_cases = true;
                } else if (key == "never") {
                    never = v;
                    has_never = true;
                } else {
                    always = v;
                    has_always = true;
                }
            });
    if (!root.IsMap()) return;
    if (!has_policies) error(at(root), "the test file needs \"policies\": the policy files it tests");
    // Cases come after the caller, whatever the order of the fields.
    if (has_cases) each(cases, "cases", [&](const YAML::Node& n) { read_case(n, file); });
    if (has_never) each(never, "never", [&](const YAML::Node& n) { read_never(n, file); });
    if (has_always) each(always, "always", [&](const YAML::Node& n) { read_always(n, file); });
    if (file.cases.empty() && file.never.empty() && file.always.empty() && problems_.empty())
        error(at(root), "the test file has no test: add \"cases\", \"never\" or \"always\"");
}

void Reader::read_case(const YAML::Node& n, TestFile& file) {
    TestCase c;
    c.location = at(n);
    bool has_name = false, has_request = false, has_expect = false;
    const std::size_t before = problems_.size();
    members(n, "a case", {"name", "request", "expect"}, [&](const std::string& key, const YAML::Node& v) {
        if (key == "name") {
            has_name = string(v, key, c.name);
        } else if (key == "request") {
            has_request = request(v, file.caller, c.request);
        } else {
            std::string e;
            if (!string(v, key, e)) return;
            has_expect = true;
            if (e == "allow") c.expect = Expectation::allow;
            else if (e == "deny") c.expect = Expectation::deny;
            else if (e == "implicit-deny") c.expect = Expectation::implicit_deny;
            else if (e == "explicit-deny") c.expect = Expectation::explicit_deny;
            else {
                has_expect = false;
                error(at(v), "\"expect\" must be allow, deny, implicit-deny or explicit-deny, not \"" + e + "\"");
            }
        }
    });
    if (!n.IsMap() || problems_.size() != before) return;
    if (!has_name || !has_request || !has_expect) {
        error(c.location, "a case needs \"name\", \"request\" and \"expect\"");
        return;
    }
    file.cases.push_back(std::move(c));
}

void Reader::read_never(const YAML::Node& n, TestFile& file) {
    NeverAssertion a;
    a.location = at(n);
    bool has_name = false, has_action = false;
    const std::size_t before = problems_.size();
    members(n, "a never assertion",
            {"name", "action", "resource", "principal", "reaches", "own_partitions", "attributes"},
            [&](const std::string& key, const YAML::Node& v) {
                if (key == "name") has_name = string(v, key, a.name);
                else if (key == "action") has_action = strings(v, key, a.actions);
                else if (key == "resource") strings(v, key, a.resources);
                else if (key == "principal") strings(v, key, a.principals);
                else if (key == "own_partitions") strings(v, key, a.own_partitions);
                else if (key == "attributes") strings(v, key, a.attributes);
                else {
                    std::string r;
                    if (!string(v, key, r)) return;
                    if (r == "any") a.reaches = Reach::any;
                    else if (r == "other-partitions") a.reaches = Reach::other_partitions;
                    else if (r == "other-attributes") a.reaches = Reach::other_attributes;
                    else error(at(v), "\"reaches\" must be any, other-partitions or other-attributes, not \"" + r + "\"");
                }
            });
    if (!n.IsMap() || problems_.size() != before) return;
    if (!has_name || !has_action) {
        error(a.location, "a never assertion needs \"name\" and \"action\"");
        return;
    }
    if (a.reaches == Reach::other_attributes && a.attributes.empty()) {
        error(a.location, "reaches: other-attributes needs \"attributes\", the allowed attribute names");
        return;
    }
    file.never.push_back(std::move(a));
}

void Reader::read_always(const YAML::Node& n, TestFile& file) {
    AlwaysAssertion a;
    a.location = at(n);
    bool has_name = false;
    std::vector<std::string> actions, resources;
    Request shape = file.caller;
    const std::size_t before = problems_.size();
    members(n, "an always assertion", {"name", "action", "resource", "principal", "context"},
            [&](const std::string& key, const YAML::Node& v) {
                if (key == "name") {
                    has_name = string(v, key, a.name);
                } else if (key == "action") {
                    if (strings(v, key, actions))
                        for (const std::string& x : actions)
                            if (util::has_wildcard(x))
                                error(at(v), "\"action\" of an always assertion must name actions, not the pattern \"" +
                                                 x + "\"");
                } else if (key == "resource") {
                    strings(v, key, resources);
                } else if (key == "principal") {
                    string(v, key, shape.principal);
                } else {
                    context(v, shape);
                }
            });
    if (!n.IsMap() || problems_.size() != before) return;
    if (!has_name || actions.empty() || resources.empty()) {
        error(a.location, "an always assertion needs \"name\", \"action\" and \"resource\"");
        return;
    }
    for (const std::string& action : actions)
        for (const std::string& resource : resources) {
            Request r = shape;
            r.action = action;
            r.resource = resource;
            a.requests.push_back(std::move(r));
        }
    file.always.push_back(std::move(a));
}

}  // namespace

std::string_view to_string(Expectation expectation) {
    switch (expectation) {
        case Expectation::allow: return "allow";
        case Expectation::deny: return "deny";
        case Expectation::implicit_deny: return "implicit-deny";
        case Expectation::explicit_deny: return "explicit-deny";
    }
    return "allow";
}

bool read_test_file(std::string_view text, const std::string& path, TestFile& out, std::vector<Finding>& problems) {
    out.path = path;
    const std::size_t before = problems.size();
    Reader reader(path, problems);
    if (text.size() > kMaxBytes) {
        reader.error(Location{1, 1, ""}, "the test file is larger than 1 MiB");
        return false;
    }
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        if (!root.IsDefined() || root.IsNull()) {
            reader.error(Location{1, 1, ""}, "the test file is empty: it needs \"policies\" and some \"cases\", \"never\" or \"always\"");
            return false;
        }
        reader.read(root, out);
    } catch (const YAML::Exception& e) {
        Location l;
        l.line = e.mark.line >= 0 ? static_cast<std::uint32_t>(e.mark.line) + 1 : 1;
        l.column = e.mark.column >= 0 ? static_cast<std::uint32_t>(e.mark.column) + 1 : 1;
        reader.error(l, "the test file is not valid YAML or JSON: " + e.msg);
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        reader.error(Location{1, 1, ""}, std::string("the test file could not be read: ") + e.what());
    }
    std::stable_sort(problems.begin() + static_cast<std::ptrdiff_t>(before), problems.end(),
                     [](const Finding& a, const Finding& b) {
                         return std::tie(a.location.line, a.location.column) < std::tie(b.location.line, b.location.column);
                     });
    // Policy paths are relative to the test file's folder.
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    out.policy_paths.clear();
    for (const std::string& p : out.policies) {
        const std::filesystem::path fp(p);
        out.policy_paths.push_back(fp.is_absolute() || folder.empty() ? p : (folder / fp).string());
    }
    return problems.size() == before;
}

}  // namespace ddbguard
