// The preflight report (text and JSON) and the PDF object helpers the checks share.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "diag/json.h"
#include "preflight/checks.h"

namespace paiban {

using namespace PoDoFo;

bool PreflightReport::passed() const {
  return std::none_of(issues.begin(), issues.end(),
                      [](const PreflightIssue& i) { return i.level == PreflightIssue::Failure; });
}

namespace {

size_t count(const std::vector<PreflightIssue>& issues, PreflightIssue::Level level) {
  return static_cast<size_t>(
      std::count_if(issues.begin(), issues.end(), [level](const PreflightIssue& i) { return i.level == level; }));
}

// Failures before warnings, each by page (document first), else in order found.
std::vector<const PreflightIssue*> ordered(const std::vector<PreflightIssue>& issues) {
  std::vector<const PreflightIssue*> out;
  for (const auto& i : issues) out.push_back(&i);
  std::stable_sort(out.begin(), out.end(), [](const PreflightIssue* a, const PreflightIssue* b) {
    if (a->level != b->level) return a->level == PreflightIssue::Failure;
    return a->page < b->page;
  });
  return out;
}

}  // namespace

std::string PreflightReport::text() const {
  std::ostringstream out;
  out << "preflight: " << file << " (" << conformance << ")\n";
  PreflightIssue::Level last = PreflightIssue::Failure;
  bool first = true;
  for (const PreflightIssue* i : ordered(issues)) {
    if (first || i->level != last) out << (i->level == PreflightIssue::Failure ? "failures:\n" : "warnings:\n");
    first = false;
    last = i->level;
    out << "  " << (i->page > 0 ? "page " + std::to_string(i->page) : std::string("document")) << ": " << i->object
        << ": " << i->rule << ": " << i->what << "\n";
  }
  if (!image_ink.empty()) out << "image ink (every pixel, at the image's own resolution):\n";
  for (const ImageInk& i : image_ink)
    out << "  page " << i.page << ": " << i.object << ": " << i.width << "x" << i.height << " px, darkest pixel "
        << preflight_detail::fmt(i.max) << "% total ink\n";
  size_t failures = count(issues, PreflightIssue::Failure);
  if (failures == 0)
    out << "preflight: PASSED\n";
  else
    out << "preflight: FAILED (" << failures << (failures == 1 ? " failure, " : " failures, ")
        << count(issues, PreflightIssue::Warning)
        << (count(issues, PreflightIssue::Warning) == 1 ? " warning)\n" : " warnings)\n");
  return out.str();
}

std::string PreflightReport::json() const {
  Json list = Json::array();
  for (const PreflightIssue* i : ordered(issues))
    list.push_back({{"level", i->level == PreflightIssue::Failure ? "failure" : "warning"},
                    {"page", i->page},
                    {"object", i->object},
                    {"rule", i->rule},
                    {"message", i->what}});
  Json j = {{"file", file},
            {"conformance", conformance},
            {"passed", passed()},
            {"failures", count(issues, PreflightIssue::Failure)},
            {"warnings", count(issues, PreflightIssue::Warning)},
            {"issues", std::move(list)}};
  Json ink = Json::array();
  for (const ImageInk& i : image_ink)
    ink.push_back({{"page", i.page}, {"object", i.object}, {"width", i.width}, {"height", i.height},
                   {"max", std::round(i.max * 10) / 10}});
  j["image_ink"] = std::move(ink);
  return dump_json(j);
}

namespace preflight_detail {

void Context::add(PreflightIssue::Level level, int page, std::string object, std::string rule, std::string message,
                  const std::string& key) {
  if (!key.empty()) {
    std::string full = std::to_string(page) + '\x1f' + rule + '\x1f' + key;
    auto [it, inserted] = seen_.emplace(full, report.issues.size());
    if (!inserted) {
      ++repeats_[it->second];
      return;
    }
  }
  report.issues.push_back({level, page, std::move(object), std::move(rule), std::move(message)});
}

void Context::finish() {
  for (auto [index, extra] : repeats_) report.issues[index].what += " (" + std::to_string(extra + 1) + " times)";
  repeats_.clear();
  seen_.clear();
}

PdfObject* deref(Context& c, PdfObject* o) {
  for (int hops = 0; o && o->IsReference() && hops < 32; ++hops) o = c.doc.GetObjects().GetObject(o->GetReference());
  return o && o->IsReference() ? nullptr : o;
}

PdfObject* get(Context& c, PdfObject* o, const char* key) {
  o = deref(c, o);
  if (!o || !o->IsDictionary()) return nullptr;
  PdfObject* v = deref(c, o->GetDictionary().GetKey(PdfName(key)));
  return v && v->IsNull() ? nullptr : v;
}

PdfObject* resource(Context& c, PdfObject* resources, const char* category, const std::string& name) {
  PdfObject* dict = get(c, resources, category);
  return dict ? get(c, dict, name.c_str()) : nullptr;
}

bool number(const PdfVariant& v, double& out) {
  if (!v.IsNumber() && !v.IsReal()) return false;
  out = v.GetReal();
  return std::isfinite(out);
}

bool number(PdfObject* o, double& out) { return o && number(static_cast<const PdfVariant&>(*o), out); }

std::string name_of(PdfObject* o) { return o && o->IsName() ? o->GetName().GetName() : std::string(); }

std::string string_of(PdfObject* o) {
  if (!o || (!o->IsString() && !o->IsHexString())) return {};
  const PdfString& s = o->GetString();
  if (s.IsUnicode()) return s.GetStringUtf8();
  const char* raw = s.GetString();
  return raw ? std::string(raw, s.GetLength()) : std::string();
}

std::string stream_bytes(PdfObject* o) {
  if (!o || !o->HasStream()) return {};
  char* buf = nullptr;
  pdf_long len = 0;
  o->GetStream()->GetFilteredCopy(&buf, &len);
  std::string out(buf ? buf : "", buf ? static_cast<size_t>(len) : 0);
  podofo_free(buf);
  return out;
}

std::string fmt(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string ref_of(PdfObject* o) {
  if (!o || o->Reference().ObjectNumber() == 0) return "direct object";
  return std::to_string(o->Reference().ObjectNumber()) + " " + std::to_string(o->Reference().GenerationNumber()) +
         " R";
}

bool matrix_of(PdfObject* array, Mat& out) {
  if (!array || !array->IsArray() || array->GetArray().GetSize() != 6) return false;
  double v[6];
  for (size_t i = 0; i < 6; ++i)
    if (!number(static_cast<const PdfVariant&>(array->GetArray()[i]), v[i])) return false;
  out = {v[0], v[1], v[2], v[3], v[4], v[5]};
  return true;
}

}  // namespace preflight_detail
}  // namespace paiban
