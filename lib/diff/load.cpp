// Inputs to policy sets: loose files, directories and bundles, from the working tree or
// from a git revision. Template readers (CloudFormation, Terraform) plug in here: they
// turn one template into one set per principal, keyed "template#principal".
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "ddbguard/diff.hpp"
#include "diff/git.hpp"

namespace ddbguard {

namespace {

namespace fs = std::filesystem;

struct Document {
    std::string key;      // relative to the directory argument, or the file argument itself
    std::string shown;    // path shown in messages ("REV:path" from git)
    std::string bytes;
};

std::string join(const std::string& dir, const std::string& key) {
    if (dir.empty() || dir == "." || dir == "./") return key;
    return dir.back() == '/' ? dir + key : dir + "/" + key;
}

bool is_json(const std::string& name) { return fs::path(name).extension() == ".json"; }

// At most one byte over the limit, so that the parser reports the oversized file.
bool read_limited(const std::string& path, std::size_t max_bytes, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::error_code ec;
    std::size_t size = fs::file_size(path, ec);
    if (ec) size = max_bytes + 1;
    out.resize(std::min(size, max_bytes) + 1);
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<std::size_t>(in.gcount()));
    return true;
}

// The documents `path` names in the working tree; false (with `error`) when unreadable.
bool from_working_tree(const std::string& path, const LoadOptions& options, std::vector<Document>& docs,
                       LoadResult& result) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::vector<std::pair<std::string, std::string>> files;  // key, path
        for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
            if (it->is_regular_file(ec) && is_json(it->path().string())) {
                std::string key = it->path().lexically_relative(path).generic_string();
                std::string shown = join(path, key);
                files.emplace_back(std::move(key), std::move(shown));
            }
        if (ec) {
            result.error = "cannot read directory " + path + ": " + ec.message();
            return false;
        }
        std::sort(files.begin(), files.end());
        for (auto& [key, file] : files) {
            Document d{key, file, {}};
            if (!read_limited(file, options.limits.max_bytes, d.bytes)) {
                result.error = "cannot read " + file;
                return false;
            }
            docs.push_back(std::move(d));
        }
        return true;
    }
    if (!fs::exists(path, ec)) {
        if (options.missing_ok) {
            result.missing.push_back(path);
            return true;
        }
        result.error = "no such file or directory: " + path;
        return false;
    }
    Document d{path, path, {}};
    if (!read_limited(path, options.limits.max_bytes, d.bytes)) {
        result.error = "cannot read " + path;
        return false;
    }
    docs.push_back(std::move(d));
    return true;
}

bool from_revision(const std::string& path, const LoadOptions& options, std::vector<Document>& docs,
                   LoadResult& result) {
    const std::string& rev = options.revision;
    switch (diff::git::entry_at(rev, path)) {
        case diff::git::Entry::missing:
            if (options.missing_ok) {
                result.missing.push_back(path);
                return true;
            }
            result.error = path + " does not exist at revision " + rev;
            return false;
        case diff::git::Entry::directory:
            for (const std::string& key : diff::git::files_under(rev, path)) {
                if (!is_json(key)) continue;
                const std::string file = join(path, key);
                auto bytes = diff::git::read_at(rev, file);
                if (!bytes) {
                    result.error = "cannot read " + file + " at revision " + rev;
                    return false;
                }
                docs.push_back(Document{key, rev + ":" + file, std::move(*bytes)});
            }
            return true;
        case diff::git::Entry::file: {
            auto bytes = diff::git::read_at(rev, path);
            if (!bytes) {
                result.error = "cannot read " + path + " at revision " + rev;
                return false;
            }
            docs.push_back(Document{path, rev + ":" + path, std::move(*bytes)});
            return true;
        }
    }
    return true;
}

std::string first_problem(const ParseResult& p) {
    for (const Finding& f : p.diagnostics)
        if (f.severity == Severity::error)
            return std::to_string(f.location.line) + ":" + std::to_string(f.location.column) + ": " + f.message;
    return "it is not a policy";
}

}  // namespace

LoadResult load_policy_sets(const std::vector<std::string>& paths, const LoadOptions& options) {
    LoadResult result;
    std::vector<Document> docs;
    for (const std::string& path : paths) {
        const bool ok = options.revision.empty() ? from_working_tree(path, options, docs, result)
                                                 : from_revision(path, options, docs, result);
        if (!ok) {
            result.sets.clear();
            return result;
        }
    }
    PolicySet bundle;
    bundle.key = "bundle";
    for (Document& d : docs) {
        ParseResult parsed = parse_policy(d.bytes, d.shown, options.limits, options.kind);
        if (!parsed.usable && !options.unusable_ok) {
            result.error = d.shown + " is not a usable policy: " + first_problem(parsed);
            result.sets.clear();
            return result;
        }
        if (options.bundle) {
            bundle.label += (bundle.label.empty() ? "" : " ") + d.shown;
            bundle.policies.push_back(std::move(parsed));
        } else {
            PolicySet set;
            set.key = d.key;
            set.label = d.shown;
            set.policies.push_back(std::move(parsed));
            result.sets.push_back(std::move(set));
        }
    }
    if (options.bundle && !bundle.policies.empty()) result.sets.push_back(std::move(bundle));
    return result;
}

LoadedChange load_change(const ChangeInput& input) {
    LoadedChange change;
    LoadOptions new_options;
    new_options.bundle = input.bundle;
    new_options.limits = input.limits;
    new_options.kind = input.kind;
    // An OLD document that is not a usable policy is compared as granting nothing, so
    // that a change which repairs a broken file can go through.
    LoadOptions old_options = new_options;
    old_options.unusable_ok = true;

    if (!input.base.empty()) {
        if (input.new_paths.empty()) {
            change.error = "give the paths to compare with --base";
            return change;
        }
        if (std::string why = diff::git::verify_revision(input.base); !why.empty()) {
            change.error = "--base " + input.base + ": " + why;
            return change;
        }
        new_options.missing_ok = old_options.missing_ok = true;
        old_options.revision = input.base;
        LoadResult now = load_policy_sets(input.new_paths, new_options);
        if (!now.error.empty()) {
            change.error = now.error;
            return change;
        }
        LoadResult then = load_policy_sets(input.new_paths, old_options);
        if (!then.error.empty()) {
            change.error = then.error;
            return change;
        }
        for (const std::string& path : now.missing)
            if (std::find(then.missing.begin(), then.missing.end(), path) != then.missing.end()) {
                change.error = "no such file or directory: " + path + " (neither in the working tree nor at " +
                               input.base + ")";
                return change;
            }
        change.old_sets = std::move(then.sets);
        change.new_sets = std::move(now.sets);
        return change;
    }

    if (input.old_paths.size() != 1 || input.new_paths.size() != 1) {
        change.error = "give OLD and NEW (two files or two directories), or --base REV and the paths";
        return change;
    }
    const std::string& old_path = input.old_paths.front();
    const std::string& new_path = input.new_paths.front();
    std::error_code ec;
    for (const std::string& p : {old_path, new_path})
        if (!fs::exists(p, ec)) {
            change.error = "no such file or directory: " + p;
            return change;
        }
    const bool old_dir = fs::is_directory(old_path, ec), new_dir = fs::is_directory(new_path, ec);
    if (old_dir != new_dir && !input.bundle) {
        change.error = "compare a file with a file or a directory with a directory (" + old_path + " and " + new_path +
                       "), or use --bundle";
        return change;
    }
    LoadResult then = load_policy_sets(input.old_paths, old_options);
    if (!then.error.empty()) {
        change.error = then.error;
        return change;
    }
    LoadResult now = load_policy_sets(input.new_paths, new_options);
    if (!now.error.empty()) {
        change.error = now.error;
        return change;
    }
    // Two loose files are the two versions of one document, whatever their names.
    if (!old_dir && !input.bundle && then.sets.size() == 1 && now.sets.size() == 1) then.sets[0].key = now.sets[0].key;
    change.old_sets = std::move(then.sets);
    change.new_sets = std::move(now.sets);
    return change;
}

}  // namespace ddbguard
