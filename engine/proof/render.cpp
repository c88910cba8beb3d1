// PNG previews through Poppler (poppler-cpp), the same rasteriser editors'
// PDF viewers use on this platform.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <memory>
#include <stdexcept>
#include <vector>

#include "proof/proof.h"
#include "proof/raster.h"

namespace paiban {
namespace {

// The rows of an RGB image, made one at a time into `row` (w × 3 bytes).
using RowSource = void (*)(const void* source, int y, unsigned char* row);

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

// Row y of the bands, top to bottom: Poppler's ARGB32 is stored B, G, R, A in
// memory on little-endian machines.
void band_row(const void* source, int y, unsigned char* row) {
  const auto& bands = *static_cast<const std::vector<poppler::image>*>(source);
  size_t k = 0;
  while (y >= bands[k].height()) y -= bands[k++].height();
  const poppler::image& img = bands[k];
  const auto* src = reinterpret_cast<const unsigned char*>(img.const_data()) + static_cast<size_t>(y) * img.bytes_per_row();
  for (int x = 0; x < img.width(); ++x) {
    row[x * 3] = src[x * 4 + 2];
    row[x * 3 + 1] = src[x * 4 + 1];
    row[x * 3 + 2] = src[x * 4];
  }
}

// PNG with fast compression: a proof is looked at once, so speed beats size.
void write_png(const std::vector<poppler::image>& bands, const std::string& file) {
  FILE* f = std::fopen(file.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + file);
  const int w = bands.front().width();
  int h = 0;
  for (const poppler::image& b : bands) h += b.height();
  std::vector<unsigned char> row(static_cast<size_t>(w) * 3);
  bool ok = write_png_rows(f, w, h, band_row, &bands, row.data());
  if (std::fclose(f) != 0 || !ok) throw std::runtime_error("cannot write " + file);
}

// One band of a page, rendered by a document of its own: Poppler's documents
// are not shared between threads.
poppler::image render_band(const std::string& pdf, int index, double dpi, int y, int h) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) throw std::runtime_error("Poppler cannot read the proof PDF");
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  poppler::page_renderer r;
  r.set_render_hint(poppler::page_renderer::antialiasing, true);
  r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::rectf box = page->page_rect();
  int w = static_cast<int>(std::lround(box.width() * dpi / 72));
  return r.render_page(page.get(), dpi, dpi, 0, y, w, h);
}

}  // namespace

std::vector<std::string> render_png(const std::string& pdf, double dpi, const std::string& prefix,
                                    const std::vector<int>& page_numbers) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) throw std::runtime_error("Poppler cannot read the proof PDF");
  std::vector<std::string> files;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    int height = static_cast<int>(std::lround(page->page_rect().height() * dpi / 72));
    // The top and the bottom of the page are rendered at once, one on each core.
    int half = height / 2;
    auto bottom = std::async(std::launch::async, render_band, std::cref(pdf), i, dpi, half, height - half);
    std::vector<poppler::image> bands;
    bands.push_back(render_band(pdf, i, dpi, 0, half));
    bands.push_back(bottom.get());
    int number = i < static_cast<int>(page_numbers.size()) ? page_numbers[i] : i + 1;
    std::string file = prefix + "-" + std::to_string(number) + ".png";
    for (const poppler::image& b : bands)
      if (!b.is_valid() || b.format() != poppler::image::format_argb32)
        throw std::runtime_error("Poppler could not render page " + std::to_string(number));
    write_png(bands, file);
    files.push_back(file);
  }
  return files;
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
