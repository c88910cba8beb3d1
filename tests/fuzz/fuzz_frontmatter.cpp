// fuzz_frontmatter: parse_article on arbitrary bytes (front matter + Markdown): an InputError is fine, any other exception or a crash is a finding.
#include <cstdio>

#include "harness.h"

PAIBAN_FUZZ_TARGET(frontmatter)
