// `prove` and `lint --prove` in a build whose `ddbguard` has no solver: the static executable
// (CMakeLists.txt, DDBGUARD_STATIC_CLI) cannot contain Z3, so it hands the whole command line
// to `ddbguard-prove`, the same CLI linked with Z3, found beside it.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"

namespace ddbguard::cli {
namespace {
std::vector<char*> command_line;  // argv as main() received it, null-terminated
}

void remember_command_line(int argc, char** argv) {
    command_line.assign(argv, argv + argc);
    command_line.push_back(nullptr);
}

void run_in_prover_build() {
    if (prover_available() || command_line.empty()) return;
    std::string self(4096, '\0');
    const ssize_t n = ::readlink("/proc/self/exe", self.data(), self.size() - 1);
    if (n <= 0) return;
    self.resize(static_cast<std::size_t>(n));
    const std::size_t slash = self.rfind('/');
    if (slash == std::string::npos) return;
    std::string prover = self.substr(0, slash + 1) + "ddbguard-prove";
    if (prover == self || ::access(prover.c_str(), X_OK) != 0) return;
    std::cout.flush();
    std::fflush(nullptr);
    std::vector<char*> argv = command_line;
    argv[0] = prover.data();
    // Z3 touches tens of megabytes as it starts; on a VM each 4 KB page fault is dear, so the
    // prover asks glibc for transparent huge pages (a tunable, read only at process start):
    // `ddbguard prove` of one row-level file went from about 5,000 page faults to 700.
    std::string tunables = "GLIBC_TUNABLES=glibc.malloc.hugetlb=1";
    std::vector<char*> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string_view entry(*e);
        if (!entry.starts_with("GLIBC_TUNABLES=")) env.push_back(*e);
        else if (entry.find("glibc.malloc.hugetlb") != std::string_view::npos) tunables = entry;  // the user's choice
        else tunables = std::string(entry) + ":glibc.malloc.hugetlb=1";
    }
    env.push_back(tunables.data());
    env.push_back(nullptr);
    ::execve(prover.c_str(), argv.data(), env.data());
    // Only returns when exec failed: the caller says that there is no solver.
}

}  // namespace ddbguard::cli
