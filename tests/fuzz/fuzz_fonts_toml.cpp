// fuzz_fonts_toml: The bytes as fonts/fonts.toml, read by FontRegistry.
#include <cstdio>

#include "harness.h"

PAIBAN_FUZZ_TARGET(fonts_toml)
