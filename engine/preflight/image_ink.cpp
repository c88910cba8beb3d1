// Total ink of images at their own resolution: every pixel of a CMYK image
// decoded (DCT through libjpeg, Flate through PoDoFo), C+M+Y+K against the
// limit. A rendering at a page resolution samples and averages pixels; the
// press prints every one.
#include <algorithm>

#include "image/image.h"
#include "preflight/checks.h"

namespace paiban::preflight_detail {

using namespace PoDoFo;

namespace {

// The samples of an 8-bit CMYK image, or false when they cannot be read here.
bool cmyk_samples(Context& c, PdfObject* dict, int w, int h, std::vector<unsigned char>& out) {
  PdfObject* filter = get(c, dict, "Filter");
  std::string f = name_of(filter);
  if (filter && filter->IsArray()) f = filter->GetArray().GetSize() == 1 ? name_of(deref(c, &filter->GetArray()[0])) : "";
  double bpc = 0;
  if (!number(get(c, dict, "BitsPerComponent"), bpc) || bpc != 8 || !dict->HasStream()) return false;
  if (f == "DCTDecode") {
    pdf_long n = 0;
    char* raw = nullptr;
    dict->GetStream()->GetCopy(&raw, &n);
    std::string bytes(raw, static_cast<size_t>(n));
    podofo_free(raw);
    Pixels px = decode_jpeg(bytes);  // the samples as stored; /Decode says how to read them
    if (px.info.components != 4) return false;
    out = std::move(px.data);
  } else if (f == "FlateDecode" || f.empty()) {
    std::string bytes = stream_bytes(dict);
    out.assign(bytes.begin(), bytes.end());
  } else {
    return false;
  }
  return out.size() >= static_cast<size_t>(w) * h * 4;
}

}  // namespace

void measure_image_ink(Context& c, PdfObject* dict, const std::string& label, int page) {
  PdfObject* cs = get(c, dict, "ColorSpace");
  if (!cs || name_of(cs) != "DeviceCMYK") return;
  double w = 0, h = 0;
  number(get(c, dict, "Width"), w);
  number(get(c, dict, "Height"), h);
  if (w <= 0 || h <= 0 || w * h > 1e8) return;
  std::vector<unsigned char> px;
  try {
    if (!cmyk_samples(c, dict, static_cast<int>(w), static_cast<int>(h), px)) {
      c.warn(page, label, "tac", "image samples not readable here: its ink is not measured", label + "ink");
      return;
    }
  } catch (const std::exception& e) {
    c.fail(page, label, "tac", std::string("image data cannot be decoded: ") + e.what(), label + "ink");
    return;
  }
  // /Decode [1 0 …] reads each sample inverted (Adobe's CMYK JPEGs).
  bool inverted = false;
  if (PdfObject* d = get(c, dict, "Decode"); d && d->IsArray() && d->GetArray().GetSize() >= 2) {
    double lo = 0;
    inverted = number(d->GetArray()[0], lo) && lo > 0.5;
  }
  int most = 0;
  const size_t n = static_cast<size_t>(w) * static_cast<size_t>(h) * 4;
  for (size_t i = 0; i < n; i += 4) {
    int t = px[i] + px[i + 1] + px[i + 2] + px[i + 3];
    most = std::max(most, inverted ? 4 * 255 - t : t);
  }
  double max = most * 100.0 / 255;
  c.report.image_ink.push_back({page, label, static_cast<int>(w), static_cast<int>(h), max});
  if (max > c.limits.max_tac + 1.0)  // 1%: 8-bit quantisation of four channels
    c.fail(page, label, "tac",
           fmt(max) + "% total ink at its darkest pixel, over the " + fmt(c.limits.max_tac, 0) + "% limit",
           label + "inkmax");
}

}  // namespace paiban::preflight_detail
