// `prove` and `lint --prove` in a build whose `ddbguard` has no solver: the static executable
// (CMakeLists.txt, DDBGUARD_STATIC_CLI) cannot contain Z3, so it hands the whole command line
// to `ddbguard-prove`, the same CLI linked with Z3, found beside it.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"

namespace ddbguard::cli {
namespace {
std::vector<char*> command_line;  // argv as main() received it, null-terminated
}

void remember_command_line(int argc, char** argv) { command_line.assign(argv, argv + argc), command_line.push_back(nullptr); }

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
    ::execv(prover.c_str(), argv.data());
    // Only returns when exec failed: the caller says that there is no solver.
}

}  // namespace ddbguard::cli
