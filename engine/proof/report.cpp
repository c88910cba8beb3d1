// The fit report: per frame, lines used and available, overset and underset,
// widows and orphans, adjusted lines, image resolution; then the notices.
#include <cstdio>
#include <sstream>

#include "diag/json.h"
#include "proof/proof.h"

namespace paiban {

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
  std::snprintf(line, sizeof line, "%-4s %-3s %-12s %4s %10s %7s %8s %8s %6s %7s %8s %8s  %s\n", "page", "frm",
                "article", "cols", "used/avail", "needed", "overset", "underset", "widows", "orphans", "subheads",
                "adjusted", "images");
  out += line;
  for (const FrameFit& f : ed.frames) {
    std::string images;
    for (const FrameFit::Image& im : f.images)
      images += im.path + " " + std::to_string(im.ppi) + "ppi" +
                (im.file_ppi > im.ppi ? " (" + std::to_string(im.file_ppi) + " in the file) " : " ");
    char fit[32];
    std::snprintf(fit, sizeof fit, "%d/%d", f.lines_used, f.lines_available);
    std::snprintf(line, sizeof line, "%-4d %-3c %-12s %4d %10s %7d %8d %8d %6d %7d %8d %8d  %s\n", f.page,
                  f.letter, f.module.c_str(), f.columns, fit, f.lines_needed, f.overset_lines, f.underset_lines,
                  f.widows, f.orphans, f.subheads_at_foot, f.adjusted_lines, images.c_str());
    out += line;
  }
  // The copy desk's repairs, counted per article (nothing changed silently).
  for (const auto& [article, d] : ed.copy_desk) {
    if (d.total() == 0) continue;
    std::snprintf(line, sizeof line,
                  "copy desk %-12s %d marks set full-width, %d spaces set as U+3000, %d straight quotes curled, "
                  "%d ellipses set as ……\n",
                  article.c_str(), d.punctuation, d.spaces, d.quotes, d.ellipses);
    out += line;
  }
  for (const Notice& n : ed.notices) out += format_notice(n) + "\n";
  return out;
}

Json frame_fit_json(const FrameFit& f) {
  Json images = Json::array();
  for (const FrameFit::Image& im : f.images) images.push_back({{"path", im.path}, {"ppi", im.ppi}, {"file_ppi", im.file_ppi}});
  return {{"page", f.page},
          {"frame", std::string(1, f.letter)},
          {"article", f.module},
          {"columns", f.columns},
          {"lines_used", f.lines_used},
          {"lines_available", f.lines_available},
          {"lines_needed", f.lines_needed},
          {"overset_lines", f.overset_lines},
          {"underset_lines", f.underset_lines},
          {"widows", f.widows},
          {"orphans", f.orphans},
          {"subheads_at_foot", f.subheads_at_foot},
          {"adjusted_lines", f.adjusted_lines},
          {"overflow", f.overflow},
          {"images", std::move(images)}};
}

std::string fit_report_json(const Edition& ed) {
  Json frames = Json::array();
  for (const FrameFit& f : ed.frames) frames.push_back(frame_fit_json(f));
  Json desk = Json::object();
  for (const auto& [article, d] : ed.copy_desk)
    desk[article] = {{"punctuation", d.punctuation}, {"spaces", d.spaces}, {"quotes", d.quotes}, {"ellipses", d.ellipses}};
  Json notices = Json::array();
  for (const Notice& n : ed.notices) notices.push_back(notice_json(n));
  Json j = {{"issue_number", ed.number},
            {"ok", ed.ok()},
            {"frames", std::move(frames)},
            {"copy_desk", std::move(desk)},
            {"notices", std::move(notices)}};
  return dump_json(j) + "\n";
}

}  // namespace paiban
