// Pages to PDF: content streams with positioned glyphs (TJ), rules, tints and
// images; boxes; deterministic metadata.
#include <podofo/podofo.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <unistd.h>

#include "fonts/fonts.h"
#include "image/image.h"
#include "model/issue.h"
#include "pdf/embed.h"
#include "pdf/pdf.h"

namespace paiban {
namespace {

using namespace PoDoFo;

// Numbers in content streams: fixed precision, so output is byte-stable.
std::string num(double v) {
  char b[32];
  if (std::abs(v) < 0.0005) v = 0;
  std::snprintf(b, sizeof b, "%.3f", v);
  std::string s = b;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string colour(const Cmyk& c, bool stroke) {
  return num(c.c) + " " + num(c.m) + " " + num(c.y) + " " + num(c.k) + (stroke ? " K\n" : " k\n");
}

struct ImageUse {
  std::string resource;
  PdfObject* object = nullptr;
  ImageInfo info;
};

PdfObject* image_object(PdfMemDocument& doc, const std::string& path, ImageInfo& info) {
  info = probe_image(path);
  PdfObject* o = doc.GetObjects().CreateObject("XObject");
  PdfDictionary& d = o->GetDictionary();
  d.AddKey("Subtype", PdfName("Image"));
  d.AddKey("Width", PdfVariant(static_cast<pdf_int64>(info.width)));
  d.AddKey("Height", PdfVariant(static_cast<pdf_int64>(info.height)));
  d.AddKey("BitsPerComponent", PdfVariant(static_cast<pdf_int64>(8)));
  const char* space = info.components == 1 ? "DeviceGray" : info.components == 4 ? "DeviceCMYK" : "DeviceRGB";
  d.AddKey("ColorSpace", PdfName(space));
  if (info.format == ImageFormat::Jpeg) {
    // JPEG goes in as it is: no recompression, its own resolution.
    std::string bytes = read_file(path);
    check_jpeg_complete(path, bytes);  // a truncated file never reaches the press
    PdfMemoryInputStream in(bytes.data(), static_cast<pdf_long>(bytes.size()));
    o->GetStream()->SetRawData(&in, static_cast<pdf_long>(bytes.size()));
    d.AddKey("Filter", PdfName("DCTDecode"));
    if (info.adobe_inverted) {
      PdfArray dec;
      for (int i = 0; i < 4; ++i) {
        dec.push_back(PdfVariant(static_cast<pdf_int64>(1)));
        dec.push_back(PdfVariant(static_cast<pdf_int64>(0)));
      }
      d.AddKey("Decode", dec);
    }
  } else {
    Pixels px = decode_image(path);
    std::string deflated = pdf::deflate(std::string(px.data.begin(), px.data.end()));
    PdfMemoryInputStream in(deflated.data(), static_cast<pdf_long>(deflated.size()));
    o->GetStream()->SetRawData(&in, static_cast<pdf_long>(deflated.size()));
    d.AddKey("Filter", PdfName("FlateDecode"));
  }
  return o;
}

std::string pdf_date(const std::string& iso) {
  // D:YYYYMMDDHHmmSS+08'00': the issue date at midnight, Beijing time.
  std::string d = iso.size() >= 10 ? iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) : "20000101";
  return "D:" + d + "000000+08'00'";
}

}  // namespace

std::string write_pdf(const std::vector<Page>& pages, const PdfMeta& meta) {
  PdfMemDocument doc;
  doc.SetPdfVersion(ePdfVersion_1_4);
  doc.SetWriteMode(ePdfWriteMode_Compact);

  // Fonts and images used anywhere, in a stable order.
  std::map<std::string, pdf::FontUse> fonts;  // key: file#psname
  std::map<const Face*, pdf::FontUse*> font_of;
  std::map<std::string, ImageUse> images;
  for (const Page& p : pages) {
    for (const TextRun& r : p.text) {
      auto& use = fonts[r.face->file() + "#" + r.face->ps_name()];
      use.face = r.face;
      font_of[r.face] = &use;
      for (const GlyphPos& g : r.glyphs) {
        auto [it, fresh] = use.glyphs.emplace(g.gid, std::u32string());
        if (it->second.empty() && g.text_end > g.text_begin)
          it->second = r.text.substr(g.text_begin, g.text_end - g.text_begin);
        (void)fresh;
      }
    }
    for (const ImagePlacement& im : p.images) images[im.path];
  }
  int n = 0;
  for (auto& [k, use] : fonts) use.resource = "F" + std::to_string(++n);
  // Subsetting is the costly part of writing: one thread per font.
  std::vector<std::future<pdf::FontProgram>> programs;
  for (auto& [k, use] : fonts) programs.push_back(std::async(std::launch::async, pdf::subset_font, std::cref(use)));
  std::map<std::string, PdfObject*> font_objects;
  size_t fi = 0;
  for (auto& [k, use] : fonts) font_objects[use.resource] = pdf::embed_font(doc, use, programs[fi++].get());
  n = 0;
  for (auto& [path, use] : images) {
    use.resource = "Im" + std::to_string(++n);
    use.object = image_object(doc, path, use.info);
  }

  for (const Page& p : pages) {
    double b = p.bleed, W = p.width, H = p.height;
    PdfPage* page = doc.CreatePage(PdfRect(0, 0, W + 2 * b, H + 2 * b));
    page->SetTrimBox(PdfRect(b, b, W, H));
    PdfVariant bleed;
    PdfRect(0, 0, W + 2 * b, H + 2 * b).ToVariant(bleed);
    page->GetObject()->GetDictionary().AddKey("BleedBox", bleed);

    std::string s = "1 0 0 1 " + num(b) + " " + num(b) + " cm\n";
    auto Y = [&](double y) { return num(H - y); };
    for (const Box& bx : p.boxes) {
      s += colour(bx.fill, bx.stroke);
      if (bx.stroke) s += num(bx.width) + " w\n";
      s += num(bx.x) + " " + Y(bx.y + bx.h) + " " + num(bx.w) + " " + num(bx.h) + (bx.stroke ? " re S\n" : " re f\n");
    }
    for (const ImagePlacement& im : p.images) {
      const ImageUse& use = images[im.path];
      double sw = im.w / im.crop_w, sh = im.h / im.crop_h;  // size of the whole image on the page
      double ix = im.x - im.crop_x * sw, iy = im.y - im.crop_y * sh;
      s += "q " + num(im.x) + " " + Y(im.y + im.h) + " " + num(im.w) + " " + num(im.h) + " re W n\n";
      s += num(sw) + " 0 0 " + num(sh) + " " + num(ix) + " " + Y(iy + sh) + " cm /" + use.resource + " Do Q\n";
    }
    for (const Rule& r : p.rules)
      s += colour(r.colour, true) + num(r.width) + " w " + num(r.x1) + " " + Y(r.y1) + " m " + num(r.x2) + " " +
           Y(r.y2) + " l S\n";
    Cmyk current{-1, -1, -1, -1};
    for (const TextRun& r : p.text) {
      if (r.glyphs.empty()) continue;
      if (!(r.colour == current)) {
        s += colour(r.colour, false);
        current = r.colour;
      }
      const pdf::FontUse& use = *font_of[r.face];
      const Face& f = *r.face;
      s += "BT /" + use.resource + " " + num(r.size) + " Tf ";
      double y = r.baseline;
      double pen = r.glyphs[0].x;
      double dy = r.glyphs[0].dy;
      s += "1 0 0 1 " + num(pen) + " " + num(H - y + dy) + " Tm [";
      for (size_t i = 0; i < r.glyphs.size(); ++i) {
        const GlyphPos& g = r.glyphs[i];
        if (g.dy != dy) {  // a shifted glyph (rare in CJK) restarts the text matrix
          dy = g.dy;
          s += "] TJ 1 0 0 1 " + num(g.x) + " " + num(H - y + dy) + " Tm [";
          pen = g.x;
        }
        double adj = (pen - g.x) * 1000 / r.size;  // TJ moves left by positive amounts
        if (std::abs(adj) > 0.05) s += num(adj);
        char hex[8];
        std::snprintf(hex, sizeof hex, "<%04X>", g.gid & 0xFFFF);
        s += hex;
        pen = g.x + f.ink(g.gid).advance * r.size / f.upem();
      }
      s += "] TJ ET\n";
    }
    PdfObject* contents = pdf::flate_stream(doc, pdf::deflate(s));
    page->GetObject()->GetDictionary().AddKey("Contents", contents->Reference());

    PdfDictionary& res = page->GetResources()->GetDictionary();
    PdfDictionary font_dict, xobjects;
    for (const TextRun& r : p.text)
      if (!font_dict.HasKey(font_of[r.face]->resource))
        font_dict.AddKey(font_of[r.face]->resource, font_objects[font_of[r.face]->resource]->Reference());
    for (const ImagePlacement& im : p.images) xobjects.AddKey(images[im.path].resource, images[im.path].object->Reference());
    if (!font_dict.GetKeys().empty()) res.AddKey("Font", font_dict);
    if (!xobjects.GetKeys().empty()) res.AddKey("XObject", xobjects);
  }

  PdfInfo* info = doc.GetInfo();
  info->SetTitle(PdfString(reinterpret_cast<const pdf_utf8*>(meta.title.c_str())));
  if (!meta.author.empty()) info->SetAuthor(PdfString(reinterpret_cast<const pdf_utf8*>(meta.author.c_str())));
  info->SetCreator(PdfString("paiban " PAIBAN_VERSION));
  info->SetProducer(PdfString("paiban " PAIBAN_VERSION " with PoDoFo"));
  PdfDictionary& id = info->GetObject()->GetDictionary();
  id.AddKey("CreationDate", PdfString(pdf_date(meta.date)));
  id.AddKey("ModDate", PdfString(pdf_date(meta.date)));

  PdfRefCountedBuffer buffer;
  PdfOutputDevice out(&buffer);
  doc.Write(&out);
  return std::string(buffer.GetBuffer(), out.GetLength());
}

void save_atomically(const std::string& path, const std::string& bytes) {
  namespace fs = std::filesystem;
  fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + tmp);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.flush();
    if (!f) {
      f.close();
      fs::remove(tmp);
      throw std::runtime_error("cannot write " + path);
    }
  }
  fs::rename(tmp, path);
}

}  // namespace paiban
