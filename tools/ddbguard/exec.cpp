// The two times the CLI replaces its own process (execve, same arguments):
// - `prove` and `lint --prove` in a build whose `ddbguard` has no solver: the static executable
//   (CMakeLists.txt, DDBGUARD_STATIC_CLI) cannot contain Z3, so it hands the whole command line
//   to `ddbguard-prove`, the same CLI linked with Z3, found beside it;
// - `lint` of large inputs, which re-runs itself with transparent huge pages for malloc.
// Both set glibc's tunables glibc.malloc.hugetlb=1 and glibc.malloc.tcache_count=4096, which
// glibc reads only at process start.
// On a VM each 4 KB page fault is dear: Z3 touches tens of megabytes as it starts (`prove` of one
// row-level file: about 5,000 page faults, 700 with the tunable), and lint of a 1 MB template
// touches about 30 MB (7,600 faults, 1,700 with it; 160 ms a run, 75 ms with it).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"

namespace ddbguard::cli {
namespace {
std::vector<char*> command_line;  // argv as main() received it, null-terminated

std::string own_path() {
    std::string self(4096, '\0');
    const ssize_t n = ::readlink("/proc/self/exe", self.data(), self.size() - 1);
    self.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return self;
}

// True when a GLIBC_TUNABLES value already names the tunable: the user's choice, or this
// process is the re-run one.
bool names_huge_pages(std::string_view tunables) {
    return tunables.find("glibc.malloc.hugetlb") != std::string_view::npos;
}

// What the new process gets, each unless the user's GLIBC_TUNABLES already sets it: huge
// pages for malloc, and a per-thread cache of up to 4,096 freed blocks of each small size
// instead of 7. Parsing builds and frees trees of hundreds of thousands of small blocks, and
// with 7 most of them went through malloc's slower bins: 5% of linting AWS's managed
// policies, 2.5% of a 1 MB template, in instructions (peak memory 1-3 MB more).
constexpr std::string_view kTunables[] = {"glibc.malloc.hugetlb=1", "glibc.malloc.tcache_count=4096"};

// `entry` ("GLIBC_TUNABLES=..." or empty) with the tunables above that it does not name.
std::string with_tunables(std::string_view entry) {
    std::string out = entry.empty() ? std::string("GLIBC_TUNABLES=") : std::string(entry);
    for (const std::string_view tunable : kTunables) {
        if (entry.find(tunable.substr(0, tunable.find('='))) != std::string_view::npos) continue;
        if (out.back() != '=') out += ':';
        out += tunable;
    }
    return out;
}

// Replaces this process with `program`, this process's arguments (argv[0] too, unless
// `rename`) and environment, plus the tunables. Returns only when exec failed.
void exec_with_huge_pages(std::string program, bool rename) {
    std::cout.flush();
    std::fflush(nullptr);
    std::vector<char*> argv = command_line;
    if (rename) argv[0] = program.data();
    std::string tunables = with_tunables({});
    std::vector<char*> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        if (!entry.starts_with("GLIBC_TUNABLES=")) env.push_back(*e);
        else tunables = with_tunables(entry);
    }
    env.push_back(tunables.data());
    env.push_back(nullptr);
    ::execve(program.c_str(), argv.data(), env.data());
}
}  // namespace

void remember_command_line(int argc, char** argv) {
    command_line.assign(argv, argv + argc);
    command_line.push_back(nullptr);
}

void run_in_prover_build() {
    if (prover_available() || command_line.empty()) return;
    const std::string self = own_path();
    const std::size_t slash = self.rfind('/');
    if (slash == std::string::npos) return;
    std::string prover = self.substr(0, slash + 1) + "ddbguard-prove";
    if (prover == self || ::access(prover.c_str(), X_OK) != 0) return;
    exec_with_huge_pages(prover, true);
    // Only returns when exec failed: the caller says that there is no solver.
}

void rerun_with_huge_pages(const std::function<std::uint64_t()>& input_bytes) {
    // Below this the exec (about 1.5 ms here) costs more than the page faults it saves.
    constexpr std::uint64_t threshold = 256 * 1024;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (command_line.empty() || (tunables != nullptr && names_huge_pages(tunables))) return;
    if (input_bytes() < threshold) return;
    const std::string self = own_path();
    if (self.empty()) return;
    exec_with_huge_pages(self, false);
    // exec failed: go on in this process, only slower.
}

}  // namespace ddbguard::cli
