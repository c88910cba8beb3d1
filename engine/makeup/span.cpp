// 通栏: a headline standing over a group of related modules, in a row of its own.
#include "makeup/blocks.h"

namespace paiban::makeup {

void draw_span(Page& page, const Context& ctx, int page_number, const Area& a, double x, double width, int top,
               int lines) {
  const SpanHead& s = a.span;
  // Set as an article's headline would be: the same styles, breaks and copy desk.
  Article head;
  head.id = "span " + std::string(1, a.letter) + " on page " + std::to_string(page_number);
  head.file = ctx.issue.file;
  head.kicker = s.kicker;
  head.title = s.title;
  head.subtitle = s.subtitle;
  head.headline = s.headline;
  head.lines["headline"] = s.line;
  Display d = headline_block(ctx, head, width);
  report_missing_in(ctx, d, head);
  if (d.lines > lines) {
    ctx.edition.notices.push_back(Notice{Notice::Error, head.id, 0, ctx.issue.file, s.line,
                                         "the 通栏 headline takes " + std::to_string(d.lines) +
                                             " lines, its row " + std::to_string(lines)});
    return;
  }
  // Spare lines of the row go evenly above and below the headline.
  draw_display(page, d, x, ctx.layout.line_top(top + (lines - d.lines) / 2));
}

}  // namespace paiban::makeup
