// The Markdown body of an article (inside model/ only): what a newsroom pastes
// is either set in print form or refused with its file and line.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/issue.h"

namespace paiban::markdown {

// Parses `body` (the text after the front matter; its first line is line
// `first_line` of `file`) into blocks. Lists keep their numbers or bullets, a
// link keeps its URL, footnotes become notes at the end; HTML, strikethrough
// and tables are errors naming file:line. Warnings (a `#` headline in the body)
// go to `warnings` with their line.
std::vector<Block> parse_body(const std::string& file, int first_line, const std::string& body,
                              std::vector<std::pair<int, std::string>>& warnings);

// `&name;` or `&#N;` (also with the full-width `；` an input method types) as
// UTF-8; empty when it is not an entity paiban knows.
std::string decode_entity(const std::string& entity);

}  // namespace paiban::markdown
