// PNG files of proofs: the pages drawn by proof/'s own rasteriser, written
// with fast compression (a proof is looked at once, so speed beats size).
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <thread>
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
  png_set_compression_strategy(png, Z_DEFAULT_STRATEGY);  // at level 1 as fast as Z_RLE, and half the size
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

// Rows [from, to) of the image as PNG scanlines (filter byte 0, then the pixels),
// deflated raw at the fastest level; `last` ends the stream, else a sync flush
// leaves it on a byte boundary for the next part to follow. Adler-32 of the
// scanlines in `adler`.
std::string deflate_rows(const RasterPage& r, int from, int to, bool last, uLong& adler) {
  z_stream z{};
  std::string out;
  if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib: deflateInit2 failed");
  const size_t stride = static_cast<size_t>(r.width) * 3;
  out.resize(deflateBound(&z, static_cast<uLong>((stride + 1) * (to - from))) + 64);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  adler = adler32(0, nullptr, 0);
  unsigned char filter = 0;
  for (int y = from; y < to; ++y) {
    const unsigned char* row = r.rgb.data() + static_cast<size_t>(y) * stride;
    adler = adler32(adler, &filter, 1);
    adler = adler32_z(adler, row, stride);
    z.next_in = &filter;
    z.avail_in = 1;
    deflate(&z, Z_NO_FLUSH);
    z.next_in = const_cast<Bytef*>(row);
    z.avail_in = static_cast<uInt>(stride);
    deflate(&z, y + 1 == to ? (last ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH);
  }
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

// The image data of an RGB PNG, deflated in two halves side by side (as pigz
// does): one zlib stream whatever the thread timing, so the same bytes.
std::string image_data(const RasterPage& r) {
  const int mid = r.height / 2;
  uLong a1 = 0, a2 = 0;
  std::string second;
  std::thread helper([&] { second = deflate_rows(r, mid, r.height, true, a2); });
  std::string first;
  try {
    first = deflate_rows(r, 0, mid, false, a1);
  } catch (...) {
    helper.join();
    throw;
  }
  helper.join();
  const uLong adler = adler32_combine(a1, a2, static_cast<z_off_t>((static_cast<size_t>(r.width) * 3 + 1) * (r.height - mid)));
  std::string data = "\x78\x01";  // zlib header: deflate, 32 K window, fastest
  data += first;
  data += second;
  for (int shift = 24; shift >= 0; shift -= 8) data += static_cast<char>((adler >> shift) & 0xff);
  return data;
}

// A PNG whose image data is made outside libpng: libpng writes the signature,
// the header and the chunks around it. False on any libpng error.
bool write_png_data(FILE* f, int w, int h, const std::string& idat) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), reinterpret_cast<png_const_bytep>(idat.data()),
                  idat.size());
  png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

std::vector<std::string> render_png(const std::vector<Page>& pages, double dpi, const std::string& prefix) {
  std::vector<std::string> files;
  for (const Page& page : pages) {
    RasterPage r = rasterise(page, dpi);
    std::string file = prefix + "-" + std::to_string(page.number) + ".png";
    FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + file);
    bool ok = write_png_data(f, r.width, r.height, image_data(r));
    if (std::fclose(f) != 0 || !ok) throw std::runtime_error("cannot write " + file);
    files.push_back(file);
  }
  return files;
}

}  // namespace paiban
