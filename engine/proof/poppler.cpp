// PNG renders of a PDF through Poppler (poppler-cpp), the same rasteriser
// editors' PDF viewers use on this platform. Only tests and bench/ use it (to
// compare proof/'s own rasteriser with Poppler), so it is a library of its own,
// paiban_poppler: the command line does not load Poppler.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

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

}  // namespace paiban
