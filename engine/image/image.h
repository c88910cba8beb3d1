// Images for photos and masthead artwork: JPEG and PNG, read with libjpeg and libpng.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace paiban {

enum class ImageFormat { Jpeg, Png };

struct ImageInfo {
  ImageFormat format = ImageFormat::Jpeg;
  int width = 0, height = 0;
  int components = 3;  // 1 grey, 3 RGB, 4 CMYK
  bool adobe_inverted = false;  // Adobe CMYK JPEGs store inverted values
};

// Reads only the header. Throws InputError naming the file when it is missing,
// not an image, truncated in its header, or larger than the engine accepts.
ImageInfo probe_image(const std::string& path);

// Checks that a JPEG's segments run to its end-of-image marker, so a truncated
// file is refused without decoding it. Throws InputError.
void check_jpeg_complete(const std::string& path, const std::string& bytes);

// Decoded 8-bit samples, row by row (PNG: alpha dropped, palette expanded;
// Adobe's inverted CMYK turned the right way).
struct Pixels {
  ImageInfo info;
  std::vector<unsigned char> data;
};
// With min_width / min_height, a JPEG is decoded at the smallest of libjpeg's
// DCT scales (1/8 … 8/8) that still gives at least that many pixels.
Pixels decode_image(const std::string& path, int min_width = 0, int min_height = 0);
Pixels decode_jpeg(const std::string& bytes);  // a JPEG in memory

// Made smaller to width × height by an area average (resample.cpp); an image
// already that small or smaller is returned as it is.
Pixels resample(const Pixels& in, int width, int height);

// The pixel size at which an image printed `w_pt` × `h_pt` (the whole image,
// before any crop) has `max_ppi`: never larger than the image itself.
struct PixelSize {
  int width = 0, height = 0;
};
PixelSize print_size(const ImageInfo& info, double w_pt, double h_pt, double max_ppi);

// Separation for the press: RGB pixels to CMYK through LittleCMS (sRGB in, the
// press's CMYK profile out), then total ink limited to `tac` percent by moving
// grey from C, M and Y into K (grey component replacement, as newsprint wants).
struct Separation {
  std::string cmyk_profile;  // ICC output profile
  double tac = 220;          // percent
  PixelSize size;            // resampled to this first (the cache key holds it)
};
Pixels separate(const Pixels& rgb, const Separation& s);

// Baseline JPEG of 8-bit grey, RGB or CMYK samples (CMYK stored as is, not inverted).
std::string encode_jpeg(const Pixels& px, int quality);

// A JPEG of separated CMYK whose DECODED pixels stay within `tac` at every
// pixel: JPEG's quantisation moves samples, so each trial encode is decoded and
// the blocks that came out over the limit are given less ink, until none does.
// Empty when that does not converge (the caller then stores the pixels losslessly).
std::string encode_within_ink(Pixels px, double tac, int quality);

// The largest total ink (C+M+Y+K, percent) of any pixel of CMYK samples.
double max_ink(const Pixels& px);

// Prepared photos (separated, downsampled, encoded) are kept on disk between
// builds, named by a hash of the image, the profile, the settings and
// `variant` (what else decides the bytes: "jpeg q85", "png cmyk", "png as is"),
// so a photo is prepared once, not on every proof. `make` runs on a miss. The
// folder is $PAIBAN_CACHE, else $XDG_CACHE_HOME/paiban, else ~/.cache/paiban;
// PAIBAN_CACHE=off turns it off. Output is the same bytes either way.
std::string cached_separation(const std::string& image, const Separation& s, const std::string& variant,
                              const std::function<std::string()>& make);

}  // namespace paiban
