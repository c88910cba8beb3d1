// Internal to proof/: a placed page drawn to RGB pixels.
#pragma once

#include <vector>

#include "page/page.h"

namespace paiban {

struct RasterPage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;  // 8-bit R, G, B, row by row
};

// The page with its bleed, at `dpi`. Thread-safe (pages are drawn one at a time).
RasterPage rasterise(const Page& page, double dpi);

}  // namespace paiban
