// PNG files of proofs: the pages drawn by proof/'s own rasteriser, written
// with fast compression (a proof is looked at once, so speed beats size).
#include <png.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "proof/proof.h"
#include "proof/raster.h"

namespace paiban {

// libpng reports errors with longjmp: this function, which calls setjmp,
// holds no C++ object with a destructor (the caller owns the row buffer and
// makes the rows), so a jump skips nothing. Returns false on any libpng error.
bool write_png_rows(FILE* f, int w, int h, RowSource make_row, const void* source, unsigned char* row) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_init_io(png, f);
  png_set_compression_level(png, 1);
  png_set_filter(png, 0, PNG_FILTER_NONE);
  png_set_compression_strategy(png, 3 /* Z_RLE: runs of paper white */);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < h; ++y) {
    make_row(source, y, row);
    png_write_row(png, row);
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

namespace {

void raster_row(const void* source, int y, unsigned char* row) {
  const auto& r = *static_cast<const RasterPage*>(source);
  std::copy_n(r.rgb.data() + static_cast<size_t>(y) * r.width * 3, static_cast<size_t>(r.width) * 3, row);
}

}  // namespace

std::vector<std::string> render_png(const std::vector<Page>& pages, double dpi, const std::string& prefix) {
  std::vector<std::string> files;
  for (const Page& page : pages) {
    RasterPage r = rasterise(page, dpi);
    std::string file = prefix + "-" + std::to_string(page.number) + ".png";
    FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + file);
    std::vector<unsigned char> row(static_cast<size_t>(r.width) * 3);
    bool ok = write_png_rows(f, r.width, r.height, raster_row, &r, row.data());
    if (std::fclose(f) != 0 || !ok) throw std::runtime_error("cannot write " + file);
    files.push_back(file);
  }
  return files;
}

}  // namespace paiban
