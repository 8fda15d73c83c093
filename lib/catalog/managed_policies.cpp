// Look-up of the compiled-in AWS managed policies.
#include "catalog/managed_policies.hpp"

#include <algorithm>

namespace ddbguard::catalog {

bool is_aws_managed_arn(std::string_view arn) {
    if (!arn.starts_with("arn:")) return false;
    const std::size_t service = arn.find(':', 4);
    return service != std::string_view::npos && arn.substr(service).starts_with(":iam::aws:policy/");
}

const ManagedPolicyEntry* find_managed_policy(std::string_view name_or_arn) {
    std::string_view name = name_or_arn;
    std::string_view path;
    if (name_or_arn.starts_with("arn:")) {
        if (!is_aws_managed_arn(name_or_arn)) return nullptr;
        const std::string_view rest = name_or_arn.substr(name_or_arn.find(":policy/") + 7);  // "/PATH/NAME"
        const std::size_t slash = rest.rfind('/');
        path = rest.substr(0, slash + 1);
        name = rest.substr(slash + 1);
    }
    const auto all = managed_data::policies();
    const auto it = std::lower_bound(all.begin(), all.end(), name,
                                     [](const ManagedPolicyEntry& e, std::string_view n) { return e.name < n; });
    if (it == all.end() || it->name != name) return nullptr;
    if (!path.empty() && path != it->path) return nullptr;
    return &*it;
}

std::string_view managed_policies_source() { return managed_data::kSource; }

}  // namespace ddbguard::catalog
