#include "shape/shape.h"

#include <hb.h>
#include <unicode/uchar.h>

#include "fonts/fonts.h"
#include "text/text.h"

namespace paiban {
namespace {

bool cjk_char(char32_t c) {
  CharClass k = char_class(c);
  return is_cjk_class(k) && c >= 0x2000;
}

// Marks, joiners and variation selectors go with the character before them.
bool attaches(char32_t c) {
  int8_t t = u_charType(static_cast<UChar32>(c));
  return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK || c == 0x200D ||
         (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x1F3FB && c <= 0x1F3FF);
}

const Face* face_for(char32_t c, const Face* primary, const std::vector<const Face*>& fallback) {
  if (c == U' ' || c == 0x3000 || primary->glyph_for(c)) return primary;
  for (const Face* f : fallback)
    if (f->glyph_for(c)) return f;
  return primary;  // 缺字: shapes to glyph 0 and is reported
}

}  // namespace

Shaped shape(std::u32string text, const std::vector<StyleRange>& styles, const std::vector<const Face*>& fallback) {
  Shaped out;
  out.text = std::move(text);
  const std::u32string& t = out.text;
  static hb_language_t zh = hb_language_from_string("zh-Hans", -1);
  auto style_index = [&](const Face* face, double size) {
    for (size_t i = 0; i < out.styles.size(); ++i)
      if (out.styles[i].face == face && out.styles[i].size == size) return static_cast<uint16_t>(i);
    out.styles.push_back(TextStyle{face, size});
    return static_cast<uint16_t>(out.styles.size() - 1);
  };
  std::vector<const Face*> faces(t.size());
  hb_buffer_t* buf = hb_buffer_create();
  uint32_t start = 0;
  for (const StyleRange& sr : styles) {
    uint32_t end = std::min<uint32_t>(sr.end, static_cast<uint32_t>(t.size()));
    if (end <= start) continue;
    for (uint32_t i = start; i < end; ++i)
      faces[i] = i > start && attaches(t[i]) ? faces[i - 1] : face_for(t[i], sr.style.face, fallback);
    // Split the style range into runs of one script and one face; spaces join the run they are in.
    uint32_t run = start;
    while (run < end) {
      bool cjk = cjk_char(t[run]);
      const Face* face = faces[run];
      uint32_t stop = run + 1;
      while (stop < end && faces[stop] == face && (t[stop] == U' ' || cjk_char(t[stop]) == cjk)) ++stop;
      uint16_t style = style_index(face, sr.style.size);
      double scale = sr.style.size / face->upem();
      hb_buffer_clear_contents(buf);
      hb_buffer_add_utf32(buf, reinterpret_cast<const uint32_t*>(t.data()), static_cast<int>(t.size()), run,
                          static_cast<int>(stop - run));
      hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
      hb_buffer_set_script(buf, cjk ? HB_SCRIPT_HAN : HB_SCRIPT_LATIN);
      hb_buffer_set_language(buf, zh);
      hb_shape(face->hb_font(), buf, nullptr, 0);
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
