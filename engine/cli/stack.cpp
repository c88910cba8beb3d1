// When automatic makeup cannot fit an imported issue on any sensible page
// count, the import still gives pages that build: plain page plans — the
// masthead, then each story as a full-width band sized by copyfitting, stacked
// down the pages in the order of the copy, a story taller than a page jumping
// on to the next. Plain, but every story fits and nothing is overset; the
// import report says so.
#include <fstream>

#include "cli/commands.h"
#include "fonts/fonts.h"
#include "makeup/makeup.h"
#include "model/issue.h"
#include "style/layout.h"

namespace paiban::cli {
namespace {

struct Band {
  std::string id;
  int rows = 0;
};

// Lines a story needs across all columns: its headline, its body shared
// between the columns, and two lines for paragraphs kept together.
std::vector<Band> bands(const Issue& issue, const Layout& L, const FontRegistry& fonts,
                        const std::vector<std::string>& order, TextCache& cache) {
  std::map<std::string, CopyFit> fit;
  for (CopyFit& f : copyfit(issue, L, fonts, &cache)) fit[f.article] = f;
  std::vector<Band> out;
  for (const std::string& id : order) {
    const CopyFit& f = fit[id];
    if (f.headline_lines.empty()) out.push_back({id, L.lines / 3});  // a photo: a third of the page
    else out.push_back({id, f.headline_lines.back() + (f.body_lines + L.columns - 1) / L.columns + 2});
  }
  return out;
}

std::string page_toml(int number, const std::vector<Band>& page, bool masthead, int masthead_rows, int lines, int columns) {
  std::string grid, rows, areas;
  int used = 0;
  auto add = [&](char letter, const std::string& module, int n) {
    grid += std::string(static_cast<size_t>(columns), letter) + "\n";
    rows += (rows.empty() ? "" : ", ") + std::to_string(n);
    areas += std::string(1, letter) + " = \"" + module + "\"\n";
    used += n;
  };
  if (masthead) add('M', "@masthead", masthead_rows);
  for (size_t i = 0; i < page.size(); ++i) {
    bool last = i + 1 == page.size();
    add(static_cast<char>('A' + i), page[i].id, last ? lines - used : page[i].rows);
  }
  return "\n[[page]]  # stacked by paiban import: automatic makeup found no page count that fits\nsection = \"第" + std::to_string(number) +
         "版\"\ngrid = \"\"\"\n" + grid + "\"\"\"\nrows = [" + rows + "]\n[page.areas]\n" + areas;
}

}  // namespace

StackedPlans stacked_plans(const ImportedIssue& imported, const Issue& issue, const Layout& L, const FontRegistry& fonts) {
  std::vector<std::string> order;  // the order of the copy
  for (const ImportedArticle& ia : imported.articles) order.push_back(ia.id);
  const int masthead_rows = L.masthead.lines;
  std::string plans;
  std::vector<Band> page;
  int used = masthead_rows, number = 1;
  auto flush = [&] {
    plans += page_toml(number, page, number == 1, masthead_rows, L.lines, L.columns);
    page.clear();
    used = 0;
    ++number;
  };
  TextCache cache;  // the bands' measure and the jumps' share the set text
  Copyfitter fit(issue, L, fonts, &cache);
  for (Band b : bands(issue, L, fonts, order, cache)) {
    if (b.rows > L.lines) {
      // Taller than a page: the story jumps (下转/上接). What is left of the page
      // holds its first part, the next pages the rest, measured as makeup sets them.
      const std::string& style = issue.articles.at(b.id).headline;
      if (L.lines - used < 10) flush();
      int from = 0;
      while (fit.flow(b.id, style, from, L.columns, L.lines - used, true) < fit.slots(b.id)) {  // the rest is over
        int next = fit.flow(b.id, style, from, L.columns, L.lines - used, false);
        if (next <= from) break;  // nothing more goes in: makeup will say what is over
        page.push_back({b.id, L.lines - used});
        from = next;
        flush();
      }
      b.rows = fit.frame_lines(b.id, style, L.columns, from) + 1;
    } else if (!page.empty() && used + b.rows > L.lines) {
      flush();
    }
    page.push_back(b);
    used += b.rows;
  }
  if (!page.empty()) flush();
  return {plans, number - 1};
}

}  // namespace paiban::cli
