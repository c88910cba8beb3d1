// Walks content streams (pages, form XObjects, tiling patterns) with a small
// graphics state: colour, transparency, text size, rule width, image
// resolution.
#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "preflight/checks.h"

namespace paiban::preflight_detail {

using namespace PoDoFo;

namespace {

struct GState {
  Mat ctm;
  double line_width = 1;
  ColourSpace fill, stroke;
  double font_size = 0;
  std::string font_label = "no font";
  double font_scale = 1;  // Type3 FontMatrix relative to the usual 1/1000
  double th = 1, leading = 0, rise = 0;
  int render = 0;
};

// Geometric-mean scale of a matrix: how a line width grows.
double scale_of(const Mat& m) { return std::sqrt(std::fabs(m.a * m.d - m.b * m.c)); }

class Walker {
 public:
  Walker(Context& c, int page) : c_(c), page_(page) {}

  void run(const std::string& content, PdfObject* resources, const Mat& base, int depth, const std::string& where);

 private:
  void form(PdfObject* xobj, const std::string& name, PdfObject* resources, const GState& gs, int depth);
  void pattern(const std::string& name, PdfObject* resources, const Mat& base, int depth);
  void show(const GState& gs, const Mat& tm);
  void stroke(const GState& gs);
  void fill_rules(const GState& gs);

  Context& c_;
  int page_;
  std::vector<const PdfObject*> active_;  // forms and patterns being walked (cycle guard)
  int streams_ = 0;                       // walked per page, bounded
  // The current path: its first point (device space) and its rectangles.
  bool has_point_ = false;
  double px_ = 0, py_ = 0;
  std::vector<std::array<double, 4>> rects_;
};

void Walker::show(const GState& gs, const Mat& tm) {
  if (gs.render == 3 || gs.render == 7 || gs.font_size == 0) return;  // invisible text
  Mat m = tm * gs.ctm;
  double size = std::fabs(gs.font_size) * gs.font_scale * std::hypot(m.c, m.d);
  if (size >= c_.limits.min_text_pt) return;
  double x = m.x(0, gs.rise), y = m.y(0, gs.rise);
  c_.fail(page_, "text run at (" + fmt(x) + "," + fmt(y) + ") in " + gs.font_label, "min-text",
          fmt(size, 2) + " pt text (under " + fmt(c_.limits.min_text_pt) + " pt)",
          gs.font_label + fmt(size, 2));
}

void Walker::stroke(const GState& gs) {
  double width = gs.line_width * scale_of(gs.ctm);
  if (width >= c_.limits.min_rule_pt) return;
  std::string where = has_point_ ? "stroke at (" + fmt(px_) + "," + fmt(py_) + ")" : "stroke";
  std::string what = gs.line_width == 0 ? "line width 0 (a device hairline)"
                                        : "line width " + fmt(width, 3) + " pt (" + fmt(width / 72 * 25.4, 3) + " mm)";
  c_.fail(page_, where, "min-rule", what + " under " + fmt(c_.limits.min_rule_pt, 3) + " pt", fmt(width, 3));
}

// Filled rectangles drawn as rules (thin and long).
void Walker::fill_rules(const GState& gs) {
  for (const auto& r : rects_) {
    double w = std::hypot(gs.ctm.a, gs.ctm.b) * std::fabs(r[2]), h = std::hypot(gs.ctm.c, gs.ctm.d) * std::fabs(r[3]);
    double thin = std::min(w, h), length = std::max(w, h);
    if (thin <= 0 || thin >= c_.limits.min_rule_pt || length < 4 * c_.limits.min_rule_pt) continue;
    double x = gs.ctm.x(r[0], r[1]), y = gs.ctm.y(r[0], r[1]);
    c_.fail(page_, "filled rule at (" + fmt(x) + "," + fmt(y) + ")", "min-rule",
            "filled rectangle " + fmt(thin, 3) + " pt (" + fmt(thin / 72 * 25.4, 3) + " mm) thick, under " +
                fmt(c_.limits.min_rule_pt, 3) + " pt",
            "fill" + fmt(thin, 3));
  }
}

void Walker::form(PdfObject* xobj, const std::string& name, PdfObject* resources, const GState& gs, int depth) {
  std::string label = "form " + name;
  if (!c_.x4 && name_of(get(c_, get(c_, xobj, "Group"), "S")) == "Transparency")
    c_.fail(page_, label, "transparency", "transparency group (/Group /S /Transparency)", label + "group");
  if (depth > 24 || std::find(active_.begin(), active_.end(), xobj) != active_.end()) return;
  Mat m;
  matrix_of(get(c_, xobj, "Matrix"), m);
  PdfObject* own = get(c_, xobj, "Resources");
  std::string content;
  try {
    content = stream_bytes(xobj);
  } catch (const PdfError& e) {
    c_.warn(page_, label, "content", std::string("stream could not be decoded: ") + PdfError::ErrorName(e.GetError()),
            label + "decode");
    return;
  }
  active_.push_back(xobj);
  run(content, own ? own : resources, m * gs.ctm, depth + 1, label);
  active_.pop_back();
}

void Walker::pattern(const std::string& name, PdfObject* resources, const Mat& base, int depth) {
  PdfObject* pat = resource(c_, resources, "Pattern", name);
  std::string label = "pattern " + name;
  if (!pat) return;
  double type = 0;
  number(get(c_, pat, "PatternType"), type);
  if (type == 2) {
    check_shading(c_, get(c_, pat, "Shading"), resources, name, page_);
    if (PdfObject* gs = get(c_, pat, "ExtGState")) check_extgstate(c_, gs, label, page_);
    return;
  }
  if (depth > 24 || std::find(active_.begin(), active_.end(), pat) != active_.end()) return;
  Mat m;
  matrix_of(get(c_, pat, "Matrix"), m);
  std::string content;
  try {
    content = stream_bytes(pat);
  } catch (const PdfError&) {
    return;
  }
  active_.push_back(pat);
  PdfObject* own = get(c_, pat, "Resources");
  run(content, own ? own : resources, m * base, depth + 1, label);
  active_.pop_back();
}

void Walker::run(const std::string& content, PdfObject* resources, const Mat& base, int depth,
                 const std::string& where) {
  if (++streams_ > 20000) return;
  PdfContentsTokenizer tok(content.data(), static_cast<long>(content.size()));
  EPdfContentsType type;
  const char* keyword = nullptr;
  PdfVariant var;
  std::vector<PdfVariant> ops;
  std::vector<GState> saved;
  GState gs;
  gs.ctm = base;
  Mat tm, tlm;
  PdfDictionary inline_dict;
  int inline_count = 0;

  auto num = [&](size_t count, size_t i) {
    double v = 0;
    number(ops[ops.size() - count + i], v);
    return v;
  };
  auto mat = [&]() { return Mat{num(6, 0), num(6, 1), num(6, 2), num(6, 3), num(6, 4), num(6, 5)}; };
  auto last_name = [&]() {
    return !ops.empty() && ops.back().IsName() ? ops.back().GetName().GetName() : std::string();
  };
  auto next_line = [&](double tx, double ty) {
    tlm = Mat{1, 0, 0, 1, tx, ty} * tlm;
    tm = tlm;
  };
  auto set_colour = [&](bool fill, ColourSpace cs, const std::string& op) {
    judge(c_, cs, page_, std::string(fill ? "fill" : "stroke") + " colour (" + op + ")",
          fill ? "fill colour" : "stroke colour");
    (fill ? gs.fill : gs.stroke) = std::move(cs);
  };
  auto end_path = [&]() {
    has_point_ = false;
    rects_.clear();
  };
  auto point = [&](double x, double y) {
    if (has_point_) return;
    has_point_ = true;
    px_ = gs.ctm.x(x, y);
    py_ = gs.ctm.y(x, y);
  };

  try {
    while (tok.ReadNext(type, keyword, var)) {
      if (type == ePdfContentsType_Variant) {
        if (ops.size() < 64) ops.push_back(var);
        continue;
      }
      if (type == ePdfContentsType_ImageData) {
        PdfObject dict{inline_dict};
        check_image(c_, &dict, resources, "inline image " + std::to_string(++inline_count) + " in " + where, gs.ctm,
                    page_, true);
        ops.clear();
        continue;
      }
      std::string_view op(keyword ? keyword : "");
      const size_t n = ops.size();
      if (op == "q") {
        if (saved.size() < 256) saved.push_back(gs);
      } else if (op == "Q") {
        if (!saved.empty()) {
          gs = saved.back();
          saved.pop_back();
        }
      } else if (op == "cm" && n >= 6) {
        gs.ctm = mat() * gs.ctm;
      } else if (op == "w" && n >= 1) {
        gs.line_width = num(1, 0);
      } else if (op == "g" || op == "G") {
        set_colour(op == "g", {Ink::Gray, "DeviceGray"}, std::string(op));
      } else if (op == "k" || op == "K") {
        set_colour(op == "k", {Ink::Cmyk, "DeviceCMYK"}, std::string(op));
      } else if (op == "rg" || op == "RG") {
        set_colour(op == "rg", {Ink::Rgb, "DeviceRGB"}, std::string(op));
      } else if ((op == "cs" || op == "CS") && n >= 1) {
        set_colour(op == "cs", classify_name(c_, last_name(), resources), std::string(op) + " /" + last_name());
      } else if (op == "sc" || op == "scn" || op == "SC" || op == "SCN") {
        // The space was judged when cs/CS set it (the initial DeviceGray needs none).
        const ColourSpace& cs = op[0] == 's' ? gs.fill : gs.stroke;
        if (cs.ink == Ink::Pattern && !last_name().empty()) pattern(last_name(), resources, base, depth);
      } else if (op == "sh" && n >= 1) {
        check_shading(c_, resource(c_, resources, "Shading", last_name()), resources, last_name(), page_);
      } else if (op == "gs" && n >= 1) {
        PdfObject* ext = resource(c_, resources, "ExtGState", last_name());
        check_extgstate(c_, ext, last_name(), page_);
        double lw = 0;
        if (number(get(c_, ext, "LW"), lw)) gs.line_width = lw;
      } else if (op == "Do" && n >= 1) {
        std::string name = last_name();
        PdfObject* x = resource(c_, resources, "XObject", name);
        std::string subtype = name_of(get(c_, x, "Subtype"));
        if (!x) {
          c_.warn(page_, "XObject " + name, "content", "XObject /" + name + " is not in the resources", name);
        } else if (subtype == "Image") {
          check_image(c_, x, resources, "image " + name, gs.ctm, page_, false);
        } else if (subtype == "Form") {
          form(x, name, resources, gs, depth);
        } else if (subtype == "PS") {
          c_.fail(page_, "XObject " + name, "postscript", "PostScript XObject (not allowed in PDF/X)", name);
        }
      } else if (op == "PS") {
        c_.fail(page_, where, "postscript", "PostScript operator PS (not allowed in PDF/X)", where + "PS");
      } else if (op == "BI") {
        ops.clear();
      } else if (op == "ID") {
        inline_dict.Clear();
        for (size_t i = 0; i + 1 < n; i += 2)
          if (ops[i].IsName()) inline_dict.AddKey(ops[i].GetName(), PdfObject(ops[i + 1]));
      } else if (op == "BT") {
        tm = tlm = Mat{};
      } else if (op == "Tf" && n >= 2) {
        gs.font_size = num(2, 1);
        std::string name = ops[n - 2].IsName() ? ops[n - 2].GetName().GetName() : std::string();
        PdfObject* font = resource(c_, resources, "Font", name);
        std::string base_font = name_of(get(c_, font, "BaseFont"));
        gs.font_label = "font " + name + (base_font.empty() ? "" : " (" + base_font + ")");
        gs.font_scale = 1;
        Mat fm;
        if (name_of(get(c_, font, "Subtype")) == "Type3" && matrix_of(get(c_, font, "FontMatrix"), fm))
          gs.font_scale = std::hypot(fm.c, fm.d) / 0.001;
      } else if (op == "Tz" && n >= 1) {
        gs.th = num(1, 0) / 100;
      } else if (op == "TL" && n >= 1) {
        gs.leading = num(1, 0);
      } else if (op == "Ts" && n >= 1) {
        gs.rise = num(1, 0);
      } else if (op == "Tr" && n >= 1) {
        gs.render = static_cast<int>(num(1, 0));
      } else if (op == "Td" && n >= 2) {
        next_line(num(2, 0), num(2, 1));
      } else if (op == "TD" && n >= 2) {
        gs.leading = -num(2, 1);
        next_line(num(2, 0), num(2, 1));
      } else if (op == "Tm" && n >= 6) {
        tm = tlm = mat();
      } else if (op == "T*") {
        next_line(0, -gs.leading);
      } else if (op == "Tj" || op == "TJ" || op == "'" || op == "\"") {
        if (op == "'" || op == "\"") next_line(0, -gs.leading);
        bool visible = false;
        if (n >= 1 && (ops.back().IsString() || ops.back().IsHexString()))
          visible = ops.back().GetString().GetLength() > 0;
        else if (n >= 1 && ops.back().IsArray())
          for (const PdfObject& e : ops.back().GetArray())
            if ((e.IsString() || e.IsHexString()) && e.GetString().GetLength() > 0) visible = true;
        if (visible) show(gs, tm);
      } else if (op == "m" && n >= 2) {
        point(num(2, 0), num(2, 1));
      } else if (op == "re" && n >= 4) {
        point(num(4, 0), num(4, 1));
        rects_.push_back({num(4, 0), num(4, 1), num(4, 2), num(4, 3)});
      } else if (op == "S" || op == "s") {
        stroke(gs);
        end_path();
      } else if (op == "f" || op == "F" || op == "f*") {
        fill_rules(gs);
        end_path();
      } else if (op == "B" || op == "B*" || op == "b" || op == "b*") {
        stroke(gs);
        fill_rules(gs);
        end_path();
      } else if (op == "n") {
        end_path();
      }
      ops.clear();
    }
  } catch (const PdfError& e) {
    c_.warn(page_, where, "content",
            std::string("content stream could not be parsed to the end: ") + PdfError::ErrorName(e.GetError()),
            where + "parse");
  }
  end_path();
}

}  // namespace

void check_contents(Context& c, PdfObject* page, int page_no) {
  if (!c.x4 && name_of(get(c, get(c, page, "Group"), "S")) == "Transparency")
    c.fail(page_no, "page object", "transparency", "page transparency group (/Group /S /Transparency)");
  PdfObject* resources = inherited(c, page, "Resources");
  PdfObject* contents = get(c, page, "Contents");
  std::string bytes;
  try {
    if (contents && contents->IsArray()) {
      for (PdfObject& part : contents->GetArray()) bytes += stream_bytes(deref(c, &part)) + "\n";
    } else {
      bytes = stream_bytes(contents);
    }
  } catch (const PdfError& e) {
    c.warn(page_no, "page contents", "content",
           std::string("content stream could not be decoded: ") + PdfError::ErrorName(e.GetError()));
    return;
  }
  Walker w(c, page_no);
  w.run(bytes, resources, Mat{}, 0, "page contents");
}

}  // namespace paiban::preflight_detail
