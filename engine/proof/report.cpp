// The fit report: per frame, lines used and available, overset and underset,
// widows and orphans, adjusted lines, image resolution; then the notices.
#include <cstdio>
#include <sstream>

#include "pipeline/pipeline.h"
#include "proof/proof.h"

namespace paiban {
namespace {

std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c == '"') o += "\\\"";
    else if (c == '\\') o += "\\\\";
    else if (c == '\n') o += "\\n";
    else if (c < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      o += b;
    } else o += static_cast<char>(c);
  }
  return o + "\"";
}

}  // namespace

unsigned parse_overlays(const std::string& list, std::string* bad) {
  unsigned bits = 0;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item == "grid") bits |= OverlayGrid;
    else if (item == "frames") bits |= OverlayFrames;
    else if (item == "baselines") bits |= OverlayBaselines;
    else if (item == "adjustments") bits |= OverlayAdjustments;
    else if (item == "all") bits |= OverlayGrid | OverlayFrames | OverlayBaselines | OverlayAdjustments;
    else if (!item.empty() && bad) *bad = item;
  }
  return bits;
}

std::string fit_report_text(const Edition& ed) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-4s %-3s %-12s %4s %10s %7s %8s %8s %6s %7s %8s  %s\n", "page", "frm", "article",
                "cols", "used/avail", "needed", "overset", "underset", "widows", "orphans", "adjusted", "images");
  out += line;
  for (const FrameFit& f : ed.frames) {
    std::string images;
    for (const FrameFit::Image& im : f.images) images += im.path + " " + std::to_string(im.ppi) + "ppi ";
    char fit[32];
    std::snprintf(fit, sizeof fit, "%d/%d", f.lines_used, f.lines_available);
    std::snprintf(line, sizeof line, "%-4d %-3c %-12s %4d %10s %7d %8d %8d %6d %7d %8d  %s\n", f.page, f.letter,
                  f.module.c_str(), f.columns, fit, f.lines_needed, f.overset_lines, f.underset_lines, f.widows,
                  f.orphans, f.adjusted_lines, images.c_str());
    out += line;
  }
  for (const Notice& n : ed.notices) out += format_notice(n) + "\n";
  return out;
}

std::string fit_report_json(const Edition& ed) {
  std::string o = "{\"issue_number\":" + std::to_string(ed.number) + ",\"ok\":" + (ed.ok() ? "true" : "false") +
                  ",\"frames\":[";
  for (size_t i = 0; i < ed.frames.size(); ++i) {
    const FrameFit& f = ed.frames[i];
    o += std::string(i ? "," : "") + "{\"page\":" + std::to_string(f.page) + ",\"frame\":" +
         json_string(std::string(1, f.letter)) + ",\"article\":" + json_string(f.module) +
         ",\"columns\":" + std::to_string(f.columns) + ",\"lines_used\":" + std::to_string(f.lines_used) +
         ",\"lines_available\":" + std::to_string(f.lines_available) + ",\"lines_needed\":" +
         std::to_string(f.lines_needed) + ",\"overset_lines\":" + std::to_string(f.overset_lines) +
         ",\"underset_lines\":" + std::to_string(f.underset_lines) + ",\"widows\":" + std::to_string(f.widows) +
         ",\"orphans\":" + std::to_string(f.orphans) + ",\"adjusted_lines\":" + std::to_string(f.adjusted_lines) +
         ",\"overflow\":[";
    for (size_t k = 0; k < f.overflow.size(); ++k) o += (k ? "," : "") + json_string(f.overflow[k]);
    o += "],\"images\":[";
    for (size_t k = 0; k < f.images.size(); ++k)
      o += std::string(k ? "," : "") + "{\"path\":" + json_string(f.images[k].path) + ",\"ppi\":" +
           std::to_string(f.images[k].ppi) + "}";
    o += "]}";
  }
  o += "],\"notices\":[";
  for (size_t i = 0; i < ed.notices.size(); ++i) {
    const Notice& n = ed.notices[i];
    o += std::string(i ? "," : "") + "{\"level\":" + json_string(n.level == Notice::Error ? "error" : "warning") +
         ",\"article\":" + json_string(n.article) + ",\"paragraph\":" + std::to_string(n.paragraph) +
         ",\"file\":" + json_string(n.file) + ",\"line\":" + std::to_string(n.line) + ",\"message\":" +
         json_string(n.what) + "}";
  }
  return o + "]}\n";
}

}  // namespace paiban
