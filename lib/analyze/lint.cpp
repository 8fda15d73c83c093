// Parse, run every selected check, filter, sort. Checks see the policy set that
// is judged together: one file, or all files of a bundle.
#include <algorithm>
#include <cstdint>
#include <exception>
#include <map>
#include <set>
#include <unordered_set>

#include "analyze/check.hpp"
#include "analyze/isolation/isolation.hpp"
#include "analyze/practices.hpp"
#include "sources/sources.hpp"
#include "util/parallel.hpp"

namespace ddbguard {

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

std::optional<Severity> severity_from_string(std::string_view s) {
    for (Severity v : {Severity::info, Severity::warning, Severity::error})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

namespace analyze {

Context::Context(const std::vector<const Policy*>& policies, const LintOptions& options, const Stack* stack,
                 const StackPrincipal* principal)
    : policies_(policies), options_(options), stack_(stack), principal_(principal) {}

Context::~Context() = default;

const StackDocument* Context::document(const Policy& policy) const {
    if (!stack_ || stack_->documents.empty()) return nullptr;
    // A policy of the stack is the member of the document at its place in the vector.
    const auto first = reinterpret_cast<std::uintptr_t>(&stack_->documents.front().policy);
    const auto at = reinterpret_cast<std::uintptr_t>(&policy);
    if (at < first) return nullptr;
    const std::size_t i = (at - first) / sizeof(StackDocument);
    if (i < stack_->documents.size() && &stack_->documents[i].policy == &policy) return &stack_->documents[i];
    return nullptr;
}

const isolation::Analysis& Context::analysis() const {
    if (!analysis_) analysis_ = std::make_unique<isolation::Analysis>(policies_);
    return *analysis_;
}

void Context::report(const CheckDoc& check, const Policy& policy, const Location& where, std::string message,
                     std::string fix) {
    Finding f;
    f.check_id = std::string(check.id);
    f.severity = check.severity;
    f.message = std::move(message);
    f.fix = std::move(fix);
    f.path = policy.path;
    f.location = where;
    findings_.push_back(std::move(f));
}

namespace {

bool selected(std::string_view id, const LintOptions& options) {
    if (options.select.empty() && options.ignore.empty()) return true;  // every check, the common case
    auto in = [&](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), id) != list.end();
    };
    if (!options.select.empty() && !in(options.select)) return false;
    return !in(options.ignore);
}

bool explicitly_selected(std::string_view id, const LintOptions& options) {
    return std::find(options.select.begin(), options.select.end(), id) != options.select.end();
}

// "AWS::IAM::Role AppRole (Stack/AppRole/Resource)", and the managed policy when the finding
// is in one (its nodes all stand at the reference, which alone does not say which policy).
std::string owner_prefix(const StackDocument& doc) {
    std::string prefix = doc.owner.label();
    if (!doc.managed_policy.empty()) prefix += (prefix.empty() ? "" : ", ") + doc.name;
    return prefix;
}

// The stack document of `candidates` a finding points into: same file, pointer inside the
// document's root (the longest such root).
const StackDocument* document_of(const std::vector<const StackDocument*>& candidates, const Finding& f) {
    const StackDocument* best = nullptr;
    std::size_t best_size = 0;
    std::string pointer;
    for (const StackDocument* doc : candidates) {
        if (doc->policy.path != f.path) continue;
        const std::string root = doc->policy.root.loc.pointer.str();
        if (pointer.empty()) pointer = f.location.pointer.str();
        if (pointer.compare(0, root.size(), root) != 0) continue;
        if (pointer.size() > root.size() && pointer[root.size()] != '/') continue;
        if (!best || root.size() > best_size) {
            best = doc;
            best_size = root.size();
        }
    }
    return best;
}

// A finding with the variant of the document it was found in (Fn::If), before the
// findings of all variants are merged.
struct Raw {
    Finding finding;
    const StackDocument* document = nullptr;
};

void run_checks(const std::vector<const Policy*>& set, const LintOptions& options, const Stack& stack,
                const StackPrincipal* principal, std::vector<Raw>& out) {
    if (set.empty()) return;
    Context context(set, options, &stack, principal);
    // AWS's own documents are judged for what they grant, not for how they are written.
    std::vector<const Policy*> authored;
    for (const Policy* p : set)
        if (const StackDocument* doc = context.document(*p); !doc || doc->managed_policy.empty()) authored.push_back(p);
    Context writing(authored, options, &stack, principal);
    const bool all_authored = authored.size() == set.size();
    for (const Check* check : all_checks()) {
        if (!selected(check->doc().id, options) || check->stack_scope()) continue;
        Context& target = !all_authored && judges_writing(*check) ? writing : context;
        if (target.policies().empty()) continue;
        try {
            check->run(target);
        } catch (const std::exception& ex) {
            // A check must never take the run down; say which one failed instead of passing silently.
            Finding f;
            f.check_id = "internal-error";
            f.severity = Severity::error;
            f.message = "check " + std::string(check->doc().id) + " failed: " + ex.what() +
                        "; this policy was not fully analyzed (please report it)";
            f.path = set.front()->path;
            f.location = {1, 1, ""};
            target.report(std::move(f));
        }
    }
    std::vector<const StackDocument*> documents;
    for (const Policy* p : set)
        if (const StackDocument* doc = context.document(*p)) documents.push_back(doc);
    for (Context* c : {&writing, &context})
        for (Finding& f : c->findings()) {
            const StackDocument* doc = document_of(documents, f);
            if (doc && !doc->owner.id.empty()) f.message = owner_prefix(*doc) + ": " + f.message;
            out.push_back({std::move(f), doc});
        }
}

// The checks of the stack as a whole, once.
void run_stack_checks(const Stack& stack, const LintOptions& options, std::vector<Raw>& out) {
    const std::vector<const Policy*> none;
    Context context(none, options, &stack, nullptr);
    for (const Check* check : all_checks()) {
        if (!check->stack_scope() || !selected(check->doc().id, options)) continue;
        try {
            check->run(context);
        } catch (const std::exception& ex) {
            Finding f;
            f.check_id = "internal-error";
            f.severity = Severity::error;
            f.message = "check " + std::string(check->doc().id) + " failed: " + ex.what() +
                        "; this stack was not fully analyzed (please report it)";
            f.path = stack.path;
            f.location = {1, 1, ""};
            context.report(std::move(f));
        }
    }
    for (Finding& f : context.findings()) out.push_back({std::move(f), nullptr});
}

// The findings of every variant of a document (Fn::If branches) are merged: one that every
// variant gives stands alone; one that only some give names them.
void merge_variants(const Stack& stack, std::vector<Raw>& raw, std::vector<Finding>& out) {
    std::map<std::string, std::size_t> variants_of;  // document root -> how many variants it has
    for (const StackDocument& doc : stack.documents)
        if (!doc.variant.empty()) ++variants_of[doc.policy.path + "#" + doc.policy.root.loc.pointer.str()];
    auto key = [](const Finding& f) {
        return f.check_id + "|" + f.path + "|" + std::to_string(f.location.line) + ":" +
               std::to_string(f.location.column) + "|" + f.message;
    };
    if (variants_of.empty()) {
        // No document has variants: only identical findings (a document checked twice) are merged.
        std::unordered_set<std::string> emitted;
        emitted.reserve(raw.size());
        for (Raw& r : raw)
            if (emitted.insert(key(r.finding)).second) out.push_back(std::move(r.finding));
        return;
    }
    std::map<std::string, std::vector<std::string>> seen;  // finding -> variants it was found in ("" = all)
    for (const Raw& r : raw) {
        std::vector<std::string>& v = seen[key(r.finding)];
        const std::string variant = r.document ? r.document->variant : std::string();
        if (std::find(v.begin(), v.end(), variant) == v.end()) v.push_back(variant);
    }
    std::set<std::string> emitted;
    for (Raw& r : raw) {
        const std::string k = key(r.finding);
        if (!emitted.insert(k).second) continue;
        const std::vector<std::string>& v = seen[k];
        const bool everywhere =
            std::find(v.begin(), v.end(), std::string()) != v.end() || !r.document ||
            v.size() >= variants_of[r.document->policy.path + "#" + r.document->policy.root.loc.pointer.str()];
        if (!everywhere) {
            std::string when;
            for (const std::string& x : v) when += (when.empty() ? "" : "; or ") + x;
            r.finding.message += " (in the variant where " + when + ")";
        }
        out.push_back(std::move(r.finding));
    }
}

// Every principal is judged with everything attached to it (Allows are a union); the
// documents that belong to no principal (resource, key and endpoint policies, a loose
// file) are judged alone. A document attached to two principals is checked twice; the
// identical findings are merged when the report is finished.
void lint_stack(const Stack& stack, const LintOptions& options, std::vector<Finding>& out) {
    std::vector<const StackDocument*> all;
    for (const StackDocument& doc : stack.documents) all.push_back(&doc);
    for (Finding f : stack.diagnostics) {
        // Name the resource in templates: the reader of a finding knows its logical id.
        if (const StackDocument* doc = document_of(all, f); doc && !doc->owner.id.empty())
            f.message = owner_prefix(*doc) + ": " + f.message;
        out.push_back(std::move(f));
    }
    std::vector<Raw> raw;
    std::vector<bool> grouped(stack.documents.size(), false);
    for (const StackPrincipal& principal : stack.principals) {
        std::vector<const Policy*> set;
        for (std::size_t i : principal.documents) {
            set.push_back(&stack.documents[i].policy);
            grouped[i] = true;
        }
        if (principal.trust) {
            set.push_back(&stack.documents[*principal.trust].policy);
            grouped[*principal.trust] = true;
        }
        run_checks(set, options, stack, &principal, raw);
    }
    for (std::size_t i = 0; i < stack.documents.size(); ++i)
        if (!grouped[i]) run_checks({&stack.documents[i].policy}, options, stack, nullptr, raw);
    run_stack_checks(stack, options, raw);
    merge_variants(stack, raw, out);
}

bool path_matches(std::string_view pattern, std::string_view path) {
    if (pattern == path) return true;
    return path.size() > pattern.size() && path.substr(path.size() - pattern.size()) == pattern &&
           path[path.size() - pattern.size() - 1] == '/';
}

bool suppressed(const Finding& f, const LintOptions& options) {
    for (const Suppression& s : options.suppressions)
        if (s.check_id == f.check_id && path_matches(s.path, f.path) &&
            (s.pointer.empty() || s.pointer == f.location.pointer))
            return true;
    return false;
}

void finish(FileReport& r) {
    // Sorted through their indexes: a finding is moved once, not at every step of the sort.
    std::vector<std::size_t> order(r.findings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
        const Finding& a = r.findings[i];
        const Finding& b = r.findings[j];
        return std::tie(a.location.line, a.location.column, a.check_id) <
               std::tie(b.location.line, b.location.column, b.check_id);
    });
    std::vector<Finding> sorted;
    sorted.reserve(order.size());
    for (std::size_t i : order) sorted.push_back(std::move(r.findings[i]));
    r.findings = std::move(sorted);
    auto same = [](const Finding& a, const Finding& b) {
        return a.check_id == b.check_id && a.location.line == b.location.line &&
               a.location.column == b.location.column && a.message == b.message;
    };
    r.findings.erase(std::unique(r.findings.begin(), r.findings.end(), same), r.findings.end());
}

// Spells out a finding's JSON pointers, so that it no longer shares (and keeps alive) the
// pointer trail of the tree it was found in: the reports outlive the stacks.
void spell_out(Location& loc) { loc.pointer = loc.pointer.str(); }
void spell_out(Finding& f) {
    spell_out(f.location);
    for (RelatedLocation& r : f.related) spell_out(r.location);
    if (f.counterexample)
        for (StatementTrace& t : f.counterexample->decision.matched) {
            spell_out(t.location);
            for (ConditionTrace& c : t.conditions) spell_out(c.location);
        }
}

// Reads and lints one stack and files its findings in the reports of its inputs.
void lint_job(const sources::SourceJob& job, const std::vector<Input>& inputs, const LintOptions& options,
              std::vector<FileReport>& reports) {
    const Stack stack = sources::read(job, inputs, options);
    std::vector<Finding> findings;
    lint_stack(stack, options, findings);
    for (std::size_t i : job.inputs) reports[i].format = stack.format;
    std::erase_if(findings, [&](const Finding& f) {
        return (!selected(f.check_id, options) && f.check_id != "internal-error") || suppressed(f, options);
    });
    if (options.practices) reports[job.inputs.front()].practices = summarize_practices(stack, findings, options);
    for (Finding& f : findings) {
        spell_out(f);
        std::size_t target = job.inputs.front();
        for (std::size_t i : job.inputs)
            if (reports[i].path == f.path) target = i;
        if (f.severity == Severity::info && !options.show_info && !explicitly_selected(f.check_id, options)) {
            ++reports[target].hidden_info;
            continue;
        }
        reports[target].findings.push_back(std::move(f));
    }
}

std::vector<FileReport> lint(const std::vector<Input>& inputs, const LintOptions& options, bool bundle) {
    std::vector<FileReport> reports(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) reports[i].path = inputs[i].path;
    std::vector<bool> skipped;
    const std::vector<sources::SourceJob> sets = sources::plan(inputs, options, bundle, skipped);
    for (std::size_t i = 0; i < inputs.size(); ++i) reports[i].skipped = skipped[i];
    // Each worker reads and lints the next stack; every stack writes only its own inputs'
    // reports, so the output is the same for any number of jobs.
    util::for_each_index(sets.size(), options.jobs, [&](std::size_t i) { lint_job(sets[i], inputs, options, reports); });
    for (FileReport& r : reports) finish(r);
    return reports;
}

std::vector<Input> as_inputs(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<Input> inputs;
    inputs.reserve(pairs.size());
    for (const auto& [path, bytes] : pairs) inputs.push_back({path, bytes, true});
    return inputs;
}

}  // namespace
}  // namespace analyze

std::vector<FileReport> lint_inputs(const std::vector<Input>& inputs, const LintOptions& options) {
    return analyze::lint(inputs, options, false);
}

std::vector<FileReport> lint_inputs_bundle(const std::vector<Input>& inputs, const LintOptions& options) {
    return analyze::lint(inputs, options, true);
}

std::vector<FileReport> lint_each(const std::vector<std::pair<std::string, std::string>>& inputs,
                                  const LintOptions& options) {
    return analyze::lint(analyze::as_inputs(inputs), options, false);
}

std::vector<FileReport> lint_bundle(const std::vector<std::pair<std::string, std::string>>& inputs,
                                    const LintOptions& options) {
    return analyze::lint(analyze::as_inputs(inputs), options, true);
}

}  // namespace ddbguard
