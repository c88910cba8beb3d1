// fuzz_build: An issue folder generated from the bytes (pages, grid, rows, articles), set by paiban::build with allow_overset.
#include <cstdio>

#include "harness.h"

PAIBAN_FUZZ_TARGET(build)
