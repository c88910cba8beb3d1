// fuzz_layout_toml: The bytes as a layout TOML, read by load_layout.
#include <cstdio>

#include "harness.h"

PAIBAN_FUZZ_TARGET(layout_toml)
