// CloudFormation's intrinsic functions, applied where the template determines the value
// (CloudFormation User Guide, "Intrinsic function reference"; docs/iac.md section 2).
#include <algorithm>

#include "ddbguard/catalog.hpp"
#include "sources/cloudformation/template.hpp"
#include "sources/text_offsets.hpp"
#include "util/text.hpp"

namespace ddbguard::sources::cfn {

namespace {

constexpr std::size_t kMaxDepth = 200;          // nested intrinsics and references
constexpr std::size_t kMaxText = 64 * 1024;     // a resolved string; beyond it: a placeholder

const Node* member(const Node* node, std::string_view key) {
    return node && node->kind == Node::Kind::object ? node->member(key) : nullptr;
}

Node string_node(std::string text, const Location& loc) {
    Node n;
    n.kind = Node::Kind::string;
    n.text = std::move(text);
    n.loc = loc;
    return n;
}

std::string base64(std::string_view in) {
    static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        for (int s = 18; s >= 0; s -= 6) out += kDigits[(v >> s) & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += kDigits[(v >> 18) & 63];
        out += kDigits[(v >> 12) & 63];
        out += i + 1 < in.size() ? kDigits[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

void write_json(const Node& n, std::string& out) {
    auto quoted = [&](const std::string& s) {
        out += '"';
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\', out += c;
            else if (c == '\n') out += "\\n";
            else if (c == '\t') out += "\\t";
            else if (static_cast<unsigned char>(c) < 0x20) out += ' ';
            else out += c;
        }
        out += '"';
    };
    switch (n.kind) {
        case Node::Kind::string: quoted(n.text); break;
        case Node::Kind::array:
            out += '[';
            for (std::size_t i = 0; i < n.items.size(); ++i) {
                if (i) out += ',';
                write_json(n.items[i], out);
            }
            out += ']';
            break;
        case Node::Kind::object:
            out += '{';
            for (std::size_t i = 0; i < n.items.size(); ++i) {
                if (i) out += ',';
                quoted(n.keys[i]);
                out += ':';
                write_json(n.items[i], out);
            }
            out += '}';
            break;
        default: out += n.text; break;
    }
}

// A placeholder name from free text: no ':', '<', '>' (make_placeholder's rule) nor spaces.
std::string safe_name(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == ' ' || c == '<' || c == '>' || c == ':' || c == '/') ? '.' : c;
    while (out.find("..") != std::string::npos) out.replace(out.find(".."), 2, ".");
    return out.size() > 80 ? out.substr(0, 80) : out;
}

constexpr std::string_view kFunctions[] = {"Fn::Base64", "Fn::Cidr",   "Fn::FindInMap", "Fn::GetAtt",
                                           "Fn::GetAZs", "Fn::ImportValue", "Fn::Join", "Fn::Select",
                                           "Fn::Split",  "Fn::Sub",    "Fn::Transform", "Fn::If",
                                           "Fn::Length", "Fn::ToJsonString", "Fn::Equals", "Fn::Not",
                                           "Fn::And", "Fn::Or"};

}  // namespace

bool is_iam_variable_name(std::string_view name) {
    std::string_view n = name.substr(0, name.find(','));
    while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
    return catalog::is_known_variable(n) && n.find(':') != std::string_view::npos;
}

Resolver::Resolver(const Template& tpl, const SourceValues& values, std::vector<Finding>& diagnostics)
    : tpl_(tpl), values_(values), diagnostics_(diagnostics) {
    region_ = values.region.empty() ? "<AWS.Region>" : values.region;
    account_ = values.account.empty() ? "<AWS.AccountId>" : values.account;
    partition_ = values.partition;
    if (partition_.empty() && !values.region.empty()) {
        // The partition follows from the Region's name (AWS General Reference, "Regions").
        const std::string& r = values.region;
        partition_ = r.starts_with("cn-")        ? "aws-cn"
                     : r.starts_with("us-gov-")  ? "aws-us-gov"
                     : r.starts_with("us-isob-") ? "aws-iso-b"
                     : r.starts_with("us-iso-")  ? "aws-iso"
                                                 : "aws";
    }
    if (partition_.empty()) partition_ = "<AWS.Partition>";
    url_suffix_ = partition_ == "aws-cn" ? "amazonaws.com.cn"
                  : partition_.starts_with("<") ? "<AWS.URLSuffix>"
                                                : "amazonaws.com";
}

void Resolver::report(std::string id, const Location& where, std::string message, std::string fix,
                      Severity severity) {
    const std::string key = id + "|" + where.pointer.str() + "|" + std::to_string(where.line) + ":" +
                            std::to_string(where.column) + "|" + message;
    if (!reported_.insert(key).second) return;
    Finding f;
    f.check_id = std::move(id);
    f.severity = severity;
    f.message = std::move(message);
    f.fix = std::move(fix);
    f.path = tpl_.path;
    f.location = where;
    if (f.location.line == 0) f.location.line = f.location.column = 1;
    diagnostics_.push_back(std::move(f));
}

Location Resolver::inside(const Node& scalar, std::size_t index) const {
    if (!tpl_.map || tpl_.text.empty() || scalar.loc.line == 0) return scalar.loc;
    if (line_starts_.empty()) line_starts_ = line_starts(tpl_.text);
    const std::size_t start = offset_of(tpl_.text, line_starts_, scalar.loc);
    const std::vector<std::size_t> offsets = scalar_offsets(tpl_.text, start, scalar.text);
    Location loc;
    tpl_.map->locate(offsets[std::min(index, scalar.text.size())], loc);
    // The mapping is a guess when the value and the file disagree; never point before the token.
    if (loc.line < scalar.loc.line || (loc.line == scalar.loc.line && loc.column < scalar.loc.column)) loc = scalar.loc;
    loc.pointer = scalar.loc.pointer;
    return loc;
}

std::optional<std::string> Resolver::text(const Node& n) {
    if (n.kind == Node::Kind::string || n.kind == Node::Kind::number || n.kind == Node::Kind::boolean) return n.text;
    return std::nullopt;
}

const Node* Resolver::resource(std::string_view id) const {
    const Node* r = tpl_.resources ? tpl_.resources->member(id) : nullptr;
    return r && r->kind == Node::Kind::object ? r : nullptr;
}

std::string Resolver::resource_type(std::string_view id) const {
    if (const Node* type = member(resource(id), "Type"); type && type->kind == Node::Kind::string) return type->text;
    const auto it = tpl_.implicit.find(std::string(id));
    return it == tpl_.implicit.end() ? std::string() : it->second;
}

const Node* Resolver::property(std::string_view id, std::string_view name) const {
    return member(member(resource(id), "Properties"), name);
}

std::string Resolver::referenced_id(const Node& value) const {
    if (value.kind != Node::Kind::object || value.keys.size() != 1) return {};
    const Node& arg = value.items[0];
    if (value.keys[0] == "Ref" && arg.kind == Node::Kind::string) return arg.text;
    if (value.keys[0] == "Fn::GetAtt") {
        if (arg.kind == Node::Kind::string) return arg.text.substr(0, arg.text.find('.'));
        if (arg.kind == Node::Kind::array && !arg.items.empty() && arg.items[0].kind == Node::Kind::string)
            return arg.items[0].text;
    }
    if (value.keys[0] == "Fn::Sub" && arg.kind == Node::Kind::string && arg.text.starts_with("${") &&
        arg.text.back() == '}' && arg.text.find("${", 2) == std::string::npos) {
        const std::string inner = arg.text.substr(2, arg.text.size() - 3);
        return inner.substr(0, inner.find('.'));
    }
    return {};
}

Node Resolver::placeholder(const Node& at, const std::string& name) const {
    return string_node(make_placeholder(name), at.loc);
}

std::optional<Node> Resolver::resolve(const Node& value, Run& run) {
    if (run.depth >= kMaxDepth) {
        report("invalid-template", value.loc,
               "intrinsic functions and references nested more than " + std::to_string(kMaxDepth) +
                   " deep; the value was not resolved",
               "simplify the chain of references");
        return placeholder(value, "Unresolved");
    }
    struct Depth {
        std::size_t& d;
        explicit Depth(std::size_t& x) : d(x) { ++d; }
        ~Depth() { --d; }
    } depth(run.depth);
    switch (value.kind) {
        case Node::Kind::object: {
            if (value.keys.size() == 1 && (value.keys[0] == "Ref" || value.keys[0].starts_with("Fn::"))) {
                const std::size_t before = run.unresolved.size();
                std::optional<Node> r = call(value, value.keys[0], value.items[0], run);
                // A deploy-time value reached through a reference (a table whose name is a
                // parameter) is reported where the document refers to it.
                const std::string base = value.loc.pointer.str();
                for (std::size_t i = before; i < run.unresolved.size(); ++i) {
                    const std::string p = run.unresolved[i].where.pointer.str();
                    const bool under = p.compare(0, base.size(), base) == 0 && (p.size() == base.size() || p[base.size()] == '/');
                    if (!under) run.unresolved[i].where = value.loc;
                }
                return r;
            }
            Node out;
            out.kind = Node::Kind::object;
            out.loc = value.loc;
            out.keys.reserve(value.items.size());
            out.key_locs.reserve(value.items.size());
            out.items.reserve(value.items.size());
            for (std::size_t i = 0; i < value.items.size(); ++i) {
                std::optional<Node> item = resolve(value.items[i], run);
                if (!item) continue;  // AWS::NoValue removes the property
                out.keys.push_back(value.keys[i]);
                out.key_locs.push_back(value.key_locs[i]);
                out.items.push_back(std::move(*item));
            }
            return out;
        }
        case Node::Kind::array: {
            Node out;
            out.kind = Node::Kind::array;
            out.loc = value.loc;
            out.items.reserve(value.items.size());
            for (const Node& v : value.items) {
                std::optional<Node> item = resolve(v, run);
                if (item) out.items.push_back(std::move(*item));
            }
            return out;
        }
        case Node::Kind::string:
            if (run.in_policy) escaped_outside_sub(value);
            return value;
        default: return value;
    }
}

void Resolver::escaped_outside_sub(const Node& scalar) {
    const std::size_t at = scalar.text.find("${!");
    if (at == std::string::npos) return;
    const std::size_t close = scalar.text.find('}', at);
    const std::string written = scalar.text.substr(at, close == std::string::npos ? 3 : close - at + 1);
    const std::string meant = "${" + written.substr(3);
    report("escaped-variable-outside-sub", inside(scalar, at),
           "\"" + written + "\" is outside Fn::Sub, where CloudFormation passes strings through unchanged: IAM "
           "receives the broken variable \"" + written + "\" instead of \"" + meant + "\"",
           "write \"" + meant + "\" here; the \"${!\" escape belongs only inside Fn::Sub");
}

std::optional<std::string> Resolver::resolved_text(const Node& value, Run& run, const std::string& what) {
    std::optional<Node> r = resolve(value, run);
    if (!r) return std::nullopt;
    if (auto t = text(*r)) return t;
    report("invalid-template", value.loc, what + " must be a string here, but it is " +
                                              (r->kind == Node::Kind::array ? "a list" : r->kind == Node::Kind::object ? "an object" : "null"),
           "write a string (or an intrinsic function that returns one)");
    return std::nullopt;
}

std::optional<Node> Resolver::call(const Node& value, const std::string& fn, const Node& args, Run& run) {
    auto args_of = [&](std::size_t count) -> const Node* {
        if (args.kind == Node::Kind::array && args.items.size() >= count) return &args;
        report("invalid-template", value.loc,
               fn + " takes a list of " + std::to_string(count) + " values; the stack does not deploy",
               "see the CloudFormation User Guide, \"Intrinsic function reference\"");
        return nullptr;
    };
    if (fn == "Ref") {
        if (args.kind != Node::Kind::string) {
            report("invalid-template", value.loc, "Ref takes the name of a parameter or resource",
                   "write Ref: Name");
            return placeholder(value, "Unresolved");
        }
        return ref(value, args.text, run);
    }
    if (fn == "Fn::GetAtt") {
        std::string id, attribute;
        if (args.kind == Node::Kind::string && args.text.find('.') != std::string::npos) {
            id = args.text.substr(0, args.text.find('.'));
            attribute = args.text.substr(args.text.find('.') + 1);
        } else if (args.kind == Node::Kind::array && args.items.size() == 2 &&
                   args.items[0].kind == Node::Kind::string) {
            id = args.items[0].text;
            auto a = resolved_text(args.items[1], run, "the attribute name of Fn::GetAtt");
            if (!a) return placeholder(value, id + ".Unresolved");
            attribute = *a;
        } else {
            report("invalid-template", value.loc, "Fn::GetAtt takes [LogicalId, Attribute] or \"LogicalId.Attribute\"",
                   "write Fn::GetAtt: [Table, Arn]");
            return placeholder(value, "Unresolved");
        }
        return get_att(value, id, attribute, run);
    }
    if (fn == "Fn::Sub") return sub(value, args, run);
    if (fn == "Fn::Join") {
        const Node* a = args_of(2);
        if (!a) return placeholder(value, "Unresolved");
        auto delimiter = resolved_text(a->items[0], run, "the delimiter of Fn::Join");
        std::optional<Node> list = resolve(a->items[1], run);
        if (!delimiter || !list) return placeholder(value, "Unresolved");
        if (list->kind != Node::Kind::array) {
            if (auto t = text(*list)) return string_node(*t, value.loc);
            report("invalid-template", a->items[1].loc, "Fn::Join takes a list of strings to join");
            return placeholder(value, "Unresolved");
        }
        std::string out;
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            auto t = text(list->items[i]);
            if (!t) {
                report("invalid-template", list->items[i].loc, "Fn::Join can only join strings");
                return placeholder(value, "Unresolved");
            }
            if (i) out += *delimiter;
            out += *t;
            if (out.size() > kMaxText) {
                report("invalid-template", value.loc,
                       "Fn::Join builds a string longer than " + std::to_string(kMaxText) + " bytes; it was not resolved");
                return placeholder(value, "Unresolved");
            }
        }
        return string_node(std::move(out), value.loc);
    }
    if (fn == "Fn::Select") {
        const Node* a = args_of(2);
        if (!a) return placeholder(value, "Unresolved");
        auto index = resolved_text(a->items[0], run, "the index of Fn::Select");
        std::optional<Node> list = resolve(a->items[1], run);
        if (!index || !list) return placeholder(value, "Unresolved");
        std::size_t i = 0;
        const bool numeric = !index->empty() && index->find_first_not_of("0123456789") == std::string::npos &&
                             index->size() < 9;
        if (numeric) i = static_cast<std::size_t>(std::stoul(*index));
        if (list->kind == Node::Kind::array && numeric && i < list->items.size()) return list->items[i];
        if (list->kind == Node::Kind::array && numeric && !has_placeholder(*index)) {
            bool unknown_list = false;
            for (const Node& item : list->items) unknown_list = unknown_list || has_placeholder(item.text);
            if (!unknown_list) {
                report("invalid-template", value.loc,
                       "Fn::Select index " + *index + " is past the end of a list of " +
                           std::to_string(list->items.size()) + " values; the stack does not deploy");
                return placeholder(value, "Unresolved");
            }
        }
        return placeholder(value, "Select." + safe_name(*index) + ".of." + safe_name(list->text.empty() ? "list" : list->text));
    }
    if (fn == "Fn::Split") {
        const Node* a = args_of(2);
        if (!a) return placeholder(value, "Unresolved");
        auto delimiter = resolved_text(a->items[0], run, "the delimiter of Fn::Split");
        auto source = resolved_text(a->items[1], run, "the string of Fn::Split");
        if (!delimiter || !source) return placeholder(value, "Unresolved");
        Node out;
        out.kind = Node::Kind::array;
        out.loc = value.loc;
        if (delimiter->empty()) {
            out.items.push_back(string_node(*source, value.loc));
            return out;
        }
        std::size_t start = 0;
        while (out.items.size() < 10000) {
            const std::size_t at = source->find(*delimiter, start);
            out.items.push_back(string_node(source->substr(start, at == std::string::npos ? std::string::npos : at - start),
                                            value.loc));
            if (at == std::string::npos) break;
            start = at + delimiter->size();
        }
        return out;
    }
    if (fn == "Fn::If") {
        const Node* a = args_of(3);
        if (!a) return placeholder(value, "Unresolved");
        if (a->items[0].kind != Node::Kind::string) {
            report("invalid-template", a->items[0].loc, "Fn::If takes a condition name first");
            return placeholder(value, "Unresolved");
        }
        const std::string& name = a->items[0].text;
        Run scratch;
        scratch.depth = run.depth;
        std::optional<bool> branch = condition(name, scratch);
        if (!branch) {
            ++choices_consulted_;
            if (run.choices && run.choices->count(name)) {
                branch = run.choices->at(name);
            } else {
                if (std::find(run.free.begin(), run.free.end(), name) == run.free.end()) run.free.push_back(name);
                branch = true;
            }
        }
        return resolve(a->items[*branch ? 1 : 2], run);
    }
    if (fn == "Fn::FindInMap") {
        if (args.kind != Node::Kind::array || args.items.size() < 3) {
            report("invalid-template", value.loc, "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]");
            return placeholder(value, "Unresolved");
        }
        auto map_name = resolved_text(args.items[0], run, "the map name of Fn::FindInMap");
        auto top = resolved_text(args.items[1], run, "the top-level key of Fn::FindInMap");
        auto second = resolved_text(args.items[2], run, "the second-level key of Fn::FindInMap");
        if (!map_name || !top || !second) return placeholder(value, "Unresolved");
        const Node* map = member(tpl_.mappings, *map_name);
        if (!map) {
            report("invalid-template", args.items[0].loc,
                   "Fn::FindInMap names the mapping \"" + *map_name + "\", which the Mappings section does not define");
            return placeholder(value, "FindInMap." + safe_name(*map_name));
        }
        // Keys known: the value. Keys deploy time decides: the value when every candidate agrees.
        std::vector<const Node*> candidates;
        for (std::size_t i = 0; i < map->items.size(); ++i) {
            if (!has_placeholder(*top) && map->keys[i] != *top) continue;
            const Node& level = map->items[i];
            if (level.kind != Node::Kind::object) continue;
            for (std::size_t k = 0; k < level.items.size(); ++k)
                if (has_placeholder(*second) || level.keys[k] == *second) candidates.push_back(&level.items[k]);
        }
        if (candidates.empty()) {
            if (args.items.size() > 3) {  // AWS::LanguageExtensions: {DefaultValue: ...}
                if (const Node* fallback = member(&args.items[3], "DefaultValue")) return resolve(*fallback, run);
            }
            report("invalid-template", value.loc,
                   "Fn::FindInMap finds no \"" + *top + "\" / \"" + *second + "\" in the mapping \"" + *map_name +
                       "\"; the stack does not deploy");
            return placeholder(value, "FindInMap." + safe_name(*map_name));
        }
        std::optional<Node> first = resolve(*candidates.front(), run);
        bool same = true;
        for (std::size_t i = 1; i < candidates.size() && same; ++i) {
            std::optional<Node> other = resolve(*candidates[i], run);
            same = first && other && text(*first) && text(*other) == text(*first);
        }
        if (same && first) {
            first->loc = value.loc;
            return first;
        }
        const std::string name = "FindInMap." + safe_name(*map_name) + "." + safe_name(*top) + "." + safe_name(*second);
        run.unresolved.push_back({"mapping " + *map_name, make_placeholder(name),
                                  "its keys depend on values only deploy time knows", value.loc});
        return placeholder(value, name);
    }
    if (fn == "Fn::ImportValue") {
        auto name = resolved_text(args, run, "the export name of Fn::ImportValue");
        const std::string shown = name ? *name : "?";
        const std::string ph = "Import." + safe_name(shown);
        run.unresolved.push_back({"import " + shown, make_placeholder(ph),
                                  "another stack exports it; its value is known only at deploy time", value.loc});
        return placeholder(value, ph);
    }
    if (fn == "Fn::Base64") {
        auto t = resolved_text(args, run, "the value of Fn::Base64");
        if (!t) return placeholder(value, "Base64");
        return string_node(has_placeholder(*t) ? make_placeholder("Base64") : base64(*t), value.loc);
    }
    if (fn == "Fn::GetAZs" || fn == "Fn::Cidr") {
        Node out;
        out.kind = Node::Kind::array;
        out.loc = value.loc;
        const std::string base = fn == "Fn::GetAZs" ? "AWS.AZ." : "Cidr.";
        for (int i = 0; i < 3; ++i) out.items.push_back(placeholder(value, base + std::to_string(i)));
        return out;
    }
    if (fn == "Fn::Length") {
        std::optional<Node> list = resolve(args, run);
        if (list && list->kind == Node::Kind::array) {
            Node n;
            n.kind = Node::Kind::number;
            n.text = std::to_string(list->items.size());
            n.loc = value.loc;
            return n;
        }
        return placeholder(value, "Length");
    }
    if (fn == "Fn::ToJsonString") {
        std::optional<Node> inner = resolve(args, run);
        if (!inner) return placeholder(value, "ToJsonString");
        std::string out;
        write_json(*inner, out);
        return string_node(std::move(out), value.loc);
    }
    if (fn == "Fn::Transform") {
        run.unresolved.push_back({"macro (Fn::Transform)", make_placeholder("Transform"),
                                  "a macro computes it when the stack is deployed", value.loc});
        return placeholder(value, "Transform");
    }
    if (fn == "Fn::Equals" || fn == "Fn::Not" || fn == "Fn::And" || fn == "Fn::Or") {
        report("invalid-template", value.loc,
               fn + " is a condition function: it belongs in the Conditions section (or inside Fn::If's "
                    "condition), not in a property value; the stack does not deploy",
               "name a condition in the Conditions section and use Fn::If here");
        return placeholder(value, "Unresolved");
    }
    // An unknown function: say which one was probably meant.
    const std::vector<std::string_view> known(std::begin(kFunctions), std::end(kFunctions));
    const auto near = util::did_you_mean(fn, known);
    report("invalid-template", value.loc, "unknown intrinsic function \"" + fn + "\"; CloudFormation refuses the template",
           near ? "did you mean \"" + std::string(*near) + "\"?"
                : "use one of the functions of the CloudFormation User Guide, \"Intrinsic function reference\"");
    return placeholder(value, "Unresolved");
}

std::optional<Node> Resolver::ref(const Node& at, const std::string& name, Run& run) {
    if (name == "AWS::NoValue") return std::nullopt;
    if (name == "AWS::Region") return string_node(region_, at.loc);
    if (name == "AWS::AccountId") return string_node(account_, at.loc);
    if (name == "AWS::Partition") return string_node(partition_, at.loc);
    if (name == "AWS::URLSuffix") return string_node(url_suffix_, at.loc);
    if (name == "AWS::StackName" || name == "AWS::StackId") return placeholder(at, name);
    if (name == "AWS::NotificationARNs") {
        Node out;
        out.kind = Node::Kind::array;
        out.loc = at.loc;
        out.items.push_back(placeholder(at, name));
        return out;
    }
    if (const Node* parameter = member(tpl_.parameters, name)) {
        const Node* type = member(parameter, "Type");
        const bool list = type && type->kind == Node::Kind::string &&
                          (type->text == "CommaDelimitedList" || type->text.starts_with("List<") ||
                           type->text.starts_with("AWS::SSM::Parameter::Value<List<") ||
                           type->text.starts_with("AWS::SSM::Parameter::Value<CommaDelimitedList"));
        auto given = values_.parameters.find(name);
        if (given != values_.parameters.end()) {
            if (!list) return string_node(given->second, at.loc);
            Node out;
            out.kind = Node::Kind::array;
            out.loc = at.loc;
            std::size_t start = 0;
            while (true) {
                const std::size_t comma = given->second.find(',', start);
                std::string item = given->second.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                while (!item.empty() && item.front() == ' ') item.erase(0, 1);
                while (!item.empty() && item.back() == ' ') item.pop_back();
                out.items.push_back(string_node(std::move(item), at.loc));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
            return out;
        }
        const std::string ph = "Param." + name;
        std::string why;
        const Node* fallback = member(parameter, "Default");
        if (type && type->kind == Node::Kind::string && type->text.starts_with("AWS::SSM::Parameter::Value"))
            why = "its value is read from Systems Manager when the stack is deployed";
        else if (fallback && text(*fallback))
            why = "its Default \"" + *text(*fallback) + "\" can be overridden when the stack is deployed";
        else
            why = "it has no Default";
        run.unresolved.push_back({"parameter " + name, make_placeholder(ph), why, at.loc});
        if (!list) return placeholder(at, ph);
        Node out;
        out.kind = Node::Kind::array;
        out.loc = at.loc;
        out.items.push_back(placeholder(at, ph));
        return out;
    }
    const std::string type = resource_type(name);
    if (type.empty()) {
        if (name.starts_with("AWS::"))
            report("invalid-template", at.loc, "Ref names \"" + name + "\", which is no pseudo parameter",
                   "use AWS::AccountId, AWS::Region, AWS::Partition, AWS::StackName, AWS::StackId, AWS::URLSuffix, "
                   "AWS::NotificationARNs or AWS::NoValue");
        else
            report("invalid-template", at.loc,
                   "Ref names \"" + name + "\", which is neither a parameter nor a resource of this " +
                       tpl_.format_name + "; the stack does not deploy",
                   "define it, or correct the name");
        return placeholder(at, safe_name(name));
    }
    if (type == "AWS::DynamoDB::Table" || type == "AWS::DynamoDB::GlobalTable" || type == "AWS::Serverless::SimpleTable")
        return string_node(table_name(name, run), at.loc);
    if (type == "AWS::IAM::Role") return string_node(name_property(name, "RoleName", run), at.loc);
    if (type == "AWS::IAM::User") return string_node(name_property(name, "UserName", run), at.loc);
    if (type == "AWS::IAM::Group") return string_node(name_property(name, "GroupName", run), at.loc);
    if (type == "AWS::IAM::ManagedPolicy") return get_att(at, name, "PolicyArn", run);
    if (type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function")
        return string_node(name_property(name, "FunctionName", run), at.loc);
    return placeholder(at, safe_name(name));
}

std::string Resolver::name_property(std::string_view id, std::string_view name, Run& run) {
    const std::string key = std::string(id) + "|" + std::string(name);
    if (auto it = memo_.find(key); it != memo_.end()) {
        run.unresolved.insert(run.unresolved.end(), it->second.unresolved.begin(), it->second.unresolved.end());
        return it->second.text;
    }
    const std::string fallback = make_placeholder(safe_name(id));
    const Node* value = property(id, name);
    if (!value) return fallback;
    if (std::find(in_progress_.begin(), in_progress_.end(), std::string(id)) != in_progress_.end()) {
        std::string chain;
        for (const std::string& r : in_progress_) chain += r + " -> ";
        report("invalid-template", value->loc,
               "a cycle of references: " + chain + std::string(id) + "; CloudFormation refuses the template",
               "break the cycle: one of these values must not depend on the others");
        return fallback;
    }
    in_progress_.push_back(std::string(id));
    const std::size_t consulted = choices_consulted_;
    Run inner;
    inner.choices = run.choices;
    inner.depth = run.depth;
    std::optional<Node> r = resolve(*value, inner);
    in_progress_.pop_back();
    for (const std::string& f : inner.free)
        if (std::find(run.free.begin(), run.free.end(), f) == run.free.end()) run.free.push_back(f);
    run.unresolved.insert(run.unresolved.end(), inner.unresolved.begin(), inner.unresolved.end());
    std::string out = r && text(*r) ? *text(*r) : fallback;
    if (consulted == choices_consulted_) memo_[key] = {out, inner.unresolved};
    return out;
}

std::string Resolver::table_name(std::string_view id, Run& run) { return name_property(id, "TableName", run); }

std::string Resolver::table_arn(std::string_view id, Run& run) {
    return "arn:" + partition_ + ":dynamodb:" + region_ + ":" + account_ + ":table/" + table_name(id, run);
}

std::optional<Node> Resolver::get_att(const Node& at, const std::string& id, const std::string& attribute, Run& run) {
    const std::string type = resource_type(id);
    if (type.empty()) {
        report("invalid-template", at.loc,
               "Fn::GetAtt names \"" + id + "\", which is no resource of this " + tpl_.format_name +
                   "; the stack does not deploy",
               "define the resource, or correct the name");
        return placeholder(at, safe_name(id + "." + attribute));
    }
    auto iam_arn = [&](std::string_view kind, std::string_view name_property_name) {
        std::string path = "/";
        if (const Node* p = property(id, "Path")) {
            Run inner;
            inner.depth = run.depth;
            if (auto r = resolve(*p, inner); r && text(*r)) path = *text(*r);
        }
        if (path.empty() || path.front() != '/') path = "/" + path;
        return "arn:" + partition_ + ":iam::" + account_ + ":" + std::string(kind) + path +
               name_property(id, name_property_name, run);
    };
    if (type == "AWS::DynamoDB::Table" || type == "AWS::DynamoDB::GlobalTable" || type == "AWS::Serverless::SimpleTable") {
        if (attribute == "Arn") return string_node(table_arn(id, run), at.loc);
        if (attribute == "StreamArn" || attribute == "LatestStreamArn")
            return string_node(table_arn(id, run) + "/stream/" + make_placeholder(safe_name(id) + ".StreamLabel"), at.loc);
    }
    if (type == "AWS::IAM::Role" && attribute == "Arn") return string_node(iam_arn("role", "RoleName"), at.loc);
    if (type == "AWS::IAM::User" && attribute == "Arn") return string_node(iam_arn("user", "UserName"), at.loc);
    if (type == "AWS::IAM::Group" && attribute == "Arn") return string_node(iam_arn("group", "GroupName"), at.loc);
    if (type == "AWS::IAM::ManagedPolicy" && attribute == "PolicyArn")
        return string_node(iam_arn("policy", "ManagedPolicyName"), at.loc);
    if (type == "AWS::KMS::Key" && attribute == "Arn")
        return string_node("arn:" + partition_ + ":kms:" + region_ + ":" + account_ + ":key/" +
                               make_placeholder(safe_name(id) + ".KeyId"),
                           at.loc);
    if ((type == "AWS::Lambda::Function" || type == "AWS::Serverless::Function") && attribute == "Arn")
        return string_node("arn:" + partition_ + ":lambda:" + region_ + ":" + account_ + ":function:" +
                               name_property(id, "FunctionName", run),
                           at.loc);
    return placeholder(at, safe_name(id + "." + attribute));
}

std::optional<Node> Resolver::sub(const Node& at, const Node& args, Run& run) {
    const Node* source = &args;
    const Node* variables = nullptr;
    if (args.kind == Node::Kind::array) {
        if (args.items.empty() || args.items[0].kind != Node::Kind::string ||
            (args.items.size() > 1 && args.items[1].kind != Node::Kind::object)) {
            report("invalid-template", at.loc, "Fn::Sub takes a string, or [string, {name: value, ...}]");
            return placeholder(at, "Unresolved");
        }
        source = &args.items[0];
        if (args.items.size() > 1) variables = &args.items[1];
    } else if (args.kind != Node::Kind::string) {
        report("invalid-template", at.loc, "Fn::Sub takes a string, or [string, {name: value, ...}]");
        return placeholder(at, "Unresolved");
    }
    const std::string& s = source->text;
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t open = s.find("${", i);
        if (open == std::string::npos) {
            out.append(s, i);
            break;
        }
        out.append(s, i, open - i);
        const std::size_t close = s.find('}', open + 2);
        if (close == std::string::npos) {
            out.append(s, open);
            break;
        }
        const std::string name = s.substr(open + 2, close - open - 2);
        i = close + 1;
        if (!name.empty() && name[0] == '!') {  // "${!Literal}" is written out as "${Literal}"
            out += "${" + name.substr(1) + "}";
            continue;
        }
        std::optional<std::string> value;
        if (const Node* v = member(variables, name)) {
            value = resolved_text(*v, run, "the value of ${" + name + "}");
        } else if (name.find(':') != std::string::npos && !name.starts_with("AWS::")) {
            // IAM policy variable written without the escape: CloudFormation reads it as a reference.
            const bool iam = is_iam_variable_name(name);
            report("sub-variable-not-escaped", inside(*source, open),
                   "\"${" + name + "}\" inside Fn::Sub is read by CloudFormation as a reference to a parameter or "
                   "resource named \"" + name + "\"" +
                       (iam ? std::string(", not passed to IAM as a policy variable") : std::string()) +
                       ": the stack does not deploy. It was judged as the IAM variable \"${" + name + "}\" the "
                       "author meant",
                   "write \"${!" + name + "}\": inside Fn::Sub, \"${!\" writes \"${\" literally");
            out += "${" + name + "}";
            continue;
        } else if (const std::size_t dot = name.find('.'); dot != std::string::npos && !resource_type(name.substr(0, dot)).empty()) {
            std::optional<Node> r = get_att(*source, name.substr(0, dot), name.substr(dot + 1), run);
            if (r) value = text(*r);
        } else {
            std::optional<Node> r = ref(*source, name, run);
            if (r) value = text(*r);
            if (r && r->kind == Node::Kind::array) {
                report("invalid-template", inside(*source, open),
                       "${" + name + "} names a list; Fn::Sub can only insert strings");
                value = make_placeholder(safe_name(name));
            }
        }
        out += value ? *value : make_placeholder(safe_name(name));
        if (out.size() > kMaxText) {
            report("invalid-template", at.loc,
                   "Fn::Sub builds a string longer than " + std::to_string(kMaxText) + " bytes; it was not resolved");
            return placeholder(at, "Unresolved");
        }
    }
    Node result = string_node(std::move(out), source->loc);
    result.loc.pointer = at.loc.pointer;
    return result;
}

std::optional<bool> Resolver::condition(const std::string& name, Run& run) {
    const Node* definition = member(tpl_.conditions, name);
    if (!definition) {
        report("invalid-template", tpl_.conditions ? tpl_.conditions->loc : tpl_.root.loc,
               "the condition \"" + name + "\" is used but not defined in the Conditions section; the stack does not deploy",
               "define it under Conditions, or correct the name");
        return std::nullopt;
    }
    if (std::find(conditions_in_progress_.begin(), conditions_in_progress_.end(), name) != conditions_in_progress_.end()) {
        report("invalid-template", definition->loc,
               "the condition \"" + name + "\" depends on itself; CloudFormation refuses the template",
               "break the cycle of Condition references");
        return std::nullopt;
    }
    conditions_in_progress_.push_back(name);
    std::optional<bool> v = condition_value(*definition, run);
    conditions_in_progress_.pop_back();
    return v;
}

std::optional<bool> Resolver::condition_value(const Node& value, Run& run) {
    if (value.kind == Node::Kind::boolean) return value.text == "true";
    if (value.kind != Node::Kind::object || value.keys.size() != 1) {
        report("invalid-template", value.loc, "a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
        return std::nullopt;
    }
    const std::string& fn = value.keys[0];
    const Node& args = value.items[0];
    if (fn == "Condition" && args.kind == Node::Kind::string) return condition(args.text, run);
    if (args.kind != Node::Kind::array) {
        report("invalid-template", value.loc, fn + " takes a list");
        return std::nullopt;
    }
    if (fn == "Fn::Equals" && args.items.size() == 2) {
        Run scratch;
        scratch.depth = run.depth;
        scratch.choices = run.choices;
        std::optional<Node> a = resolve(args.items[0], scratch), b = resolve(args.items[1], scratch);
        if (!a || !b || !text(*a) || !text(*b)) return std::nullopt;
        if (*text(*a) == *text(*b)) return true;
        if (has_placeholder(*text(*a)) || has_placeholder(*text(*b))) return std::nullopt;
        return false;
    }
    if (fn == "Fn::Not" && args.items.size() == 1) {
        auto v = condition_value(args.items[0], run);
        return v ? std::optional<bool>(!*v) : std::nullopt;
    }
    if (fn == "Fn::And" || fn == "Fn::Or") {
        const bool is_and = fn == "Fn::And";
        bool unknown = false;
        for (const Node& item : args.items) {
            auto v = condition_value(item, run);
            if (!v) unknown = true;
            else if (*v != is_and) return !is_and;  // a false in And, a true in Or decides
        }
        if (unknown) return std::nullopt;
        return is_and;
    }
    report("invalid-template", value.loc, "unknown condition function \"" + fn + "\"",
           "use Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition");
    return std::nullopt;
}

}  // namespace ddbguard::sources::cfn
