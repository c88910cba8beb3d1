// Fonts by role. Each font file is memory-mapped once and shared by
// HarfBuzz (shaping, subsetting, descriptor metrics) and proof/'s FreeType.
#pragma once

#include <hb.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace paiban {

// Ink box of a glyph in font units (y up), and its advance.
struct GlyphInk {
  int x_min = 0, x_max = 0, y_min = 0, y_max = 0;
  int advance = 0;
  bool empty = true;
};

// One face of one font file, ready to shape with. A face holds its own
// reference to the file's bytes, so placed pages that share it (TextRun::face)
// stay valid after the registry that loaded it is gone.
class Face : public std::enable_shared_from_this<Face> {
 public:
  Face(const std::string& file, const std::string& ps_name, hb_blob_t* blob, unsigned index);
  ~Face();
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;

  const std::string& file() const { return file_; }
  const std::string& ps_name() const { return ps_name_; }  // PostScript name (name ID 6)
  unsigned index() const { return index_; }
  hb_face_t* hb_face() const { return face_; }
  hb_font_t* hb_font() const { return font_; }
  unsigned upem() const { return upem_; }
  bool is_cff() const { return cff_; }  // CFF outlines (else TrueType glyf)
  bool has_feature(const char tag[4]) const;

  uint32_t glyph_for(uint32_t cp) const;  // 0 when the face lacks the character
  const GlyphInk& ink(uint32_t gid) const;  // cached; thread-safe
  // The advance alone (= ink(gid).advance): a table look-up, where the ink box
  // means running the glyph's outline program. Thread-safe.
  int advance(uint32_t gid) const { return hb_font_get_glyph_h_advance(font_, gid); }

  // Metrics for the PDF font descriptor, in 1/1000 em, as FreeType gives them.
  struct Metrics {
    int ascent, descent, cap_height, bbox[4];
  };
  Metrics descriptor_metrics() const;

 private:
  std::string file_, ps_name_;
  unsigned index_;
  hb_face_t* face_;
  hb_font_t* font_;
  unsigned upem_;
  bool cff_;
  mutable std::map<uint32_t, GlyphInk> ink_;  // entries stay put: references to them outlive the lock
  mutable std::mutex ink_lock_;                // paragraphs are set on several threads
};

// fonts/fonts.toml: roles (body, headline, masthead, ...) to font files and faces.
class FontRegistry {
 public:
  // Read through checked accessors: unknown keys, values of the wrong type,
  // roles without file or face and fallbacks naming no role are InputErrors
  // at their fonts.toml line. Faces are loaded on first use.
  explicit FontRegistry(const std::string& fonts_toml);
  ~FontRegistry();

  // The face of a role; loaded on first use. Throws InputError for an unknown role.
  const Face& face(const std::string& role) const;
  std::vector<std::string> roles() const;

  // The fallback chain ([fallback] in fonts.toml), tried in order for a
  // character a role's face lacks. Loaded on first use.
  const std::vector<const Face*>& fallback() const;

 private:
  struct Role {
    std::string file, ps_name;
    int line = 0;
  };
  std::string config_;
  std::map<std::string, Role> roles_;
  std::vector<std::string> chain_;
  mutable std::vector<const Face*> fallback_;
  mutable bool fallback_loaded_ = false;
  mutable std::map<std::string, hb_blob_t*> blobs_;                 // one map per file
  mutable std::map<std::string, std::shared_ptr<Face>> faces_;      // by file + ps name
};

}  // namespace paiban
