// fuzz_issue_toml: The bytes as issue.toml in a folder with one valid article a.md, read by load_issue.
#include <cstdio>

#include "harness.h"

PAIBAN_FUZZ_TARGET(issue_toml)
