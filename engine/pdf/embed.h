// Internal to pdf/: the parts of a document — font subsets, images, content
// streams, the PDF/X furniture.
#pragma once

#include <podofo/podofo.h>

#include <map>
#include <string>

#include "pdf/pdf.h"

namespace paiban {
class Face;
}

namespace paiban::pdf {

// What the pages use of one face: glyph ids and the text each stands for.
struct FontUse {
  const Face* face = nullptr;
  std::string resource;                       // F1, F2, ...
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

// An image ready for the press: encoded bytes and how to read them.
struct ImageData {
  std::string bytes;
  std::string filter;       // DCTDecode or FlateDecode
  std::string colour_space; // DeviceGray, DeviceCMYK (DeviceRGB only without PDF/X)
  int width = 0, height = 0;
  bool inverted = false;    // Adobe CMYK JPEG: needs a Decode array
};
// Reads, downsamples to print.max_ppi at the largest size it is printed (the
// whole image w_pt × h_pt, before cropping), separates to CMYK for PDF/X and
// encodes; runs off the main thread.
ImageData prepare_image(const std::string& path, const PrintSettings& print, double w_pt, double h_pt);
PoDoFo::PdfObject* embed_image(PoDoFo::PdfMemDocument& doc, const ImageData& image);

// One page's drawing operators. Text and rules overprint (/GSop).
std::string page_content(const Page& page, const std::map<const Face*, FontUse*>& fonts,
                         const std::map<std::string, std::string>& image_names, const PrintSettings& print,
                         const PdfMeta& meta, int page_count);

// Info keys, output intent, XMP (PDF/X-4); the trailer ID from the content.
void add_pdfx(PoDoFo::PdfMemDocument& doc, const PdfMeta& meta, const PrintSettings& print);
void stamp_id(std::string& pdf);

// A stream object holding already-compressed (Flate) bytes.
PoDoFo::PdfObject* flate_stream(PoDoFo::PdfMemDocument& doc, const std::string& deflated);
std::string deflate(const std::string& raw);
// The same, kept in the disk cache by content: for big streams that do not
// change between builds (the output profile, 190 KB, ~3 ms to deflate).
std::string deflate_kept(const std::string& raw);
std::string number(double v);  // fixed precision, so output is byte-stable
void append_hex4(std::string& s, uint32_t v);  // the low 16 bits as 4 upper-case hex digits

}  // namespace paiban::pdf
