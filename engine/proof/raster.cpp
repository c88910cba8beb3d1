// Proofs drawn straight from the placed pages: glyph bitmaps from FreeType
// (cached per face, glyph, size and quarter pixel, for as long as the process
// lives, so watch mode and the proof desk draw a page again almost for free),
// rules and tints as anti-aliased rectangles, photos area-averaged. No PDF is
// written and none is read back; a test holds it to Poppler's rendering.
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unordered_map>
#include <stdexcept>
#include <tuple>

#include "fonts/fonts.h"
#include "image/image.h"
#include "proof/proof.h"
#include "proof/raster.h"
#include "work/work.h"

namespace paiban {
namespace {

struct Rgb {
  float r, g, b;
};

// Process ink as a screen shows it: interpolated between the RGB of the 16
// corners of the CMYK cube (solid C, M, Y, K and their overprints) that
// xpdf and Poppler use, so the proof looks as the PDF does in an editor's viewer.
Rgb screen(const Cmyk& ink) {
  static const float corner[16][3] = {
      // index bits: C M Y K (C the high bit)
      {1, 1, 1},           {0.1373f, 0.1216f, 0.1255f}, {1, 0.9490f, 0},      {0.1098f, 0.1020f, 0},
      {0.9255f, 0, 0.5490f}, {0.1412f, 0, 0},            {0.9294f, 0.1098f, 0.1412f}, {0.1333f, 0, 0},
      {0, 0.6784f, 0.9373f}, {0, 0.0588f, 0.1412f},      {0, 0.6510f, 0.3137f}, {0, 0.0745f, 0},
      {0.1804f, 0.1922f, 0.5725f}, {0, 0, 0.0078f},      {0.2118f, 0.2119f, 0.2235f}, {0, 0, 0}};
  const float v[4] = {static_cast<float>(ink.c), static_cast<float>(ink.m), static_cast<float>(ink.y),
                      static_cast<float>(ink.k)};
  Rgb out{0, 0, 0};
  for (int i = 0; i < 16; ++i) {
    float w = 1;
    for (int b = 0; b < 4; ++b) w *= (i >> (3 - b)) & 1 ? v[b] : 1 - v[b];
    out.r += w * corner[i][0];
    out.g += w * corner[i][1];
    out.b += w * corner[i][2];
  }
  return out;
}

struct Glyph {
  int left = 0, top = 0, width = 0, rows = 0;
  std::vector<unsigned char> coverage;
};

// Text stands to a quarter pixel, as Poppler places it: which quarter of its pixel x falls in.
int quarter_of(double x) {
  return static_cast<int>((x - std::floor(x)) * 4);
}

// A glyph's outline drawn by FreeType at `px64` 64ths of a pixel, unhinted, a
// `quarter` pixel to the right (text is placed to a quarter pixel, as Poppler does).
Glyph render(FT_Face ft, uint32_t gid, int px64, int quarter) {
  Glyph g;
  if (!ft) return g;
  FT_Set_Char_Size(ft, 0, px64, 72, 72);
  FT_Vector shift{quarter * 16, 0};  // a quarter pixel is 16 in 26.6 units
  FT_Set_Transform(ft, nullptr, &shift);
  if (FT_Load_Glyph(ft, gid, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP | FT_LOAD_RENDER) != 0) return g;
  const FT_Bitmap& bm = ft->glyph->bitmap;
  if (bm.pixel_mode != FT_PIXEL_MODE_GRAY) return g;
  g.left = ft->glyph->bitmap_left;
  g.top = ft->glyph->bitmap_top;
  g.width = static_cast<int>(bm.width);
  g.rows = static_cast<int>(bm.rows);
  g.coverage.resize(static_cast<size_t>(g.width) * g.rows);
  for (int y = 0; y < g.rows; ++y)
    std::copy_n(bm.buffer + static_cast<ptrdiff_t>(y) * bm.pitch, g.width, g.coverage.data() + static_cast<size_t>(y) * g.width);
  return g;
}

// Faces opened by FreeType once per process, glyphs rendered once per
// (face, glyph, size, quarter pixel). A face is known by its file and index,
// never by the address of a Face: a registry can die and another put a
// different face at the same address.
class GlyphCache {
 public:
  using Key = std::tuple<int, uint32_t, int, int>;  // face, glyph, size in 64ths of a pixel, quarter

  static GlyphCache& get() {
    static GlyphCache cache;
    return cache;
  }
  // Called with the lock held at the start of every page: the addresses of
  // this page's faces are valid until it is drawn.
  void begin_page() { ids_.clear(); }

  // The glyphs of a page not drawn yet, rendered before it is painted: half on
  // a second thread with faces of its own (a FreeType face serves one thread),
  // so a cold proof waits for half the outlines. Each glyph comes out the same
  // whichever thread draws it.
  void prepare(const Page& page, double scale) {
    std::vector<Key> missing;
    std::set<Key> seen;
    for (const TextRun& r : page.text) {
      const int id = face_id(*r.face), px64 = static_cast<int>(std::lround(r.size * scale * 64));
      for (const GlyphPos& gp : r.glyphs) {
        Key key{id, gp.gid, px64, quarter_of((gp.x + page.bleed) * scale)};  // as the canvas places it
        if (!glyphs_.count(key) && seen.insert(key).second) missing.push_back(key);
      }
    }
    if (missing.size() < 64) return;  // not worth a thread; drawn as met
    const size_t half = missing.size() / 2;
    for (size_t i = half; i < missing.size(); ++i) helper_face(std::get<0>(missing[i]));
    std::vector<Glyph> drawn(missing.size());
    // Two halves, each with its own faces (on one thread when PAIBAN_THREADS=1).
    for_each_parallel(2, [&](size_t part) {
      for (size_t i = part ? half : 0; i < (part ? missing.size() : half); ++i) {
        const auto& [id, gid, px64, q] = missing[i];
        const Opened& o = opened_[static_cast<size_t>(id)];
        drawn[i] = render(part ? o.helper : o.ft, gid, px64, q);
      }
    });
    for (size_t i = 0; i < missing.size(); ++i) glyphs_[missing[i]] = std::move(drawn[i]);
  }

  const Glyph& glyph(const Face& face, uint32_t gid, double px, int quarter) {
    const int id = face_id(face), px64 = static_cast<int>(std::lround(px * 64));
    Key key{id, gid, px64, quarter};
    auto found = glyphs_.find(key);
    if (found != glyphs_.end()) return found->second;
    return glyphs_[key] = render(opened_[static_cast<size_t>(id)].ft, gid, px64, quarter);
  }
  std::mutex lock;  // one page drawn at a time per process: FreeType faces are not shared

  // Photos as drawn at a page's resolution, by file (its size and time) and
  // placement: watch mode and the proof desk paste an unchanged photo again.
  struct Photo {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // device pixels
    std::vector<unsigned char> rgb;
  };
  const Photo* photo(const std::string& key) const {
    auto it = photos_.find(key);
    return it == photos_.end() ? nullptr : &it->second;
  }
  const Photo& keep_photo(const std::string& key, Photo p) {
    photo_bytes_ += p.rgb.size();
    if (photos_.size() >= 32 || photo_bytes_ > (size_t{64} << 20)) {  // a page or two of photos is what watch mode redraws
      photos_.clear();
      photo_bytes_ = p.rgb.size();
    }
    return photos_[key] = std::move(p);
  }

 private:
  struct Opened {
    FT_Face ft = nullptr;
    FT_Face helper = nullptr;   // the same font for the second thread, opened when first needed
    hb_blob_t* blob = nullptr;  // the font file's bytes, kept while FreeType reads them
  };
  GlyphCache() {
    FT_Init_FreeType(&lib_);
    FT_Init_FreeType(&helper_lib_);
  }
  ~GlyphCache() {
    for (Opened& o : opened_) {
      if (o.helper) FT_Done_Face(o.helper);
      if (o.ft) FT_Done_Face(o.ft);
      hb_blob_destroy(o.blob);
    }
    FT_Done_FreeType(helper_lib_);
    FT_Done_FreeType(lib_);
  }
  void helper_face(int id) {
    Opened& o = opened_[static_cast<size_t>(id)];
    if (o.helper || !o.ft) return;
    unsigned len = 0;
    const char* data = hb_blob_get_data(o.blob, &len);
    if (FT_New_Memory_Face(helper_lib_, reinterpret_cast<const FT_Byte*>(data), len, o.ft->face_index, &o.helper) != 0)
      o.helper = nullptr;
  }
  int face_id(const Face& face) {
    if (auto at = ids_.find(&face); at != ids_.end()) return at->second;
    auto [named, fresh] = by_file_.emplace(std::make_pair(face.file(), face.index()), static_cast<int>(opened_.size()));
    if (fresh) {
      Opened o;
      o.blob = hb_face_reference_blob(face.hb_face());  // the mapped file, shared
      unsigned len = 0;
      const char* data = hb_blob_get_data(o.blob, &len);
      if (FT_New_Memory_Face(lib_, reinterpret_cast<const FT_Byte*>(data), len, face.index(), &o.ft) != 0) o.ft = nullptr;
      opened_.push_back(o);
    }
    ids_[&face] = named->second;
    return named->second;
  }
  FT_Library lib_ = nullptr, helper_lib_ = nullptr;
  std::vector<Opened> opened_;
  std::map<std::pair<std::string, unsigned>, int> by_file_;
  std::unordered_map<const Face*, int> ids_;
  std::map<Key, Glyph> glyphs_;
  std::map<std::string, Photo> photos_;
  size_t photo_bytes_ = 0;
};

class Canvas {
 public:
  Canvas(const Page& p, double dpi) : s_(dpi / 72), off_(p.bleed) {
    w_ = static_cast<int>(std::lround((p.width + 2 * off_) * s_));
    h_ = static_cast<int>(std::lround((p.height + 2 * off_) * s_));
    px_.assign(static_cast<size_t>(w_) * h_ * 3, 255);  // paper white
  }
  double X(double x) const { return (x + off_) * s_; }
  double Y(double y) const { return (y + off_) * s_; }

  void blend(int x, int y, float a, const Rgb& c) {
    if (x < 0 || y < 0 || x >= w_ || y >= h_ || a <= 0) return;
    unsigned char* p = &px_[(static_cast<size_t>(y) * w_ + x) * 3];
    a = std::min(a, 1.0f);
    for (int i = 0; i < 3; ++i) {
      float target = (i == 0 ? c.r : i == 1 ? c.g : c.b) * 255;
      p[i] = static_cast<unsigned char>(std::lround(p[i] + (target - p[i]) * a));
    }
  }
  // A rectangle in device pixels, edges anti-aliased by their covered fraction.
  void fill(double x0, double y0, double x1, double y1, const Rgb& c) {
    if (x1 < x0) std::swap(x0, x1);
    if (y1 < y0) std::swap(y0, y1);
    int ix0 = std::max(0, static_cast<int>(std::floor(x0))), ix1 = std::min(w_, static_cast<int>(std::ceil(x1)));
    int iy0 = std::max(0, static_cast<int>(std::floor(y0))), iy1 = std::min(h_, static_cast<int>(std::ceil(y1)));
    for (int y = iy0; y < iy1; ++y) {
      double cy = std::min<double>(y + 1, y1) - std::max<double>(y, y0);
      for (int x = ix0; x < ix1; ++x) {
        double cx = std::min<double>(x + 1, x1) - std::max<double>(x, x0);
        blend(x, y, static_cast<float>(cx * cy), c);
      }
    }
  }
  void rule(const Rule& r) {
    Rgb c = screen(r.colour);
    double hw = std::max(r.width * s_, 0.5) / 2;  // a hairline still shows, as in a viewer
    double x1 = X(r.x1), y1 = Y(r.y1), x2 = X(r.x2), y2 = Y(r.y2);
    if (std::fabs(y1 - y2) < 1e-6) return fill(x1, y1 - hw, x2, y2 + hw, c);
    if (std::fabs(x1 - x2) < 1e-6) return fill(x1 - hw, y1, x2 + hw, y2, c);
    int steps = static_cast<int>(std::ceil(std::hypot(x2 - x1, y2 - y1)));  // slanted: dabs along the line
    for (int i = 0; i <= steps; ++i) {
      double t = steps ? static_cast<double>(i) / steps : 0, x = x1 + (x2 - x1) * t, y = y1 + (y2 - y1) * t;
      fill(x - hw, y - hw, x + hw, y + hw, c);
    }
  }
  void box(const Box& b) {
    Rgb c = screen(b.fill);
    double x0 = X(b.x), y0 = Y(b.y), x1 = X(b.x + b.w), y1 = Y(b.y + b.h);
    if (!b.stroke) return fill(x0, y0, x1, y1, c);
    double hw = std::max(b.width * s_, 0.5) / 2;
    fill(x0 - hw, y0 - hw, x1 + hw, y0 + hw, c);
    fill(x0 - hw, y1 - hw, x1 + hw, y1 + hw, c);
    fill(x0 - hw, y0 + hw, x0 + hw, y1 - hw, c);
    fill(x1 - hw, y0 + hw, x1 + hw, y1 - hw, c);
  }
  void text(const TextRun& r, GlyphCache& cache) {
    const Rgb c = screen(r.colour);
    const int ink[3] = {static_cast<int>(std::lround(c.r * 255)), static_cast<int>(std::lround(c.g * 255)),
                        static_cast<int>(std::lround(c.b * 255))};
    double size = r.size * s_;
    for (const GlyphPos& gp : r.glyphs) {
      double x = X(gp.x);
      int ix = static_cast<int>(std::floor(x)), quarter = quarter_of(x);
      int base = static_cast<int>(std::floor(Y(r.baseline - gp.dy)));  // as Poppler places glyphs
      const Glyph& g = cache.glyph(*r.face, gp.gid, size, quarter);
      // Coverage 0-255 mixes ink into the paper in integers: the page's most drawn pixels.
      for (int y = 0; y < g.rows; ++y) {
        const int py = base - g.top + y;
        if (py < 0 || py >= h_) continue;
        const unsigned char* cov = g.coverage.data() + static_cast<size_t>(y) * g.width;
        for (int xx = 0; xx < g.width; ++xx) {
          const int a = cov[xx], px = ix + g.left + xx;
          if (a == 0 || px < 0 || px >= w_) continue;
          unsigned char* p = &px_[(static_cast<size_t>(py) * w_ + px) * 3];
          for (int i = 0; i < 3; ++i) {
            const int mix = p[i] * 255 + (ink[i] - p[i]) * a;  // (p·(255 − a) + ink·a), over 255
            p[i] = static_cast<unsigned char>((mix + 127) / 255);
          }
        }
      }
    }
  }
  void image(const ImagePlacement& im, GlyphCache& cache);
  std::vector<unsigned char> take() { return std::move(px_); }
  int width() const { return w_; }
  int height() const { return h_; }

 private:
  double s_, off_;
  int w_ = 0, h_ = 0;
  std::vector<unsigned char> px_;
};

Rgb sample_rgb(const Pixels& px, size_t i) {
  const unsigned char* q = &px.data[i * static_cast<size_t>(px.info.components)];
  switch (px.info.components) {
    case 1: return {q[0] / 255.0f, q[0] / 255.0f, q[0] / 255.0f};
    case 3: return {q[0] / 255.0f, q[1] / 255.0f, q[2] / 255.0f};
    default: {
      float v[4];
      for (int k = 0; k < 4; ++k) v[k] = (px.info.adobe_inverted ? 255 - q[k] : q[k]) / 255.0f;
      return screen(Cmyk{v[0], v[1], v[2], v[3]});
    }
  }
}

// What makes a photo's drawing the same: the file (path, size, time), where it
// stands and is cropped, and the page's resolution.
std::string photo_key(const ImagePlacement& im, double scale, double offset) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(im.path, ec);
  const auto time = std::filesystem::last_write_time(im.path, ec).time_since_epoch().count();
  std::string key = im.path;
  for (double v : {static_cast<double>(size), static_cast<double>(time), im.x, im.y, im.w, im.h, im.crop_x, im.crop_y,
                   im.crop_w, im.crop_h, scale, offset}) {
    char buf[32];
    auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    key += '|';
    key.append(buf, end);
  }
  return key;
}

// Each device pixel of the frame shows the average of the source pixels under it.
void Canvas::image(const ImagePlacement& im, GlyphCache& cache) {
  const std::string key = photo_key(im, s_, off_);
  const GlyphCache::Photo* done = cache.photo(key);
  if (!done) {
    GlyphCache::Photo p;
    double sw = im.w / im.crop_w, sh = im.h / im.crop_h, ix = im.x - im.crop_x * sw, iy = im.y - im.crop_y * sh;
    // A JPEG is decoded at the smallest DCT scale that still covers the device pixels.
    Pixels px = decode_image(im.path, static_cast<int>(std::ceil(sw * s_)), static_cast<int>(std::ceil(sh * s_)));
    const int W = px.info.width, H = px.info.height;
    if (W <= 0 || H <= 0) return;
    p.x0 = std::max(0, static_cast<int>(std::floor(X(im.x))));
    p.x1 = std::max(p.x0, std::min(w_, static_cast<int>(std::ceil(X(im.x + im.w)))));
    p.y0 = std::max(0, static_cast<int>(std::floor(Y(im.y))));
    p.y1 = std::max(p.y0, std::min(h_, static_cast<int>(std::ceil(Y(im.y + im.h)))));
    // A device edge to the source pixel under it.
    auto src = [&](double dev, double origin, double size, int n) {
      return static_cast<int>(std::clamp((dev / s_ - off_ - origin) / size * n, 0.0, static_cast<double>(n)));
    };
    p.rgb.resize(static_cast<size_t>(p.x1 - p.x0) * (p.y1 - p.y0) * 3, 255);
    unsigned char* out = p.rgb.data();
    for (int y = p.y0; y < p.y1; ++y) {
      int v0 = std::min(src(y, iy, sh, H), H - 1), v1 = std::min(std::max(v0 + 1, src(y + 1, iy, sh, H)), H);
      for (int x = p.x0; x < p.x1; ++x, out += 3) {
        int u0 = std::min(src(x, ix, sw, W), W - 1), u1 = std::min(std::max(u0 + 1, src(x + 1, ix, sw, W)), W);
        Rgb sum{0, 0, 0};
        int n = 0;
        for (int v = v0; v < v1; ++v)
          for (int u = u0; u < u1; ++u, ++n) {
            Rgb c = sample_rgb(px, static_cast<size_t>(v) * W + u);
            sum.r += c.r, sum.g += c.g, sum.b += c.b;
          }
        if (!n) continue;
        out[0] = static_cast<unsigned char>(std::lround(std::min(sum.r / n, 1.0f) * 255));
        out[1] = static_cast<unsigned char>(std::lround(std::min(sum.g / n, 1.0f) * 255));
        out[2] = static_cast<unsigned char>(std::lround(std::min(sum.b / n, 1.0f) * 255));
      }
    }
    done = &cache.keep_photo(key, std::move(p));
  }
  const size_t row = static_cast<size_t>(done->x1 - done->x0) * 3;
  for (int y = done->y0; y < done->y1; ++y)
    std::copy_n(done->rgb.data() + static_cast<size_t>(y - done->y0) * row, row,
                px_.data() + (static_cast<size_t>(y) * w_ + done->x0) * 3);
}

}  // namespace

RasterPage rasterise(const Page& page, double dpi) {
  GlyphCache& cache = GlyphCache::get();
  std::lock_guard<std::mutex> hold(cache.lock);
  cache.begin_page();
  cache.prepare(page, dpi / 72);
  Canvas c(page, dpi);
  // The order of the print PDF's content streams: tints, photos, rules, text.
  for (const Box& b : page.boxes) c.box(b);
  for (const ImagePlacement& im : page.images) c.image(im, cache);
  for (const Rule& r : page.rules) c.rule(r);
  for (const TextRun& r : page.text) c.text(r, cache);
  return RasterPage{c.width(), c.height(), c.take()};
}

}  // namespace paiban
