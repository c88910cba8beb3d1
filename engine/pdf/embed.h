// Internal to pdf/: font subsets as Type0/CID fonts.
#pragma once

#include <podofo/podofo.h>

#include <map>
#include <string>

namespace paiban {
class Face;
}

namespace paiban::pdf {

// What the pages use of one face: glyph ids and the text each stands for.
struct FontUse {
  const Face* face = nullptr;
  std::string resource;                 // /F1, /F2, ...
  std::map<uint32_t, std::u32string> glyphs;  // gid -> characters (first seen)
};

// Subsets the face to the used glyphs and writes the Type0 font; returns it.
// Content streams address glyphs by their original glyph id.
PoDoFo::PdfObject* embed_font(PoDoFo::PdfMemDocument& doc, const FontUse& use);

}  // namespace paiban::pdf
