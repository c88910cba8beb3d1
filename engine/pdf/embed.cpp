// Font subsets. PoDoFo 0.9.8 only embeds TrueType CID fonts itself, and Noto
// CJK is CFF, so the font objects are written by hand (see the research notes
// §8): hb-subset makes the font program, we write the PDF dictionaries.
#include "pdf/embed.h"

#include <hb-subset.h>
#include <zlib.h>

#include <cstdio>
#include <vector>

#include "cache/cache.h"
#include "digest/digest.h"
#include "fonts/fonts.h"

namespace paiban::pdf {
namespace {

using namespace PoDoFo;

// A CID-keyed CFF font (Top DICT has ROS) keeps its CIDs through hb-subset.
bool cff_is_cid_keyed(hb_face_t* face) {
  hb_blob_t* blob = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
  unsigned len = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob, &len));
  bool cid = false;
  auto index_end = [&](size_t at, size_t& first_data) -> size_t {
    // An INDEX: count(2), offSize(1), offsets, data. Returns the offset after it.
    if (at + 3 > len) return len;
    unsigned count = (p[at] << 8) | p[at + 1];
    if (count == 0) return at + 2;
    unsigned os = p[at + 2];
    size_t offs = at + 3;
    auto off = [&](unsigned i) {
      size_t v = 0;
      for (unsigned k = 0; k < os && offs + i * os + k < len; ++k) v = (v << 8) | p[offs + i * os + k];
      return v;
    };
    size_t data = offs + (count + 1) * os - 1;
    first_data = data + off(0);
    return data + off(count);
  };
  if (len > 4) {
    size_t first = 0;
    size_t after_name = index_end(p[2], first);  // header size, then the Name INDEX
    size_t top_start = 0;
    size_t top_end = index_end(after_name, top_start);
    (void)top_end;
    // The Top DICT's first operator is ROS (12 30) in CID-keyed fonts.
    for (size_t i = top_start; i + 1 < len && i < top_start + 64; ++i) {
      unsigned b = p[i];
      if (b == 12) {
        cid = p[i + 1] == 30;
        break;
      }
      if (b <= 21) break;  // another operator first
      if (b == 28) i += 2;
      else if (b == 29) i += 4;
      else if (b == 30) {
        while (i + 1 < len && (p[i + 1] & 0x0F) != 0x0F && (p[i + 1] & 0xF0) != 0xF0) ++i;
        ++i;
      } else if (b >= 247 && b <= 254) i += 1;
    }
  }
  hb_blob_destroy(blob);
  return cid;
}

std::string subset_tag(const FontUse& use) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  for (char c : use.face->ps_name()) mix(static_cast<unsigned char>(c));
  for (auto& [g, t] : use.glyphs) mix(g);
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

std::string hex16(uint32_t v) {
  std::string b;
  append_hex4(b, v);
  return b;
}

std::string utf16_hex(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c >= 0x10000) {
      c -= 0x10000;
      out += hex16(0xD800 + (c >> 10)) + hex16(0xDC00 + (c & 0x3FF));
    } else {
      out += hex16(c);
    }
  }
  return out;
}

std::string to_unicode_cmap(const FontUse& use) {
  std::string entries;
  int count = 0;
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  auto flush = [&] {
    if (count == 0) return;
    out += std::to_string(count) + " beginbfchar\n" + entries + "endbfchar\n";
    entries.clear();
    count = 0;
  };
  for (auto& [gid, text] : use.glyphs) {
    if (text.empty()) continue;
    entries += "<" + hex16(gid) + "> <" + utf16_hex(text) + ">\n";
    if (++count == 100) flush();
  }
  flush();
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

}  // namespace

std::string deflate(const std::string& raw) {
  uLongf len = compressBound(static_cast<uLong>(raw.size()));
  std::string out(len, '\0');
  // Level 1: 2% larger than the default level at a third of its cost.
  compress2(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(raw.data()),
            static_cast<uLong>(raw.size()), 1);
  out.resize(len);
  return out;
}

std::string deflate_kept(const std::string& raw) {
  if (cache_dir().empty()) return deflate(raw);
  std::string key = digest128("flate1|" + std::string(zlibVersion()) + "|" + raw);
  return cached("deflated", key, [&] { return deflate(raw); }, [](const std::string& b) { return !b.empty(); });
}

PdfObject* flate_stream(PdfMemDocument& doc, const std::string& deflated) {
  PdfObject* o = doc.GetObjects().CreateObject();
  PdfMemoryInputStream in(deflated.data(), static_cast<pdf_long>(deflated.size()));
  o->GetStream()->SetRawData(&in, static_cast<pdf_long>(deflated.size()));
  o->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
  return o;
}

namespace {

FontProgram make_subset(const FontUse& use) {
  const Face& face = *use.face;
  hb_subset_input_t* in = hb_subset_input_create_or_fail();
  hb_set_t* gs = hb_subset_input_glyph_set(in);
  hb_set_add(gs, 0);
  for (auto& [g, t] : use.glyphs) hb_set_add(gs, g);
  hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));  // no locl alternates pulled in
  hb_set_t* drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t t : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                     HB_TAG('B', 'A', 'S', 'E'), HB_TAG('V', 'O', 'R', 'G'), HB_TAG('v', 'h', 'e', 'a'),
                     HB_TAG('v', 'm', 't', 'x'), HB_TAG('D', 'S', 'I', 'G')})
    hb_set_add(drop, t);
  bool cff = face.is_cff();
  bool cid_keyed = cff && cff_is_cid_keyed(face.hb_face());
  // Flat charstrings subset faster and smaller than subsetting 65k-glyph subroutine pools; print needs no hints.
  unsigned flags = HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE;
  if (cff && !cid_keyed) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
  hb_subset_input_set_flags(in, flags);
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face.hb_face(), in);
  if (!plan) {
    hb_subset_input_destroy(in);
    throw std::runtime_error("hb-subset could not plan a subset of " + face.ps_name());
  }
  hb_face_t* sub = hb_subset_plan_execute_or_fail(plan);
  if (!sub) {
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(in);
    throw std::runtime_error("hb-subset failed on " + face.ps_name());
  }
  hb_blob_t* blob = cff ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' ')) : hb_face_reference_blob(sub);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  FontProgram out;
  out.cff = cff;
  out.raw_size = len;
  out.program = deflate(std::string(data, len));

  // TrueType outlines are renumbered by the subset: map our codes (original ids) to them.
  std::string cid_to_gid;
  if (!cff) {
    const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan);
    uint32_t max = use.glyphs.empty() ? 0 : use.glyphs.rbegin()->first;
    cid_to_gid.assign(2 * (max + 1), '\0');
    for (auto& [g, t] : use.glyphs) {
      hb_codepoint_t n = hb_map_get(map, g);
      if (n == HB_MAP_VALUE_INVALID) n = 0;
      cid_to_gid[2 * g] = static_cast<char>(n >> 8);
      cid_to_gid[2 * g + 1] = static_cast<char>(n & 0xFF);
    }
  }
  hb_blob_destroy(blob);
  hb_face_destroy(sub);
  hb_subset_plan_destroy(plan);
  hb_subset_input_destroy(in);
  if (!cid_to_gid.empty()) out.cid_to_gid = deflate(cid_to_gid);
  return out;
}

// A subset in the disk cache: a header line with the sizes, then the two streams.
std::string pack(const FontProgram& p) {
  return "paiban-subset 1 " + std::to_string(p.cff) + " " + std::to_string(p.raw_size) + " " +
         std::to_string(p.program.size()) + " " + std::to_string(p.cid_to_gid.size()) + "\n" + p.program + p.cid_to_gid;
}

bool unpack(const std::string& bytes, FontProgram* out) {
  int cff = 0;
  unsigned long long raw = 0, program = 0, cid = 0;
  int header = 0;
  if (std::sscanf(bytes.c_str(), "paiban-subset 1 %d %llu %llu %llu\n%n", &cff, &raw, &program, &cid, &header) != 4 ||
      header <= 0 || static_cast<unsigned long long>(header) + program + cid != bytes.size())
    return false;
  if (out) {
    out->cff = cff != 0;
    out->raw_size = raw;
    out->program = bytes.substr(header, program);
    out->cid_to_gid = bytes.substr(header + program, cid);
  }
  return true;
}

}  // namespace

// Subsets are cached by the font file's content, the face, the glyphs and the
// HarfBuzz that made them (another version could make other bytes).
FontProgram subset_font(const FontUse& use) {
  if (cache_dir().empty()) return make_subset(use);
  std::string key = "subset1|" + file_digest(use.face->file()) + "|" + std::to_string(use.face->index()) + "|" +
                    use.face->ps_name() + "|" + hb_version_string() + "|";
  for (auto& [g, t] : use.glyphs) key += std::to_string(g) + ",";
  std::string bytes = cached("subsets", digest128(key), [&] { return pack(make_subset(use)); },
                             [](const std::string& b) { return unpack(b, nullptr); });
  FontProgram out;
  if (!unpack(bytes, &out)) return make_subset(use);
  return out;
}

PdfObject* embed_font(PdfMemDocument& doc, const FontUse& use, const FontProgram& prog) {
  const Face& face = *use.face;
  const bool cff = prog.cff;
  std::string base = subset_tag(use) + "+" + face.ps_name();
  PdfObject* file = flate_stream(doc, prog.program);
  if (cff)
    file->GetDictionary().AddKey("Subtype", PdfName("CIDFontType0C"));
  else
    file->GetDictionary().AddKey("Length1", PdfVariant(static_cast<pdf_int64>(prog.raw_size)));

  Face::Metrics m = face.descriptor_metrics();
  PdfObject* desc = doc.GetObjects().CreateObject("FontDescriptor");
  PdfDictionary& dd = desc->GetDictionary();
  dd.AddKey("FontName", PdfName(base));
  dd.AddKey("Flags", PdfVariant(static_cast<pdf_int64>(4)));
  PdfArray bbox;
  for (int v : m.bbox) bbox.push_back(PdfVariant(static_cast<pdf_int64>(v)));
  dd.AddKey("FontBBox", bbox);
  dd.AddKey("ItalicAngle", PdfVariant(static_cast<pdf_int64>(0)));
  dd.AddKey("Ascent", PdfVariant(static_cast<pdf_int64>(m.ascent)));
  dd.AddKey("Descent", PdfVariant(static_cast<pdf_int64>(m.descent)));
  dd.AddKey("CapHeight", PdfVariant(static_cast<pdf_int64>(m.cap_height)));
  dd.AddKey("StemV", PdfVariant(static_cast<pdf_int64>(80)));
  dd.AddKey(cff ? "FontFile3" : "FontFile2", file->Reference());

  // Widths by code, runs of consecutive codes grouped: [c [w1 w2 …] …].
  PdfArray widths;
  PdfArray run;
  int64_t run_start = -1, prev = -2;
  auto close_run = [&] {
    if (run_start < 0) return;
    widths.push_back(PdfVariant(static_cast<pdf_int64>(run_start)));
    widths.push_back(run);
    run.clear();
  };
  for (auto& [g, t] : use.glyphs) {
    int64_t w = static_cast<int64_t>(face.advance(g)) * 1000 / face.upem();
    if (static_cast<int64_t>(g) != prev + 1) {
      close_run();
      run_start = g;
    }
    run.push_back(PdfVariant(static_cast<pdf_int64>(w)));
    prev = g;
  }
  close_run();

  PdfObject* cid = doc.GetObjects().CreateObject("Font");
  PdfDictionary& cd = cid->GetDictionary();
  cd.AddKey("Subtype", PdfName(cff ? "CIDFontType0" : "CIDFontType2"));
  cd.AddKey("BaseFont", PdfName(base));
  PdfDictionary info;
  info.AddKey("Registry", PdfString("Adobe"));
  info.AddKey("Ordering", PdfString("Identity"));
  info.AddKey("Supplement", PdfVariant(static_cast<pdf_int64>(0)));
  cd.AddKey("CIDSystemInfo", info);
  cd.AddKey("FontDescriptor", desc->Reference());
  cd.AddKey("DW", PdfVariant(static_cast<pdf_int64>(1000)));
  cd.AddKey("W", widths);
  if (!cff) cd.AddKey("CIDToGIDMap", flate_stream(doc, prog.cid_to_gid)->Reference());

  PdfObject* type0 = doc.GetObjects().CreateObject("Font");
  PdfDictionary& td = type0->GetDictionary();
  td.AddKey("Subtype", PdfName("Type0"));
  td.AddKey("BaseFont", PdfName(base));
  td.AddKey("Encoding", PdfName("Identity-H"));
  PdfArray desc_fonts;
  desc_fonts.push_back(cid->Reference());
  td.AddKey("DescendantFonts", desc_fonts);
  td.AddKey("ToUnicode", flate_stream(doc, deflate(to_unicode_cmap(use)))->Reference());
  return type0;
}

}  // namespace paiban::pdf
