// Tests of engine/preflight: small PDFs made here with PoDoFo, one good
// PDF/X-1a file and one bad file per rule, each caught with its rule and page.
#include "preflight/preflight.h"

#include <gtest/gtest.h>
#include <podofo/podofo.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "support.h"

namespace paiban {
namespace {

namespace fs = std::filesystem;
using namespace PoDoFo;
using namespace paiban::test;

const char* kFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

PdfVariant rect(double x0, double y0, double x1, double y1) {
  PdfVariant v;
  PdfRect(x0, y0, x1 - x0, y1 - y0).ToVariant(v);
  return v;
}

// A two-page PDF/X-1a:2001 newspaper-like file: 300x400 pt media, 9 pt bleed,
// CMYK rules and boxes, K-only text in an embedded TrueType font, a CMYK image
// at 288 ppi, OutputIntent IFRA26 by registry name. Tests break one thing.
class TestPdf {
 public:
  TestPdf() {
    doc_.SetPdfVersion(ePdfVersion_1_3);
    PdfDictionary& info = doc_.GetInfo()->GetObject()->GetDictionary();
    info.AddKey("Title", PdfString("preflight test"));
    info.AddKey("CreationDate", PdfString("D:20240507000000Z"));
    info.AddKey("ModDate", PdfString("D:20240507000000Z"));
    info.AddKey("Trapped", PdfName("False"));
    info.AddKey("GTS_PDFXVersion", PdfString("PDF/X-1:2001"));
    info.AddKey("GTS_PDFXConformance", PdfString("PDF/X-1a:2001"));

    PdfDictionary intent;
    intent.AddKey("Type", PdfName("OutputIntent"));
    intent.AddKey("S", PdfName("GTS_PDFX"));
    intent.AddKey("OutputConditionIdentifier", PdfString("IFRA26"));
    intent.AddKey("RegistryName", PdfString("http://www.color.org"));
    intent.AddKey("Info", PdfString("ISO 12647-3 coldset newsprint"));
    intent_ = doc_.GetObjects().CreateObject(intent);
    PdfArray intents;
    intents.push_back(intent_->Reference());
    doc_.GetCatalog()->GetDictionary().AddKey("OutputIntents", intents);

    font_ = doc_.CreateFont("DejaVu Sans", false, false, false, PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                            PdfFontCache::eFontCreationFlags_None, true, kFontFile);
    if (!font_) throw std::runtime_error("no font");

    PdfObject* image = doc_.GetObjects().CreateObject("XObject");
    PdfDictionary& d = image->GetDictionary();
    d.AddKey("Subtype", PdfName("Image"));
    d.AddKey("Width", static_cast<pdf_int64>(8));
    d.AddKey("Height", static_cast<pdf_int64>(8));
    d.AddKey("ColorSpace", PdfName("DeviceCMYK"));
    d.AddKey("BitsPerComponent", static_cast<pdf_int64>(8));
    std::string pixels(8 * 8 * 4, '\0');
    for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = '\x80';  // 50 % K
    image->GetStream()->Set(pixels.data(), static_cast<pdf_long>(pixels.size()));

    for (int i = 0; i < 2; ++i) {
      PdfPage* p = doc_.CreatePage(PdfRect(0, 0, 300, 400));
      p->SetTrimBox(PdfRect(9, 9, 282, 382));
      p->GetObject()->GetDictionary().AddKey("BleedBox", rect(0, 0, 300, 400));
      resource(i + 1, "Font", "F1", font_->GetObject()->Reference());
      resource(i + 1, "XObject", "ImK", image->Reference());
      content_.push_back(
          "0 0 0 1 K 1 w 20 60 m 280 60 l S\n"            // 1 pt K rule
          "0.2 0.1 0 0 k 20 80 100 100 re f\n"            // a light tint box
          "0 0 0 1 k BT /F1 9 Tf 20 300 Td (Page) Tj ET\n"  // 9 pt K text
          "q 2 0 0 2 200 200 cm /ImK Do Q\n");            // 8 px over 2 pt
    }
  }

  PdfMemDocument& doc() { return doc_; }
  PdfObject* intent() { return intent_; }
  PdfDictionary& info() { return doc_.GetInfo()->GetObject()->GetDictionary(); }
  PdfPage* page(int n) { return doc_.GetPage(n - 1); }
  void append(int page, const std::string& content) { content_[page - 1] += content; }
  void replace(int page, const std::string& content) { content_[page - 1] = content; }

  // Adds /category /name value to the page's own resources.
  void resource(int page, const char* category, const char* name, const PdfObject& value) {
    PdfDictionary& res = this->page(page)->GetResources()->GetDictionary();
    if (!res.HasKey(category)) res.AddKey(category, PdfDictionary());
    res.GetKey(category)->GetDictionary().AddKey(name, value);
  }
  PdfObject* object(const PdfDictionary& d) { return doc_.GetObjects().CreateObject(d); }
  // Embeds `icc`, a profile of `n` colour components, as the output intent's DestOutputProfile.
  void output_profile(const std::string& icc, int n) {
    PdfDictionary pd;
    pd.AddKey("N", static_cast<pdf_int64>(n));
    PdfObject* profile = object(pd);
    profile->GetStream()->Set(icc.data(), static_cast<pdf_long>(icc.size()));
    intent_->GetDictionary().AddKey("DestOutputProfile", profile->Reference());
  }

  std::string save(const TempDir& dir, const std::string& name) {
    for (size_t i = 0; i < content_.size(); ++i) {
      PdfStream* s = page(static_cast<int>(i) + 1)->GetContentsForAppending()->GetStream();
      s->Set(content_[i].data(), static_cast<pdf_long>(content_[i].size()));
    }
    std::string path = dir.file(name);
    doc_.Write(path.c_str());
    return path;
  }

 private:
  PdfMemDocument doc_;
  PdfObject* intent_ = nullptr;
  PdfFont* font_ = nullptr;
  std::vector<std::string> content_;
};

// Helvetica as a plain base-14 font dictionary: not embedded.
PdfDictionary helvetica() {
  PdfDictionary d;
  d.AddKey("Type", PdfName("Font"));
  d.AddKey("Subtype", PdfName("Type1"));
  d.AddKey("BaseFont", PdfName("Helvetica"));
  d.AddKey("Encoding", PdfName("WinAnsiEncoding"));
  return d;
}

std::vector<PreflightIssue> find(const PreflightReport& r, const std::string& rule) {
  std::vector<PreflightIssue> out;
  for (const auto& i : r.issues)
    if (i.rule == rule) out.push_back(i);
  return out;
}

// True when the report has a Failure with this rule on this page.
bool fails(const PreflightReport& r, const std::string& rule, int page) {
  auto hits = find(r, rule);
  return std::any_of(hits.begin(), hits.end(),
                     [&](const PreflightIssue& i) { return i.level == PreflightIssue::Failure && i.page == page; });
}

std::string dump(const PreflightReport& r) { return r.text(); }

// A minimal JSON checker: the whole input is one value.
class Json {
 public:
  explicit Json(const std::string& s) : s_(s) {}
  bool valid() {
    ws();
    if (!value()) return false;
    ws();
    return i_ == s_.size();
  }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  bool lit(const char* w) {
    std::string t(w);
    if (s_.compare(i_, t.size(), t) != 0) return false;
    i_ += t.size();
    return true;
  }
  bool string() {
    if (s_[i_] != '"') return false;
    for (++i_; i_ < s_.size(); ++i_) {
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') return ++i_, true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++i_ >= s_.size()) return false;
        char e = s_[i_];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k)
            if (++i_ >= s_.size() || !isxdigit(static_cast<unsigned char>(s_[i_]))) return false;
        } else if (std::string("\"\\/bfnrt").find(e) == std::string::npos) {
          return false;
        }
      }
    }
    return false;
  }
  bool number() {
    size_t start = i_;
    if (s_[i_] == '-') ++i_;
    while (i_ < s_.size() && (isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' || s_[i_] == 'e' ||
                              s_[i_] == 'E' || s_[i_] == '+' || s_[i_] == '-'))
      ++i_;
    return i_ > start;
  }
  // "key": value, in an object.
  bool member() {
    if (!string()) return false;
    ws();
    if (s_[i_++] != ':') return false;
    ws();
    return value();
  }
  // An object or array from its opening bracket: `entry`s separated by commas up to `close`.
  bool container(char close, bool (Json::*entry)()) {
    ++i_;
    ws();
    if (s_[i_] == close) return ++i_, true;
    while (true) {
      ws();
      if (!(this->*entry)()) return false;
      ws();
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      return s_[i_++] == close;
    }
  }
  bool value() {
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') return container('}', &Json::member);
    if (c == '[') return container(']', &Json::value);
    if (c == '"') return string();
    if (lit("true") || lit("false") || lit("null")) return true;
    return number();
  }
  const std::string& s_;
  size_t i_ = 0;
};

class PreflightTest : public ::testing::Test {
 protected:
  TempDir dir;
};

TEST_F(PreflightTest, GoodX1aFilePasses) {
  TestPdf pdf;
  PreflightReport r = preflight(pdf.save(dir, "good.pdf"));
  EXPECT_TRUE(r.passed()) << dump(r);
  EXPECT_EQ(r.conformance, "PDF/X-1a:2001");
  EXPECT_TRUE(find(r, "tac").empty()) << dump(r);  // gs ran and found nothing
  EXPECT_TRUE(find(r, "image-ppi").empty()) << dump(r);
  std::string text = r.text();
  EXPECT_NE(text.find("preflight: PASSED\n"), std::string::npos) << text;
  EXPECT_EQ(text.substr(text.size() - 18), "preflight: PASSED\n");
}

TEST_F(PreflightTest, RgbImageFailsOnItsPage) {
  TestPdf pdf;
  PdfDictionary d;
  d.AddKey("Type", PdfName("XObject"));
  d.AddKey("Subtype", PdfName("Image"));
  d.AddKey("Width", static_cast<pdf_int64>(8));
  d.AddKey("Height", static_cast<pdf_int64>(8));
  d.AddKey("ColorSpace", PdfName("DeviceRGB"));
  d.AddKey("BitsPerComponent", static_cast<pdf_int64>(8));
  PdfObject* image = pdf.object(d);
  std::string pixels(8 * 8 * 3, '\x40');
  image->GetStream()->Set(pixels.data(), static_cast<pdf_long>(pixels.size()));
  pdf.resource(2, "XObject", "Im1", image->Reference());
  pdf.append(2, "q 72 0 0 72 100 100 cm /Im1 Do Q\n");  // 8 px over an inch: 8 ppi
  PreflightReport r = preflight(pdf.save(dir, "rgb-image.pdf"));
  EXPECT_FALSE(r.passed());
  ASSERT_TRUE(fails(r, "colour-rgb", 2)) << dump(r);
  EXPECT_FALSE(fails(r, "colour-rgb", 1)) << dump(r);
  EXPECT_EQ(find(r, "colour-rgb")[0].object, "image Im1");
  auto ppi = find(r, "image-ppi");
  ASSERT_EQ(ppi.size(), 1u) << dump(r);
  EXPECT_EQ(ppi[0].level, PreflightIssue::Warning);
  EXPECT_EQ(ppi[0].page, 2);
  EXPECT_NE(r.text().find("page 2: image Im1: image-ppi: 8 ppi at print size (under 150)"), std::string::npos)
      << r.text();
}

TEST_F(PreflightTest, RgbOperatorsAndIccRgbSpacesFail) {
  TestPdf pdf;
  pdf.append(1, "1 0 0 rg 10 10 20 20 re f\n");
  PdfDictionary icc;
  icc.AddKey("N", static_cast<pdf_int64>(3));
  PdfObject* profile = pdf.object(icc);
  profile->GetStream()->Set("not really a profile");
  PdfArray space;
  space.push_back(PdfName("ICCBased"));
  space.push_back(profile->Reference());
  pdf.resource(2, "ColorSpace", "CS0", space);
  pdf.append(2, "/CS0 cs 0.1 0.2 0.3 sc 10 10 20 20 re f\n");
  PreflightReport r = preflight(pdf.save(dir, "rgb-ops.pdf"));
  ASSERT_TRUE(fails(r, "colour-rgb", 1)) << dump(r);
  ASSERT_TRUE(fails(r, "colour-rgb", 2)) << dump(r);
  EXPECT_NE(r.text().find("ICCBased (N=3"), std::string::npos) << dump(r);
}

TEST_F(PreflightTest, InlineRgbImageFails) {
  TestPdf pdf;
  std::string data(2 * 2 * 3, '\x7f');
  pdf.append(2, "q 20 0 0 20 50 50 cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID " + data + " EI Q\n");
  PreflightReport r = preflight(pdf.save(dir, "inline.pdf"));
  ASSERT_TRUE(fails(r, "colour-rgb", 2)) << dump(r);
  EXPECT_EQ(find(r, "colour-rgb")[0].object, "inline image 1 in page contents");
}

TEST_F(PreflightTest, CompoundColourSpacesAreResolved) {
  TestPdf pdf;
  PdfArray spot;  // a spot colour whose alternate is RGB
  spot.push_back(PdfName("Separation"));
  spot.push_back(PdfName("PANTONE 185 C"));
  spot.push_back(PdfName("DeviceRGB"));
  PdfDictionary fn;
  fn.AddKey("FunctionType", static_cast<pdf_int64>(2));
  fn.AddKey("N", 1.0);
  PdfArray domain, c0, c1;
  domain.push_back(0.0);
  domain.push_back(1.0);
  for (double v : {0.0, 0.0, 0.0}) c0.push_back(v);
  for (double v : {1.0, 0.0, 0.0}) c1.push_back(v);
  fn.AddKey("Domain", domain);
  fn.AddKey("C0", c0);
  fn.AddKey("C1", c1);
  spot.push_back(pdf.object(fn)->Reference());
  pdf.resource(1, "ColorSpace", "Spot", spot);
  pdf.append(1, "/Spot CS 1 SC 20 20 m 100 20 l S\n");
  PdfArray indexed;  // an RGB palette
  indexed.push_back(PdfName("Indexed"));
  indexed.push_back(PdfName("DeviceRGB"));
  indexed.push_back(static_cast<pdf_int64>(1));
  indexed.push_back(PdfString(std::string("\xff\0\0\0\0\xff", 6).c_str(), 6, true));
  pdf.resource(2, "ColorSpace", "Pal", indexed);
  pdf.append(2, "/Pal cs 1 sc 20 20 20 20 re f\n");
  PdfArray cmyk_spot;  // the ordinary case: a CMYK alternate passes
  cmyk_spot.push_back(PdfName("Separation"));
  cmyk_spot.push_back(PdfName("Black"));
  cmyk_spot.push_back(PdfName("DeviceCMYK"));
  cmyk_spot.push_back(pdf.object(fn)->Reference());
  pdf.resource(2, "ColorSpace", "K", cmyk_spot);
  pdf.append(2, "/K cs 1 scn 50 50 20 20 re f\n");
  PreflightReport r = preflight(pdf.save(dir, "compound.pdf"));
  auto rgb = find(r, "colour-rgb");
  ASSERT_EQ(rgb.size(), 2u) << dump(r);
  EXPECT_EQ(rgb[0].page, 1);
  EXPECT_EQ(rgb[0].object, "stroke colour (CS /Spot)");
  EXPECT_NE(rgb[0].what.find("Separation /PANTONE 185 C over DeviceRGB"), std::string::npos) << dump(r);
  EXPECT_EQ(rgb[1].page, 2);
  EXPECT_NE(rgb[1].what.find("Indexed over DeviceRGB"), std::string::npos) << dump(r);
}

TEST_F(PreflightTest, LabFailsForX1aOnly) {
  auto make = [&](bool x4, const std::string& name) {
    TestPdf pdf;
    PdfArray lab;
    lab.push_back(PdfName("Lab"));
    PdfDictionary params;
    PdfArray white;
    for (double v : {0.9505, 1.0, 1.089}) white.push_back(v);
    params.AddKey("WhitePoint", white);
    lab.push_back(params);
    pdf.resource(1, "ColorSpace", "L", lab);
    pdf.append(1, "/L cs 50 0 0 sc 10 10 20 20 re f\n");
    if (x4) {
      pdf.doc().SetPdfVersion(ePdfVersion_1_6);
      pdf.info().AddKey("GTS_PDFXVersion", PdfString("PDF/X-4"));
      std::string xmp =
          "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
          "<rdf:Description rdf:about=\"\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\" "
          "pdfxid:GTS_PDFXVersion=\"PDF/X-4\"/></rdf:RDF></x:xmpmeta>";
      PdfDictionary md;
      md.AddKey("Type", PdfName("Metadata"));
      md.AddKey("Subtype", PdfName("XML"));
      PdfObject* meta = pdf.object(md);
      meta->GetStream()->Set(xmp.data(), static_cast<pdf_long>(xmp.size()));
      pdf.doc().GetCatalog()->GetDictionary().AddKey("Metadata", meta->Reference());
      // X-4 wants an embedded output profile: a CMYK printer profile header.
      std::string icc(128, '\0');
      icc.replace(12, 8, "prtrCMYK");
      icc.replace(36, 4, "acsp");
      pdf.output_profile(icc, 4);
    }
    return preflight(pdf.save(dir, name));
  };
  PreflightReport x1a = make(false, "lab-x1a.pdf");
  EXPECT_TRUE(fails(x1a, "colour-lab", 1)) << dump(x1a);
  PreflightReport x4 = make(true, "lab-x4.pdf");
  EXPECT_EQ(x4.conformance, "PDF/X-4");
  EXPECT_TRUE(find(x4, "colour-lab").empty()) << dump(x4);
  EXPECT_TRUE(x4.passed()) << dump(x4);
}

TEST_F(PreflightTest, MissingTrimBoxFails) {
  TestPdf pdf;
  pdf.page(2)->GetObject()->GetDictionary().RemoveKey("TrimBox");
  PreflightReport r = preflight(pdf.save(dir, "no-trim.pdf"));
  ASSERT_TRUE(fails(r, "trimbox", 2)) << dump(r);
  EXPECT_FALSE(fails(r, "trimbox", 1)) << dump(r);
}

TEST_F(PreflightTest, BleedBoxMustContainTrimBox) {
  TestPdf pdf;
  pdf.page(1)->GetObject()->GetDictionary().AddKey("BleedBox", rect(20, 20, 280, 380));
  PreflightReport r = preflight(pdf.save(dir, "bleed.pdf"));
  ASSERT_TRUE(fails(r, "box-nesting", 1)) << dump(r);
  EXPECT_EQ(find(r, "box-nesting")[0].object, "BleedBox");
}

TEST_F(PreflightTest, UnembeddedFontFails) {
  TestPdf pdf;
  pdf.resource(2, "Font", "H1", pdf.object(helvetica())->Reference());
  pdf.append(2, "BT /H1 10 Tf 20 250 Td (Helvetica) Tj ET\n");
  PreflightReport r = preflight(pdf.save(dir, "helvetica.pdf"));
  ASSERT_TRUE(fails(r, "font-embedded", 2)) << dump(r);
  auto hits = find(r, "font-embedded");
  ASSERT_EQ(hits.size(), 1u) << dump(r);  // DejaVu Sans (F1) is embedded
  EXPECT_EQ(hits[0].object, "font H1 (Helvetica)");
  EXPECT_TRUE(find(r, "min-text").empty()) << dump(r);  // 10 pt is fine
}

TEST_F(PreflightTest, UnembeddedFontInsideFormFails) {
  TestPdf pdf;
  PdfDictionary res, fonts;
  fonts.AddKey("H1", pdf.object(helvetica())->Reference());
  res.AddKey("Font", fonts);
  PdfDictionary fd;
  fd.AddKey("Type", PdfName("XObject"));
  fd.AddKey("Subtype", PdfName("Form"));
  fd.AddKey("BBox", rect(0, 0, 100, 100));
  fd.AddKey("Resources", res);
  PdfObject* form = pdf.object(fd);
  form->GetStream()->Set("BT /H1 10 Tf 0 0 Td (x) Tj ET");
  pdf.resource(1, "XObject", "Fm1", form->Reference());
  pdf.append(1, "/Fm1 Do\n");
  PreflightReport r = preflight(pdf.save(dir, "form-font.pdf"));
  ASSERT_TRUE(fails(r, "font-embedded", 1)) << dump(r);
}

TEST_F(PreflightTest, HeavyInkFailsTac) {
  TestPdf pdf;
  pdf.append(2, "1 1 1 0 k 0 0 300 400 re f\n");  // 300 % over the whole page
  PreflightReport r = preflight(pdf.save(dir, "ink.pdf"));
  ASSERT_TRUE(fails(r, "tac", 2)) << dump(r);
  EXPECT_FALSE(fails(r, "tac", 1)) << dump(r);
  EXPECT_NE(find(r, "tac")[0].what.find("300%"), std::string::npos) << dump(r);
}

TEST_F(PreflightTest, TacLimitIsALimit) {
  TestPdf pdf;
  pdf.append(1, "0.6 0.6 0.6 0.3 k 0 0 300 400 re f\n");  // 210 %
  std::string path = pdf.save(dir, "ink210.pdf");
  EXPECT_TRUE(find(preflight(path), "tac").empty()) << dump(preflight(path));
  PreflightLimits strict;
  strict.max_tac = 200;
  EXPECT_TRUE(fails(preflight(path, strict), "tac", 1));
}

TEST_F(PreflightTest, SmallTextFails) {
  TestPdf pdf;
  pdf.resource(1, "Font", "H1", pdf.object(helvetica())->Reference());
  pdf.append(1, "0 0 0 1 k BT /H1 4 Tf 20 200 Td (tiny) Tj ET\n");
  PreflightReport r = preflight(pdf.save(dir, "tiny.pdf"));
  ASSERT_TRUE(fails(r, "min-text", 1)) << dump(r);
  EXPECT_TRUE(fails(r, "font-embedded", 1)) << dump(r);
  auto hits = find(r, "min-text");
  ASSERT_EQ(hits.size(), 1u) << dump(r);
  EXPECT_EQ(hits[0].object, "text run at (20.0,200.0) in font H1 (Helvetica)");
  EXPECT_NE(hits[0].what.find("4.00 pt"), std::string::npos);
}

TEST_F(PreflightTest, TextSizeFollowsMatrices) {
  TestPdf pdf;
  // 12 pt in a quarter-scale CTM prints at 3 pt; 2 pt with a 5x text matrix at 10 pt.
  pdf.append(1, "q 0.25 0 0 0.25 0 0 cm BT /F1 12 Tf 100 100 Td (small) Tj ET Q\n");
  pdf.append(2, "BT /F1 2 Tf 5 0 0 5 40 200 Tm (large) Tj ET\n");
  PreflightReport r = preflight(pdf.save(dir, "matrices.pdf"));
  ASSERT_TRUE(fails(r, "min-text", 1)) << dump(r);
  EXPECT_NE(find(r, "min-text")[0].what.find("3.00 pt"), std::string::npos) << dump(r);
  EXPECT_EQ(find(r, "min-text")[0].object, "text run at (25.0,25.0) in font F1 (DejaVuSans)");
  EXPECT_FALSE(fails(r, "min-text", 2)) << dump(r);
}

TEST_F(PreflightTest, ThinRuleFails) {
  TestPdf pdf;
  pdf.append(2, "0 0 0 1 K 0.1417 w 20 100 m 200 100 l S\n");  // 0.05 mm
  PreflightReport r = preflight(pdf.save(dir, "thin.pdf"));
  ASSERT_TRUE(fails(r, "min-rule", 2)) << dump(r);
  EXPECT_FALSE(fails(r, "min-rule", 1)) << dump(r);
  EXPECT_EQ(find(r, "min-rule")[0].object, "stroke at (20.0,100.0)");
}

TEST_F(PreflightTest, HairlineAndScaledRulesFail) {
  TestPdf pdf;
  pdf.append(1, "0 w 20 100 m 200 100 l S\n");                       // hairline
  pdf.append(2, "q 0.2 0 0 0.2 0 0 cm 1 w 100 500 m 900 500 l S Q\n");  // 1 pt at 20 %
  pdf.append(2, "0 0 0 1 k 20 150 200 0.1 re f\n");                   // 0.1 pt filled rule
  PreflightReport r = preflight(pdf.save(dir, "hairline.pdf"));
  ASSERT_TRUE(fails(r, "min-rule", 1)) << dump(r);
  EXPECT_NE(find(r, "min-rule")[0].what.find("hairline"), std::string::npos);
  auto page2 = find(r, "min-rule");
  EXPECT_EQ(std::count_if(page2.begin(), page2.end(), [](const PreflightIssue& i) { return i.page == 2; }), 2)
      << dump(r);
}

TEST_F(PreflightTest, MissingOutputIntentFails) {
  TestPdf pdf;
  pdf.doc().GetCatalog()->GetDictionary().RemoveKey("OutputIntents");
  PreflightReport r = preflight(pdf.save(dir, "no-intent.pdf"));
  ASSERT_TRUE(fails(r, "output-intent", 0)) << dump(r);
}

TEST_F(PreflightTest, OutputProfileMustBeCmykPrinter) {
  TestPdf pdf;
  std::string icc(128, '\0');
  icc.replace(12, 8, "mntrRGB ");
  pdf.output_profile(icc, 3);
  PreflightReport r = preflight(pdf.save(dir, "rgb-intent.pdf"));
  EXPECT_EQ(find(r, "output-intent").size(), 2u) << dump(r);  // class and colour space
}

TEST_F(PreflightTest, MissingPdfxVersionFails) {
  TestPdf pdf;
  pdf.info().RemoveKey("GTS_PDFXVersion");
  PreflightReport r = preflight(pdf.save(dir, "no-version.pdf"));
  ASSERT_TRUE(fails(r, "pdfx-version", 0)) << dump(r);
  EXPECT_EQ(r.conformance, "none");
  EXPECT_EQ(find(r, "pdfx-version")[0].object, "Info dictionary");
}

TEST_F(PreflightTest, InfoKeysAndVersionChecked) {
  TestPdf pdf;
  pdf.doc().SetPdfVersion(ePdfVersion_1_5);
  pdf.info().AddKey("Trapped", PdfName("Unknown"));
  pdf.info().RemoveKey("GTS_PDFXConformance");
  pdf.info().RemoveKey("Title");
  PreflightReport r = preflight(pdf.save(dir, "info.pdf"));
  EXPECT_TRUE(fails(r, "trapped", 0)) << dump(r);
  EXPECT_TRUE(fails(r, "info", 0)) << dump(r);
  auto version = find(r, "pdfx-version");
  EXPECT_EQ(version.size(), 2u) << dump(r);  // PDF 1.5, no GTS_PDFXConformance
}

TEST_F(PreflightTest, TransparencyFails) {
  TestPdf pdf;
  PdfDictionary gs;
  gs.AddKey("Type", PdfName("ExtGState"));
  gs.AddKey("ca", 0.5);
  pdf.resource(2, "ExtGState", "GS1", pdf.object(gs)->Reference());
  pdf.append(2, "q /GS1 gs 0 0 0 1 k 50 50 50 50 re f Q\n");
  PreflightReport r = preflight(pdf.save(dir, "transparency.pdf"));
  ASSERT_TRUE(fails(r, "transparency", 2)) << dump(r);
  EXPECT_EQ(find(r, "transparency")[0].object, "ExtGState GS1");
}

TEST_F(PreflightTest, TransparencyGroupAndSoftMaskFail) {
  TestPdf pdf;
  PdfDictionary group;
  group.AddKey("S", PdfName("Transparency"));
  pdf.page(1)->GetObject()->GetDictionary().AddKey("Group", group);
  PdfDictionary gs;
  gs.AddKey("BM", PdfName("Multiply"));
  pdf.resource(2, "ExtGState", "GS2", pdf.object(gs)->Reference());
  pdf.append(2, "/GS2 gs\n");
  PreflightReport r = preflight(pdf.save(dir, "group.pdf"));
  EXPECT_TRUE(fails(r, "transparency", 1)) << dump(r);
  EXPECT_TRUE(fails(r, "transparency", 2)) << dump(r);
}

TEST_F(PreflightTest, JavaScriptAndEncryptionFail) {
  TestPdf pdf;
  PdfDictionary js;
  js.AddKey("S", PdfName("JavaScript"));
  js.AddKey("JS", PdfString("app.alert(1)"));
  pdf.doc().GetCatalog()->GetDictionary().AddKey("OpenAction", js);
  pdf.doc().SetEncrypted("", "owner", PdfEncrypt::ePdfPermissions_Print, PdfEncrypt::ePdfEncryptAlgorithm_AESV3);  // RC4 is not in OpenSSL 3's default provider
  PreflightReport r = preflight(pdf.save(dir, "js.pdf"));
  EXPECT_TRUE(fails(r, "javascript", 0)) << dump(r);
  EXPECT_TRUE(fails(r, "encryption", 0)) << dump(r);
}

TEST_F(PreflightTest, UnreadableFileIsAFailureNotAnException) {
  std::string path = dir.file("junk.pdf");
  std::ofstream(path) << "this is not a PDF";
  PreflightReport r = preflight(path);
  EXPECT_FALSE(r.passed());
  EXPECT_TRUE(fails(r, "pdf-syntax", 0)) << dump(r);
  EXPECT_FALSE(preflight(dir.file("missing.pdf")).passed());
}

TEST_F(PreflightTest, WithoutGhostscriptTacIsSkippedWithAWarning) {
  TestPdf pdf;
  pdf.append(1, "1 1 1 0 k 0 0 300 400 re f\n");
  std::string path = pdf.save(dir, "no-gs.pdf");
  std::string old = getenv("PATH") ? getenv("PATH") : "";
  setenv("PATH", "/nonexistent", 1);
  PreflightReport r = preflight(path);
  setenv("PATH", old.c_str(), 1);
  auto tac = find(r, "tac");
  ASSERT_EQ(tac.size(), 1u) << dump(r);
  EXPECT_EQ(tac[0].level, PreflightIssue::Warning);
  EXPECT_TRUE(r.passed()) << dump(r);
}

TEST_F(PreflightTest, JsonIsValidAndEscaped) {
  TestPdf pdf;
  PdfDictionary font = helvetica();
  font.AddKey("BaseFont", PdfName("Odd\"Name\\x"));
  pdf.resource(1, "Font", "H1", pdf.object(font)->Reference());
  pdf.append(1, "BT /H1 3 Tf 20 200 Td (x) Tj ET 1 0 0 RG 20 20 m 40 40 l S\n");
  PreflightReport r = preflight(pdf.save(dir, "json \"quoted\".pdf"));
  std::string json = r.json();
  EXPECT_TRUE(Json(json).valid()) << json;
  EXPECT_NE(json.find("\"passed\":false"), std::string::npos);
  EXPECT_NE(json.find("Odd\\\"Name\\\\x"), std::string::npos) << json;
  EXPECT_NE(json.find("\"rule\":\"colour-rgb\""), std::string::npos) << json;
  std::string text = r.text();
  EXPECT_NE(text.find("preflight: FAILED ("), std::string::npos) << text;
  PreflightReport good = preflight(TestPdf().save(dir, "good-json.pdf"));
  EXPECT_TRUE(Json(good.json()).valid()) << good.json();
  EXPECT_NE(good.json().find("\"passed\":true,\"failures\":0"), std::string::npos) << good.json();
}

}  // namespace
}  // namespace paiban
