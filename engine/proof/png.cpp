// Writing proof PNGs fast (a proof is looked at once, so speed beats size):
// the image data deflated at level 1 in bands of rows, side by side on the
// cores, each band kept with its pixels so that watch mode compresses again
// only the bands a change touched. libpng writes the chunks around the data.
#include <png.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "proof/raster.h"
#include "work/work.h"

namespace paiban {

namespace {

// The one place libpng is driven. It reports errors with longjmp: this function,
// which calls setjmp, holds no C++ object with a destructor (the callers own the
// row buffer and the image data), so a jump skips nothing. The image data is
// either made here row by row (`make_row`) or given deflated (`idat`).
bool drive_libpng(FILE* f, int w, int h, RowSource make_row, const void* source, unsigned char* row,
                  const std::string* idat) {
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
  if (idat) {
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"), reinterpret_cast<png_const_bytep>(idat->data()),
                    idat->size());
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
  } else {
    for (int y = 0; y < h; ++y) {
      make_row(source, y, row);
      png_write_row(png, row);
    }
    png_write_end(png, info);
  }
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

bool write_png_rows(FILE* f, int w, int h, RowSource make_row, const void* source, unsigned char* row) {
  return drive_libpng(f, w, h, make_row, source, row, nullptr);
}

namespace {

constexpr int kBandRows = 64;

// A band of rows as PNG scanlines (filter byte 0, then the pixels), deflated
// raw: ended with a sync flush, so the next band follows on a byte boundary,
// or, the last, finishing the stream. Kept with its pixels and Adler-32.
struct Band {
  std::string pixels, deflated;
  uLong adler = 0;
  bool last = false;
};

Band deflate_band(std::string_view pixels, size_t stride, bool last, bool keep) {
  Band b;
  if (keep) b.pixels.assign(pixels);  // to compare on a later hit
  b.last = last;
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("zlib: deflateInit2 failed");
  const size_t rows = pixels.size() / stride;
  b.deflated.resize(deflateBound(&z, static_cast<uLong>((stride + 1) * rows)) + 64);
  z.next_out = reinterpret_cast<Bytef*>(b.deflated.data());
  z.avail_out = static_cast<uInt>(b.deflated.size());
  b.adler = adler32(0, nullptr, 0);
  unsigned char filter = 0;
  for (size_t y = 0; y < rows; ++y) {
    const unsigned char* row = reinterpret_cast<const unsigned char*>(pixels.data()) + y * stride;
    b.adler = adler32(b.adler, &filter, 1);
    b.adler = adler32_z(b.adler, row, stride);
    z.next_in = &filter;
    z.avail_in = 1;
    deflate(&z, Z_NO_FLUSH);
    z.next_in = const_cast<Bytef*>(row);
    z.avail_in = static_cast<uInt>(stride);
    deflate(&z, y + 1 == rows ? (last ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH);
  }
  b.deflated.resize(b.deflated.size() - z.avail_out);
  b.deflated.shrink_to_fit();  // the bound is many times what white paper deflates to
  deflateEnd(&z);
  return b;
}

// Bands deflated before, by a digest of their pixels (compared whole on a hit).
class Bands {
 public:
  static Bands& get() {
    static Bands bands;
    return bands;
  }
  const Band* find(size_t digest, std::string_view pixels, bool last) {
    auto it = known_.find(digest);
    if (it == known_.end() || it->second.last != last || it->second.pixels != pixels) return nullptr;
    return &it->second;
  }
  void keep(size_t digest, Band b) {
    bytes_ += b.pixels.size() + b.deflated.size();
    if (bytes_ > (size_t{96} << 20)) {  // a few pages' worth: watch mode redraws one or two
      known_.clear();
      bytes_ = b.pixels.size() + b.deflated.size();
    }
    known_[digest] = std::move(b);
  }
  std::mutex lock;

 private:
  std::unordered_map<size_t, Band> known_;
  size_t bytes_ = 0;
};

// The zlib stream of the image: its bands as deflated before when their pixels
// are unchanged, the others deflated side by side. The same bytes whatever the
// thread timing or what was kept.
std::string image_data(const RasterPage& r) {
  const size_t stride = static_cast<size_t>(r.width) * 3;
  const int n = (r.height + kBandRows - 1) / kBandRows;
  auto pixels = [&](int k) {
    const size_t from = static_cast<size_t>(k) * kBandRows, to = std::min<size_t>(from + kBandRows, r.height);
    return std::string_view(reinterpret_cast<const char*>(r.rgb.data()) + from * stride, (to - from) * stride);
  };
  Bands& bands = Bands::get();
  std::lock_guard<std::mutex> hold(bands.lock);
  // Proofs at screen resolution are kept; a page at print resolution (hundreds
  // of megabytes) is compressed and forgotten, not copied.
  const bool keep = r.rgb.size() <= (size_t{24} << 20);
  std::vector<size_t> digest(static_cast<size_t>(n));
  std::vector<const Band*> have(static_cast<size_t>(n));
  std::vector<int> missing;
  for (int k = 0; k < n; ++k) {
    if (keep) {
      digest[k] = std::hash<std::string_view>{}(pixels(k)) ^ (k + 1 == n ? 0x9e3779b97f4a7c15ull : 0);
      have[k] = bands.find(digest[k], pixels(k), k + 1 == n);
    }
    if (!have[k]) missing.push_back(k);
  }
  std::vector<Band> made(missing.size());
  for_each_parallel(missing.size(), [&](size_t i) {
    made[i] = deflate_band(pixels(missing[i]), stride, missing[i] + 1 == n, keep);
  });
  std::string data = "\x78\x01";  // zlib header: deflate, 32 K window, fastest
  uLong adler = adler32(0, nullptr, 0);
  for (int k = 0, m = 0; k < n; ++k) {
    const Band& b = have[k] ? *have[k] : made[static_cast<size_t>(m++)];
    data += b.deflated;
    adler = adler32_combine(adler, b.adler, static_cast<z_off_t>(pixels(k).size() / stride * (stride + 1)));
  }
  for (int shift = 24; shift >= 0; shift -= 8) data += static_cast<char>((adler >> shift) & 0xff);
  if (keep)
    for (size_t i = 0; i < missing.size(); ++i) bands.keep(digest[missing[i]], std::move(made[i]));
  return data;
}

}  // namespace

// The image data is made outside libpng: libpng writes the chunks around it.
bool write_png(FILE* f, const RasterPage& r) {
  const std::string idat = image_data(r);
  return drive_libpng(f, r.width, r.height, nullptr, nullptr, nullptr, &idat);
}

}  // namespace paiban
