// Images for the press: JPEG goes in as it is when its colour is already
// printable; RGB is separated to CMYK (LittleCMS) and re-encoded.
#include "diag/diag.h"
#include "image/image.h"
#include "pdf/embed.h"

namespace paiban::pdf {

using namespace PoDoFo;

ImageData prepare_image(const std::string& path, const PrintSettings& print) {
  ImageInfo info = probe_image(path);
  ImageData d;
  d.width = info.width;
  d.height = info.height;
  bool needs_cmyk = print.pdfx != PdfX::None && info.components == 3;
  if (info.format == ImageFormat::Jpeg && !needs_cmyk) {
    d.bytes = read_file(path);
    check_jpeg_complete(path, d.bytes);  // a truncated file never reaches the press
    d.filter = "DCTDecode";
    d.colour_space = info.components == 1 ? "DeviceGray" : info.components == 4 ? "DeviceCMYK" : "DeviceRGB";
    d.inverted = info.adobe_inverted;
    return d;
  }
  if (needs_cmyk && print.cmyk_profile.empty()) throw InputError(path, 0, "no CMYK profile to separate this RGB image with");
  Separation sep{print.cmyk_profile, print.tac};
  if (needs_cmyk && info.format == ImageFormat::Jpeg) {
    std::string original = read_file(path);
    check_jpeg_complete(path, original);
    d.bytes = cached_separation(original, sep, print.jpeg_quality,
                                [&] { return encode_jpeg(separate(decode_image(path), sep), print.jpeg_quality); });
    d.filter = "DCTDecode";
    d.colour_space = "DeviceCMYK";
    return d;
  }
  Pixels px = decode_image(path);
  if (needs_cmyk) px = separate(px, sep);
  d.bytes = deflate(std::string(px.data.begin(), px.data.end()));
  d.filter = "FlateDecode";
  d.colour_space = px.info.components == 1 ? "DeviceGray" : px.info.components == 4 ? "DeviceCMYK" : "DeviceRGB";
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
