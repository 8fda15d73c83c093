#pragma once
#include <string_view>

namespace ddbguard::eval {

// Multivalued condition keys (SAR "ArrayOf*" types and the documented multivalued
// global keys). Case-insensitive.
bool is_multivalued_key(std::string_view key);

}  // namespace ddbguard::eval
