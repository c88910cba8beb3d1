// The separation cache: separated photos kept in the disk cache (cache/).
#include <cstdio>

#include "cache/cache.h"
#include "diag/diag.h"
#include "digest/digest.h"
#include "image/image.h"

namespace paiban {

std::string cached_separation(const std::string& image, const Separation& s, const std::string& variant,
                              const std::function<std::string()>& make) {
  if (cache_dir().empty()) return make();
  std::string profile;
  try {
    profile = read_file(s.cmyk_profile);
  } catch (const InputError&) {
    return make();  // the separation itself will say what is wrong
  }
  char settings[64];
  std::snprintf(settings, sizeof settings, "sep4|%.3f|%dx%d|", s.tac, s.size.width, s.size.height);
  std::string key = digest128(settings + variant + "|" + profile + image);
  return cached("separated", key + ".jpg", make, [](const std::string& b) { return b.size() > 4; });
}

}  // namespace paiban
