// How every command reports an exception (paiban and paiban-serve alike).
#include <cstdio>

#include "cli/commands.h"
#include "diag/diag.h"

namespace paiban::cli {

int report_error(const std::exception& e) {
  if (dynamic_cast<const InputError*>(&e)) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, "paiban: %s\n", e.what());
  return 3;
}

}  // namespace paiban::cli
