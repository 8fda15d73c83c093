// generate_from_spec: read the spec, build the policies, verify them; nothing is returned
// unless all three stages pass.
#include "ddbguard/generate.hpp"

#include <exception>
#include <new>

#include "generate/spec.hpp"

namespace ddbguard {

GenerateResult generate_from_spec(std::string_view text, const std::string& path) {
    GenerateResult result;
    try {
        generate::Spec spec;
        if (!generate::read_spec(text, path, spec, result.problems)) return result;
        generate::Built built = generate::build_policies(spec);
        if (!generate::self_check(spec, built, result.problems)) return result;
        result.role_policy_json = std::move(built.role_policy);
        result.trust_policy_json = std::move(built.trust_policy);
        result.kms_key_policy_json = std::move(built.kms_key_policy);
        result.notes = std::move(built.notes);
        result.ok = true;
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        Finding f;
        f.check_id = "generator-self-check";
        f.severity = Severity::error;
        f.message = std::string("internal: the generator failed: ") + e.what();
        f.path = path;
        f.location = Location{1, 1, ""};
        result.problems.push_back(std::move(f));
        result.ok = false;
    }
    return result;
}

}  // namespace ddbguard
