// Content streams: positioned glyphs (TJ), rules, tints, images and printer's marks.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "fonts/fonts.h"
#include "pdf/embed.h"

namespace paiban::pdf {

std::string number(double v) {
  // std::to_chars is printf's "%.3f" to the digit (the standard defines it so)
  // at a fraction of the cost: a 64-page issue writes millions of numbers.
  char b[64];
  if (std::abs(v) < 0.0005) v = 0;
  auto [end, ec] = std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 3);
  if (ec != std::errc()) end = b + std::snprintf(b, sizeof b, "%.3f", v);
  std::string s(b, end);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

void append_hex4(std::string& s, uint32_t v) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) s += kDigits[(v >> shift) & 0xF];
}

namespace {

std::string colour(const Cmyk& c, bool stroke) {
  return number(c.c) + " " + number(c.m) + " " + number(c.y) + " " + number(c.k) + (stroke ? " K\n" : " k\n");
}

// Crop marks at the trim corners and registration targets, in every plate.
std::string marks(double W, double H, double bleed, double slug) {
  std::string s = "q 1 1 1 1 K 0.3 w\n";  // over the press's 0.1 mm minimum, like every rule
  auto line = [&](double x1, double y1, double x2, double y2) {
    s += number(x1) + " " + number(y1) + " m " + number(x2) + " " + number(y2) + " l S\n";
  };
  double gap = bleed + 2, len = std::max(0.0, slug - 4);
  for (double x : {0.0, W})
    for (double y : {0.0, H}) {
      double sx = x == 0 ? -1 : 1, sy = y == 0 ? -1 : 1;
      line(x + sx * gap, y, x + sx * (gap + len), y);
      line(x, y + sy * gap, x, y + sy * (gap + len));
    }
  double r = std::min(6.0, slug / 3);
  auto target = [&](double cx, double cy) {
    const double k = 0.5523 * r;  // Bézier circle
    s += number(cx + r) + " " + number(cy) + " m ";
    s += number(cx + r) + " " + number(cy + k) + " " + number(cx + k) + " " + number(cy + r) + " " + number(cx) + " " +
         number(cy + r) + " c ";
    s += number(cx - k) + " " + number(cy + r) + " " + number(cx - r) + " " + number(cy + k) + " " + number(cx - r) +
         " " + number(cy) + " c ";
    s += number(cx - r) + " " + number(cy - k) + " " + number(cx - k) + " " + number(cy - r) + " " + number(cx) + " " +
         number(cy - r) + " c ";
    s += number(cx + k) + " " + number(cy - r) + " " + number(cx + r) + " " + number(cy - k) + " " + number(cx + r) +
         " " + number(cy) + " c S\n";
    line(cx - 1.5 * r, cy, cx + 1.5 * r, cy);
    line(cx, cy - 1.5 * r, cx, cy + 1.5 * r);
  };
  double off = bleed + slug / 2;
  target(W / 2, -off);
  target(W / 2, H + off);
  target(-off, H / 2);
  target(W + off, H / 2);
  return s + "Q\n";
}

}  // namespace

std::string page_content(const Page& p, const std::map<const Face*, FontUse*>& fonts,
                         const std::map<std::string, std::string>& image_names, const PrintSettings& print,
                         const PdfMeta&, int) {
  const double H = p.height;
  double off = p.bleed + (print.marks ? print.slug : 0);
  std::string s = "1 0 0 1 " + number(off) + " " + number(off) + " cm\n";
  auto Y = [&](double y) { return number(H - y); };
  auto box = [&](const Box& bx) {
    s += colour(bx.fill, bx.stroke);
    if (bx.stroke) s += number(bx.width) + " w\n";
    s += number(bx.x) + " " + Y(bx.y + bx.h) + " " + number(bx.w) + " " + number(bx.h) + (bx.stroke ? " re S\n" : " re f\n");
  };
  for (const Box& bx : p.boxes)
    if (!bx.stroke) box(bx);
  for (const ImagePlacement& im : p.images) {
    double sw = im.w / im.crop_w, sh = im.h / im.crop_h;  // size of the whole image on the page
    double ix = im.x - im.crop_x * sw, iy = im.y - im.crop_y * sh;
    s += "q " + number(im.x) + " " + Y(im.y + im.h) + " " + number(im.w) + " " + number(im.h) + " re W n\n";
    s += number(sw) + " 0 0 " + number(sh) + " " + number(ix) + " " + Y(iy + sh) + " cm /" + image_names.at(im.path) +
         " Do Q\n";
  }
  // Black text and rules overprint, so misregistration never shows a white halo.
  s += "q /GSop gs\n";
  for (const Box& bx : p.boxes)
    if (bx.stroke) box(bx);  // box rules are strokes like any other
  for (const Rule& r : p.rules)
    s += colour(r.colour, true) + number(r.width) + " w " + number(r.x1) + " " + Y(r.y1) + " m " + number(r.x2) + " " +
         Y(r.y2) + " l S\n";
  Cmyk current{-1, -1, -1, -1};
  auto text = [&](const TextRun& r) {
    if (!(r.colour == current)) {
      s += colour(r.colour, false);
      current = r.colour;
    }
    const Face& f = *r.face;
    s += "BT /" + fonts.at(r.face.get())->resource + " " + number(r.size) + " Tf ";
    double pen = r.glyphs[0].x, dy = r.glyphs[0].dy;
    s += "1 0 0 1 " + number(pen) + " " + number(H - r.baseline + dy) + " Tm [<";
    // Glyphs at their natural advance share one string; a moved glyph starts a new one.
    bool empty = true;
    for (const GlyphPos& g : r.glyphs) {
      if (g.dy != dy) {  // a shifted glyph (rare in CJK) restarts the text matrix
        dy = g.dy;
        s += ">] TJ 1 0 0 1 " + number(g.x) + " " + number(H - r.baseline + dy) + " Tm [<";
        pen = g.x;
        empty = true;
      }
      double adj = (pen - g.x) * 1000 / r.size;  // TJ moves left by positive amounts
      if (std::abs(adj) > 0.05) {
        s += empty ? "" : ">";
        if (empty) s.pop_back();  // drop the "<" of an empty string
        s += number(adj) + "<";
      }
      append_hex4(s, g.gid);
      empty = false;
      pen = g.x + f.advance(g.gid) * r.size / f.upem();
    }
    s += ">] TJ ET\n";
  };
  // Paper-white text (reversed out of a tint) must knock out: overprinted, it
  // would not print at all. It is drawn after the overprinting group.
  const Cmyk paper{0, 0, 0, 0};
  for (const TextRun& r : p.text)
    if (!r.glyphs.empty() && !(r.colour == paper)) text(r);
  s += "Q\n";
  for (const TextRun& r : p.text)
    if (!r.glyphs.empty() && r.colour == paper) text(r);
  if (print.marks) s += marks(p.width, H, p.bleed, print.slug);
  return s;
}

}  // namespace paiban::pdf
