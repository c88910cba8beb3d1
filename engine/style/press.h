// The press a layout is made for: output condition, ink limit and the smallest
// things it prints. The layout's [print] table; the PDF writer's settings
// start from it.
#pragma once

#include <string>

namespace paiban {

struct PressSpec {
  std::string condition_id;  // a registered condition the profile characterises, or "" (Custom)
  std::string condition;
  std::string registry;
  std::string cmyk_profile = "/usr/share/color/icc/ghostscript/default_cmyk.icc";  // separates photos
  double tac = 220;        // total area coverage limit, percent
  double max_ppi = 300;    // photos are downsampled to this at their placed size
  double min_text = 6;     // pt
  double min_rule = 0.1 * 72 / 25.4;  // pt (0.1 mm)
  double slug = 36;        // pt beyond the bleed for printer's marks
};

}  // namespace paiban
