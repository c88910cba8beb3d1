// The build's own preflight: the checks of preflight() that depend on what a
// page carries (text size, rule weight, image resolution, ink), judged from the
// placed pages instead of reading the PDF back. What the writer guarantees by
// construction — PDF/X identification, output intent, trailer ID, boxes,
// embedded fonts, CMYK and grey only, no transparency — needs no check here;
// a test holds the two preflights to the same verdicts on real files.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "image/image.h"
#include "preflight/preflight.h"
#include "text/text.h"

namespace paiban {
namespace {

std::string fmt(double v, int decimals = 1) {
  char b[32];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  return b;
}

// Issues with one key are reported once, with "(N times)", as preflight() does.
class Collect {
 public:
  explicit Collect(std::vector<PreflightIssue>& out) : out_(out) {}
  void add(PreflightIssue::Level level, int page, std::string object, std::string rule, std::string message,
           const std::string& key) {
    std::string k = std::to_string(page) + "|" + rule + "|" + key;
    auto [at, fresh] = seen_.emplace(k, out_.size());
    if (!fresh) {
      ++times_[at->second];
      return;
    }
    out_.push_back({level, page, std::move(object), std::move(rule), std::move(message)});
    times_[at->second] = 1;
  }
  ~Collect() {
    for (auto& [i, n] : times_)
      if (n > 1) out_[i].what += " (" + std::to_string(n) + " times)";
  }

 private:
  std::vector<PreflightIssue>& out_;
  std::map<std::string, size_t> seen_;
  std::map<size_t, int> times_;
};

std::string at(double x, double y) { return "(" + fmt(x) + "," + fmt(y) + ")"; }

void check_text(Collect& c, const Page& p, const PreflightLimits& l) {
  for (const TextRun& r : p.text) {
    if (r.glyphs.empty() || r.size >= l.min_text_pt) continue;
    std::string excerpt = to_utf8(r.text.substr(0, 12));
    c.add(PreflightIssue::Failure, p.number, "text '" + excerpt + "' at " + at(r.glyphs[0].x, r.baseline),
          "min-text", fmt(r.size, 2) + " pt text (under " + fmt(l.min_text_pt) + " pt)", fmt(r.size, 2));
  }
}

std::string rule_width(double w) {
  return w == 0 ? "line width 0 (a device hairline)" : "line width " + fmt(w, 3) + " pt (" + fmt(w / 72 * 25.4, 3) + " mm)";
}

void check_rules(Collect& c, const Page& p, const PreflightLimits& l) {
  for (const Rule& r : p.rules)
    if (r.width < l.min_rule_pt)
      c.add(PreflightIssue::Failure, p.number, "rule at " + at(r.x1, r.y1), "min-rule",
            rule_width(r.width) + " under " + fmt(l.min_rule_pt, 3) + " pt", fmt(r.width, 3));
  for (const Box& b : p.boxes) {
    if (b.stroke) {
      if (b.width < l.min_rule_pt)
        c.add(PreflightIssue::Failure, p.number, "box outline at " + at(b.x, b.y), "min-rule",
              rule_width(b.width) + " under " + fmt(l.min_rule_pt, 3) + " pt", fmt(b.width, 3));
      continue;
    }
    // A thin, long tint prints as a rule and is held to the same minimum.
    double thin = std::min(std::fabs(b.w), std::fabs(b.h)), length = std::max(std::fabs(b.w), std::fabs(b.h));
    if (thin <= 0 || thin >= l.min_rule_pt || length < 4 * l.min_rule_pt) continue;
    c.add(PreflightIssue::Failure, p.number, "filled rule at " + at(b.x, b.y), "min-rule",
          "filled rectangle " + fmt(thin, 3) + " pt (" + fmt(thin / 72 * 25.4, 3) + " mm) thick, under " +
              fmt(l.min_rule_pt, 3) + " pt",
          "fill" + fmt(thin, 3));
  }
}

double ink(const Cmyk& c) { return 100 * (c.c + c.m + c.y + c.k); }

// Total area coverage from the page model: the colours of text, rules and tints
// are known exactly, separated photos are limited when they are made, and a CMYK
// photo that goes in as it is gets measured at every pixel (`darkest`, once per
// file). Marks in the slug do not count.
void check_ink(Collect& c, const Page& p, const PreflightLimits& l, const std::map<std::string, ImageInfo>& probed,
               std::map<std::string, double>& darkest) {
  auto over = [&](double value, const std::string& what, double x, double y) {
    if (value <= l.max_tac + 0.5 || x < 0 || y < 0 || x > p.width || y > p.height) return;
    c.add(PreflightIssue::Failure, p.number, what, "tac",
          "carries " + std::to_string(static_cast<int>(value)) + "% ink, over the " +
              std::to_string(static_cast<int>(l.max_tac)) + "% limit",
          what);
  };
  for (const TextRun& r : p.text)
    if (!r.glyphs.empty()) over(ink(r.colour), "text '" + to_utf8(r.text) + "'", r.glyphs[0].x, r.baseline);
  for (const Rule& r : p.rules) over(ink(r.colour), "a rule", r.x1, r.y1);
  for (const Box& b : p.boxes) over(ink(b.fill), "a tint", b.x, b.y);
  for (const ImagePlacement& im : p.images) {
    if (probed.at(im.path).components != 4) continue;  // grey is one ink; RGB is separated under the limit
    // The press limit holds at every pixel, not on average (decode_image turns Adobe's inverted CMYK).
    auto d = darkest.find(im.path);
    if (d == darkest.end()) d = darkest.emplace(im.path, max_ink(decode_image(im.path))).first;
    over(d->second, "the darkest pixel of image " + im.path, im.x, im.y);
  }
}

void check_images(Collect& c, const Page& p, const PreflightLimits& l, std::map<std::string, ImageInfo>& probed) {
  for (const ImagePlacement& im : p.images) {
    auto found = probed.find(im.path);
    if (found == probed.end()) found = probed.emplace(im.path, probe_image(im.path)).first;
    const ImageInfo& info = found->second;
    // The whole image's size on the page: the crop shows a part of it at that scale.
    double placed_w = im.w / im.crop_w / 72.0, placed_h = im.h / im.crop_h / 72.0;
    if (info.width <= 0 || info.height <= 0 || placed_w <= 0 || placed_h <= 0) continue;
    double ppi = std::min(info.width / placed_w, info.height / placed_h);
    if (ppi >= l.warn_ppi) continue;
    c.add(PreflightIssue::Warning, p.number, "image " + im.path, "image-ppi",
          fmt(ppi, 0) + " ppi at print size (under " + fmt(l.warn_ppi, 0) + "): " + std::to_string(info.width) + "x" +
              std::to_string(info.height) + " px placed at " + fmt(placed_w * 25.4) + "x" + fmt(placed_h * 25.4) +
              " mm",
          im.path + fmt(ppi, 0));
  }
}

}  // namespace

std::vector<PreflightIssue> preflight_pages(const std::vector<Page>& pages, const PreflightLimits& limits) {
  std::vector<PreflightIssue> issues;
  std::map<std::string, ImageInfo> probed;
  std::map<std::string, double> darkest;
  {
    Collect c(issues);
    for (const Page& p : pages) {
      check_text(c, p, limits);
      check_rules(c, p, limits);
      check_images(c, p, limits, probed);
      check_ink(c, p, limits, probed, darkest);
    }
  }
  return issues;
}

}  // namespace paiban
