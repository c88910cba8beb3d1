// PNG files of proofs: the pages drawn by proof/'s own rasteriser.
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "proof/proof.h"
#include "proof/raster.h"

namespace paiban {

std::vector<std::string> render_png(const std::vector<Page>& pages, double dpi, const std::string& prefix) {
  std::vector<std::string> files;
  for (const Page& page : pages) {
    RasterPage r = rasterise(page, dpi);
    std::string file = prefix + "-" + std::to_string(page.number) + ".png";
    FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + file);
    bool ok = write_png(f, r);
    if (std::fclose(f) != 0 || !ok) throw std::runtime_error("cannot write " + file);
    files.push_back(file);
  }
  return files;
}

}  // namespace paiban
