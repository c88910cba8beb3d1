// Diagnostics as JSON, through one writer (nlohmann-json) for every report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "diag/diag.h"

namespace paiban {

// Keys keep the order they are written in, so reports read the same each time.
using Json = nlohmann::ordered_json;

// {level, article, paragraph, file, line, message}
Json notice_json(const Notice& n);

// Compact JSON text; bytes that are not UTF-8 (names in a foreign PDF can be
// anything) become U+FFFD rather than failing.
std::string dump_json(const Json& j);

}  // namespace paiban
