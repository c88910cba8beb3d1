// Internal to preflight/: the shared context and the individual checks.
#pragma once

#include <podofo/podofo.h>

#include <map>
#include <string>
#include <vector>

#include "preflight/preflight.h"

namespace paiban::preflight_detail {

// What the checks need to know about the file, and where issues go. Issues
// with the same non-empty key are reported once, with a count.
struct Context {
  Context(PoDoFo::PdfMemDocument& d, const PreflightLimits& l, PreflightReport& r) : doc(d), limits(l), report(r) {}
  PoDoFo::PdfMemDocument& doc;
  const PreflightLimits& limits;
  PreflightReport& report;
  bool x4 = false;  // declared PDF/X-4: transparency and Lab are allowed

  void add(PreflightIssue::Level level, int page, std::string object, std::string rule, std::string message,
           const std::string& key = {});
  void fail(int page, std::string object, std::string rule, std::string message, const std::string& key = {}) {
    add(PreflightIssue::Failure, page, std::move(object), std::move(rule), std::move(message), key);
  }
  void warn(int page, std::string object, std::string rule, std::string message, const std::string& key = {}) {
    add(PreflightIssue::Warning, page, std::move(object), std::move(rule), std::move(message), key);
  }
  void finish();  // appends "(N times)" to repeated issues

 private:
  std::map<std::string, size_t> seen_;  // key -> index into report.issues
  std::map<size_t, int> repeats_;
};

// --- PDF object helpers (util in report.cpp) ---------------------------------
PoDoFo::PdfObject* deref(Context& c, PoDoFo::PdfObject* o);
// The value of key in dictionary object o, references followed; null when absent.
PoDoFo::PdfObject* get(Context& c, PoDoFo::PdfObject* o, const char* key);
// Entry `name` of sub-dictionary `category` (Font, XObject, ...) of resources.
PoDoFo::PdfObject* resource(Context& c, PoDoFo::PdfObject* resources, const char* category, const std::string& name);
bool number(PoDoFo::PdfObject* o, double& out);
bool number(const PoDoFo::PdfVariant& v, double& out);
std::string name_of(PoDoFo::PdfObject* o);    // name value or ""
std::string string_of(PoDoFo::PdfObject* o);  // string value (UTF-8) or ""
std::string stream_bytes(PoDoFo::PdfObject* o);  // decoded; throws PdfError on unsupported filters
std::string fmt(double v, int decimals = 1);
std::string ref_of(PoDoFo::PdfObject* o);     // "12 0 R" or "direct object"

// Affine matrix in PDF order [a b c d e f]; a × b applies a first.
struct Mat {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
  Mat operator*(const Mat& o) const {
    return {a * o.a + b * o.c, a * o.b + b * o.d, c * o.a + d * o.c,
            c * o.b + d * o.d, e * o.a + f * o.c + o.e, e * o.b + f * o.d + o.f};
  }
  double x(double px, double py) const { return a * px + c * py + e; }
  double y(double px, double py) const { return b * px + d * py + f; }
};
bool matrix_of(PoDoFo::PdfObject* array, Mat& out);

// --- colour (colour.cpp) -----------------------------------------------------
enum class Ink { Gray, Cmyk, Spot, Pattern, Rgb, Lab, Cie, Unknown };
struct ColourSpace {
  Ink ink = Ink::Gray;
  std::string desc = "DeviceGray";  // for messages: "DeviceRGB", "ICCBased (N=3)", ...
};
// Classifies a colour space (a name, an array, or a reference); names not
// naming a device space are looked up in resources' /ColorSpace.
ColourSpace classify(Context& c, PoDoFo::PdfObject* cs, PoDoFo::PdfObject* resources, int depth = 0);
ColourSpace classify_name(Context& c, const std::string& name, PoDoFo::PdfObject* resources);
// Reports a colour space not allowed in the declared standard.
void judge(Context& c, const ColourSpace& cs, int page, const std::string& object, const std::string& use);
void check_extgstate(Context& c, PoDoFo::PdfObject* gs, const std::string& name, int page);
void check_shading(Context& c, PoDoFo::PdfObject* shading, PoDoFo::PdfObject* resources, const std::string& name,
                   int page);
// An image XObject (dict = its dictionary object) or inline image (dict =
// a dictionary variant wrapped in an object), placed with ctm.
void check_image(Context& c, PoDoFo::PdfObject* dict, PoDoFo::PdfObject* resources, const std::string& label,
                 const Mat& ctm, int page, bool is_inline);

// Every pixel of a CMYK image XObject: its largest total ink, recorded in the
// report and a failure over the limit (image_ink.cpp).
void measure_image_ink(Context& c, PoDoFo::PdfObject* dict, const std::string& label, int page);

// --- document and pages (document.cpp, pages.cpp) ----------------------------
void identify(Context& c);  // sets report.conformance and c.x4
void check_document(Context& c);
void check_boxes(Context& c, PoDoFo::PdfObject* page, int page_no);
void check_fonts(Context& c, PoDoFo::PdfObject* resources, int page_no, std::vector<const PoDoFo::PdfObject*>& seen,
                 int depth = 0);
PoDoFo::PdfObject* inherited(Context& c, PoDoFo::PdfObject* page, const char* key);

// --- content streams (content.cpp) -------------------------------------------
void check_contents(Context& c, PoDoFo::PdfObject* page, int page_no);

// --- ink coverage (ink.cpp) --------------------------------------------------
void check_ink(Context& c, const std::string& pdf_path, int page_count);

}  // namespace paiban::preflight_detail
