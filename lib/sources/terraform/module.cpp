// One Terraform module: parsing its files and resolving the references between its
// blocks (var., local., data., resources' attributes) for the evaluator.
#include "sources/terraform/module.hpp"

#include <filesystem>
#include <optional>

#include "policy/source_map.hpp"
#include "sources/sources.hpp"

namespace ddbguard::sources::tf {

using hcl::Value;

namespace {

// The placeholders "<NAME>" of a text the reader builds (ARNs), registered as such.
Value with_placeholders(std::string text, const std::string& reason) {
    std::vector<hcl::Placeholder> placeholders;
    for (std::size_t open = text.find('<'); open != std::string::npos; open = text.find('<', open + 1)) {
        const std::size_t close = text.find_first_of("<>:", open + 1);
        if (close == std::string::npos || text[close] != '>') continue;
        placeholders.push_back({open, close + 1 - open, text.substr(open + 1, close - open - 1), reason});
    }
    return Value::string(std::move(text), {}, {}, std::move(placeholders));
}

std::string known_text(const Value& v) { return v.is_string() ? v.as_string() : std::string(); }

// A --var value: a list or map is HCL source, as Terraform reads -var for such types; the
// rest is the string itself.
Value given_variable(const std::string& text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos || (text[first] != '[' && text[first] != '{')) return Value::string(text);
    hcl::ParseResult parsed = hcl::parse("v = " + text, "--var");
    const hcl::Attribute* a = parsed.ok() ? parsed.file.body.attribute("v") : nullptr;
    if (!a) return Value::string(text);
    hcl::NullScope none;
    hcl::EvalOptions opt;
    opt.file = hcl::no_file;
    hcl::Evaluator evaluator(none, opt);
    return evaluator.evaluate(*a->expr);
}

}  // namespace

Value ampersand_to_dollar(const Value& v) {
    if (v.is_string()) {
        if (v.as_string().find("&{") == std::string::npos) return v;
        std::string s = v.as_string();
        for (std::size_t at = s.find("&{"); at != std::string::npos; at = s.find("&{", at + 2)) s[at] = '$';
        Value out = Value::string(std::move(s), v.origin(), v.segments(), v.placeholders());
        return v.encoded() ? out.with_encoded(*v.encoded()) : out;
    }
    if (v.is_tuple()) {
        std::vector<Value> elements;
        for (const Value& e : v.elements()) elements.push_back(ampersand_to_dollar(e));
        return Value::tuple(std::move(elements), v.origin());
    }
    if (v.is_object()) {
        std::vector<std::pair<std::string, Value>> members;
        std::vector<hcl::Origin> keys;
        for (std::size_t i = 0; i < v.keys().size(); ++i) {
            members.emplace_back(v.keys()[i], ampersand_to_dollar(v.elements()[i]));
            keys.push_back(v.key_origin(i));
        }
        return Value::object(std::move(members), v.origin(), std::move(keys));
    }
    return v;
}

Module::Module(const LintOptions& options, std::vector<Finding>& diagnostics)
    : options_(options), diagnostics_(diagnostics) {
    const SourceValues& values = options.values;
    region_ = values.region.empty() ? "<AWS.Region>" : values.region;
    account_ = values.account.empty() ? "<AWS.AccountId>" : values.account;
    partition_ = values.partition;
    if (partition_.empty() && !values.region.empty()) {
        const std::string& r = values.region;
        partition_ = r.starts_with("cn-") ? "aws-cn" : r.starts_with("us-gov-") ? "aws-us-gov" : "aws";
    }
    if (partition_.empty()) partition_ = "<AWS.Partition>";
}

void Module::report(std::string id, const std::string& path, Location where, std::string message, std::string fix,
                    Severity severity) const {
    if (remap_ && path == path_of(0)) {
        JsonPointer pointer = std::move(where.pointer);
        where = remap_(where.line);
        if (!pointer.empty()) where.pointer = std::move(pointer);
    }
    const std::string key = id + "|" + path + "|" + std::to_string(where.line) + ":" + std::to_string(where.column) +
                            "|" + message;
    if (!reported_.insert(key).second) return;
    diagnostics_.push_back(source_finding(std::move(id), path, std::move(where), std::move(message), std::move(fix),
                                          severity));
}

void Module::add_file(const std::string& path, std::string_view bytes) {
    files_.push_back(ModuleFile{});
    ModuleFile& mf = files_.back();
    ++module_files_;
    mf.path = path;
    mf.source = std::string(bytes);
    hcl::ParseOptions po;
    po.max_bytes = options_.limits.max_bytes;
    po.max_depth = options_.limits.max_depth;
    policy::SourceMap map(bytes);
    auto at = [&](std::size_t offset) {
        Location loc;
        map.locate(offset, loc);
        return loc;
    };
    // A bare "${aws:username}" is not valid HCL: report it, read it as "&{...}" and parse on,
    // so that the rest of the file is still linted.
    for (int attempt = 0; attempt < 256; ++attempt) {
        hcl::ParseResult r = hcl::parse(mf.source, path, po);
        const hcl::Diagnostic* variable = nullptr;
        for (const hcl::Diagnostic& d : r.diagnostics)
            if (d.kind == hcl::Diagnostic::Kind::unescaped_policy_variable) variable = &d;
        if (variable) {
            const std::size_t open = mf.source.rfind("${", variable->range.begin.offset);
            if (open != std::string::npos && !mf.patched.count(open)) {
                const std::size_t close = mf.source.find('}', open);
                const std::string name =
                    mf.source.substr(open + 2, close == std::string::npos ? 0 : close - open - 2);
                report("terraform-unescaped-variable", path, at(open),
                       "\"${" + name + "}\" is read by Terraform as an interpolation, not passed to IAM as a policy "
                       "variable: `terraform validate` fails on it. It was judged as the IAM variable \"${" + name +
                           "}\" the policy means",
                       "write \"$${" + name + "}\" (Terraform writes out ${" + name +
                           "}), or \"&{" + name + "}\" inside an aws_iam_policy_document data source");
                mf.source[open] = '&';
                mf.patched.insert(open);
                continue;
            }
        }
        for (const hcl::Diagnostic& d : r.diagnostics) {
            const char* id = d.kind == hcl::Diagnostic::Kind::too_large ? "file-too-large"
                             : d.kind == hcl::Diagnostic::Kind::too_deep ? "nesting-too-deep"
                                                                          : "invalid-hcl";
            Location loc{d.range.begin.line, d.range.begin.column, ""};
            report(id, path, loc,
                   "not valid Terraform (HCL): " + d.message + (r.complete ? "" : "; the file was not read"),
                   "fix the syntax (terraform validate shows the same problem)");
        }
        if (r.complete) {
            mf.file = std::move(r.file);
            mf.parsed = true;
        }
        return;
    }
}

void Module::index() {
    for (std::uint32_t i = 0; i < module_files_; ++i) {
        const ModuleFile& mf = files_[i];
        if (!mf.parsed) continue;
        for (const hcl::Block& b : mf.file.body.blocks) {
            if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) {
                Resource r;
                r.data = b.type == "data";
                r.type = b.labels[0];
                r.name = b.labels[1];
                r.address = (r.data ? "data." : "") + r.type + "." + r.name;
                r.block = &b;
                r.file = i;
                by_address_.emplace(r.address, resources_.size());
                resources_.push_back(std::move(r));
            } else if (b.type == "variable" && b.labels.size() == 1) {
                variables_[b.labels[0]] = {&b, i};
            } else if (b.type == "locals") {
                for (const hcl::Attribute& a : b.body.attributes) locals_[a.name] = {&a, i};
            }
        }
    }
    // The default AWS provider's region, when --region does not say.
    if (!options_.values.region.empty()) return;
    for (std::uint32_t i = 0; i < module_files_; ++i) {
        if (!files_[i].parsed) continue;
        for (const hcl::Block& b : files_[i].file.body.blocks) {
            if (b.type != "provider" || b.labels.size() != 1 || b.labels[0] != "aws" || b.body.attribute("alias")) continue;
            const hcl::Attribute* region = b.body.attribute("region");
            if (!region) continue;
            const Value v = eval(*region->expr, i);
            if (!v.is_string() || v.has_placeholders() || v.as_string().empty()) continue;
            region_ = v.as_string();
            if (options_.values.partition.empty())
                partition_ = region_.starts_with("cn-") ? "aws-cn" : region_.starts_with("us-gov-") ? "aws-us-gov" : "aws";
            return;
        }
    }
}

const Resource* Module::find(std::string_view address) const {
    auto it = by_address_.find(std::string(address));
    return it == by_address_.end() ? nullptr : &resources_[it->second];
}

const std::string& Module::path_of(std::uint32_t file) const {
    static const std::string none;
    return file < files_.size() ? files_[file].path : none;
}

const ModuleFile* Module::file(std::uint32_t id) const { return id < files_.size() ? &files_[id] : nullptr; }

std::uint32_t Module::file_id(const std::string& path) const {
    for (std::uint32_t i = 0; i < files_.size(); ++i)
        if (files_[i].path == path) return i;
    files_.push_back(ModuleFile{});
    files_.back().path = path;
    return static_cast<std::uint32_t>(files_.size() - 1);
}

Location Module::location(const hcl::Origin& origin) const { return location(origin.range, origin.file); }

Location Module::location(const hcl::Range& range, std::uint32_t file) const {
    if (remap_ && file == 0) return remap_(range.begin.line);
    return Location{range.begin.line, range.begin.column, ""};
}

Value Module::eval(const hcl::Expr& expr, std::uint32_t file, const hcl::Scope* scope) const {
    if (eval_options_.base_dir.empty()) {
        const std::filesystem::path dir = std::filesystem::path(path_of(0)).parent_path();
        eval_options_.base_dir = dir.empty() ? std::filesystem::path(".") : dir;
        eval_options_.file_id = [this](const std::string& p) { return file_id(p); };
        eval_options_.max_file_bytes = options_.limits.max_bytes;
    }
    // Each file's options are made once (evaluations nest: one file's may run inside another's).
    if (file >= file_options_.size() && file < files_.size()) file_options_.resize(files_.size());
    if (file < file_options_.size() && !file_options_[file]) {
        auto opt = std::make_unique<hcl::EvalOptions>(eval_options_);
        opt->file = file;
        opt->source = files_[file].source;
        file_options_[file] = std::move(opt);
    }
    std::optional<hcl::Evaluator> made;
    if (file < file_options_.size()) {
        made.emplace(scope ? *scope : *this, std::cref(*file_options_[file]));
    } else {
        hcl::EvalOptions opt = eval_options_;
        opt.file = file;
        made.emplace(scope ? *scope : *this, std::move(opt));
    }
    hcl::Evaluator& evaluator = *made;
    Value v = evaluator.evaluate(expr);
    for (const hcl::Diagnostic& d : evaluator.diagnostics())
        report(d.kind == hcl::Diagnostic::Kind::file ? "unreadable-file" : "unresolved-value", path_of(file),
               Location{d.range.begin.line, d.range.begin.column, ""}, d.message, {},
               d.kind == hcl::Diagnostic::Kind::file ? Severity::error : Severity::warning);
    return v;
}

std::string Module::text(const hcl::Body& body, std::string_view attribute, std::uint32_t file) const {
    const hcl::Attribute* a = body.attribute(attribute);
    if (!a) return {};
    Value v = eval(*a->expr, file);
    if (v.is_string()) return v.as_string();
    if (v.kind() == Value::Kind::number) return hcl::number_to_string(v.as_number());
    if (v.kind() == Value::Kind::boolean) return v.as_bool() ? "true" : "false";
    if (!v.is_known()) return hcl::placeholder_for(v);
    return {};
}

std::optional<bool> Module::flag(const hcl::Body& body, std::string_view attribute, std::uint32_t file) const {
    const hcl::Attribute* a = body.attribute(attribute);
    if (!a) return std::nullopt;
    Value v = eval(*a->expr, file);
    if (v.kind() == Value::Kind::boolean) return v.as_bool();
    if (v.is_string() && (v.as_string() == "true" || v.as_string() == "false")) return v.as_string() == "true";
    return std::nullopt;
}

std::string Module::referenced(const hcl::Expr& expr) const {
    const hcl::Expr* e = &expr;
    if (const auto* t = e->as<hcl::TemplateExpr>(); t && t->wrap && t->parts.size() == 1 && t->parts[0].expr)
        e = t->parts[0].expr.get();
    const auto* tr = e->as<hcl::ScopeTraversal>();
    if (!tr || tr->steps.empty() || tr->steps[0].kind != hcl::TraversalStep::Kind::attribute) return {};
    if (tr->root == "data") {
        if (tr->steps.size() < 2 || tr->steps[1].kind != hcl::TraversalStep::Kind::attribute) return {};
        return "data." + tr->steps[0].name + "." + tr->steps[1].name;
    }
    const std::string address = tr->root + "." + tr->steps[0].name;
    return find(address) ? address : std::string();
}

Value Module::arn_value(std::string arn, const std::string& reference) const {
    return with_placeholders(std::move(arn), "only apply time knows " + reference);
}

Value Module::resource_attribute(const Resource& r, const std::string& attribute, const hcl::Reference& ref) const {
    const std::string key = r.address + "." + attribute;
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (!in_progress_.insert(key).second) return Value::error(key + " depends on itself");
    const hcl::Body& body = r.block->body;
    auto own = [&](std::string_view name) -> std::optional<Value> {
        if (const hcl::Attribute* a = body.attribute(name)) return eval(*a->expr, r.file);
        return std::nullopt;
    };
    // The resource's name as written, or a placeholder when apply time chooses it.
    auto name = [&]() -> std::string {
        std::optional<Value> v = own("name");
        if (v && v->is_string()) return v->as_string();
        if (v && !v->is_known() && !v->is_error()) return hcl::placeholder_for(*v);
        return make_placeholder(r.address + ".name");
    };
    Value out;
    bool done = true;
    const std::string iam = "arn:" + partition_ + ":iam::" + account_ + ":";
    if (r.type == "aws_dynamodb_table" && (attribute == "name" || attribute == "id")) {
        out = arn_value(name(), key);
    } else if (r.type == "aws_dynamodb_table" && (attribute == "arn" || attribute == "stream_arn")) {
        std::string arn = "arn:" + partition_ + ":dynamodb:" + region_ + ":" + account_ + ":table/" + name();
        if (attribute == "stream_arn") arn += "/stream/" + make_placeholder(r.address + ".stream_label");
        out = arn_value(std::move(arn), key);
    } else if ((r.type == "aws_iam_role" || r.type == "aws_iam_user" || r.type == "aws_iam_group") &&
               (attribute == "name" || attribute == "id")) {
        out = arn_value(name(), key);
    } else if ((r.type == "aws_iam_role" || r.type == "aws_iam_user" || r.type == "aws_iam_group") &&
               attribute == "arn") {
        const std::string kind = r.type.substr(8);
        out = arn_value(iam + kind + "/" + name(), key);
    } else if (r.type == "aws_iam_policy" && (attribute == "arn" || attribute == "id")) {
        out = arn_value(iam + "policy/" + name(), key);
    } else if (std::optional<Value> v = own(attribute)) {
        out = *v;
    } else {
        done = false;
    }
    if (!done) out = Value::unknown(key + " is known only after apply", ref.text());
    in_progress_.erase(key);
    memo_.emplace(key, out);
    return out;
}

Value Module::resolve(const hcl::Reference& ref, std::size_t& used) const {
    // A chain of references (local.a = local.b ...) is resolved recursively: bounded, so that a
    // hostile module ends in a finding rather than a stack overflow.
    constexpr unsigned kMaxDepth = 100;
    if (depth_ >= kMaxDepth) {
        used = ref.steps.size();
        return Value::error(ref.text() + ": references nested deeper than " + std::to_string(kMaxDepth) +
                            " levels were not followed");
    }
    ++depth_;
    struct Leave {
        unsigned& d;
        ~Leave() { --d; }
    } leave{depth_};
    return resolve_reference(ref, used);
}

Value Module::resolve_reference(const hcl::Reference& ref, std::size_t& used) const {
    const std::string root(ref.root);
    auto attr = [&](std::size_t i) -> const std::string* {
        return i < ref.steps.size() && ref.steps[i].kind == hcl::TraversalStep::Kind::attribute ? &ref.steps[i].name
                                                                                                : nullptr;
    };
    if (root == "var" && attr(0)) {
        used = 1;
        const std::string& name = *attr(0);
        if (auto it = options_.values.variables.find(name); it != options_.values.variables.end())
            return given_variable(it->second);
        if (auto it = variables_.find(name); it != variables_.end()) {
            if (const hcl::Attribute* d = it->second.first->body.attribute("default"))
                return eval(*d->expr, it->second.second, nullptr);
            return Value::unknown("variable " + name + " has no default (pass --var " + name + "=VALUE)", "var." + name);
        }
        return Value::unknown("variable " + name + " is not declared in this module", "var." + name);
    }
    if (root == "local" && attr(0)) {
        used = 1;
        const std::string key = "local." + *attr(0);
        if (auto it = memo_.find(key); it != memo_.end()) return it->second;
        auto it = locals_.find(*attr(0));
        if (it == locals_.end()) return Value::unknown(key + " is not defined in this module", key);
        if (!in_progress_.insert(key).second) return Value::error(key + " depends on itself");
        Value v = eval(*it->second.first->expr, it->second.second, nullptr);
        in_progress_.erase(key);
        memo_.emplace(key, v);
        return v;
    }
    if (root == "path") {
        used = ref.steps.empty() ? 0 : 1;
        return Value::string(".");
    }
    if (root == "data" && attr(0) && attr(1)) {
        used = 2;
        const std::string address = "data." + *attr(0) + "." + *attr(1);
        const std::string& type = *attr(0);
        if (type == "aws_region") {
            Value r = with_placeholders(region_, "the Region is known at apply time (pass --region)");
            return Value::object({{"name", r}, {"id", r}, {"region", r}});
        }
        if (type == "aws_caller_identity")
            return Value::object({{"account_id", with_placeholders(account_, "the account is known at apply time (pass --account)")}});
        if (type == "aws_partition")
            return Value::object({{"partition", with_placeholders(partition_, "the partition is known at apply time")}});
        const Resource* r = find(address);
        if (type == "aws_iam_policy_document" && r) {
            if (auto it = memo_.find(address); it != memo_.end()) return it->second;
            if (!in_progress_.insert(address).second) return Value::error(address + " depends on itself");
            Value doc = policy_document(*r);
            Value json = Value::string(make_placeholder(address + ".json"), doc.origin()).with_encoded(doc);
            Value v = Value::object({{"json", json}, {"minified_json", json}}, doc.origin());
            in_progress_.erase(address);
            memo_.emplace(address, v);
            return v;
        }
        used = ref.steps.size();
        return Value::unknown(address + (r ? " is read from AWS at plan time" : " is not defined in this module"),
                              ref.text());
    }
    if (attr(0)) {
        const Resource* r = find(root + "." + *attr(0));
        if (!r) {
            used = ref.steps.size();
            return Value::unknown(root + "." + *attr(0) + " is not defined in this module", ref.text());
        }
        std::size_t step = 1;
        if (step < ref.steps.size() && ref.steps[step].kind == hcl::TraversalStep::Kind::index) ++step;  // count/for_each
        if (!attr(step)) {
            used = ref.steps.size();
            return Value::unknown(r->address + " is known only after apply", ref.text());
        }
        used = step + 1;
        return resource_attribute(*r, *attr(step), ref);
    }
    used = ref.steps.size();
    return Value::unknown(ref.text() + " is known only at apply time", ref.text());
}

Value Module::statement(const hcl::Body& body, std::uint32_t file, const hcl::Scope& scope) const {
    std::vector<std::pair<std::string, Value>> members;
    std::vector<hcl::Origin> keys;
    auto add = [&](std::string key, Value v, hcl::Range at) {
        members.emplace_back(std::move(key), ampersand_to_dollar(v));
        keys.push_back(hcl::Origin{file, at});
    };
    static const std::pair<const char*, const char*> kElements[] = {
        {"sid", "Sid"}, {"effect", "Effect"}, {"actions", "Action"}, {"not_actions", "NotAction"},
        {"resources", "Resource"}, {"not_resources", "NotResource"}};
    for (const auto& [attr, element] : kElements)
        if (const hcl::Attribute* a = body.attribute(attr)) add(element, eval(*a->expr, file, &scope), a->name_range);
    if (!body.attribute("effect")) add("Effect", Value::string("Allow", hcl::Origin{file, body.range}), body.range);
    for (const char* kind : {"principals", "not_principals"}) {
        std::vector<std::pair<std::string, Value>> by_type;
        std::vector<hcl::Origin> type_origins;
        hcl::Range first{};
        bool any = false, star = false;
        for (const hcl::Block* p : body.blocks_of_type(kind)) {
            if (!any) first = p->type_range;
            any = true;
            const hcl::Attribute* type = p->body.attribute("type");
            const hcl::Attribute* ids = p->body.attribute("identifiers");
            if (!type || !ids) continue;
            Value t = eval(*type->expr, file, &scope);
            Value v = ampersand_to_dollar(eval(*ids->expr, file, &scope));
            const std::string name = known_text(t);
            if (name == "*") {
                star = true;
                continue;
            }
            bool merged = false;
            for (auto& [k, existing] : by_type)
                if (k == name && existing.is_tuple() && v.is_tuple()) {
                    std::vector<Value> all = existing.elements();
                    all.insert(all.end(), v.elements().begin(), v.elements().end());
                    existing = Value::tuple(std::move(all), existing.origin());
                    merged = true;
                }
            if (!merged) {
                by_type.emplace_back(name.empty() ? hcl::placeholder_for(t) : name, v);
                type_origins.push_back(hcl::Origin{file, type->name_range});
            }
        }
        if (!any) continue;
        const std::string element = std::string(kind) == "principals" ? "Principal" : "NotPrincipal";
        if (star && by_type.empty())
            add(element, Value::string("*", hcl::Origin{file, first}), first);
        else
            add(element, Value::object(std::move(by_type), hcl::Origin{file, first}, std::move(type_origins)), first);
    }
    // condition { test variable values }: {test: {variable: values}}, merged by test.
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, Value>>>> tests;
    std::vector<std::pair<hcl::Range, std::vector<hcl::Origin>>> test_origins;
    hcl::Range first_condition{};
    for (const hcl::Block* c : body.blocks_of_type("condition")) {
        if (tests.empty()) first_condition = c->type_range;
        const hcl::Attribute* test = c->body.attribute("test");
        const hcl::Attribute* variable = c->body.attribute("variable");
        const hcl::Attribute* values = c->body.attribute("values");
        if (!test || !variable || !values) continue;
        Value t = eval(*test->expr, file, &scope);
        Value k = ampersand_to_dollar(eval(*variable->expr, file, &scope));
        Value v = ampersand_to_dollar(eval(*values->expr, file, &scope));
        const std::string op = t.is_string() ? t.as_string() : hcl::placeholder_for(t);
        const std::string key = k.is_string() ? k.as_string() : hcl::placeholder_for(k);
        std::size_t i = 0;
        while (i < tests.size() && tests[i].first != op) ++i;
        if (i == tests.size()) {
            tests.push_back({op, {}});
            test_origins.push_back({test->expr->range, {}});
        }
        tests[i].second.emplace_back(key, v.with_origin(hcl::Origin{file, values->expr->range}));
        test_origins[i].second.push_back(hcl::Origin{file, variable->expr->range});
    }
    if (!tests.empty()) {
        std::vector<std::pair<std::string, Value>> condition;
        std::vector<hcl::Origin> ops;
        for (std::size_t i = 0; i < tests.size(); ++i) {
            condition.emplace_back(tests[i].first, Value::object(std::move(tests[i].second),
                                                                 hcl::Origin{file, test_origins[i].first},
                                                                 std::move(test_origins[i].second)));
            ops.push_back(hcl::Origin{file, test_origins[i].first});
        }
        add("Condition", Value::object(std::move(condition), hcl::Origin{file, first_condition}, std::move(ops)),
            first_condition);
    }
    return Value::object(std::move(members), hcl::Origin{file, body.range}, std::move(keys));
}

Value Module::policy_document(const Resource& d) const {
    const hcl::Body& body = d.block->body;
    const std::uint32_t file = d.file;
    std::vector<Value> statements;
    auto statements_of = [&](const char* attribute) {
        std::vector<Value> out;
        const hcl::Attribute* a = body.attribute(attribute);
        if (!a) return out;
        Value list = eval(*a->expr, file);
        if (!list.is_tuple()) return out;
        for (const Value& doc : list.elements()) {
            const Value* e = doc.encoded();
            const Value* st = e ? e->member("Statement") : nullptr;
            if (st && st->is_tuple())
                for (const Value& s : st->elements()) out.push_back(s);
        }
        return out;
    };
    statements = statements_of("source_policy_documents");
    for (const hcl::Block& b : body.blocks) {
        if (b.type == "statement") {
            statements.push_back(statement(b.body, file, *this));
            continue;
        }
        if (b.type != "dynamic" || b.labels.size() != 1 || b.labels[0] != "statement") continue;
        std::vector<const hcl::Block*> content = b.body.blocks_of_type("content");
        const hcl::Attribute* for_each = b.body.attribute("for_each");
        if (content.empty() || !for_each) continue;
        std::string iterator = text(b.body, "iterator", file);
        if (iterator.empty()) iterator = "statement";
        Value each = eval(*for_each->expr, file);
        std::vector<std::pair<Value, Value>> items;
        if (each.is_tuple())
            for (std::size_t i = 0; i < each.elements().size(); ++i)
                items.emplace_back(Value::number(static_cast<double>(i)), each.elements()[i]);
        else if (each.is_object())
            for (std::size_t i = 0; i < each.keys().size(); ++i)
                items.emplace_back(Value::string(each.keys()[i]), each.elements()[i]);
        else
            items.emplace_back(Value::unknown("the elements of a dynamic block", "statement.key"),
                               each.is_known() ? Value::unknown("the elements of a dynamic block", "statement.value")
                                               : each);
        for (const auto& [k, v] : items) {
            hcl::BoundScope scope(*this);
            scope.bind(iterator, Value::object({{"key", k}, {"value", v}}));
            statements.push_back(statement(content.front()->body, file, scope));
        }
    }
    for (const Value& o : statements_of("override_policy_documents")) {
        const Value* sid = o.member("Sid");
        bool replaced = false;
        if (sid && sid->is_string() && !sid->as_string().empty())
            for (Value& s : statements)
                if (const Value* own = s.member("Sid"); own && own->is_string() && own->as_string() == sid->as_string()) {
                    s = o;
                    replaced = true;
                }
        if (!replaced) statements.push_back(o);
    }
    std::vector<std::pair<std::string, Value>> members;
    std::vector<hcl::Origin> keys;
    const hcl::Origin block{file, d.block->type_range};
    if (const hcl::Attribute* v = body.attribute("version")) {
        members.emplace_back("Version", eval(*v->expr, file));
        keys.push_back({file, v->name_range});
    } else {
        members.emplace_back("Version", Value::string("2012-10-17", block));
        keys.push_back(block);
    }
    if (const hcl::Attribute* id = body.attribute("policy_id")) {
        members.emplace_back("Id", eval(*id->expr, file));
        keys.push_back({file, id->name_range});
    }
    members.emplace_back("Statement", Value::tuple(std::move(statements), block));
    keys.push_back(block);
    return Value::object(std::move(members), block, std::move(keys));
}

}  // namespace ddbguard::sources::tf
