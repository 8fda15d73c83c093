#pragma once
// Reading files at a git revision without a checkout: `git cat-file` and `git ls-tree`,
// run as child processes in the current directory (no shell, so paths are never parsed).
#include <optional>
#include <string>
#include <vector>

namespace ddbguard::diff::git {

struct Run {
    int status = -1;  // exit status; -1 when git could not be started
    std::string out, err;
};
Run run(const std::vector<std::string>& args);

// "" when `revision` names a commit or tree, else the reason (git's own words).
std::string verify_revision(const std::string& revision);

enum class Entry { missing, file, directory };
// What `path` (relative to the current directory, or absolute inside the work tree) is at `revision`.
Entry entry_at(const std::string& revision, const std::string& path);
// The contents of a file at `revision`; nullopt when it cannot be read.
std::optional<std::string> read_at(const std::string& revision, const std::string& path);
// The files under directory `path` at `revision`, relative to that directory, sorted.
std::vector<std::string> files_under(const std::string& revision, const std::string& path);

}  // namespace ddbguard::diff::git
