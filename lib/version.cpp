#include "ddbguard/ddbguard.hpp"

namespace ddbguard {

const char* version() { return DDBGUARD_VERSION_STRING; }

}  // namespace ddbguard
