#include "fonts/fonts.h"

#include <hb-ot.h>

#include <filesystem>

#include "diag/diag.h"
#include "diag/toml.h"

namespace paiban {

Face::Face(const std::string& file, const std::string& ps_name, hb_blob_t* blob, unsigned index)
    : file_(file), ps_name_(ps_name), index_(index) {
  face_ = hb_face_create(blob, index);
  font_ = hb_font_create(face_);
  upem_ = hb_face_get_upem(face_);
  hb_font_set_scale(font_, upem_, upem_);  // positions come back in font units
  hb_blob_t* cff = hb_face_reference_table(face_, HB_TAG('C', 'F', 'F', ' '));
  cff_ = hb_blob_get_length(cff) > 0;
  hb_blob_destroy(cff);
}

Face::~Face() {
  hb_font_destroy(font_);
  hb_face_destroy(face_);
}

bool Face::has_feature(const char tag[4]) const {
  hb_tag_t want = HB_TAG(tag[0], tag[1], tag[2], tag[3]);
  for (hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
    unsigned index;
    if (hb_ot_layout_language_find_feature(face_, table, 0, HB_OT_LAYOUT_DEFAULT_LANGUAGE_INDEX, want, &index))
      return true;
  }
  return false;
}

uint32_t Face::glyph_for(uint32_t cp) const {
  hb_codepoint_t g = 0;
  return hb_font_get_nominal_glyph(font_, cp, &g) ? g : 0;
}

const GlyphInk& Face::ink(uint32_t gid) const {
  std::lock_guard<std::mutex> lock(ink_lock_);
  auto it = ink_.find(gid);
  if (it != ink_.end()) return it->second;
  GlyphInk g;
  hb_glyph_extents_t e;
  if (hb_font_get_glyph_extents(font_, gid, &e) && e.width != 0) {
    g.x_min = e.x_bearing;
    g.x_max = e.x_bearing + e.width;
    g.y_max = e.y_bearing;
    g.y_min = e.y_bearing + e.height;
    g.empty = false;
  }
  g.advance = advance(gid);
  return ink_.emplace(gid, g).first->second;
}

namespace {

// A big-endian 16-bit field of a font table; 0 past its end.
int table_s16(hb_blob_t* table, unsigned at) {
  unsigned len = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(hb_blob_get_data(table, &len));
  return at + 2 <= len ? static_cast<int16_t>(p[at] << 8 | p[at + 1]) : 0;
}

}  // namespace

Face::Metrics Face::descriptor_metrics() const {
  // Read from head, hhea and OS/2 as FreeType reports them (ascender and
  // descender from hhea, else OS/2's typographic, else its Windows values),
  // without FreeType parsing the whole face for five numbers.
  hb_blob_t* head = hb_face_reference_table(face_, HB_TAG('h', 'e', 'a', 'd'));
  hb_blob_t* hhea = hb_face_reference_table(face_, HB_TAG('h', 'h', 'e', 'a'));
  hb_blob_t* os2 = hb_face_reference_table(face_, HB_TAG('O', 'S', '/', '2'));
  Metrics m{880, -120, 733, {-1000, -300, 3000, 1000}};
  const long units = static_cast<uint16_t>(table_s16(head, 18));
  if (hb_blob_get_length(head) >= 54 && units > 0) {
    auto k = [&](long v) { return static_cast<int>(v * 1000 / units); };
    long ascender = table_s16(hhea, 4), descender = table_s16(hhea, 6);
    if (ascender == 0 && descender == 0) {
      ascender = table_s16(os2, 68);
      descender = table_s16(os2, 70);
      if (ascender == 0 && descender == 0) {
        ascender = static_cast<uint16_t>(table_s16(os2, 74));
        descender = -static_cast<long>(static_cast<uint16_t>(table_s16(os2, 76)));
      }
    }
    m.ascent = k(ascender);
    m.descent = k(descender);
    for (int i = 0; i < 4; ++i) m.bbox[i] = k(table_s16(head, 36 + 2 * i));
    // sCapHeight is in OS/2 version 2 and later.
    if (table_s16(os2, 0) >= 2 && table_s16(os2, 88) > 0) m.cap_height = k(table_s16(os2, 88));
  }
  hb_blob_destroy(os2);
  hb_blob_destroy(hhea);
  hb_blob_destroy(head);
  return m;
}

FontRegistry::FontRegistry(const std::string& fonts_toml) : config_(fonts_toml) {
  const TomlReader rd{fonts_toml};
  const toml::table root = rd.parse();
  rd.known(root, {"roles", "fallback"}, "fonts.toml");
  std::vector<int> chain_lines;
  if (const toml::table* fb = rd.table(root, "fallback")) {
    rd.known(*fb, {"chain"}, "[fallback]");
    const toml::node* node = fb->get("chain");
    const toml::array* chain = node ? node->as_array() : nullptr;
    if (!chain) throw InputError(fonts_toml, rd.line(node ? *node : *fb), "[fallback] needs chain = [role, ...]");
    for (const toml::node& n : *chain) {
      auto v = n.value<std::string>();
      if (!v) throw InputError(fonts_toml, rd.line(n), "fallback roles are strings");
      chain_.push_back(*v);
      chain_lines.push_back(rd.line(n));
    }
  }
  const toml::table* roles = rd.table(root, "roles");
  if (!roles) throw InputError(fonts_toml, 1, "missing table [roles]");
  for (auto&& [key, node] : *roles) {
    const std::string name(key.str());
    const toml::table* t = node.as_table();
    if (!t) throw InputError(fonts_toml, rd.line(node), "role '" + name + "' must be a table { file = …, face = … }");
    rd.known(*t, {"file", "face"}, "role '" + name + "'");
    Role r;
    r.line = rd.line(node);
    r.file = rd.text(*t, "file", "");
    r.ps_name = rd.text(*t, "face", "");
    if (r.file.empty() || r.ps_name.empty()) throw InputError(fonts_toml, r.line, "role '" + name + "' needs 'file' and 'face'");
    roles_[name] = r;
  }
  // A fallback that names no role is said now, at its line, not when a rare character first needs it.
  for (size_t i = 0; i < chain_.size(); ++i)
    if (!roles_.count(chain_[i]))
      throw InputError(fonts_toml, chain_lines[i], "fallback role '" + chain_[i] + "' is not defined under [roles]");
}

FontRegistry::~FontRegistry() {
  faces_.clear();
  for (auto& [f, b] : blobs_) hb_blob_destroy(b);
}

const std::vector<const Face*>& FontRegistry::fallback() const {
  if (!fallback_loaded_) {
    for (const std::string& role : chain_) fallback_.push_back(&face(role));
    fallback_loaded_ = true;
  }
  return fallback_;
}

std::vector<std::string> FontRegistry::roles() const {
  std::vector<std::string> out;
  for (auto& [k, v] : roles_) out.push_back(k);
  return out;
}

const Face& FontRegistry::face(const std::string& role) const {
  auto r = roles_.find(role);
  if (r == roles_.end()) throw InputError(config_, 0, "no font role '" + role + "'");
  const Role& ro = r->second;
  std::string key = ro.file + "#" + ro.ps_name;
  if (auto f = faces_.find(key); f != faces_.end()) return *f->second;

  hb_blob_t*& blob = blobs_[ro.file];
  if (!blob) {
    if (!std::filesystem::exists(ro.file))
      throw InputError(config_, ro.line, "font file for role '" + role + "' not found: " + ro.file);
    blob = hb_blob_create_from_file_or_fail(ro.file.c_str());
    if (!blob) throw InputError(config_, ro.line, "cannot read font file " + ro.file);
  }
  // Choose the face inside a collection by its PostScript name, never by a guessed index.
  unsigned count = hb_face_count(blob);
  if (count == 0) throw InputError(config_, ro.line, ro.file + " is not a font file");
  std::string names;
  for (unsigned i = 0; i < count; ++i) {
    hb_face_t* f = hb_face_create(blob, i);
    char buf[128];
    unsigned len = sizeof buf;
    hb_ot_name_get_utf8(f, HB_OT_NAME_ID_POSTSCRIPT_NAME, hb_language_from_string("en", -1), &len, buf);
    hb_face_destroy(f);
    std::string ps(buf, len);
    if (ps == ro.ps_name) {
      auto face = std::make_shared<Face>(ro.file, ps, blob, i);
      return *(faces_[key] = std::move(face));
    }
    names += (names.empty() ? "" : ", ") + ps;
  }
  throw InputError(config_, ro.line, "no face '" + ro.ps_name + "' in " + ro.file + " (it has: " + names + ")");
}

}  // namespace paiban
