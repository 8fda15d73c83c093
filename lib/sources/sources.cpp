// Picks the reader for each input and groups the inputs into stacks.
#include "sources/sources.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <map>

#include "util/parallel.hpp"
#include "util/text.hpp"

namespace ddbguard {

std::string_view to_string(SourceFormat format) {
    switch (format) {
        case SourceFormat::policy: return "policy";
        case SourceFormat::cloudformation: return "cloudformation";
        case SourceFormat::serverless: return "serverless";
        case SourceFormat::terraform: return "terraform";
        case SourceFormat::terraform_plan: return "terraform-plan";
    }
    return "policy";
}

std::optional<SourceFormat> source_format_from_string(std::string_view s) {
    for (SourceFormat f : {SourceFormat::policy, SourceFormat::cloudformation, SourceFormat::serverless,
                           SourceFormat::terraform, SourceFormat::terraform_plan})
        if (to_string(f) == s) return f;
    return std::nullopt;
}

std::string_view to_string(PrincipalKind kind) {
    switch (kind) {
        case PrincipalKind::role: return "role";
        case PrincipalKind::user: return "user";
        case PrincipalKind::group: return "group";
        case PrincipalKind::function: return "function";
    }
    return "role";
}

std::string Owner::label() const {
    std::string out = type.empty() ? id : type + " " + id;
    if (!construct.empty()) out += " (" + construct + ")";
    return out;
}

bool has_placeholder(std::string_view text) {
    for (std::size_t open = text.find('<'); open != std::string_view::npos; open = text.find('<', open + 1)) {
        const std::size_t close = text.find_first_of("<>:", open + 1);
        if (close != std::string_view::npos && text[close] == '>' && close > open + 1) return true;
    }
    return false;
}

bool is_placeholder(std::string_view text) {
    return text.size() > 2 && text.front() == '<' && text.back() == '>' &&
           text.find_first_of("<>:", 1) == text.size() - 1;
}

std::string make_placeholder(std::string_view name) {
    std::string out = "<";
    for (char c : name) out += (c == ':' ? '.' : (c == '<' || c == '>') ? '_' : c);
    return out + ">";
}

namespace sources {

std::string element_of(const std::string& pointer) {
    static constexpr std::string_view kElements[] = {"NotAction", "Action", "NotResource", "Resource", "NotPrincipal",
                                                     "Principal", "Condition", "Effect", "Sid", "Version"};
    std::string best;
    std::size_t best_at = 0;
    for (std::string_view e : kElements) {
        const std::string token = "/" + std::string(e);
        for (std::size_t at = pointer.find(token); at != std::string::npos; at = pointer.find(token, at + 1)) {
            const std::size_t end = at + token.size();
            if (end != pointer.size() && pointer[end] != '/') continue;
            if (best.empty() || at >= best_at) {
                best = std::string(e);
                best_at = at;
            }
        }
    }
    return best;
}

Finding source_finding(std::string check_id, std::string path, Location where, std::string message, std::string fix,
                       Severity severity) {
    Finding f;
    f.check_id = std::move(check_id);
    f.severity = severity;
    f.message = std::move(message);
    f.fix = std::move(fix);
    f.path = std::move(path);
    f.location = std::move(where);
    if (f.location.line == 0) f.location.line = f.location.column = 1;
    return f;
}

namespace {

bool has_extension(std::string_view path, std::string_view ext) {
    return path.size() > ext.size() && util::iequals(path.substr(path.size() - ext.size()), ext);
}

// Horspool's search skips ahead by up to the needle's length.
bool contains(std::string_view text, std::string_view what) {
    return std::search(text.begin(), text.end(), std::boyer_moore_horspool_searcher(what.begin(), what.end())) !=
           text.end();
}

// A top-level YAML key "name:" at the start of a line.
bool yaml_top_key(std::string_view text, std::string_view name) {
    for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
        if (at != 0 && text[at - 1] != '\n') continue;
        const std::size_t after = at + name.size();
        if (after < text.size() && text[after] == ':') return true;
        if (after + 1 < text.size() && (text[after] == '"' || text[after] == '\'') && text[after + 1] == ':')
            return true;
    }
    return false;
}

// The quoted names detect() asks a JSON text about, found in one pass over its quotes
// (a search for each name would stop at every '"' of the text for each of them).
struct QuotedNames {
    bool template_version = false, resources = false, format_version = false, planned_values = false,
         resource_changes = false, cdk_type = false, statement = false, effect = false, version_2012 = false,
         version_2008 = false;

    explicit QuotedNames(std::string_view text) {
        for (std::size_t at = text.find('"'); at != std::string_view::npos; at = text.find('"', at + 1)) {
            const std::string_view rest = text.substr(at);
            if (rest.size() < 2) break;
            switch (rest[1]) {
                case 'A': template_version = template_version || rest.starts_with("\"AWSTemplateFormatVersion\""); break;
                case 'R': resources = resources || rest.starts_with("\"Resources\""); break;
                case 'f': format_version = format_version || rest.starts_with("\"format_version\""); break;
                case 'p': planned_values = planned_values || rest.starts_with("\"planned_values\""); break;
                case 'r': resource_changes = resource_changes || rest.starts_with("\"resource_changes\""); break;
                case 'a': cdk_type = cdk_type || rest.starts_with("\"aws:cdk:cloudformation:type\""); break;
                case 'S': statement = statement || rest.starts_with("\"Statement\""); break;
                case 'E': effect = effect || rest.starts_with("\"Effect\""); break;
                case '2':
                    version_2012 = version_2012 || rest.starts_with("\"2012-10-17\"");
                    version_2008 = version_2008 || rest.starts_with("\"2008-10-17\"");
                    break;
                default: break;
            }
        }
    }
};

bool looks_like_json(std::string_view bytes) {
    for (char c : bytes) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        return c == '{' || c == '[';
    }
    return false;
}

// For each input that a .tf file of the inputs reads with file("...") or templatefile("...") (a literal path,
// maybe after ${path.module}/), the directory of that module; "" for the others.
std::vector<std::string> terraform_file_reads(const std::vector<Input>& inputs, const LintOptions& options) {
    namespace fs = std::filesystem;
    std::vector<std::string> out(inputs.size());
    if (options.format) return out;
    std::map<std::string, std::string> read;  // normalized path -> module directory
    for (const Input& input : inputs) {
        if (!has_extension(input.path, ".tf")) continue;
        const fs::path dir = fs::path(input.path).parent_path();
        const std::string_view text = input.bytes;
        // file("...") and templatefile("...", ...): "file(\"" ends both names.
        for (std::size_t at = text.find("file(\""); at != std::string_view::npos; at = text.find("file(\"", at + 6)) {
            const std::size_t name = at >= 8 && text.substr(at - 8, 8) == "template" ? at - 8 : at;
            if (name > 0 && (std::isalnum(static_cast<unsigned char>(text[name - 1])) || text[name - 1] == '_')) continue;
            const std::size_t start = at + 6;
            const std::size_t end = text.find('"', start);
            if (end == std::string_view::npos) break;
            std::string arg(text.substr(start, end - start));
            for (std::string_view prefix : {"${path.module}/", "./"})
                if (arg.starts_with(prefix)) arg.erase(0, prefix.size());
            if (arg.empty() || arg.find("${") != std::string::npos || fs::path(arg).is_absolute()) continue;
            read.emplace((dir / arg).lexically_normal().string(), dir.string());
        }
    }
    if (read.empty()) return out;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (inputs[i].named || has_extension(inputs[i].path, ".tf")) continue;  // a file named on its own stays one
        if (auto it = read.find(fs::path(inputs[i].path).lexically_normal().string()); it != read.end())
            out[i] = it->second;
    }
    return out;
}

}  // namespace

std::optional<SourceFormat> detect(std::string_view path, std::string_view bytes) {
    if (has_extension(path, ".tf")) return SourceFormat::terraform;
    // Terraform's JSON syntax is not read (yet): its policies are not a policy file's.
    if (has_extension(path, ".tf.json")) return std::nullopt;
    // CloudFormation: AWSTemplateFormatVersion, or a Resources map of AWS:: types (SAM and
    // CDK output included); a policy document never has a "Resources" member with "Type"s.
    auto cfn_types = [&] { return contains(bytes, "AWS::") && contains(bytes, "Type"); };
    if (looks_like_json(bytes)) {
        const QuotedNames names(bytes);
        if (names.template_version || (names.resources && cfn_types())) return SourceFormat::cloudformation;
        // `terraform show -json PLANFILE`.
        if (names.format_version && (names.planned_values || names.resource_changes)) return SourceFormat::terraform_plan;
        // AWS CDK's construct tree (cdk.out/tree.json) quotes every template's properties,
        // policy statements included; the templates beside it are what gets deployed.
        if (names.cdk_type) return std::nullopt;
        // A policy, or one whose Statement is misspelled: its Effect or Version still says so.
        if (names.statement || names.effect || names.version_2012 || names.version_2008) return SourceFormat::policy;
        return std::nullopt;
    }
    if (yaml_top_key(bytes, "AWSTemplateFormatVersion") || (yaml_top_key(bytes, "Resources") && cfn_types()))
        return SourceFormat::cloudformation;
    if (yaml_top_key(bytes, "service") && yaml_top_key(bytes, "provider")) return SourceFormat::serverless;
    return std::nullopt;
}

Stack read_policy(const Input& input, const LintOptions& options) {
    Stack stack;
    stack.path = input.path;
    stack.format = SourceFormat::policy;
    stack.files.push_back(input.path);
    ParseResult parsed = parse_policy(input.bytes, input.path, options.limits, options.kind);
    for (Finding& f : parsed.diagnostics) stack.diagnostics.push_back(std::move(f));
    if (parsed.usable) {
        StackDocument doc;
        doc.policy = std::move(parsed.policy);
        stack.documents.push_back(std::move(doc));
    }
    return stack;
}

Stack read_bundle(const std::vector<const Input*>& inputs, const LintOptions& options) {
    Stack stack;
    stack.format = SourceFormat::policy;
    StackPrincipal principal;
    for (const Input* input : inputs) {
        if (stack.path.empty()) stack.path = input->path;
        Stack one = read_policy(*input, options);
        stack.files.push_back(input->path);
        for (Finding& f : one.diagnostics) stack.diagnostics.push_back(std::move(f));
        for (StackDocument& doc : one.documents) {
            principal.documents.push_back(stack.documents.size());
            stack.documents.push_back(std::move(doc));
        }
    }
    stack.principals.push_back(std::move(principal));
    return stack;
}

std::vector<SourceJob> plan(const std::vector<Input>& inputs, const LintOptions& options, bool bundle,
                            std::vector<bool>& skipped) {
    skipped.assign(inputs.size(), false);
    std::vector<SourceJob> jobs;
    if (bundle) {
        SourceJob job;
        job.bundle = true;
        job.format = SourceFormat::policy;
        for (std::size_t i = 0; i < inputs.size(); ++i) job.inputs.push_back(i);
        if (!job.inputs.empty()) jobs.push_back(std::move(job));
        return jobs;
    }
    // The .tf files of one directory are one module; the files they read with file() are
    // part of it (their findings come with the resource that uses them), not policies of their own.
    std::map<std::string, std::size_t> modules;
    const std::vector<std::string> module_files = terraform_file_reads(inputs, options);
    // Detection looks at every byte (a few instructions a byte, 2% of linting AWS's managed
    // policies): on the lint threads, each input's answer in its own slot.
    std::vector<std::optional<SourceFormat>> detected(inputs.size());
    if (!options.format)
        util::for_each_index(inputs.size(), options.jobs, [&](std::size_t i) {
            if (module_files[i].empty()) detected[i] = detect(inputs[i].path, inputs[i].bytes);
        });
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const Input& input = inputs[i];
        if (!module_files[i].empty() && !options.format) {
            auto [it, inserted] = modules.emplace(module_files[i], jobs.size());
            if (inserted) jobs.push_back(SourceJob{{}, SourceFormat::terraform, false});
            jobs[it->second].inputs.push_back(i);
            continue;
        }
        std::optional<SourceFormat> format = options.format ? options.format : detected[i];
        if (!format && !input.named) {
            skipped[i] = true;
            continue;
        }
        // A named file that is none of ours is read as a policy when it is (or claims to be)
        // JSON, so that the parser says what is wrong; else its job says what was expected.
        if (!format && (looks_like_json(input.bytes) || input.bytes.empty() || has_extension(input.path, ".json") ||
                        input.path == "-"))
            format = SourceFormat::policy;
        if (format == SourceFormat::terraform) {
            const std::string dir = std::filesystem::path(input.path).parent_path().string();
            auto [it, inserted] = modules.emplace(dir, jobs.size());
            if (inserted) jobs.push_back(SourceJob{{}, format, false});
            jobs[it->second].inputs.push_back(i);
            continue;
        }
        jobs.push_back(SourceJob{{i}, format, false});
    }
    return jobs;
}

Stack read(const SourceJob& job, const std::vector<Input>& inputs, const LintOptions& options) {
    std::vector<const Input*> files;
    for (std::size_t i : job.inputs) files.push_back(&inputs[i]);
    if (job.bundle) return read_bundle(files, options);
    const Input& input = *files.front();
    if (!job.format) {
        Stack stack;
        stack.path = input.path;
        stack.files.push_back(input.path);
        stack.diagnostics.push_back(source_finding(
            "unknown-input-format", input.path, {1, 1, ""},
            "this file is neither an IAM policy (JSON with a \"Statement\"), a CloudFormation, SAM or CDK "
            "template, a serverless.yml, a Terraform file nor a Terraform plan in JSON",
            "name the format with --input policy|cloudformation|serverless|terraform|terraform-plan, or leave "
            "the file out"));
        return stack;
    }
    switch (*job.format) {
        case SourceFormat::policy: return read_policy(input, options);
        case SourceFormat::cloudformation: return read_cloudformation(input, options);
        case SourceFormat::serverless: return read_serverless(input, options);
        case SourceFormat::terraform_plan: return read_terraform_plan(input, options);
        case SourceFormat::terraform: return read_terraform(files, options);
    }
    return read_policy(input, options);
}

}  // namespace sources
}  // namespace ddbguard
