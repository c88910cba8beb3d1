// Downsampling for print: an area average (each output pixel is the mean of
// the source pixels it covers, partial pixels weighted by their share), the
// filter that neither aliases nor rings when an image is made smaller.
#include <algorithm>
#include <cmath>
#include <vector>

#include "image/image.h"

namespace paiban {
namespace {

// The source pixels [first, first + weights.size()) of one output pixel, and their shares.
struct Span {
  int first = 0;
  std::vector<double> weights;
};

std::vector<Span> spans(int from, int to) {
  std::vector<Span> out(static_cast<size_t>(to));
  const double step = static_cast<double>(from) / to;
  for (int o = 0; o < to; ++o) {
    double a = o * step, b = std::min<double>(from, (o + 1) * step);
    Span& s = out[static_cast<size_t>(o)];
    s.first = static_cast<int>(a);
    for (int i = s.first; i < b; ++i) s.weights.push_back((std::min<double>(i + 1, b) - std::max<double>(i, a)) / step);
  }
  return out;
}

}  // namespace

Pixels resample(const Pixels& in, int width, int height) {
  const int w = in.info.width, h = in.info.height, n = in.info.components;
  if (width >= w && height >= h) return in;
  width = std::min(width, w);
  height = std::min(height, h);
  const std::vector<Span> xs = spans(w, width), ys = spans(h, height);
  // Rows first, kept in floating point, then columns.
  std::vector<float> rows(static_cast<size_t>(width) * h * n);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < n; ++c) {
        const Span& s = xs[static_cast<size_t>(x)];
        double v = 0;
        for (size_t k = 0; k < s.weights.size(); ++k)
          v += s.weights[k] * in.data[(static_cast<size_t>(y) * w + s.first + k) * n + c];
        rows[(static_cast<size_t>(y) * width + x) * n + c] = static_cast<float>(v);
      }
  Pixels out;
  out.info = in.info;
  out.info.width = width;
  out.info.height = height;
  out.data.resize(static_cast<size_t>(width) * height * n);
  for (int y = 0; y < height; ++y) {
    const Span& s = ys[static_cast<size_t>(y)];
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < n; ++c) {
        double v = 0;
        for (size_t k = 0; k < s.weights.size(); ++k)
          v += s.weights[k] * rows[((s.first + k) * width + x) * n + c];
        out.data[(static_cast<size_t>(y) * width + x) * n + c] =
            static_cast<unsigned char>(std::clamp(std::lround(v), 0L, 255L));
      }
  }
  return out;
}

}  // namespace paiban
