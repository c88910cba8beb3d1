// Images for the press: JPEG goes in as it is when its colour is already
// printable and it has no more pixels than max_ppi asks; otherwise it is
// downsampled (libjpeg's DCT scaling, then an area average), RGB separated to
// CMYK (LittleCMS) and re-encoded within the ink limit.
#include "diag/diag.h"
#include "image/image.h"
#include "pdf/embed.h"

namespace paiban::pdf {

using namespace PoDoFo;

namespace {

bool is_jpeg(const std::string& b) {
  return b.size() > 2 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8;
}

const char* device_space(int components) {
  return components == 1 ? "DeviceGray" : components == 4 ? "DeviceCMYK" : "DeviceRGB";
}

// CMYK for the press as a JPEG that decodes within the ink limit at every
// pixel, or losslessly (Flate) when trial encodes do not get there.
std::string encode_cmyk(const Pixels& px, const PrintSettings& print) {
  std::string jpeg = encode_within_ink(px, print.tac, print.jpeg_quality);
  return !jpeg.empty() ? jpeg : deflate(std::string(px.data.begin(), px.data.end()));
}

}  // namespace

ImageData prepare_image(const std::string& path, const PrintSettings& print, double w_pt, double h_pt) {
  ImageInfo info = probe_image(path);
  // Pixels beyond max_ppi at the largest size the image is printed are surplus: they go.
  PixelSize size = print_size(info, w_pt, h_pt, print.max_ppi);
  bool smaller = size.width < info.width || size.height < info.height;
  bool needs_cmyk = print.pdfx != PdfX::None && info.components == 3;
  ImageData d;
  d.width = size.width;
  d.height = size.height;
  if (info.format == ImageFormat::Jpeg && !needs_cmyk && !smaller) {
    d.bytes = read_file(path);
    check_jpeg_complete(path, d.bytes);  // a truncated file never reaches the press
    d.filter = "DCTDecode";
    d.colour_space = device_space(info.components);
    d.inverted = info.adobe_inverted;
    return d;
  }
  if (needs_cmyk && print.cmyk_profile.empty()) throw InputError(path, 0, "no CMYK profile to separate this RGB image with");
  Separation sep{print.cmyk_profile, print.tac, size};
  auto pixels = [&] { return resample(decode_image(path, size.width, size.height), size.width, size.height); };
  if (info.format == ImageFormat::Jpeg) {
    std::string original = read_file(path);
    check_jpeg_complete(path, original);
    auto make = [&] {
      Pixels px = pixels();
      if (needs_cmyk) px = separate(px, sep);
      if (px.info.components == 4 && print.pdfx != PdfX::None) return encode_cmyk(px, print);
      return encode_jpeg(px, print.jpeg_quality);
    };
    // Only separations are cached: the key holds the profile, not the colour mode.
    d.bytes = needs_cmyk ? cached_separation(original, sep, "jpeg q" + std::to_string(print.jpeg_quality), make) : make();
    d.filter = is_jpeg(d.bytes) ? "DCTDecode" : "FlateDecode";
    d.colour_space = device_space(needs_cmyk ? 4 : info.components);
    return d;
  }
  // PNG (line art, a masthead's calligraphy): lossless, so the ink limit of the
  // separation holds exactly. Cached whether separated or not (decoding,
  // resampling and deflating a stand-in is ~3 ms a build); PNG decodes to the
  // components probe_image reports (grey or RGB).
  d.filter = "FlateDecode";
  d.bytes = cached_separation(read_file(path), sep, needs_cmyk ? "png cmyk" : "png as is", [&] {
    Pixels px = pixels();
    if (needs_cmyk) px = separate(px, sep);
    return deflate(std::string(px.data.begin(), px.data.end()));
  });
  d.colour_space = device_space(needs_cmyk ? 4 : info.components);
  return d;
}

PdfObject* embed_image(PdfMemDocument& doc, const ImageData& im) {
  PdfObject* o = doc.GetObjects().CreateObject("XObject");
  PdfDictionary& d = o->GetDictionary();
  d.AddKey("Subtype", PdfName("Image"));
  d.AddKey("Width", PdfVariant(static_cast<pdf_int64>(im.width)));
  d.AddKey("Height", PdfVariant(static_cast<pdf_int64>(im.height)));
  d.AddKey("BitsPerComponent", PdfVariant(static_cast<pdf_int64>(8)));
  d.AddKey("ColorSpace", PdfName(im.colour_space));
  PdfMemoryInputStream in(im.bytes.data(), static_cast<pdf_long>(im.bytes.size()));
  o->GetStream()->SetRawData(&in, static_cast<pdf_long>(im.bytes.size()));
  d.AddKey("Filter", PdfName(im.filter));
  if (im.inverted) {
    PdfArray dec;
    for (int i = 0; i < 4; ++i) {
      dec.push_back(PdfVariant(static_cast<pdf_int64>(1)));
      dec.push_back(PdfVariant(static_cast<pdf_int64>(0)));
    }
    d.AddKey("Decode", dec);
  }
  return o;
}

}  // namespace paiban::pdf
