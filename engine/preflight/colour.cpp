// Colour spaces, images, shadings and graphics states.
#include <cmath>

#include "preflight/checks.h"

namespace paiban::preflight_detail {

using namespace PoDoFo;

namespace {

// The worse of two classifications (what a compound space is judged by).
ColourSpace worse(const ColourSpace& outer, const ColourSpace& inner, const std::string& desc) {
  auto rank = [](Ink i) {
    switch (i) {
      case Ink::Rgb: return 5;
      case Ink::Lab: return 4;
      case Ink::Cie: return 3;
      case Ink::Unknown: return 2;
      default: return 0;
    }
  };
  if (rank(inner.ink) > rank(outer.ink)) return {inner.ink, desc + " over " + inner.desc};
  return {outer.ink, desc};
}

ColourSpace family(const std::string& n) {
  if (n == "DeviceGray" || n == "G") return {Ink::Gray, "DeviceGray"};
  if (n == "DeviceCMYK" || n == "CMYK") return {Ink::Cmyk, "DeviceCMYK"};
  if (n == "DeviceRGB" || n == "RGB") return {Ink::Rgb, "DeviceRGB"};
  if (n == "Pattern") return {Ink::Pattern, "Pattern"};
  if (n == "CalRGB") return {Ink::Rgb, "CalRGB"};
  if (n == "CalGray") return {Ink::Cie, "CalGray"};
  if (n == "Lab") return {Ink::Lab, "Lab"};
  return {Ink::Unknown, n};
}

}  // namespace

ColourSpace classify_name(Context& c, const std::string& name, PdfObject* resources) {
  ColourSpace f = family(name);
  if (f.ink != Ink::Unknown) return f;
  PdfObject* named = resource(c, resources, "ColorSpace", name);
  if (!named) return {Ink::Unknown, "undefined colour space /" + name};
  ColourSpace cs = classify(c, named, resources, 1);
  cs.desc = name + " (" + cs.desc + ")";
  return cs;
}

ColourSpace classify(Context& c, PdfObject* cs, PdfObject* resources, int depth) {
  cs = deref(c, cs);
  if (!cs || depth > 8) return {Ink::Unknown, "unreadable colour space"};
  if (cs->IsName()) return depth == 0 ? classify_name(c, cs->GetName().GetName(), resources) : family(cs->GetName().GetName());
  if (!cs->IsArray() || cs->GetArray().GetSize() == 0) return {Ink::Unknown, "unreadable colour space"};
  const PdfArray& a = cs->GetArray();
  std::string fam = name_of(deref(c, const_cast<PdfObject*>(&a[0])));
  auto at = [&](size_t i) { return i < a.GetSize() ? deref(c, const_cast<PdfObject*>(&a[i])) : nullptr; };
  if (fam == "ICCBased") {
    PdfObject* stream = at(1);
    double n = 0;
    number(get(c, stream, "N"), n);
    if (n == 3) return {Ink::Rgb, "ICCBased (N=3, RGB)"};
    if (n == 4) return {Ink::Cie, "ICCBased (N=4, CMYK)"};
    if (n == 1) return {Ink::Cie, "ICCBased (N=1, grey)"};
    return {Ink::Unknown, "ICCBased (N=" + fmt(n, 0) + ")"};
  }
  if (fam == "Indexed" || fam == "I") return worse({Ink::Cmyk, ""}, classify(c, at(1), resources, depth + 1), "Indexed");
  if (fam == "Separation") {
    std::string colourant = name_of(at(1));
    ColourSpace alt = classify(c, at(2), resources, depth + 1);
    return worse({Ink::Spot, ""}, alt, "Separation /" + colourant);
  }
  if (fam == "DeviceN") return worse({Ink::Spot, ""}, classify(c, at(2), resources, depth + 1), "DeviceN");
  if (fam == "Pattern")
    return a.GetSize() > 1 ? worse({Ink::Pattern, ""}, classify(c, at(1), resources, depth + 1), "Pattern")
                           : ColourSpace{Ink::Pattern, "Pattern"};
  return family(fam);  // CalRGB, CalGray, Lab, or a device name in an array
}

void judge(Context& c, const ColourSpace& cs, int page, const std::string& object, const std::string& use) {
  switch (cs.ink) {
    case Ink::Rgb:
      c.fail(page, object, "colour-rgb", use + " in " + cs.desc + " (only CMYK, grey and spot colour print)",
             object + cs.desc);
      break;
    case Ink::Lab:
      if (!c.x4) c.fail(page, object, "colour-lab", use + " in " + cs.desc + " (not allowed in PDF/X-1a)", object + cs.desc);
      break;
    case Ink::Cie:
      if (!c.x4)
        c.fail(page, object, "colour-cie", use + " in " + cs.desc + " (PDF/X-1a allows only device CMYK, grey and spot)",
               object + cs.desc);
      break;
    case Ink::Unknown:
      c.warn(page, object, "colour", use + " in " + cs.desc + " (could not be classified)", object + cs.desc);
      break;
    default:
      break;
  }
}

void check_extgstate(Context& c, PdfObject* gs, const std::string& name, int page) {
  std::string label = "ExtGState " + name;
  if (!gs || !gs->IsDictionary()) {
    c.fail(page, label, "content", "graphics state /" + name + " is not defined in the resources", label);
    return;
  }
  if (!c.x4) {
    PdfObject* smask = get(c, gs, "SMask");
    if (smask && name_of(smask) != "None") c.fail(page, label, "transparency", "soft mask (SMask)", label + "SMask");
    for (const char* key : {"CA", "ca"}) {
      double alpha = 1;
      if (number(get(c, gs, key), alpha) && alpha < 1)
        c.fail(page, label, "transparency", std::string("/") + key + " " + fmt(alpha, 2) + " (opacity under 1)",
               label + key);
    }
    PdfObject* bm = get(c, gs, "BM");
    std::string mode = name_of(bm);
    if (bm && bm->IsArray() && bm->GetArray().GetSize() > 0) mode = name_of(deref(c, &bm->GetArray()[0]));
    if (bm && mode != "Normal" && mode != "Compatible")
      c.fail(page, label, "transparency", "blend mode " + (mode.empty() ? std::string("?") : mode), label + "BM");
  }
  for (const char* key : {"TR", "TR2"}) {
    PdfObject* tr = get(c, gs, key);
    std::string v = name_of(tr);
    if (tr && v != "Identity" && v != "Default")
      c.fail(page, label, "transfer", std::string("transfer function /") + key + " (not allowed in PDF/X)", label + key);
  }
}

void check_shading(Context& c, PdfObject* shading, PdfObject* resources, const std::string& name, int page) {
  shading = deref(c, shading);
  std::string label = "shading " + name;
  if (!shading || !shading->IsDictionary()) return;
  judge(c, classify(c, get(c, shading, "ColorSpace"), resources), page, label, "shading");
}

void check_image(Context& c, PdfObject* dict, PdfObject* resources, const std::string& label, const Mat& ctm, int page,
                 bool is_inline) {
  auto key = [&](const char* full, const char* abbrev) {
    PdfObject* v = get(c, dict, full);
    return v || !is_inline ? v : get(c, dict, abbrev);
  };
  PdfObject* mask = key("ImageMask", "IM");
  bool stencil = mask && mask->IsBool() && mask->GetBool();
  if (!stencil) {
    PdfObject* cs = key("ColorSpace", "CS");
    if (cs) {
      ColourSpace space = cs->IsName() ? classify_name(c, cs->GetName().GetName(), resources)
                                       : classify(c, cs, resources);
      judge(c, space, page, label, "image");
    } else {
      PdfObject* filter = key("Filter", "F");
      std::string f = name_of(filter);
      if (filter && filter->IsArray() && filter->GetArray().GetSize() > 0)
        f = name_of(deref(c, &filter->GetArray()[filter->GetArray().GetSize() - 1]));
      c.fail(page, label, "colour",
             f == "JPXDecode" ? "JPEG 2000 image with its colour space only inside the codestream"
                              : "image without a colour space",
             label + "nocs");
    }
  }
  if (!is_inline && !c.x4) {
    PdfObject* smask = get(c, dict, "SMask");
    if (smask) c.fail(page, label, "transparency", "image with a soft mask (SMask)", label + "SMask");
    double in_data = 0;
    if (number(get(c, dict, "SMaskInData"), in_data) && in_data > 0)
      c.fail(page, label, "transparency", "JPEG 2000 image with alpha (SMaskInData)", label + "SMaskInData");
  }
  if (!is_inline && !stencil) measure_image_ink(c, dict, label, page);
  // Resolution at the placed size: the image fills the unit square of ctm.
  double w = 0, h = 0;
  number(key("Width", "W"), w);
  number(key("Height", "H"), h);
  double placed_w = std::hypot(ctm.a, ctm.b) / 72.0, placed_h = std::hypot(ctm.c, ctm.d) / 72.0;
  if (w <= 0 || h <= 0 || placed_w <= 0 || placed_h <= 0) return;
  double ppi = std::min(w / placed_w, h / placed_h);
  if (ppi < c.limits.warn_ppi)
    c.warn(page, label, "image-ppi",
           fmt(ppi, 0) + " ppi at print size (under " + fmt(c.limits.warn_ppi, 0) + "): " + fmt(w, 0) + "x" + fmt(h, 0) +
               " px placed at " + fmt(placed_w * 25.4) + "x" + fmt(placed_h * 25.4) + " mm",
           label + "ppi" + fmt(ppi, 0));
}

}  // namespace paiban::preflight_detail
