// Document-level PDF/X checks: identification, version, Info, trailer ID,
// encryption, JavaScript and actions, the output intent, X-4 XMP.
#include <set>

#include "preflight/checks.h"

namespace paiban::preflight_detail {

using namespace PoDoFo;

namespace {

PdfObject* info(Context& c) {
  PdfInfo* i = c.doc.GetInfo();
  PdfObject* o = i ? deref(c, i->GetObject()) : nullptr;
  if (!o || !o->IsDictionary()) return nullptr;
  // PoDoFo invents an Info object (with a CreationDate) when the file has
  // none: a new object, numbered past the file's /Size.
  const PdfObject* trailer = c.doc.GetTrailer();
  const PdfObject* size = trailer ? trailer->GetDictionary().GetKey("Size") : nullptr;
  if (size && size->IsNumber() && static_cast<pdf_int64>(o->Reference().ObjectNumber()) >= size->GetNumber())
    return nullptr;
  return o;
}

std::string info_string(Context& c, const char* key) { return string_of(get(c, info(c), key)); }

std::string xmp(Context& c) {
  try {
    return stream_bytes(get(c, c.doc.GetCatalog(), "Metadata"));
  } catch (const PdfError&) {
    return {};
  }
}

// The value of an XMP property, written as an attribute (prop="v") or an element (<prop>v</prop>).
std::string xmp_value(const std::string& x, const std::string& prop) {
  size_t at = x.find(prop + "=\"");
  if (at != std::string::npos) {
    size_t from = at + prop.size() + 2, to = x.find('"', from);
    if (to != std::string::npos) return x.substr(from, to - from);
  }
  at = x.find("<" + prop + ">");
  if (at != std::string::npos) {
    size_t from = at + prop.size() + 2, to = x.find('<', from);
    if (to != std::string::npos) return x.substr(from, to - from);
  }
  return {};
}

double version_number(EPdfVersion v) {
  switch (v) {
    case ePdfVersion_1_0: return 1.0;
    case ePdfVersion_1_1: return 1.1;
    case ePdfVersion_1_2: return 1.2;
    case ePdfVersion_1_3: return 1.3;
    case ePdfVersion_1_4: return 1.4;
    case ePdfVersion_1_5: return 1.5;
    case ePdfVersion_1_6: return 1.6;
    case ePdfVersion_1_7: return 1.7;
  }
  return 1.7;
}

// Looks for JavaScript and additional actions in one object, descending into
// direct dictionaries and arrays (an annotation's /A is usually direct).
void scan_actions(Context& c, const PdfObject& o, const std::string& label, int page, int depth) {
  if (depth > 16) return;
  if (o.IsArray()) {
    for (const PdfObject& e : o.GetArray()) scan_actions(c, e, label, page, depth + 1);
    return;
  }
  if (!o.IsDictionary()) return;
  const PdfDictionary& d = o.GetDictionary();
  const PdfObject* s = d.GetKey("S");
  if (d.HasKey("JS") || (s && s->IsName() && s->GetName() == PdfName("JavaScript")))
    c.fail(page, label, "javascript", "JavaScript action (not allowed in PDF/X)", "js " + label);
  if (d.HasKey("AA")) c.fail(page, label, "javascript", "additional actions (/AA) are not allowed in PDF/X", "aa " + label);
  for (const auto& [key, value] : d.GetKeys()) scan_actions(c, *value, label, page, depth + 1);
}

void check_actions(Context& c) {
  // Label objects by what they are: the catalog, a page, an annotation of a page.
  std::map<PdfReference, std::pair<std::string, int>> known;
  if (PdfObject* cat = c.doc.GetCatalog()) known[cat->Reference()] = {"Catalog", 0};
  for (int i = 0; i < c.doc.GetPageCount(); ++i) {
    PdfPage* p = c.doc.GetPage(i);
    if (!p) continue;
    known[p->GetObject()->Reference()] = {"page object", i + 1};
    PdfObject* annots = get(c, p->GetObject(), "Annots");
    if (annots && annots->IsArray())
      for (PdfObject& a : annots->GetArray())
        if (a.IsReference()) known[a.GetReference()] = {"annotation " + ref_of(deref(c, &a)), i + 1};
  }
  PdfObject* names = get(c, c.doc.GetCatalog(), "Names");
  if (get(c, names, "JavaScript")) c.fail(0, "Catalog", "javascript", "document-level JavaScript (/Names /JavaScript)");
  for (PdfObject* o : c.doc.GetObjects()) {
    if (!o || !o->IsDictionary()) continue;
    auto k = known.find(o->Reference());
    std::string label = k != known.end() ? k->second.first : "object " + ref_of(o);
    scan_actions(c, *o, label, k != known.end() ? k->second.second : 0, 0);
  }
}

void check_output_intent(Context& c) {
  PdfObject* intents = get(c, c.doc.GetCatalog(), "OutputIntents");
  std::vector<PdfObject*> pdfx;
  if (intents && intents->IsArray())
    for (PdfObject& e : intents->GetArray()) {
      PdfObject* oi = deref(c, &e);
      if (name_of(get(c, oi, "S")) == "GTS_PDFX") pdfx.push_back(oi);
    }
  if (pdfx.empty()) {
    c.fail(0, "Catalog", "output-intent", "no /OutputIntents entry with /S /GTS_PDFX");
    return;
  }
  if (pdfx.size() > 1)
    c.fail(0, "Catalog", "output-intent",
           std::to_string(pdfx.size()) + " GTS_PDFX output intents (exactly one is allowed)");
  PdfObject* oi = pdfx.front();
  std::string label = "OutputIntent " + ref_of(oi);
  std::string id = string_of(get(c, oi, "OutputConditionIdentifier"));
  if (id.empty()) c.fail(0, label, "output-intent", "no OutputConditionIdentifier");
  PdfObject* profile = get(c, oi, "DestOutputProfile");
  if (profile) {
    std::string icc;
    try {
      icc = stream_bytes(profile);
    } catch (const PdfError&) {
    }
    if (icc.size() < 128) {
      c.fail(0, label, "output-intent", "DestOutputProfile is not a readable ICC profile");
    } else {
      std::string cls = icc.substr(12, 4), space = icc.substr(16, 4);
      if (cls != "prtr")
        c.fail(0, label, "output-intent", "DestOutputProfile class is '" + cls + "', not an output profile ('prtr')");
      if (space != "CMYK")
        c.fail(0, label, "output-intent", "DestOutputProfile colour space is '" + space + "', not 'CMYK'");
    }
  } else if (c.x4) {
    if (!get(c, oi, "DestOutputProfileRef"))
      c.fail(0, label, "output-intent", "PDF/X-4 needs an embedded DestOutputProfile (" + id + ")");
  } else if (string_of(get(c, oi, "RegistryName")).empty()) {
    c.fail(0, label, "output-intent",
           "neither a DestOutputProfile nor a RegistryName for the characterization '" + id + "'");
  }
}

}  // namespace

void identify(Context& c) {
  std::string version = info_string(c, "GTS_PDFXVersion");
  std::string x = xmp(c);
  std::string xmp_version = xmp_value(x, "pdfxid:GTS_PDFXVersion");
  if (version.rfind("PDF/X-4", 0) == 0 || xmp_version.rfind("PDF/X-4", 0) == 0) {
    c.x4 = true;
    c.report.conformance = "PDF/X-4";
  } else if (version == "PDF/X-1:2001" || version == "PDF/X-1a:2001") {
    c.report.conformance = "PDF/X-1a:2001";
  } else if (version == "PDF/X-1a:2003") {
    c.report.conformance = "PDF/X-1a:2003";
  } else {
    c.report.conformance = "none";
  }
}

void check_document(Context& c) {
  const bool x4 = c.x4;
  const std::string& conf = c.report.conformance;
  PdfObject* inf = info(c);
  std::string declared = info_string(c, "GTS_PDFXVersion");

  // Identification.
  if (conf == "none") {
    if (declared.empty())
      c.fail(0, "Info dictionary", "pdfx-version", "no GTS_PDFXVersion: the file does not declare PDF/X");
    else
      c.fail(0, "Info dictionary", "pdfx-version",
             "declares '" + declared + "'; the paper needs PDF/X-1a (or PDF/X-4)");
  } else if (conf == "PDF/X-1a:2001") {
    std::string conformance = info_string(c, "GTS_PDFXConformance");
    if (conformance != "PDF/X-1a:2001")
      c.fail(0, "Info dictionary", "pdfx-version",
             conformance.empty() ? "no GTS_PDFXConformance (PDF/X-1a:2001 needs 'PDF/X-1a:2001')"
                                 : "GTS_PDFXConformance is '" + conformance + "', not 'PDF/X-1a:2001'");
  }
  if (x4) {
    std::string v = xmp_value(xmp(c), "pdfxid:GTS_PDFXVersion");
    if (v.rfind("PDF/X-4", 0) != 0)
      c.fail(0, "Catalog /Metadata", "xmp", "PDF/X-4 needs pdfxid:GTS_PDFXVersion in the XMP metadata");
  }

  // Version: 1.3 (X-1a:2001) or 1.4 (X-1a:2003) at most; 1.6 for X-4.
  double v = version_number(c.doc.GetPdfVersion());
  std::string catalog_version = name_of(get(c, c.doc.GetCatalog(), "Version"));
  if (catalog_version.size() == 3 && catalog_version[0] == '1' && catalog_version[1] == '.') {
    double cv = 1.0 + (catalog_version[2] - '0') / 10.0;
    if (cv > v) v = cv;
  }
  double max_version = x4 ? 1.6 : 1.4;
  if (v > max_version + 1e-9)
    c.fail(0, "file header", "pdfx-version",
           "PDF " + fmt(v) + " is newer than " + (x4 ? "PDF/X-4" : "PDF/X-1a") + " allows (" + fmt(max_version) + ")");

  // Info keys (X-4 may carry them in XMP instead).
  std::string x = x4 ? xmp(c) : std::string();
  auto need = [&](const char* key, const char* xmp_prop) {
    if (!info_string(c, key).empty()) return;
    if (x4 && !xmp_value(x, xmp_prop).empty()) return;
    if (!inf && !x4) return;  // reported once below
    c.fail(0, "Info dictionary", "info", std::string("no ") + key);
  };
  if (!inf) c.fail(0, "trailer", "info", "no Info dictionary (Title, CreationDate, ModDate, Trapped, GTS_PDFXVersion)");
  need("Title", "dc:title");
  need("CreationDate", "xmp:CreateDate");
  need("ModDate", "xmp:ModifyDate");
  std::string trapped = name_of(get(c, inf, "Trapped"));
  if (trapped.empty()) trapped = string_of(get(c, inf, "Trapped"));  // some writers use a string
  if (trapped.empty() && x4) trapped = xmp_value(x, "pdf:Trapped");
  if (trapped != "True" && trapped != "False")
    c.fail(0, "Info dictionary", "trapped",
           trapped.empty() ? "no Trapped key (must be True or False)" : "Trapped is " + trapped + " (must be True or False)");

  // Trailer.
  const PdfObject* trailer = c.doc.GetTrailer();
  if (!trailer || !trailer->GetDictionary().HasKey("ID")) c.fail(0, "trailer", "trailer-id", "no /ID in the trailer");
  if (c.doc.GetEncrypted() || (trailer && trailer->GetDictionary().HasKey("Encrypt")))
    c.fail(0, "trailer", "encryption", "the file is encrypted");

  check_actions(c);
  check_output_intent(c);
}

}  // namespace paiban::preflight_detail
