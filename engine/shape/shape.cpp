#include "shape/shape.h"

#include <hb.h>

#include "fonts/fonts.h"
#include "text/text.h"

namespace paiban {
namespace {

bool cjk_char(char32_t c) {
  CharClass k = char_class(c);
  return is_cjk_class(k) && c >= 0x2000;
}

}  // namespace

Shaped shape(std::u32string text, const std::vector<StyleRange>& styles) {
  Shaped out;
  out.text = std::move(text);
  const std::u32string& t = out.text;
  static hb_language_t zh = hb_language_from_string("zh-Hans", -1);
  hb_buffer_t* buf = hb_buffer_create();
  uint32_t start = 0;
  for (const StyleRange& sr : styles) {
    uint32_t end = std::min<uint32_t>(sr.end, static_cast<uint32_t>(t.size()));
    if (end <= start) continue;
    uint16_t style = static_cast<uint16_t>(out.styles.size());
    out.styles.push_back(sr.style);
    const Face& face = *sr.style.face;
    double scale = sr.style.size / face.upem();
    // Split the style range into script runs; spaces join the run they are in.
    uint32_t run = start;
    while (run < end) {
      bool cjk = cjk_char(t[run]);
      uint32_t stop = run + 1;
      while (stop < end && (t[stop] == U' ' || cjk_char(t[stop]) == cjk)) ++stop;
      hb_buffer_clear_contents(buf);
      hb_buffer_add_utf32(buf, reinterpret_cast<const uint32_t*>(t.data()), static_cast<int>(t.size()), run,
                          static_cast<int>(stop - run));
      hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
      hb_buffer_set_script(buf, cjk ? HB_SCRIPT_HAN : HB_SCRIPT_LATIN);
      hb_buffer_set_language(buf, zh);
      hb_shape(face.hb_font(), buf, nullptr, 0);
      unsigned n = 0;
      hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
      hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
      for (unsigned i = 0; i < n; ++i)
        out.glyphs.push_back(ShapedGlyph{info[i].codepoint, info[i].cluster, pos[i].x_advance * scale,
                                         pos[i].x_offset * scale, pos[i].y_offset * scale, style});
      run = stop;
    }
    start = end;
  }
  hb_buffer_destroy(buf);
  return out;
}

}  // namespace paiban
