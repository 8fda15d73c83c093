// `ddbguard prove PATH...` (issue 18), and the proofs `lint --prove` adds.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "commands.hpp"
#include "ddbguard/policy.hpp"
#include "ddbguard/prove.hpp"

namespace ddbguard::cli {

namespace {

struct ProveArgs {
    std::vector<std::string> paths;
    bool bundle = false;
    std::string format = "text";
    bool strict = false;
    unsigned timeout_ms = 2000;
};

// The inputs `lint` would read: files, and under directories the policy and template
// files (sorted); false after saying why when a path does not exist.
bool load(const std::vector<std::string>& paths, std::vector<Input>& out) {
    namespace fs = std::filesystem;
    for (const std::string& path : paths) {
        if (path == "-") {
            std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            out.push_back({"-", std::move(bytes), true});
            continue;
        }
        std::error_code ec;
        std::vector<std::string> files;
        bool named = true;
        if (fs::is_directory(path, ec)) {
            named = false;
            for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                const std::string ext = it->path().extension().string();
                if (it->is_regular_file(ec) && (ext == ".json" || ext == ".yaml" || ext == ".yml" ||
                                                ext == ".template" || ext == ".tf"))
                    files.push_back(it->path().string());
            }
            std::sort(files.begin(), files.end());
        } else if (!fs::exists(path, ec)) {
            std::cerr << "ddbguard: no such file or directory: " << path << "\n";
            return false;
        } else {
            files.push_back(path);
        }
        for (const std::string& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            out.push_back({f, std::move(bytes), named});
        }
    }
    return true;
}

}  // namespace

std::optional<std::vector<ProveReport>> prove_paths(const std::vector<std::string>& paths, bool bundle,
                                                    unsigned timeout_ms) {
    std::vector<Input> inputs;
    if (!load(paths, inputs)) return std::nullopt;
    ProveOptions options;
    options.timeout_ms = timeout_ms;
    return prove_inputs(inputs, bundle, options);
}

int prove_exit_code(const std::vector<ProveReport>& reports, bool strict) {
    for (const ProveReport& r : reports)
        for (const ProofResult& p : r.results)
            if (p.status == ProofStatus::refuted || (strict && p.status == ProofStatus::unknown)) return 1;
    return 0;
}

void add_prove(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ProveArgs>();
    auto* cmd = app.add_subcommand(
        "prove", "prove row and column isolation for every request, or refute it with a request the policies allow");
    cmd->add_option("PATH", args->paths, "policy files, templates, .tf files, directories (searched recursively) or '-'")->required();
    cmd->add_flag("--bundle", args->bundle, "the paths are one principal's policy set, proven together");
    cmd->add_option("--format", args->format, "output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_flag("--strict", args->strict, "exit 1 when a property is unknown too");
    cmd->add_option("--timeout", args->timeout_ms, "solver time per property, in milliseconds (default 2000)")
        ->check(CLI::Range(1u, 3600000u));
    cmd->callback([args, &exit_code] {
        run_in_prover_build();
        if (!prover_available()) {
            std::cerr << "ddbguard: this build has no SMT solver (Z3): `ddbguard prove` is unavailable; install "
                         "libz3-dev and rebuild\n";
            exit_code = 2;
            return;
        }
        auto reports = prove_paths(args->paths, args->bundle, args->timeout_ms);
        if (!reports) {
            exit_code = 2;
            return;
        }
        std::cout << (args->format == "json" ? write_prove_json(*reports) : write_prove_text(*reports));
        exit_code = prove_exit_code(*reports, args->strict);
    });
}

}  // namespace ddbguard::cli
