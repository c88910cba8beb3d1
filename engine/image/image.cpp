#include "image/image.h"

#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <csetjmp>
#include <filesystem>
#include <map>
#include <mutex>
#include <cstdio>
#include <memory>

#include "diag/diag.h"

namespace paiban {
namespace {

constexpr long kMaxPixels = 100'000'000;  // 10,000 × 10,000: bounded memory for any input

struct File {
  FILE* f;
  explicit File(const std::string& p) : f(std::fopen(p.c_str(), "rb")) {}
  ~File() {
    if (f) std::fclose(f);
  }
};

struct JpegError {
  jpeg_error_mgr mgr;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr c) {
  auto* e = reinterpret_cast<JpegError*>(c->err);
  c->err->format_message(c, e->message);
  longjmp(e->jump, 1);
}

bool is_png(const std::string& path) {
  File f(path);
  unsigned char sig[8] = {0};
  return f.f && std::fread(sig, 1, 8, f.f) == 8 && png_sig_cmp(sig, 0, 8) == 0;
}

// Where a JPEG comes from: a file or bytes in memory.
struct JpegSource {
  std::string name;                    // for messages
  FILE* file = nullptr;
  const std::string* bytes = nullptr;
};

// The smallest DCT scale s/8 that keeps at least min pixels of size (libjpeg
// scales while it decodes: a real resampler, and cheaper than decoding all).
unsigned dct_scale(long size, long min) {
  if (min <= 0) return 8;
  unsigned s = 1;
  while (s < 8 && (size * s + 7) / 8 < min) ++s;
  return s;
}

// Reads a JPEG; with pixels == nullptr only the header. The info returned
// gives the decoded size (scaled to at least min_w × min_h when asked).
ImageInfo read_jpeg(const JpegSource& src, std::vector<unsigned char>* pixels, int min_w = 0, int min_h = 0) {
  const std::string& path = src.name;
  jpeg_decompress_struct cinfo;
  JpegError err;
  cinfo.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = jpeg_fail;
  err.mgr.output_message = [](j_common_ptr) {};  // warnings (a truncated file) are checked below
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    throw InputError(path, 0, std::string("not a readable JPEG: ") + err.message);
  }
  jpeg_create_decompress(&cinfo);
  if (src.file)
    jpeg_stdio_src(&cinfo, src.file);
  else
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(src.bytes->data()),
                 static_cast<unsigned long>(src.bytes->size()));
  jpeg_save_markers(&cinfo, JPEG_APP0 + 14, 0xFFFF);
  jpeg_read_header(&cinfo, TRUE);
  ImageInfo info;
  info.format = ImageFormat::Jpeg;
  info.width = static_cast<int>(cinfo.image_width);
  info.height = static_cast<int>(cinfo.image_height);
  info.components = cinfo.num_components;
  info.adobe_inverted = cinfo.saw_Adobe_marker && cinfo.num_components == 4;
  if (static_cast<long>(info.width) * info.height > kMaxPixels) {
    jpeg_destroy_decompress(&cinfo);
    throw InputError(path, 0, "image of " + std::to_string(info.width) + "×" + std::to_string(info.height) +
                                  " pixels is larger than 100 megapixels");
  }
  if (pixels) {
    cinfo.scale_num = std::max(dct_scale(info.width, min_w), dct_scale(info.height, min_h));
    cinfo.scale_denom = 8;
    jpeg_start_decompress(&cinfo);
    info.width = static_cast<int>(cinfo.output_width);
    info.height = static_cast<int>(cinfo.output_height);
    size_t row = static_cast<size_t>(cinfo.output_width) * cinfo.output_components;
    pixels->resize(row * cinfo.output_height);
    while (cinfo.output_scanline < cinfo.output_height) {
      JSAMPROW r = pixels->data() + row * cinfo.output_scanline;
      jpeg_read_scanlines(&cinfo, &r, 1);
    }
    long warnings = err.mgr.num_warnings;
    jpeg_finish_decompress(&cinfo);
    if (warnings > 0) {
      jpeg_destroy_decompress(&cinfo);
      throw InputError(path, 0, "JPEG data is damaged or truncated");
    }
  }
  jpeg_destroy_decompress(&cinfo);
  return info;
}

ImageInfo read_jpeg_file(const std::string& path, std::vector<unsigned char>* pixels, int min_w = 0, int min_h = 0) {
  File f(path);
  if (!f.f) throw InputError(path, 0, "cannot open image");
  return read_jpeg(JpegSource{path, f.f, nullptr}, pixels, min_w, min_h);
}

ImageInfo read_png(const std::string& path, std::vector<unsigned char>* pixels) {
  png_image img{};
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&img, path.c_str()))
    throw InputError(path, 0, std::string("not a readable PNG: ") + img.message);
  ImageInfo info;
  info.format = ImageFormat::Png;
  info.width = static_cast<int>(img.width);
  info.height = static_cast<int>(img.height);
  info.components = (img.format & PNG_FORMAT_FLAG_COLOR) ? 3 : 1;
  if (static_cast<long>(info.width) * info.height > kMaxPixels) {
    png_image_free(&img);
    throw InputError(path, 0, "image larger than 100 megapixels");
  }
  if (!pixels) {
    png_image_free(&img);
    return info;
  }
  img.format = info.components == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  pixels->resize(PNG_IMAGE_SIZE(img));
  png_color white{255, 255, 255};  // transparent areas composite onto paper white
  if (!png_image_finish_read(&img, &white, pixels->data(), 0, nullptr))
    throw InputError(path, 0, std::string("PNG data is damaged: ") + img.message);
  return info;
}

}  // namespace

void check_jpeg_complete(const std::string& path, const std::string& b) {
  auto bad = [&](const char* why) { throw InputError(path, 0, std::string("JPEG is damaged: ") + why); };
  if (b.size() < 4 || static_cast<unsigned char>(b[0]) != 0xFF || static_cast<unsigned char>(b[1]) != 0xD8)
    bad("no start-of-image marker");
  size_t i = 2;
  auto at = [&](size_t k) { return static_cast<unsigned char>(b[k]); };
  // Header segments carry their length; after start-of-scan, entropy data runs to a marker.
  while (i + 2 <= b.size()) {
    if (at(i) != 0xFF) bad("segment marker expected");
    unsigned m = at(i + 1);
    if (m == 0xFF) {
      ++i;
      continue;
    }
    if (m == 0xD9) return;
    if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
      i += 2;
      continue;
    }
    if (i + 4 > b.size()) break;
    size_t len = (at(i + 2) << 8) | at(i + 3);
    i += 2 + len;
    if (m == 0xDA) {
      while (i + 1 < b.size() && !(at(i) == 0xFF && at(i + 1) != 0 && !(at(i + 1) >= 0xD0 && at(i + 1) <= 0xD7)))
        ++i;
    }
  }
  bad("the file ends before its end-of-image marker (truncated)");
}

static ImageInfo probe_uncached(const std::string& path);

ImageInfo probe_image(const std::string& path) {
  // Each image is probed by several stages (placement, fit report, ink, PDF):
  // read and check a file once per process, until it changes.
  static std::mutex lock;
  static std::map<std::string, std::pair<std::filesystem::file_time_type, ImageInfo>> seen;
  std::error_code ec;
  auto stamp = std::filesystem::last_write_time(path, ec);
  {
    std::lock_guard<std::mutex> g(lock);
    auto it = seen.find(path);
    if (!ec && it != seen.end() && it->second.first == stamp) return it->second.second;
  }
  ImageInfo info = probe_uncached(path);
  if (!ec) {
    std::lock_guard<std::mutex> g(lock);
    seen[path] = {stamp, info};
  }
  return info;
}

static ImageInfo probe_uncached(const std::string& path) {
  File f(path);
  if (!f.f) throw InputError(path, 0, "image not found");
  if (is_png(path)) return read_png(path, nullptr);
  ImageInfo info = read_jpeg_file(path, nullptr);
  check_jpeg_complete(path, read_file(path));  // a truncated photo is found when it is placed
  return info;
}

Pixels decode_image(const std::string& path, int min_width, int min_height) {
  Pixels p;
  p.info = is_png(path) ? read_png(path, &p.data) : read_jpeg_file(path, &p.data, min_width, min_height);
  if (p.info.adobe_inverted) {
    for (unsigned char& v : p.data) v = static_cast<unsigned char>(255 - v);
    p.info.adobe_inverted = false;
  }
  return p;
}

Pixels decode_jpeg(const std::string& bytes) {
  Pixels p;
  p.info = read_jpeg(JpegSource{"JPEG in memory", nullptr, &bytes}, &p.data);
  return p;
}

}  // namespace paiban
