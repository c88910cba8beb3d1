// The document: fonts and images gathered once, pages with their boxes and
// resources, then the PDF/X furniture.
#include <podofo/podofo.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <csignal>
#include <cstring>
#include <unistd.h>

#include "diag/diag.h"
#include "fonts/fonts.h"
#include "pdf/embed.h"
#include "work/work.h"

namespace paiban {
namespace {

using namespace PoDoFo;

// An interrupted build (Ctrl-C, kill) must not leave a partial file behind:
// the handler removes the temporary file, then lets the signal do its work.
volatile std::sig_atomic_t g_writing = 0;
char g_temporary[4096];

void on_signal(int sig) {
  if (g_writing) unlink(g_temporary);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void guard_signals() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}

void add_box(PdfPage* page, const char* name, double x, double y, double w, double h) {
  PdfVariant v;
  PdfRect(x, y, w, h).ToVariant(v);
  page->GetObject()->GetDictionary().AddKey(name, v);
}

// The fonts and photos the pages use, named in a stable order (F1, F2 …, Im1 …).
struct Uses {
  std::map<std::string, pdf::FontUse> fonts;  // key: file#psname
  std::map<const Face*, pdf::FontUse*> font_of;
  std::map<std::string, std::string> image_names;            // path -> Im1, Im2, ...
  std::map<std::string, std::pair<double, double>> printed;  // path -> largest whole-image size, pt
  std::map<std::string, PdfObject*> font_objects, image_objects;
};

Uses collect_uses(const std::vector<Page>& pages) {
  Uses u;
  for (const Page& p : pages) {
    for (const TextRun& r : p.text) {
      auto& use = u.fonts[r.face->file() + "#" + r.face->ps_name()];
      use.face = r.face.get();
      u.font_of[r.face.get()] = &use;
      for (const GlyphPos& g : r.glyphs) {
        auto& text = use.glyphs[g.gid];
        if (text.empty() && g.text_end > g.text_begin) text = r.text.substr(g.text_begin, g.text_end - g.text_begin);
      }
    }
    for (const ImagePlacement& im : p.images) {
      u.image_names[im.path];
      auto& [w, h] = u.printed[im.path];
      w = std::max(w, im.w / im.crop_w);
      h = std::max(h, im.h / im.crop_h);
    }
  }
  int n = 0;
  for (auto& [k, use] : u.fonts) use.resource = "F" + std::to_string(++n);
  n = 0;
  for (auto& [path, name] : u.image_names) name = "Im" + std::to_string(++n);
  return u;
}

// Subsetting fonts and separating photos are the costly parts: side by side,
// each into its own slot (the document itself is filled in on this thread).
void embed_resources(PdfMemDocument& doc, Uses& u, const PrintSettings& print) {
  std::vector<const pdf::FontUse*> font_list;
  for (auto& [k, use] : u.fonts) font_list.push_back(&use);
  std::vector<const std::string*> image_list;
  for (auto& [path, name] : u.image_names) image_list.push_back(&path);
  std::vector<pdf::FontProgram> programs(font_list.size());
  std::vector<pdf::ImageData> image_data(image_list.size());
  for_each_parallel(font_list.size() + image_list.size(), [&](size_t i) {
    if (i < font_list.size()) {
      programs[i] = pdf::subset_font(*font_list[i]);
      return;
    }
    const std::string& path = *image_list[i - font_list.size()];
    image_data[i - font_list.size()] = pdf::prepare_image(path, print, u.printed[path].first, u.printed[path].second);
  });
  for (size_t i = 0; i < font_list.size(); ++i)
    u.font_objects[font_list[i]->resource] = pdf::embed_font(doc, *font_list[i], programs[i]);
  for (size_t i = 0; i < image_list.size(); ++i)
    u.image_objects[u.image_names[*image_list[i]]] = pdf::embed_image(doc, image_data[i]);
}

// One page: its boxes (trim, bleed), its content stream and its resources.
void add_page(PdfMemDocument& doc, const Page& p, const std::string& content, Uses& u, PdfObject* overprint,
              const PrintSettings& print) {
  double b = p.bleed, slug = print.marks ? print.slug : 0, W = p.width, H = p.height;
  double off = b + slug;
  PdfPage* page = doc.CreatePage(PdfRect(0, 0, W + 2 * off, H + 2 * off));
  page->SetTrimBox(PdfRect(off, off, W, H));
  add_box(page, "BleedBox", slug, slug, W + 2 * b, H + 2 * b);
  PdfObject* stream = pdf::flate_stream(doc, content);
  page->GetObject()->GetDictionary().AddKey("Contents", stream->Reference());
  PdfDictionary& res = page->GetResources()->GetDictionary();
  PdfDictionary font_dict, xobjects, states;
  for (const TextRun& r : p.text) {
    const std::string& name = u.font_of[r.face.get()]->resource;
    if (!font_dict.HasKey(name)) font_dict.AddKey(name, u.font_objects[name]->Reference());
  }
  for (const ImagePlacement& im : p.images)
    xobjects.AddKey(u.image_names[im.path], u.image_objects[u.image_names[im.path]]->Reference());
  states.AddKey("GSop", overprint->Reference());
  if (!font_dict.GetKeys().empty()) res.AddKey("Font", font_dict);
  if (!xobjects.GetKeys().empty()) res.AddKey("XObject", xobjects);
  res.AddKey("ExtGState", states);
}

}  // namespace

std::string write_pdf(const std::vector<Page>& pages, const PdfMeta& meta, const PrintSettings& print) {
  PdfMemDocument doc;
  doc.SetPdfVersion(print.pdfx == PdfX::X4 ? ePdfVersion_1_6 : print.pdfx == PdfX::X1a ? ePdfVersion_1_3 : ePdfVersion_1_4);
  doc.SetWriteMode(ePdfWriteMode_Compact);
  Uses u = collect_uses(pages);
  embed_resources(doc, u, print);

  // Content streams drawn and compressed side by side too.
  std::vector<std::string> contents(pages.size());
  for_each_parallel(pages.size(), [&](size_t i) {
    contents[i] = pdf::deflate(pdf::page_content(pages[i], u.font_of, u.image_names, print, meta, static_cast<int>(pages.size())));
  });

  PdfObject* overprint = doc.GetObjects().CreateObject("ExtGState");
  overprint->GetDictionary().AddKey("OP", PdfVariant(true));
  overprint->GetDictionary().AddKey("op", PdfVariant(true));
  overprint->GetDictionary().AddKey("OPM", PdfVariant(static_cast<pdf_int64>(1)));
  for (size_t pi = 0; pi < pages.size(); ++pi) add_page(doc, pages[pi], contents[pi], u, overprint, print);
  pdf::add_pdfx(doc, meta, print);

  PdfRefCountedBuffer buffer;
  PdfOutputDevice out(&buffer);
  doc.Write(&out);
  std::string bytes(buffer.GetBuffer(), out.GetLength());
  pdf::stamp_id(bytes);
  return bytes;
}

void save_atomically(const std::string& path, const std::string& bytes) {
  namespace fs = std::filesystem;
  fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  guard_signals();
  if (tmp.size() < sizeof g_temporary) {
    std::memcpy(g_temporary, tmp.c_str(), tmp.size() + 1);
    g_writing = 1;
  }
  struct Done {
    ~Done() { g_writing = 0; }
  } done;
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
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp);
    throw std::runtime_error("cannot write " + path + ": " + ec.message());
  }
}

}  // namespace paiban
