// PDF/X identification: Info keys, the output intent, XMP for PDF/X-4, and a
// trailer ID derived from the file's content (never from the clock).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>

#include "diag/diag.h"
#include "digest/digest.h"
#include "pdf/embed.h"

namespace paiban::pdf {

using namespace PoDoFo;

namespace {

std::string pdf_date(const std::string& iso) {
  // D:YYYYMMDDHHmmSS+08'00': the issue date at midnight, Beijing time.
  std::string d = iso.size() >= 10 ? iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) : "20000101";
  return "D:" + d + "000000+08'00'";
}

std::string xmp_date(const std::string& iso) {
  return (iso.size() >= 10 ? iso.substr(0, 10) : std::string("2000-01-01")) + "T00:00:00+08:00";
}

std::string xml_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '&') o += "&amp;";
    else o += c;
  }
  return o;
}

// The profile's 'desc' tag: ICC v2 textDescriptionType (ASCII) or v4
// multiLocalizedUnicodeType (the first record, UTF-16BE; ASCII kept).
std::string icc_description(const std::string& icc) {
  auto u32 = [&](size_t at) -> uint32_t {
    if (at + 4 > icc.size()) return 0;
    return static_cast<uint32_t>(static_cast<unsigned char>(icc[at]) << 24 |
                                 static_cast<unsigned char>(icc[at + 1]) << 16 |
                                 static_cast<unsigned char>(icc[at + 2]) << 8 | static_cast<unsigned char>(icc[at + 3]));
  };
  uint32_t tags = u32(128);
  for (uint32_t i = 0; i < tags && i < 1000; ++i) {
    size_t entry = 132 + 12 * static_cast<size_t>(i);
    if (entry + 12 > icc.size() || icc.compare(entry, 4, "desc") != 0) continue;
    size_t at = u32(entry + 4), size = u32(entry + 8);
    if (at + size > icc.size() || size < 12) return {};
    std::string out;
    if (icc.compare(at, 4, "desc") == 0) {
      size_t n = std::min<size_t>(u32(at + 8), size - 12);
      for (size_t k = 0; k < n && icc[at + 12 + k] != '\0'; ++k) out += icc[at + 12 + k];
    } else if (icc.compare(at, 4, "mluc") == 0 && size >= 28) {
      size_t len = u32(at + 20), off = u32(at + 24);
      for (size_t k = 0; k + 1 < len && at + off + k + 1 < at + size; k += 2)
        if (icc[at + off + k] == '\0' && icc[at + off + k + 1] >= 0x20) out += icc[at + off + k + 1];
    }
    return out;
  }
  return {};
}

std::string hash_hex(const std::string& data) { return digest128(data); }

std::string uuid(const std::string& seed) {
  std::string h = hash_hex(seed);
  return "uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20, 12);
}

}  // namespace

void add_pdfx(PdfMemDocument& doc, const PdfMeta& meta, const PrintSettings& print) {
  PdfInfo* info = doc.GetInfo();
  info->SetTitle(PdfString(reinterpret_cast<const pdf_utf8*>(meta.title.c_str())));
  if (!meta.author.empty()) info->SetAuthor(PdfString(reinterpret_cast<const pdf_utf8*>(meta.author.c_str())));
  info->SetCreator(PdfString("paiban " PAIBAN_VERSION));
  info->SetProducer(PdfString("paiban " PAIBAN_VERSION " with PoDoFo"));
  PdfDictionary& id = info->GetObject()->GetDictionary();
  id.AddKey("CreationDate", PdfString(pdf_date(meta.date)));
  id.AddKey("ModDate", PdfString(pdf_date(meta.date)));
  if (print.pdfx == PdfX::None) return;

  // Trapping is left to the press's RIP.
  id.AddKey("Trapped", PdfName("False"));
  if (print.pdfx == PdfX::X1a) {
    id.AddKey("GTS_PDFXVersion", PdfString("PDF/X-1:2001"));
    id.AddKey("GTS_PDFXConformance", PdfString("PDF/X-1a:2001"));
  } else {
    id.AddKey("GTS_PDFXVersion", PdfString("PDF/X-4"));
  }

  // The output intent is the condition the photos were separated for: the
  // profile that separated them (--icc, else the layout's cmyk_profile) is
  // embedded, in PDF/X-1a too, and named by its own description. A layout may
  // name the registered condition its profile characterises (condition_id);
  // --icc, the printer's own profile, is always named by its description.
  std::string profile_file = print.icc.empty() ? print.cmyk_profile : print.icc;
  if (profile_file.empty()) throw InputError("[print] cmyk_profile", 0, "no CMYK profile for the output intent");
  std::string icc = read_file(profile_file);
  if (icc.size() < 132 || icc.compare(16, 4, "CMYK") != 0)
    throw InputError(profile_file, 0, "not a CMYK ICC profile (the output intent needs one)");
  std::string description = icc_description(icc);
  if (description.empty()) description = "CMYK of " + std::filesystem::path(profile_file).filename().string();
  bool registered = print.icc.empty() && !print.condition_id.empty();
  PdfObject* intent = doc.GetObjects().CreateObject("OutputIntent");
  PdfDictionary& oi = intent->GetDictionary();
  oi.AddKey("S", PdfName("GTS_PDFX"));
  oi.AddKey("OutputConditionIdentifier", PdfString(registered ? print.condition_id : std::string("Custom")));
  std::string condition = registered && !print.condition.empty() ? print.condition : description;
  oi.AddKey("OutputCondition", PdfString(condition));
  if (registered && !print.registry.empty()) oi.AddKey("RegistryName", PdfString(print.registry));
  oi.AddKey("Info", PdfString(description));
  PdfObject* profile = flate_stream(doc, deflate_kept(icc));
  profile->GetDictionary().AddKey("N", PdfVariant(static_cast<pdf_int64>(4)));
  oi.AddKey("DestOutputProfile", profile->Reference());
  PdfArray intents;
  intents.push_back(intent->Reference());
  doc.GetCatalog()->GetDictionary().AddKey("OutputIntents", intents);

  if (print.pdfx == PdfX::X4) {
    std::string date = xmp_date(meta.date);
    std::string xmp =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""
        " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n"
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(meta.title) + "</rdf:li></rdf:Alt></dc:title>\n"
        "<xmp:CreateDate>" + date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n"
        "<xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n<xmp:CreatorTool>paiban " PAIBAN_VERSION "</xmp:CreatorTool>\n"
        "<pdf:Producer>paiban " PAIBAN_VERSION " with PoDoFo</pdf:Producer>\n<pdf:Trapped>False</pdf:Trapped>\n"
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n"
        "<xmpMM:DocumentID>" + uuid(meta.title + meta.date) + "</xmpMM:DocumentID>\n"
        "<xmpMM:InstanceID>" + uuid(meta.title + meta.date + "#1") + "</xmpMM:InstanceID>\n"
        "<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    PdfObject* md = doc.GetObjects().CreateObject("Metadata");
    md->GetDictionary().AddKey("Subtype", PdfName("XML"));
    PdfMemoryInputStream in(xmp.data(), static_cast<pdf_long>(xmp.size()));
    md->GetStream()->SetRawData(&in, static_cast<pdf_long>(xmp.size()));  // uncompressed, readable by any tool
    doc.GetCatalog()->GetDictionary().AddKey("Metadata", md->Reference());
  }
}

void stamp_id(std::string& pdf) {
  size_t at = pdf.rfind("/ID[<");
  if (at == std::string::npos || at + 5 + 32 + 2 + 32 > pdf.size()) return;
  size_t first = at + 5, second = first + 32 + 2;
  std::string blank = pdf;
  blank.replace(first, 32, 32, '0');
  blank.replace(second, 32, 32, '0');
  std::string h = hash_hex(blank);
  pdf.replace(first, 32, h);
  pdf.replace(second, 32, h);
}

}  // namespace paiban::pdf
