// The desk's own files (web/), compiled into the binary (cmake/embed_web.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace paiban::desk {

struct Asset {
  const char* path;  // "/index.html"
  const char* type;  // Content-Type
  std::string_view bytes;
};

const std::vector<Asset>& web_assets();

}  // namespace paiban::desk
