#include "diff/git.hpp"

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

extern char** environ;

namespace ddbguard::diff::git {

namespace {

// Reads both pipes until they close, so that a child writing much to one never blocks.
void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    int open = 2;
    char buffer[65536];
    while (open > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
}

// A path git understands relative to the current directory ("./x": a path starting
// with ':' or '-' stays a path); absolute paths are made relative first.
std::string relative(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path p(path);
    if (p.is_absolute()) {
        const fs::path rel = fs::relative(p, fs::current_path(ec), ec);
        if (!ec && !rel.empty()) p = rel;
    }
    std::string norm = p.lexically_normal().string();
    while (norm.size() > 1 && norm.back() == '/') norm.pop_back();
    if (norm == "." || norm.empty()) return "./";
    if (norm.rfind("../", 0) == 0 || norm == "..") return norm;
    return "./" + norm;
}

}  // namespace

Run run(const std::vector<std::string>& args) {
    Run result;
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0) return result;
    if (pipe(err_pipe) != 0) {
        close(out_pipe[0]);
        close(out_pipe[1]);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", 0, 0);
    std::vector<std::string> argv_strings{"git"};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (spawned != 0) {
        close(out_pipe[0]);
        close(err_pipe[0]);
        result.err = "cannot run git";
        return result;
    }
    drain(out_pipe[0], err_pipe[0], result.out, result.err);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string verify_revision(const std::string& revision) {
    if (revision.empty() || revision.front() == '-') return "'" + revision + "' is not a revision";
    const Run r = run({"rev-parse", "--verify", "--quiet", revision + "^{tree}"});
    if (r.status == 0) return {};
    if (r.status < 0) return "git could not be run (is it installed?)";
    const Run inside = run({"rev-parse", "--is-inside-work-tree"});
    if (inside.status != 0) return "not inside a git repository";
    return "revision '" + revision + "' does not exist in this repository";
}

Entry entry_at(const std::string& revision, const std::string& path) {
    const Run r = run({"cat-file", "-t", revision + ":" + relative(path)});
    if (r.status != 0) return Entry::missing;
    if (r.out.rfind("tree", 0) == 0) return Entry::directory;
    if (r.out.rfind("blob", 0) == 0) return Entry::file;
    return Entry::missing;
}

std::optional<std::string> read_at(const std::string& revision, const std::string& path) {
    Run r = run({"cat-file", "blob", revision + ":" + relative(path)});
    if (r.status != 0) return std::nullopt;
    return std::move(r.out);
}

std::vector<std::string> files_under(const std::string& revision, const std::string& path) {
    namespace fs = std::filesystem;
    // Without --full-name, ls-tree prints paths relative to the current directory.
    std::string dir = relative(path);
    const Run r = run({"ls-tree", "-r", "-z", "--name-only", revision, "--", dir == "./" ? dir : dir + "/"});
    std::vector<std::string> files;
    if (r.status != 0) return files;
    const fs::path base = fs::path(dir).lexically_normal();
    std::size_t start = 0;
    while (start < r.out.size()) {
        std::size_t end = r.out.find('\0', start);
        if (end == std::string::npos) end = r.out.size();
        const std::string name = r.out.substr(start, end - start);
        start = end + 1;
        if (name.empty()) continue;
        std::string key = fs::path(name).lexically_relative(base).string();
        if (key.empty() || key.rfind("..", 0) == 0) key = name;
        files.push_back(std::move(key));
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace ddbguard::diff::git
