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

// The subset font program, already compressed. Made without touching the PDF
// document, so the fonts of a build are subset in parallel.
struct FontProgram {
  std::string program;      // Flate-compressed CFF (CIDFontType0C) or TrueType
  size_t raw_size = 0;
  std::string cid_to_gid;   // Flate-compressed CIDToGIDMap (TrueType only)
  bool cff = false;
};
FontProgram subset_font(const FontUse& use);

// Writes the Type0 font for a subset; returns it. Content streams address
// glyphs by their original glyph id.
PoDoFo::PdfObject* embed_font(PoDoFo::PdfMemDocument& doc, const FontUse& use, const FontProgram& program);

// A stream object holding already-compressed (Flate) bytes.
PoDoFo::PdfObject* flate_stream(PoDoFo::PdfMemDocument& doc, const std::string& deflated);
std::string deflate(const std::string& raw);

}  // namespace paiban::pdf
