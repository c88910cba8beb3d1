// Page boxes and font embedding.
#include <algorithm>

#include "preflight/checks.h"

namespace paiban::preflight_detail {

using namespace PoDoFo;

namespace {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string str() const { return "[" + fmt(x0) + " " + fmt(y0) + " " + fmt(x1) + " " + fmt(y1) + "]"; }
  bool inside(const Box& o) const {
    const double eps = 0.01;
    return x0 >= o.x0 - eps && y0 >= o.y0 - eps && x1 <= o.x1 + eps && y1 <= o.y1 + eps;
  }
};

bool box_of(Context& c, PdfObject* o, Box& b) {
  o = deref(c, o);
  if (!o || !o->IsArray() || o->GetArray().GetSize() != 4) return false;
  double v[4];
  for (size_t i = 0; i < 4; ++i)
    if (!number(deref(c, &o->GetArray()[i]), v[i])) return false;
  b = {std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]), std::max(v[1], v[3])};
  return true;
}

std::string font_label(Context& c, const std::string& res_name, PdfObject* font) {
  std::string base = name_of(get(c, font, "BaseFont"));
  if (base.empty()) base = name_of(get(c, font, "Name"));
  return "font " + res_name + (base.empty() ? "" : " (" + base + ")");
}

bool has_font_file(Context& c, PdfObject* descriptor) {
  return get(c, descriptor, "FontFile") || get(c, descriptor, "FontFile2") || get(c, descriptor, "FontFile3");
}

// Why the font is not embedded, or "" when it is.
std::string not_embedded(Context& c, PdfObject* font) {
  std::string subtype = name_of(get(c, font, "Subtype"));
  if (subtype == "Type3") return {};  // glyphs are content streams in the file
  PdfObject* descriptor = nullptr;
  if (subtype == "Type0") {
    PdfObject* descendants = get(c, font, "DescendantFonts");
    PdfObject* cid = descendants && descendants->IsArray() && descendants->GetArray().GetSize() > 0
                         ? deref(c, &descendants->GetArray()[0])
                         : nullptr;
    if (!cid) return "Type0 font without a descendant font";
    descriptor = get(c, cid, "FontDescriptor");
  } else {
    descriptor = get(c, font, "FontDescriptor");
  }
  if (!descriptor) return (subtype.empty() ? std::string("font") : subtype) + " font without a FontDescriptor (not embedded)";
  if (!has_font_file(c, descriptor)) return "no FontFile, FontFile2 or FontFile3 in the descriptor (not embedded)";
  return {};
}

bool visited(std::vector<const PdfObject*>& seen, const PdfObject* o) {
  if (std::find(seen.begin(), seen.end(), o) != seen.end()) return true;
  seen.push_back(o);
  return false;
}

}  // namespace

PdfObject* inherited(Context& c, PdfObject* page, const char* key) {
  PdfObject* node = deref(c, page);
  for (int depth = 0; node && depth < 64; ++depth) {
    if (PdfObject* v = get(c, node, key)) return v;
    node = get(c, node, "Parent");
  }
  return nullptr;
}

void check_boxes(Context& c, PdfObject* page, int page_no) {
  Box media, trim, art, bleed;
  bool has_media = box_of(c, inherited(c, page, "MediaBox"), media);
  bool has_trim = box_of(c, get(c, page, "TrimBox"), trim);
  bool has_art = box_of(c, get(c, page, "ArtBox"), art);
  bool has_bleed = box_of(c, get(c, page, "BleedBox"), bleed);
  if (!has_trim && !has_art) {
    c.fail(page_no, "page object", "trimbox", "no TrimBox (nor ArtBox)");
  } else if (has_trim && has_art) {
    c.fail(page_no, "page object", "trimbox", "both TrimBox and ArtBox (PDF/X allows one of them)");
  }
  if (!has_media) {
    c.fail(page_no, "page object", "box-nesting", "no valid MediaBox");
    return;
  }
  const char* inner_name = has_trim ? "TrimBox" : "ArtBox";
  const Box& inner = has_trim ? trim : art;
  if ((has_trim || has_art) && !inner.inside(media))
    c.fail(page_no, inner_name, "box-nesting",
           std::string(inner_name) + " " + inner.str() + " is not inside the MediaBox " + media.str());
  if (has_bleed) {
    if (!bleed.inside(media))
      c.fail(page_no, "BleedBox", "box-nesting",
             "BleedBox " + bleed.str() + " is not inside the MediaBox " + media.str());
    if ((has_trim || has_art) && !inner.inside(bleed))
      c.fail(page_no, "BleedBox", "box-nesting",
             "BleedBox " + bleed.str() + " does not contain the " + inner_name + " " + inner.str());
  }
}

void check_fonts(Context& c, PdfObject* resources, int page_no, std::vector<const PdfObject*>& seen, int depth) {
  resources = deref(c, resources);
  if (!resources || !resources->IsDictionary() || depth > 32 || visited(seen, resources)) return;
  if (PdfObject* fonts = get(c, resources, "Font"); fonts && fonts->IsDictionary()) {
    for (const auto& [name, value] : fonts->GetDictionary().GetKeys()) {
      PdfObject* font = deref(c, value);
      if (!font || !font->IsDictionary() || visited(seen, font)) continue;
      std::string why = not_embedded(c, font);
      if (!why.empty()) c.fail(page_no, font_label(c, name.GetName(), font), "font-embedded", why);
      if (name_of(get(c, font, "Subtype")) == "Type3")  // glyph procedures may use fonts too
        check_fonts(c, get(c, font, "Resources"), page_no, seen, depth + 1);
    }
  }
  for (const char* category : {"XObject", "Pattern"}) {
    PdfObject* dict = get(c, resources, category);
    if (!dict || !dict->IsDictionary()) continue;
    for (const auto& [name, value] : dict->GetDictionary().GetKeys()) {
      PdfObject* o = deref(c, value);
      if (!o || !o->IsDictionary()) continue;
      if (name_of(get(c, o, "Subtype")) == "Image") continue;
      check_fonts(c, get(c, o, "Resources"), page_no, seen, depth + 1);
    }
  }
}

}  // namespace paiban::preflight_detail
