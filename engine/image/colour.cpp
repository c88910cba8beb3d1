// Colour for the press: LittleCMS separation and ink limiting, JPEG re-encoding.
#include <cstdio>
#include <cstdlib>

#include <jpeglib.h>
#include <lcms2.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "diag/diag.h"
#include "image/image.h"

namespace paiban {

namespace {

constexpr int kGrid = 33;  // nodes per axis of the separation table, as LittleCMS uses for 8-bit data

// Total area coverage: at most `limit` (0..1020) ink on any dot. Grey (the least
// of C, M, Y) is replaced by black first, each unit moved saving two; what is
// still over is taken from C, M and Y in proportion.
void limit_ink(unsigned char* p, int limit) {
  int c = p[0], m = p[1], y = p[2], k = p[3];
  int total = c + m + y + k;
  if (total <= limit) return;
  int grey = std::min({c, m, y, 255 - k, (total - limit + 1) / 2});
  c -= grey;
  m -= grey;
  y -= grey;
  k += grey;
  if (c + m + y + k > limit && c + m + y > 0) {
    double f = std::max(0.0, static_cast<double>(limit - k) / (c + m + y));
    c = static_cast<int>(c * f);
    m = static_cast<int>(m * f);
    y = static_cast<int>(y * f);
  }
  p[0] = static_cast<unsigned char>(c);
  p[1] = static_cast<unsigned char>(m);
  p[2] = static_cast<unsigned char>(y);
  p[3] = static_cast<unsigned char>(k);
}

// The separation as a table: LittleCMS converts the grid's RGB nodes, the ink
// limit is applied to each node, and pixels are interpolated between nodes
// (tetrahedral, as colour engines do). Ink limits survive interpolation, since a
// mix of points under the limit stays under it.
std::vector<unsigned char> separation_table(const Separation& s) {
  cmsHPROFILE in = cmsCreate_sRGBProfile();
  cmsHPROFILE out = cmsOpenProfileFromFile(s.cmyk_profile.c_str(), "r");
  if (!out) {
    cmsCloseProfile(in);
    throw InputError(s.cmyk_profile, 0, "cannot read the CMYK output profile");
  }
  if (cmsGetColorSpace(out) != cmsSigCmykData) {
    cmsCloseProfile(in);
    cmsCloseProfile(out);
    throw InputError(s.cmyk_profile, 0, "the output profile is not a CMYK profile");
  }
  // Only the table's nodes go through this transform, so LittleCMS need not optimise it.
  cmsHTRANSFORM t = cmsCreateTransform(in, TYPE_RGB_8, out, TYPE_CMYK_8, INTENT_RELATIVE_COLORIMETRIC,
                                       cmsFLAGS_BLACKPOINTCOMPENSATION | cmsFLAGS_NOOPTIMIZE);
  cmsCloseProfile(in);
  cmsCloseProfile(out);
  if (!t) throw InputError(s.cmyk_profile, 0, "LittleCMS cannot build the RGB to CMYK transform");
  const int n = kGrid * kGrid * kGrid;
  std::vector<unsigned char> rgb(static_cast<size_t>(n) * 3), cmyk(static_cast<size_t>(n) * 4);
  for (int r = 0, i = 0; r < kGrid; ++r)
    for (int g = 0; g < kGrid; ++g)
      for (int b = 0; b < kGrid; ++b, ++i) {
        rgb[i * 3] = static_cast<unsigned char>(r * 255 / (kGrid - 1));
        rgb[i * 3 + 1] = static_cast<unsigned char>(g * 255 / (kGrid - 1));
        rgb[i * 3 + 2] = static_cast<unsigned char>(b * 255 / (kGrid - 1));
      }
  cmsDoTransform(t, rgb.data(), cmyk.data(), static_cast<cmsUInt32Number>(n));
  cmsDeleteTransform(t);
  const int limit = static_cast<int>(s.tac * 255 / 100);
  for (int i = 0; i < n; ++i) limit_ink(&cmyk[static_cast<size_t>(i) * 4], limit);
  return cmyk;
}

}  // namespace

Pixels separate(const Pixels& rgb, const Separation& s) {
  if (rgb.info.components != 3) throw std::runtime_error("separate() wants RGB pixels");
  const std::vector<unsigned char> table = separation_table(s);
  Pixels px;
  px.info = rgb.info;
  px.info.components = 4;
  px.info.adobe_inverted = false;
  size_t n = static_cast<size_t>(rgb.info.width) * rgb.info.height;
  px.data.resize(n * 4);
  constexpr int kShift = 16, kScale = 1 << kShift;  // fixed point
  const int step = (kGrid - 1);
  int cell[256], part[256];  // grid cell and position inside it, per sample value
  for (int v = 0; v < 256; ++v) {
    int x = v * step * kScale / 255;
    cell[v] = std::min(x >> kShift, step - 1);
    part[v] = x - (cell[v] << kShift);
  }
  for (size_t i = 0; i < n; ++i) {
    const unsigned char* p = &rgb.data[i * 3];
    int pos[3] = {cell[p[0]], cell[p[1]], cell[p[2]]};
    int frac[3] = {part[p[0]], part[p[1]], part[p[2]]};
    auto node = [&](int dr, int dg, int db) {
      return &table[(static_cast<size_t>((pos[0] + dr) * kGrid + pos[1] + dg) * kGrid + pos[2] + db) * 4];
    };
    // Tetrahedral interpolation: the cube is cut along its main diagonal.
    const unsigned char *c0 = node(0, 0, 0), *c1, *c2, *c3 = node(1, 1, 1);
    int f1, f2, f3;
    int rx = frac[0], ry = frac[1], rz = frac[2];
    if (rx >= ry && ry >= rz) { c1 = node(1, 0, 0); c2 = node(1, 1, 0); f1 = rx; f2 = ry; f3 = rz; }
    else if (rx >= rz && rz >= ry) { c1 = node(1, 0, 0); c2 = node(1, 0, 1); f1 = rx; f2 = rz; f3 = ry; }
    else if (rz >= rx && rx >= ry) { c1 = node(0, 0, 1); c2 = node(1, 0, 1); f1 = rz; f2 = rx; f3 = ry; }
    else if (ry >= rx && rx >= rz) { c1 = node(0, 1, 0); c2 = node(1, 1, 0); f1 = ry; f2 = rx; f3 = rz; }
    else if (ry >= rz && rz >= rx) { c1 = node(0, 1, 0); c2 = node(0, 1, 1); f1 = ry; f2 = rz; f3 = rx; }
    else { c1 = node(0, 0, 1); c2 = node(0, 1, 1); f1 = rz; f2 = ry; f3 = rx; }
    unsigned char* o = &px.data[i * 4];
    for (int ch = 0; ch < 4; ++ch) {
      long v = static_cast<long>(c0[ch]) * (kScale - f1) + static_cast<long>(c1[ch]) * (f1 - f2) +
               static_cast<long>(c2[ch]) * (f2 - f3) + static_cast<long>(c3[ch]) * f3;
      o[ch] = static_cast<unsigned char>((v + kScale / 2) >> kShift);
    }
  }
  return px;
}

std::string encode_jpeg(const Pixels& px, int quality) {
  jpeg_compress_struct c;
  jpeg_error_mgr e;
  c.err = jpeg_std_error(&e);
  jpeg_create_compress(&c);
  unsigned char* buf = nullptr;
  unsigned long len = 0;
  jpeg_mem_dest(&c, &buf, &len);
  c.image_width = static_cast<JDIMENSION>(px.info.width);
  c.image_height = static_cast<JDIMENSION>(px.info.height);
  c.input_components = px.info.components;
  c.in_color_space = px.info.components == 4 ? JCS_CMYK : px.info.components == 3 ? JCS_RGB : JCS_GRAYSCALE;
  jpeg_set_defaults(&c);
  // CMYK goes through YCCK, as Adobe does: chroma subsampled, half the size of plain CMYK.
  if (px.info.components == 4) jpeg_set_colorspace(&c, JCS_YCCK);
  jpeg_set_quality(&c, quality, TRUE);
  jpeg_start_compress(&c, TRUE);
  size_t row = static_cast<size_t>(px.info.width) * px.info.components;
  while (c.next_scanline < c.image_height) {
    JSAMPROW r = const_cast<unsigned char*>(px.data.data()) + row * c.next_scanline;
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  std::string out(reinterpret_cast<char*>(buf), len);
  std::free(buf);
  jpeg_destroy_compress(&c);
  return out;
}

}  // namespace paiban

namespace paiban {

PixelSize print_size(const ImageInfo& info, double w_pt, double h_pt, double max_ppi) {
  // The scale that gives max_ppi in the direction that needs more pixels.
  double f = std::max(w_pt / 72 * max_ppi / info.width, h_pt / 72 * max_ppi / info.height);
  if (!(f < 1)) return {info.width, info.height};
  return {std::max(1, static_cast<int>(std::ceil(info.width * f))), std::max(1, static_cast<int>(std::ceil(info.height * f)))};
}

double max_ink(const Pixels& px) {
  int most = 0;
  for (size_t i = 0; i + 3 < px.data.size(); i += 4)
    most = std::max(most, px.data[i] + px.data[i + 1] + px.data[i + 2] + px.data[i + 3]);
  return most * 100.0 / 255;
}

std::string encode_within_ink(Pixels px, double tac, int quality) {
  // A little headroom below the limit, for decoders that round differently.
  const int limit = static_cast<int>(tac * 255 / 100) - 2;
  constexpr int kBlock = 16;  // one MCU of YCCK with its chroma subsampled
  const int w = px.info.width, h = px.info.height, bw = (w + kBlock - 1) / kBlock;
  std::vector<int> block_limit(static_cast<size_t>(bw) * ((h + kBlock - 1) / kBlock), limit);
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string bytes = encode_jpeg(px, quality);
    Pixels back = decode_jpeg(bytes);
    bool over = false;
    std::vector<int> excess(block_limit.size(), 0);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const unsigned char* p = &back.data[(static_cast<size_t>(y) * w + x) * 4];
        int e = p[0] + p[1] + p[2] + p[3] - limit;
        int& b = excess[static_cast<size_t>(y / kBlock) * bw + x / kBlock];
        if (e > b) b = e, over = true;
      }
    if (!over) return bytes;
    // Each block that came out over gets less ink, by what it went over and a margin.
    for (size_t b = 0; b < excess.size(); ++b)
      if (excess[b] > 0) block_limit[b] -= excess[b] + 2;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        int bl = block_limit[static_cast<size_t>(y / kBlock) * bw + x / kBlock];
        if (bl < limit) limit_ink(&px.data[(static_cast<size_t>(y) * w + x) * 4], bl);
      }
  }
  return {};
}

}  // namespace paiban
