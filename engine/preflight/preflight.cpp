// preflight(): loads the PDF with PoDoFo and runs the checks in order.
#include "preflight/preflight.h"

#include <filesystem>

#include "preflight/checks.h"

namespace paiban {

using namespace PoDoFo;
using namespace preflight_detail;

namespace {

PreflightReport run(const std::string& name, const std::string* bytes, const PreflightLimits& limits) {
  const std::string& pdf_path = name;
  PreflightReport report;
  report.file = name;
  std::error_code ec;
  if (!bytes && !std::filesystem::is_regular_file(pdf_path, ec)) {
    report.issues.push_back({PreflightIssue::Failure, 0, "file", "pdf-syntax", "no such file"});
    return report;
  }
  PdfMemDocument doc;
  // PoDoFo's debug output prints each trailer it parses to stdout.
  const bool debug = PdfError::DebugEnabled();
  PdfError::EnableDebug(false);
  try {
    if (bytes)
      doc.LoadFromBuffer(bytes->data(), static_cast<long>(bytes->size()));
    else
      doc.Load(pdf_path.c_str());
    PdfError::EnableDebug(debug);
  } catch (const PdfError& e) {
    PdfError::EnableDebug(debug);
    if (e.GetError() == ePdfError_InvalidPassword)
      report.issues.push_back({PreflightIssue::Failure, 0, "trailer", "encryption", "the file is encrypted with a password"});
    else
      report.issues.push_back({PreflightIssue::Failure, 0, "file", "pdf-syntax",
                               std::string("not a readable PDF: ") + PdfError::ErrorName(e.GetError())});
    return report;
  }
  Context c{doc, limits, report};
  int pages = 0;
  try {
    identify(c);
    check_document(c);
    pages = doc.GetPageCount();
    std::vector<const PdfObject*> fonts_seen;
    for (int i = 0; i < pages; ++i) {
      PdfPage* page = doc.GetPage(i);
      if (!page) {
        c.fail(i + 1, "page tree", "pdf-syntax", "page could not be read");
        continue;
      }
      PdfObject* object = page->GetObject();
      check_boxes(c, object, i + 1);
      check_fonts(c, inherited(c, object, "Resources"), i + 1, fonts_seen);
      check_contents(c, object, i + 1);
    }
  } catch (const PdfError& e) {
    c.fail(0, "file", "pdf-syntax", std::string("the file could not be read to the end: ") +
                                        PdfError::ErrorName(e.GetError()));
  }
  if (limits.rasterise_ink && !bytes) check_ink(c, pdf_path, pages);
  c.finish();
  return report;
}

}  // namespace

PreflightReport preflight(const std::string& pdf_path, const PreflightLimits& limits) {
  return run(pdf_path, nullptr, limits);
}

PreflightReport preflight_bytes(const std::string& pdf, const std::string& name, const PreflightLimits& limits) {
  return run(name, &pdf, limits);
}

}  // namespace paiban
