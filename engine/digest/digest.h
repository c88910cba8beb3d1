// Content digests: stable names for bytes (the PDF's trailer ID, cached
// separations). Not cryptographic; fast, 128 bits, the same on every machine.
#pragma once

#include <string>
#include <string_view>

namespace paiban {

// 32 hex digits (upper case).
std::string digest128(std::string_view data);

}  // namespace paiban
