// `ddbguard simulate`: decide one request (flags or a JSON request) against a set of
// policy files, or a batch of {"id","policies","request"} lines.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "ddbguard/evaluate.hpp"
#include "ddbguard/policy.hpp"
#include "ddbguard/report.hpp"

namespace ddbguard::cli {
namespace {

struct SimulateArgs {
    std::vector<std::string> policies;
    std::string request_file;
    std::string cases_file;
    std::string action, resource, principal;
    std::vector<std::string> context;
    std::string format = "text";
};

using json = nlohmann::json;

bool read_all(const std::string& path, std::string& out) {
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return static_cast<bool>(in) || in.eof();
}

std::string scalar_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

// {"action","resource","principal","context":{key: value or [values]}}. A null context
// value means the key is absent; [] is the present, empty set.
bool request_from_json(const json& j, Request& r, std::string& error) {
    if (!j.is_object()) {
        error = "the request must be a JSON object";
        return false;
    }
    for (const auto& [name, field] : j.items()) {
        if (name == "action" || name == "resource" || name == "principal") {
            if (!field.is_string()) {
                error = "\"" + name + "\" must be a string";
                return false;
            }
            (name == "action" ? r.action : name == "resource" ? r.resource : r.principal) = field.get<std::string>();
        } else if (name == "context") {
            if (!field.is_object()) {
                error = "\"context\" must be an object of key: value or [values]";
                return false;
            }
            for (const auto& [key, value] : field.items()) {
                if (value.is_null()) continue;
                std::vector<std::string> values;
                if (value.is_array()) {
                    for (const auto& v : value) {
                        if (v.is_array() || v.is_object() || v.is_null()) {
                            error = "context key \"" + key + "\": values must be strings, numbers or booleans";
                            return false;
                        }
                        values.push_back(scalar_text(v));
                    }
                } else if (value.is_object()) {
                    error = "context key \"" + key + "\": a value must be a string or a list";
                    return false;
                } else {
                    values.push_back(scalar_text(value));
                }
                r.set(key, std::move(values));
            }
        } else {
            error = "unknown request field \"" + name + "\" (expected action, resource, principal, context)";
            return false;
        }
    }
    if (r.action.empty() || r.resource.empty()) {
        error = "the request needs \"action\" and \"resource\"";
        return false;
    }
    return true;
}

void print_diagnostics(const ParseResult& p) {
    for (const Finding& f : p.diagnostics)
        std::cerr << f.path << ":" << f.location.line << ":" << f.location.column << ": " << to_string(f.severity)
                  << ": " << f.message << " [" << f.check_id << "]\n";
}

int run_cases(const SimulateArgs& args) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (args.cases_file != "-") {
        file.open(args.cases_file, std::ios::binary);
        if (!file) {
            std::cerr << "ddbguard: cannot read " << args.cases_file << "\n";
            return 2;
        }
        in = &file;
    }
    int status = 0;
    std::string line;
    std::size_t line_no = 0;
    std::string out;
    while (std::getline(*in, line)) {
        ++line_no;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::ordered_json result;
        json c = json::parse(line, nullptr, false);
        std::string error;
        if (c.is_discarded() || !c.is_object()) {
            error = "line " + std::to_string(line_no) + " is not a JSON object";
        } else {
            const json id = c.contains("id") ? c["id"] : json(line_no);
            result["id"] = id;
            result["decision"] = nullptr;
            std::vector<ParseResult> parsed;
            const json policies = c.value("policies", json::array());
            if (!policies.is_array()) error = "\"policies\" must be a list";
            for (std::size_t i = 0; error.empty() && i < policies.size(); ++i) {
                const json& p = policies[i];
                const std::string name = "case " + scalar_text(id) + " policy " + std::to_string(i);
                if (p.is_object())
                    parsed.push_back(parse_policy(p.dump(), name));
                else if (p.is_string())
                    parsed.push_back(parse_policy(p.get<std::string>(), name));
                else
                    error = "policy " + std::to_string(i) + " must be a JSON object or a JSON string";
                if (error.empty() && !parsed.back().usable) {
                    print_diagnostics(parsed.back());
                    error = "policy " + std::to_string(i) + " is not a usable policy";
                }
            }
            Request r;
            if (error.empty()) request_from_json(c.value("request", json::object()), r, error);
            if (error.empty()) {
                std::vector<const Policy*> ptrs;
                for (const auto& p : parsed) ptrs.push_back(&p.policy);
                result["decision"] = std::string(to_string(Evaluator(ptrs).decide(r)));
            }
        }
        if (!error.empty()) {
            std::cerr << "ddbguard: " << args.cases_file << ":" << line_no << ": " << error << "\n";
            if (!result.contains("id")) result["id"] = line_no;
            result["decision"] = nullptr;
            result["error"] = error;
            status = 2;
        }
        out += result.dump();
        out += '\n';
        if (out.size() > (1u << 16)) {
            std::cout << out;
            out.clear();
        }
    }
    std::cout << out << std::flush;
    return status;
}

int run_single(const SimulateArgs& args) {
    const bool flags = !args.action.empty() || !args.resource.empty() || !args.context.empty() || !args.principal.empty();
    if (args.policies.empty()) {
        std::cerr << "ddbguard simulate: give at least one --policy FILE (or --cases FILE.jsonl)\n";
        return 2;
    }
    if (args.request_file.empty() == !flags || (flags && (args.action.empty() || args.resource.empty()))) {
        std::cerr << "ddbguard simulate: give either --request FILE|- or --action A --resource ARN "
                     "[--principal P] [--context KEY=VALUE ...]\n";
        return 2;
    }
    if (args.format != "text" && args.format != "json") {
        std::cerr << "ddbguard simulate: --format must be text or json\n";
        return 2;
    }

    Request r;
    if (!args.request_file.empty()) {
        std::string bytes;
        if (!read_all(args.request_file, bytes)) {
            std::cerr << "ddbguard: cannot read " << args.request_file << "\n";
            return 2;
        }
        const json j = json::parse(bytes, nullptr, false);
        std::string error;
        if (j.is_discarded()) error = "not valid JSON";
        else request_from_json(j, r, error);
        if (!error.empty()) {
            std::cerr << "ddbguard: " << args.request_file << ": " << error << "\n";
            return 2;
        }
    } else {
        r.action = args.action;
        r.resource = args.resource;
        r.principal = args.principal;
        for (const std::string& kv : args.context) {
            // KEY=VALUE adds a value; a repeated KEY makes the key multivalued; KEY alone
            // (no '=') is the present, empty set.
            const std::size_t eq = kv.find('=');
            const std::string key = kv.substr(0, eq);
            if (key.empty()) {
                std::cerr << "ddbguard simulate: --context needs KEY=VALUE, got '" << kv << "'\n";
                return 2;
            }
            std::vector<std::string> values;
            if (const ContextEntry* e = r.find(key)) values = e->values;
            if (eq != std::string::npos) values.push_back(kv.substr(eq + 1));
            r.set(key, std::move(values));
        }
    }

    std::vector<ParseResult> parsed;
    for (const std::string& path : args.policies) {
        parsed.push_back(path == "-" ? [] {
            std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            return parse_policy(bytes, "-");
        }()
                                     : parse_policy_file(path));
        print_diagnostics(parsed.back());
        if (!parsed.back().usable) {
            std::cerr << "ddbguard: " << path << " is not a usable policy\n";
            return 2;
        }
    }
    std::vector<const Policy*> ptrs;
    for (const auto& p : parsed) ptrs.push_back(&p.policy);
    const Decision d = Evaluator(ptrs).evaluate(r);
    if (args.format == "json") std::cout << decision_to_json(d) << "\n";
    else std::cout << decision_to_text(d);
    return 0;
}

}  // namespace

void add_simulate(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<SimulateArgs>();
    CLI::App* cmd = app.add_subcommand("simulate", "decide a request against policies: allow | implicit-deny | explicit-deny");
    cmd->add_option("--policy", args->policies, "policy file ('-' for stdin); repeat for a policy set")->take_all();
    cmd->add_option("--request", args->request_file,
                    "JSON request {\"action\",\"resource\",\"principal\",\"context\":{key: value or [values]}}, '-' for stdin");
    cmd->add_option("--cases", args->cases_file,
                    "JSON lines {\"id\",\"policies\":[...],\"request\":{...}}; prints {\"id\",\"decision\"} per line");
    cmd->add_option("--action", args->action, "IAM action, e.g. dynamodb:GetItem");
    cmd->add_option("--resource", args->resource, "resource ARN");
    cmd->add_option("--principal", args->principal, "caller ARN (resource-based and trust policies)");
    cmd->add_option("--context", args->context,
                    "KEY=VALUE; repeat a key to make it multivalued; KEY alone is the present, empty set")
        ->take_all();
    cmd->add_option("--format", args->format, "text | json")->check(CLI::IsMember({"text", "json"}));
    cmd->callback([args, &exit_code] {
        if (!args->cases_file.empty()) {
            if (!args->policies.empty() || !args->request_file.empty() || !args->action.empty() || !args->resource.empty() ||
                !args->context.empty()) {
                std::cerr << "ddbguard simulate: --cases takes no other request or policy option\n";
                exit_code = 2;
                return;
            }
            exit_code = run_cases(*args);
            return;
        }
        exit_code = run_single(*args);
    });
}

}  // namespace ddbguard::cli
