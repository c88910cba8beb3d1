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

// Decoded 8-bit samples, row by row (PNG: alpha dropped, palette expanded).
struct Pixels {
  ImageInfo info;
  std::vector<unsigned char> data;
};
Pixels decode_image(const std::string& path);

// Separation for the press: RGB pixels to CMYK through LittleCMS (sRGB in, the
// press's CMYK profile out), then total ink limited to `tac` percent by moving
// grey from C, M and Y into K (grey component replacement, as newsprint wants).
struct Separation {
  std::string cmyk_profile;  // ICC output profile
  double tac = 220;          // percent
};
Pixels separate(const Pixels& rgb, const Separation& s);

// Baseline JPEG of 8-bit grey, RGB or CMYK samples (CMYK stored as is, not inverted).
std::string encode_jpeg(const Pixels& px, int quality);

// Separated photos are kept on disk between builds, named by a hash of the
// image, the profile and the settings, so a photo is separated once, not on
// every proof. `make` runs on a miss. The folder is $PAIBAN_CACHE, else
// $XDG_CACHE_HOME/paiban, else ~/.cache/paiban; PAIBAN_CACHE=off turns it off.
// Output is the same bytes either way.
std::string cached_separation(const std::string& image, const Separation& s, int quality,
                              const std::function<std::string()>& make);

}  // namespace paiban
