// recognise.cpp — where each story starts, and the parts of its headline:
// banner (section), kicker (引题), title (主题), subtitle (副题), byline, the
// dateline (电头) that opens its first paragraph, bold subheads, and photo
// captions with their 摄 credit. Shapes and positions are general, not this
// paper's: docs/import.md lists them.
#include "import/steps.h"

namespace paiban::import {

namespace {

// 记者/通讯员… followed by names: "记者 赵娟娟", "本报记者 张三 通讯员 李四", "文/图 王五".
const char* const kByline =
    "[□■●◆▲\\s]*(?:(?:本报|新华社|人民日报|中新社|本刊|央视)?(?:特约|见习|实习|首席|融媒体?)?"
    "(?:摄影记者|记者|通讯员|实习生|撰稿人?|编辑|整理|文[/／]图|文|图|摄影)\\s*[/／:：]?\\s*"
    "[\\p{Han}·]{2,5}(?:[\\s、,，]+[\\p{Han}·]{2,5})*[\\s,，；;]*)+";

// A caption: text, then the photographer's credit — "（新华社记者 李四 摄）",
// "… 新华社记者 赵强 摄", "… 赵福胜 摄" — tried in this order: the credit
// with a role is taken whole, a bare name only as the last word(s).
#define PB_NAMES "[\\p{Han}·]{2,4}(?:[\\s、]+[\\p{Han}·]{2,4})*\\s*[/／]?\\s*摄"
const char* const kCaptions[] = {
    "(.*[^\\s　])[\\s　]*([（(](?:[\\p{Han}]{0,6}(?:记者|通讯员))?\\s*" PB_NAMES "[）)])",
    "(.*?[^\\s　])[\\s　]+([\\p{Han}]{0,6}(?:记者|通讯员)\\s*" PB_NAMES ")",
    "(.*[^\\s　])[\\s　]+(" PB_NAMES ")",
};
#undef PB_NAMES

// 本报讯（记者 …）, 新华社巴黎5月6日电（记者 …）, 据新华社电, 中新网北京5月6日电, 央视网消息：
const char* const kDateline =
    "((?:据)?(?:本报|[\\p{Han}]{1,10}?(?:社|报|网|台|站|中心|新闻))[\\p{Han}]{0,8}?(\\d{1,2}月\\d{1,2}日)?(?:电|讯|消息)"
    "(?:[ \\t　]*[（(][^（）()]{1,40}[）)])?)([ \\t　]*)([:：]?)[ \\t　]*(.*)";

// Lines that close a story and never head the next: credits, (完).
const char* const kStoryEnd = "[（(]?(?:责任编辑|编辑|校对|审核|审校|来源|完)[^\\n]{0,30}";

bool is_byline(const std::string& s) { return match(kByline, s); }

bool is_kicker_line(const std::string& s) {
  std::u32string t = u32(s);
  return !t.empty() && (t.back() == U'：' || t.back() == U':');
}

// A unit that can be part of a headline block (not prose, not a credit).
bool head_part(const Unit& u) {
  return u.kind == Unit::Text && (headline_shape(u.text) || is_byline(u.text)) && !match(kStoryEnd, u.text) &&
         !is_caption(u.text, nullptr, nullptr);
}

struct Story {
  size_t begin = 0;      // first unit of the headline block
  size_t title = 0;      // the title unit
  size_t body = 0;       // first body unit
  size_t end = 0;        // one past the last unit
  bool banner = false;   // units[begin] is a banner heading over the title
  bool untitled = false; // copy before the first title
};

// Markdown copy: headings are titles; a heading right above a deeper one is its banner.
std::vector<Story> markdown_stories(const std::vector<Unit>& u) {
  int story_level = 99;
  for (size_t i = 0; i < u.size(); ++i)
    if (u[i].kind == Unit::Heading) story_level = std::min(story_level, u[i].level);
  std::vector<Story> stories;
  for (size_t i = 0; i < u.size(); ++i) {
    if (u[i].kind != Unit::Heading) continue;
    bool under_banner = i > 0 && u[i - 1].kind == Unit::Heading && u[i - 1].level < u[i].level;
    bool is_banner = i + 1 < u.size() && u[i + 1].kind == Unit::Heading && u[i + 1].level > u[i].level;
    if (is_banner || (!under_banner && u[i].level != story_level)) continue;
    Story s;
    s.title = i;
    s.begin = under_banner ? i - 1 : i;
    s.banner = under_banner;
    // Up to two plain headline lines right above: banner and kicker.
    size_t floor = stories.empty() ? 0 : stories.back().body;
    for (int k = 0; k < 2 && s.begin > floor && head_part(u[s.begin - 1]) && !is_byline(u[s.begin - 1].text); ++k)
      --s.begin;
    stories.push_back(s);
  }
  return stories;
}

// Plain text: a run of headline-shaped lines followed by prose heads a story
// when it has two or more lines, or the prose opens with a dateline.
std::vector<Story> plain_stories(const std::vector<Unit>& u) {
  std::vector<Story> stories;
  size_t i = 0;
  while (i < u.size()) {
    size_t j = i;
    while (j < u.size() && head_part(u[j]) && j - i < 5) ++j;
    bool prose_follows = j < u.size() && u[j].kind == Unit::Text && !head_part(u[j]);
    size_t lines = j - i;
    bool bylines_only = true;
    for (size_t k = i; k < j; ++k) bylines_only = bylines_only && is_byline(u[k].text);
    if (lines > 0 && prose_follows && !bylines_only &&
        (lines >= 2 || match_start(kDateline, u[j].text) || stories.empty())) {
      Story s;
      s.begin = i;
      s.title = i;
      // The title is the line under the last kicker (a line ending in a colon).
      for (size_t k = i; k + 1 < j; ++k)
        if (is_kicker_line(u[k].text)) s.title = k + 1;
      stories.push_back(s);
      i = j;
    } else {
      i = std::max(j, i + 1);
    }
  }
  return stories;
}

void set_ends(std::vector<Story>& stories, const std::vector<Unit>& u) {
  for (size_t s = 0; s < stories.size(); ++s) {
    stories[s].end = s + 1 < stories.size() ? stories[s + 1].begin : u.size();
    // Subtitle and byline lines under the title.
    size_t b = stories[s].title + 1;
    while (b < stories[s].end && b - stories[s].title <= 3 && head_part(u[b]) && !match_start(kDateline, u[b].text) &&
           b + 1 < stories[s].end)
      ++b;
    stories[s].body = b;
  }
}

std::string join_space(const std::string& a, const std::string& b) { return a.empty() ? b : a + " " + b; }

ImportedArticle headline_of(const std::vector<Unit>& u, const Story& s, ImportedIssue& issue) {
  ImportedArticle a;
  a.line = u[s.begin].line;
  a.title = u[s.title].text;
  // Above the title: a banner heading, or two plain lines (banner, kicker), or one (kicker).
  std::vector<const Unit*> plain;
  for (size_t k = s.begin; k < s.title; ++k)
    if (u[k].kind == Unit::Heading) a.section = join_space(a.section, u[k].text);
    else plain.push_back(&u[k]);
  if (plain.size() >= 2 && a.section.empty()) {
    a.section = plain[0]->text;
    plain.erase(plain.begin());
  }
  for (const Unit* p : plain) {
    if (!a.kicker.empty())
      issue.notes.push_back({ImportNote::Unclassified, p->line, "second line above the title joined to the kicker: " + p->text});
    a.kicker = join_space(a.kicker, p->text);
  }
  for (size_t k = s.title + 1; k < s.body; ++k) {
    if (is_byline(u[k].text) && a.byline.empty()) {
      a.byline = u[k].text;
    } else {
      if (!a.subtitle.empty())
        issue.notes.push_back({ImportNote::Unclassified, u[k].line, "second line under the title joined to the subtitle: " + u[k].text});
      a.subtitle = join_space(a.subtitle, u[k].text);
    }
  }
  return a;
}

// The dateline opening the first paragraph, when its shape says it is one.
void take_dateline(ImportedArticle& a) {
  if (a.body.empty() || a.body[0].subhead) return;
  std::vector<std::string> g;
  if (!match(kDateline, a.body[0].text, &g)) return;
  const std::string &core = g[1], &date = g[2], &space = g[3], &colon = g[4], &rest = g[5];
  bool shaped = !date.empty() || core.back() == ')' || core.find("）") != std::string::npos ||
                core.rfind("据", 0) == 0 || core.rfind("本报", 0) == 0 || !space.empty() || !colon.empty();
  if (!shaped) return;
  a.dateline = core + colon;
  if (trim(rest).empty()) a.body.erase(a.body.begin());
  else a.body[0].text = trim(rest);
}

}  // namespace

bool is_caption(const std::string& s, std::string* caption, std::string* credit) {
  std::vector<std::string> g;
  for (const char* pattern : kCaptions) {
    if (!match(pattern, s, &g)) continue;
    if (caption) *caption = trim(g[1]);
    if (credit) *credit = trim(g[2]);
    return true;
  }
  return false;
}

void recognise(const std::vector<Unit>& units, ImportedIssue& issue) {
  bool markdown = false;
  for (const Unit& u : units) markdown = markdown || u.kind == Unit::Heading;
  std::vector<Story> stories = markdown ? markdown_stories(units) : plain_stories(units);
  set_ends(stories, units);
  // Text before the first title: kept, as an article of its own, and listed.
  size_t first = stories.empty() ? units.size() : stories[0].begin;
  if (first > 0) stories.insert(stories.begin(), Story{0, 0, 0, first, false, true});
  int priority = 0;
  for (const Story& s : stories) {
    ImportedArticle a;
    if (s.untitled) {
      a.line = units[0].line;
      a.title = "（未归类稿件）";
      a.placeholder_title = true;
      issue.notes.push_back({ImportNote::Unclassified, a.line,
                             "text before the first title kept as an article of its own: lines " +
                                 std::to_string(units[0].line) + "–" + std::to_string(units[s.end - 1].last_line)});
    } else {
      a = headline_of(units, s, issue);
    }
    std::vector<Unit> body(units.begin() + static_cast<long>(s.body), units.begin() + static_cast<long>(s.end));
    std::vector<ImportedArticle> photos;
    std::vector<Unit> text;
    for (const Unit& b : body) {
      ImportedArticle p;
      if (b.kind == Unit::Text && is_caption(b.text, &p.caption, &p.credit)) {
        p.photo = true;
        p.line = b.line;
        photos.push_back(std::move(p));
      } else {
        text.push_back(b);
      }
    }
    repair(text, a.title, issue);
    for (const Unit& b : text) {
      bool subhead = b.kind != Unit::Text;
      if (!subhead && markdown && headline_shape(b.text) && !match(kStoryEnd, b.text))
        issue.notes.push_back({ImportNote::Unclassified, b.line, "short line kept as a paragraph: " + b.text});
      std::vector<std::string> g;
      if (!subhead && &b != &text.front() && match(kDateline, b.text, &g) && (!g[2].empty() || !g[3].empty()))
        issue.notes.push_back({ImportNote::Unclassified, b.line,
                               "a dateline opens a paragraph inside “" + a.title + "”: a story without its title? " + g[1]});
      a.body.push_back(ImportedBlock{b.text, subhead, b.line});
    }
    take_dateline(a);
    a.priority = ++priority;
    issue.articles.push_back(std::move(a));
    for (ImportedArticle& p : photos) {
      p.priority = ++priority;
      issue.articles.push_back(std::move(p));
    }
  }
  if (!issue.articles.empty() && !issue.articles[0].photo) issue.articles[0].headline = "lead";
}

}  // namespace paiban::import
