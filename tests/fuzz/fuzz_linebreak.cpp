// fuzz_linebreak: A paragraph of mixed character classes and LineSettings from the bytes, shaped with the body face and broken;
// the breaker's invariants are checked (harness.cpp, check_paragraph).
#include <cstdio>

#include "harness.h"

PAIBAN_FUZZ_TARGET(linebreak)
