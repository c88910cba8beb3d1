// Benchmarks of the engine on the sample issue (issues/2024-05-07):
//   the whole build in-process, each stage on its own (shaping, line breaking,
//   makeup, PDF writing) and a one-page proof.
// Run from the repository root:  ./build/bench/paiban_bench --benchmark_min_time=0.2
// Throughput counters: chars/s counts UTF-32 characters of body paragraphs
// (after the copy-desk punctuation repairs), pages/s counts made-up pages.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "fonts/fonts.h"
#include "lines/lines.h"
#include "makeup/makeup.h"
#include "model/issue.h"
#include "pdf/pdf.h"
#include "proof/proof.h"
#include "pipeline/pipeline.h"
#include "plan/plan.h"
#include "shape/shape.h"
#include "style/layout.h"
#include "text/text.h"

namespace {

using namespace paiban;

const std::string kRoot = PAIBAN_SOURCE_DIR;
const std::string kIssue = kRoot + "/issues/2024-05-07";

// The sample issue, its layout and its fonts, loaded once for all benchmarks.
struct Sample {
  Issue issue = load_issue(kIssue);
  Layout layout = load_layout(kRoot + "/layouts/" + issue.layout + ".toml");
  FontRegistry fonts{kRoot + "/fonts/fonts.toml"};
  std::vector<const Block*> paragraphs;  // every body paragraph of every article
  std::vector<Shaped> shaped;            // those paragraphs, shaped with the body face
  int64_t chars = 0;                     // characters in them, after fullwidth_punctuation

  Sample() {
    for (const auto& [id, article] : issue.articles)
      for (const Block& b : article.blocks)
        if (b.kind == BlockKind::Paragraph && !b.spans.empty()) paragraphs.push_back(&b);
    for (const Block* b : paragraphs) {
      std::u32string t = text(*b);
      chars += static_cast<int64_t>(t.size());
      uint32_t n = static_cast<uint32_t>(t.size());
      shaped.push_back(shape(std::move(t), {{n, body()}}));
    }
  }

  TextStyle body() const { return {&fonts.face(layout.body.font), 9}; }

  static std::u32string text(const Block& b) {
    std::u32string t;
    for (const Span& s : b.spans) t += to_u32(s.text);
    fullwidth_punctuation(t);
    return t;
  }

  LineSettings settings() const {
    LineSettings ls;
    ls.measure = layout.column_width();
    ls.indent = 2 * layout.body.size;  // 2 em
    ls.kinsoku = layout.kinsoku;
    ls.align = Align::Justify;
    ls.latin_space = layout.latin_space;
    return ls;
  }
};

const Sample& sample() {
  static const Sample s;
  return s;
}

void set_chars(benchmark::State& state, int64_t per_iteration) {
  state.counters["chars/s"] =
      benchmark::Counter(static_cast<double>(per_iteration * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["chars"] = static_cast<double>(per_iteration);
}

void set_pages(benchmark::State& state, size_t pages) {
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsIterationInvariantRate);
}

// Builds as the command line does; the stage timings of build() are averaged
// into counters (ms per iteration).
void run_build(benchmark::State& state, const BuildOptions& o) {
  size_t pages = 0, bytes = 0;
  std::vector<std::pair<std::string, double>> stage_ms;
  for (auto _ : state) {
    BuildResult r = build(o);
    if (r.pdf.empty()) {
      state.SkipWithError("build failed: the edition has Error notices");
      return;
    }
    pages = r.edition.pages.size();
    bytes = r.pdf.size();
    if (stage_ms.empty()) stage_ms.assign(r.timings.begin(), r.timings.end());
    else
      for (size_t i = 0; i < r.timings.size() && i < stage_ms.size(); ++i) stage_ms[i].second += r.timings[i].second;
    benchmark::DoNotOptimize(r.pdf.data());
  }
  set_pages(state, pages);
  state.counters["bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
  for (const auto& [stage, ms] : stage_ms)
    state.counters[stage + "_ms"] = benchmark::Counter(ms, benchmark::Counter::kAvgIterations);
}

// 1. parse → PDF bytes, every page, --allow-overset.
void BM_WholeIssue(benchmark::State& state) {
  BuildOptions o;
  o.issue_dir = kIssue;
  o.root = kRoot;
  o.allow_overset = true;
  run_build(state, o);
}
BENCHMARK(BM_WholeIssue)->Unit(benchmark::kMillisecond);

// 1b. The same build made up automatically (issue #12's 2× target): the sample
// with every page's grid, rows and areas replaced by the list of its articles
// (level 2), or with no [[page]] at all and `pages = 4` (level 3). Compare with
// BM_WholeIssue: the same copy, photos and writer; only the makeup differs.
std::string made_up_sample(int level) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("paiban-bench-level" + std::to_string(level));
  fs::remove_all(dir);
  fs::copy(kIssue, dir, fs::copy_options::recursive);
  std::ifstream in(dir / "issue.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Issue is = load_issue(kIssue);
  std::string out = text.substr(0, text.find("[[page]]"));
  if (level >= 3) {
    out.replace(out.find("layout = "), 0, "pages = " + std::to_string(is.pages.size()) + "\n");
  } else {
    for (const PagePlan& p : is.pages) {  // each page lists its articles, first drawn first
      out += "[[page]]\nsection = \"" + p.section + "\"\narticles = [";
      std::vector<std::string> seen;
      for (const Area& a : p.areas)
        if (a.module[0] != '@' && std::find(seen.begin(), seen.end(), a.module) == seen.end()) {
          out += std::string(seen.empty() ? "" : ", ") + "\"" + a.module + "\"";
          seen.push_back(a.module);
        }
      out += "]\n\n";
    }
  }
  std::ofstream(dir / "issue.toml") << out;
  return dir.string();
}

void BM_WholeIssueMadeUp(benchmark::State& state) {
  static const std::string level2 = made_up_sample(2), level3 = made_up_sample(3);
  BuildOptions o;
  o.issue_dir = state.range(0) == 2 ? level2 : level3;
  o.root = kRoot;
  o.allow_overset = true;
  run_build(state, o);
}
BENCHMARK(BM_WholeIssueMadeUp)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// 2. Shaping: UTF-8 → UTF-32, punctuation repairs, HarfBuzz with the body face at 9 pt.
void BM_ShapeBody(benchmark::State& state) {
  const Sample& s = sample();
  TextStyle body = s.body();
  for (auto _ : state) {
    for (const Block* b : s.paragraphs) {
      std::u32string t = Sample::text(*b);
      uint32_t n = static_cast<uint32_t>(t.size());
      Shaped sh = shape(std::move(t), {{n, body}});
      benchmark::DoNotOptimize(sh.glyphs.data());
    }
  }
  set_chars(state, s.chars);
}
BENCHMARK(BM_ShapeBody)->Unit(benchmark::kMicrosecond);

// 3. Line breaking of the already-shaped paragraphs at the column measure, indent 2 em.
void BM_BreakBody(benchmark::State& state) {
  const Sample& s = sample();
  LineSettings ls = s.settings();
  for (auto _ : state) {
    for (const Shaped& sh : s.shaped) {
      SetParagraph p = break_lines(sh, ls);
      benchmark::DoNotOptimize(p.lines.data());
    }
  }
  set_chars(state, s.chars);
}
BENCHMARK(BM_BreakBody)->Unit(benchmark::kMicrosecond);

// 4. Both (target: ≥ 2 million chars/s on one core).
void BM_ShapeAndBreak(benchmark::State& state) {
  const Sample& s = sample();
  TextStyle body = s.body();
  LineSettings ls = s.settings();
  size_t lines = 0;
  for (auto _ : state) {
    lines = 0;
    for (const Block* b : s.paragraphs) {
      std::u32string t = Sample::text(*b);
      uint32_t n = static_cast<uint32_t>(t.size());
      Shaped sh = shape(std::move(t), {{n, body}});
      SetParagraph p = break_lines(sh, ls);
      lines += p.lines.size();
      benchmark::DoNotOptimize(p.lines.data());
    }
  }
  set_chars(state, s.chars);
  state.counters["paragraphs"] = static_cast<double>(s.paragraphs.size());
  state.counters["lines"] = static_cast<double>(lines);
}
BENCHMARK(BM_ShapeAndBreak)->Unit(benchmark::kMicrosecond);

// 5. Page makeup of the whole issue, fonts loaded and warmed up beforehand.
void BM_MakeUp(benchmark::State& state) {
  const Sample& s = sample();
  MakeupOptions mo;
  mo.allow_overset = true;
  make_up(s.issue, s.layout, s.fonts, mo);  // loads every face the issue uses
  size_t pages = 0;
  for (auto _ : state) {
    Edition e = make_up(s.issue, s.layout, s.fonts, mo);
    pages = e.pages.size();
    benchmark::DoNotOptimize(e.pages.data());
  }
  set_pages(state, pages);
}
BENCHMARK(BM_MakeUp)->Unit(benchmark::kMillisecond);

// 5b. Automatic makeup (docs/makeup.md) then makeup: the sample as drawn (the
// planner only passes the pages through), with every `rows` left out (level 1),
// and with every page's grid dropped for its list of articles (level 2).
// Compare with BM_MakeUp: the brief asks for at most 2× the hand-made build.
void BM_PlanAndMakeUp(benchmark::State& state) {
  const Sample& s = sample();
  Issue issue = s.issue;
  for (PagePlan& p : issue.pages) {
    if (state.range(0) >= 1) p.row_lines.clear();
    if (state.range(0) >= 2) {
      for (const Area& a : p.areas)
        if (a.module[0] != '@' && std::find(p.articles.begin(), p.articles.end(), a.module) == p.articles.end())
          p.articles.push_back(a.module);
      p.grid.clear();
      p.areas.clear();
    }
  }
  MakeupOptions mo;
  mo.allow_overset = true;
  size_t pages = 0;
  for (auto _ : state) {
    // As the build runs it: the planner's set paragraphs are makeup's (one cache,
    // fresh each round, so nothing is carried from one round to the next).
    TextCache cache;
    mo.cache = &cache;
    PlannedIssue planned = plan_issue(issue, s.layout, s.fonts, PlanOptions{true, &cache});
    Edition e = make_up(planned.issue, s.layout, s.fonts, mo);
    pages = e.pages.size();
    benchmark::DoNotOptimize(e.pages.data());
  }
  set_pages(state, pages);
}
BENCHMARK(BM_PlanAndMakeUp)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

// 6. PDF writing of the made-up pages: font subsets (hb-subset) and PoDoFo.
void BM_WritePdf(benchmark::State& state) {
  const Sample& s = sample();
  MakeupOptions mo;
  mo.allow_overset = true;
  Edition e = make_up(s.issue, s.layout, s.fonts, mo);
  PdfMeta meta;
  meta.title = s.issue.paper.name + " " + s.issue.date;
  meta.date = s.issue.date;
  meta.author = s.issue.paper.publisher;
  size_t bytes = 0;
  for (auto _ : state) {
    std::string pdf = write_pdf(e.pages, meta);
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf.data());
  }
  set_pages(state, e.pages.size());
  state.counters["bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_WritePdf)->Unit(benchmark::kMillisecond);

// 7. A proof of page 1 (as `paiban build ... --page 1 --allow-overset`).
void BM_ProofPage1(benchmark::State& state) {
  BuildOptions o;
  o.issue_dir = kIssue;
  o.root = kRoot;
  o.pages = {1};
  o.allow_overset = true;
  run_build(state, o);
}
BENCHMARK(BM_ProofPage1)->Unit(benchmark::kMillisecond);

// 8. An editor's proof of page 1 as `paiban proof --page 1 --png` makes it:
// the placed page drawn by proof/'s own rasteriser at 72 dpi, no PDF between.
void BM_ProofPage1Png(benchmark::State& state) {
  BuildOptions o;
  o.issue_dir = kIssue;
  o.root = kRoot;
  o.pages = {1};
  o.pdfx = PdfX::None;
  o.allow_overset = true;
  o.write_pdf = false;
  std::string prefix = "/tmp/paiban_bench_proof";
  for (auto _ : state) {
    BuildResult r = build(o);
    benchmark::DoNotOptimize(render_png(r.edition.pages, 72, prefix));
  }
}
BENCHMARK(BM_ProofPage1Png)->Unit(benchmark::kMillisecond);

// 8b. Watch mode (`paiban proof --watch --png`, the proof desk): one word of a
// story on page 1 changed, the page proofed again as PNG in the same workshop.
void BM_WatchReproofAfterOneWordChange(benchmark::State& state) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "paiban_bench_watch";
  fs::remove_all(dir);
  fs::copy(kIssue, dir, fs::copy_options::recursive);
  const fs::path story = dir / "summit.md";
  std::string text;
  {
    std::ifstream in(story);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  Workshop shop(kRoot);
  BuildOptions o;
  o.issue_dir = dir.string();
  o.pages = {1};
  o.pdfx = PdfX::None;
  o.allow_overset = true;
  o.write_pdf = false;
  const std::string prefix = (dir / "proof").string();
  render_png(shop.build(o).edition.pages, 72, prefix);
  bool flip = false;
  for (auto _ : state) {
    state.PauseTiming();
    flip = !flip;
    std::string changed = text;
    const size_t at = changed.find("会晤");
    if (at != std::string::npos && flip) changed.replace(at, 6, "会谈");
    std::ofstream(story) << changed;
    state.ResumeTiming();
    BuildResult r = shop.build(o);
    benchmark::DoNotOptimize(render_png(r.edition.pages, 72, prefix));
  }
  fs::remove_all(dir);
}
BENCHMARK(BM_WatchReproofAfterOneWordChange)->Unit(benchmark::kMillisecond);

// 9. Watch mode: page 1 was proofed; now page 2, in the same workshop (fonts
// loaded, text of the shared lead already set).
void BM_WatchProofPage2AfterPage1(benchmark::State& state) {
  Workshop shop(kRoot);
  BuildOptions o;
  o.issue_dir = kIssue;
  o.pdfx = PdfX::None;
  o.allow_overset = true;
  o.pages = {1};
  shop.build(o);
  o.pages = {2};
  for (auto _ : state) {
    state.PauseTiming();
    BuildOptions first = o;
    first.pages = {1};
    shop.build(first);  // the editor was on page 1
    state.ResumeTiming();
    BuildResult r = shop.build(o);
    benchmark::DoNotOptimize(r.pdf.data());
  }
}
BENCHMARK(BM_WatchProofPage2AfterPage1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
