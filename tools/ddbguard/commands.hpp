#pragma once
// Each subcommand lives in its own file and registers itself on the app here.
// A command's callback stores its exit code in `exit_code` (0, 1 or 2).
#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ddbguard/prove.hpp"

namespace ddbguard::cli {

void add_lint(CLI::App& app, int& exit_code);
void add_simulate(CLI::App& app, int& exit_code);
void add_checks(CLI::App& app, int& exit_code);    // `checks` and `explain`
void add_generate(CLI::App& app, int& exit_code);
void add_diff(CLI::App& app, int& exit_code);
void add_test(CLI::App& app, int& exit_code);
void add_prove(CLI::App& app, int& exit_code);
// The proofs of `prove` and `lint --prove`; nullopt (after saying why) for a missing path.
std::optional<std::vector<ProveReport>> prove_paths(const std::vector<std::string>& paths, bool bundle,
                                                    unsigned timeout_ms);
int prove_exit_code(const std::vector<ProveReport>& reports, bool strict);
// In an executable built without the solver, replaces the process with `ddbguard-prove`
// beside it (same arguments); returns when this one has the solver or there is none.
void remember_command_line(int argc, char** argv);
void run_in_prover_build();
// Replaces the process with itself under glibc's malloc.hugetlb tunable when the inputs are
// large enough for page faults to dominate (tools/ddbguard/exec.cpp); otherwise returns.
// `input_bytes` is asked only when a re-run is possible (not in the re-run process itself).
void rerun_with_huge_pages(const std::function<std::uint64_t()>& input_bytes);

}  // namespace ddbguard::cli
