// Internal to proof/: a placed page drawn to RGB pixels.
#pragma once

#include <cstdio>
#include <vector>

#include "page/page.h"

namespace paiban {

struct RasterPage {
  int width = 0, height = 0;
  std::vector<unsigned char> rgb;  // 8-bit R, G, B, row by row
};

// The page with its bleed, at `dpi`. Thread-safe (pages are drawn one at a time).
RasterPage rasterise(const Page& page, double dpi);

// The rows of an RGB image, made one at a time into `row` (w × 3 bytes).
using RowSource = void (*)(const void* source, int y, unsigned char* row);

// An RGB PNG of w × h pixels to `f`, fast compression; false on any libpng error.
bool write_png_rows(FILE* f, int w, int h, RowSource make_row, const void* source, unsigned char* row);

// The page as an RGB PNG to `f`, its image data deflated in bands side by side
// and, in a long-lived process, again only where its pixels changed. False on
// any libpng error.
bool write_png(FILE* f, const RasterPage& r);

}  // namespace paiban
