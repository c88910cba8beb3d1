// Page makeup: articles flowed through their frames on the column grid, with
// headline blocks, jumps, photos, rules, the masthead and folios. The result is
// placed pages plus a fit report; nothing that does not fit is dropped silently.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "fonts/fonts.h"
#include "model/issue.h"
#include "page/page.h"
#include "style/layout.h"
#include "text/text.h"

namespace paiban {

// One module (frame) of one page, as the night editor reads it.
struct FrameFit {
  int page = 0;
  char letter = '.';
  std::string module;         // article id or built-in
  int columns = 0;
  int lines_available = 0;    // grid lines per column for body text
  int lines_used = 0;         // in the fullest column
  int lines_needed = 0;       // all body lines of this part, summed over columns
  int overset_lines = 0;      // lines that did not fit anywhere (last frame of an article)
  int underset_lines = 0;     // empty grid lines at the foot of the columns
  int adjusted_lines = 0;     // lines stretched beyond 0.15 em per gap
  int widows = 0;             // a paragraph's last line alone at the head of a column
  int orphans = 0;            // a paragraph's first line alone at the foot of a column
  int subheads_at_foot = 0;   // a subhead as the last line of a column
  double x = 0, y = 0, width = 0, height = 0;  // the frame on its page, pt
  std::vector<std::string> overflow;          // overset text, line by line
  struct Image {
    std::string path;
    int ppi = 0;       // effective resolution at print size, as the PDF carries it
    int file_ppi = 0;  // of the file's pixels, before downsampling to the layout's max_ppi
  };
  std::vector<Image> images;
};

// A place on a page a proof marks for the editor.
struct ProofMark {
  enum Kind { Adjusted, Overset, Missing } kind = Adjusted;
  int page = 0;
  double x = 0, y = 0, w = 0, h = 0;  // pt
  std::string what;
};

// Shaped and broken text kept between builds (watch mode): after an edit only
// the paragraphs that changed are set again.
class TextCache {
 public:
  TextCache();
  ~TextCache();
  struct Impl;
  std::unique_ptr<Impl> impl;
};

// Sets every article's body text into `cache` ahead of planning and makeup,
// paragraphs side by side on all cores (the stages after it then find them
// there). Output is the same bytes whether this ran or not, on any thread count.
void set_bodies_ahead(const Issue& issue, const Layout& layout, const FontRegistry& fonts, TextCache& cache);

// What a proof draws over the page; never in the print PDF.
enum Overlay : unsigned { OverlayGrid = 1, OverlayFrames = 2, OverlayBaselines = 4, OverlayAdjustments = 8 };

struct MakeupOptions {
  std::vector<int> pages;  // pages to make up (1-based); empty = all
  bool allow_overset = false;
  bool marks = false;  // a page label in the slug (paper, date, page, plates)
  unsigned overlays = 0;      // Overlay bits, for proofs
  TextCache* cache = nullptr;  // reuse text set by an earlier build
  bool allow_missing_glyphs = false;  // 缺字 become boxed code points (warnings), not errors
};

struct Edition {
  std::vector<Page> pages;
  std::vector<FrameFit> frames;
  std::vector<Notice> notices;
  std::vector<ProofMark> marks;
  int number = 0;  // 总期号 as set on the masthead
  std::map<std::string, CopyDesk> copy_desk;  // per article: what the copy desk changed
  bool ok() const;  // no Error notices
};

// Copyfitting: how many grid lines an article's body takes at the column
// measure, and its headline block at each frame width (1..columns).
struct CopyFit {
  std::string article;
  int body_lines = 0;
  std::vector<int> headline_lines;  // [cols - 1]
};
// Every article measured, its body paragraphs set first side by side on all
// cores into `cache` (a fresh one when none is given).
std::vector<CopyFit> copyfit(const Issue& issue, const Layout& layout, const FontRegistry& fonts,
                             TextCache* cache = nullptr);

// Copyfitting for automatic makeup: what an article needs, measured by setting
// it exactly as makeup will, kept per (article, headline style, width).
class Copyfitter {
 public:
  Copyfitter(const Issue& issue, const Layout& layout, const FontRegistry& fonts, TextCache* cache = nullptr);
  ~Copyfitter();
  bool photo(const std::string& id) const;  // a photo module (one image, no title)
  int slots(const std::string& id);         // body slots (lines, blanks, inline pictures)
  int body_lines(const std::string& id, int from = 0);  // grid lines of the body from slot `from`
  int characters(const std::string& id) const;          // of the body, for "≈ characters" messages
  int headline_lines(const std::string& id, const std::string& style, int cols);
  // Fewest lines of a frame `cols` wide holding the article from slot `from` to its
  // end (from 0: under its headline; later: under a jump head), no separator line.
  int frame_lines(const std::string& id, const std::string& style, int cols, int from = 0);
  // The first slot left over after a frame `cols` × `lines` (not the last frame: a
  // line is kept for 下转).
  int flow(const std::string& id, const std::string& style, int from, int cols, int lines, bool last);
  int caption_lines(const std::string& id, int cols);  // photo: caption and credit
  double aspect(const std::string& id) const;          // photo: width / height

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};


Edition make_up(const Issue& issue, const Layout& layout, const FontRegistry& fonts, const MakeupOptions& options);

}  // namespace paiban
