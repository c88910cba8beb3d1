#include "support.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "fonts/fonts.h"
#include "style/layout.h"

namespace paiban::test {

// The tests never write into the user's cache (~/.cache/paiban): separated
// photos go to a folder of the build tree (PAIBAN_TEST_CACHE), shared by the
// tests of one build so that it stays warm. Every `paiban` the tests start
// inherits it.
const bool kOwnCache = [] { return setenv("PAIBAN_CACHE", PAIBAN_TEST_CACHE, 1) == 0; }();

TempDir::TempDir() {
  std::string t = (fs::temp_directory_path() / "paiban_test_XXXXXX").string();
  if (!mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed for " + t);
  path_ = t;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& name, const std::string& bytes) const {
  const fs::path p = path_ / name;
  spit(p, bytes);
  return p;
}

std::vector<std::string> TempDir::entries() const {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

const FontRegistry& project_fonts() {
  static const FontRegistry fonts(kFontsToml);
  return fonts;
}

int line_of(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  return at == std::string::npos ? 0 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

std::string broadsheet_error(const std::string& good, const std::string& bad, int offset) {
  std::string text = slurp(PAIBAN_SOURCE_DIR "/layouts/broadsheet.toml");
  size_t at = text.find(good);
  if (at == std::string::npos) {
    ADD_FAILURE() << "the broadsheet layout has no '" << good << "'";
    return "";
  }
  const int line = line_of(text, good) + offset;
  text.replace(at, good.size(), bad);
  TempDir dir;
  const std::string file = dir.file("bad.toml");
  spit(file, text);
  try {
    load_layout(file);
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), line) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << bad;
  return "";
}

std::string text_of(const Block& b) {
  std::string s;
  for (const Span& sp : b.spans) s += sp.text;
  return s;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const fs::path& p, const std::string& bytes) {
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

namespace {

// Runs `shell` (`command` with its stderr redirected) and reads its stdout.
RunResult read_stdout(const std::string& shell, const std::string& command) {
  RunResult r;
  FILE* p = popen(shell.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

RunResult run(const std::string& command) { return read_stdout(command + " 2>&1", command); }

RunResult run_apart(const std::string& command) {
  static std::atomic<int> serial{0};
  const fs::path err = fs::temp_directory_path() /
                       ("paiban_test_" + std::to_string(getpid()) + "_" + std::to_string(++serial) + ".err");
  RunResult r = read_stdout(command + " 2>" + quoted(err.string()), command);
  r.err = slurp(err);
  fs::remove(err);
  return r;
}

std::string paiban_command(const std::string& args) { return "timeout 120 " + quoted(PAIBAN_BINARY) + " " + args; }

std::string without_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

std::string pdf_text(const fs::path& pdf, const std::string& options) {
  const RunResult r =
      run_apart("pdftotext -enc UTF-8 " + (options.empty() ? "" : options + " ") + quoted(pdf.string()) + " -");
  if (r.exit_code != 0) throw std::runtime_error("pdftotext failed on " + pdf.string() + ": " + r.all());
  return r.out;
}

std::string page_text(const fs::path& pdf, int page, const std::string& options) {
  const std::string n = std::to_string(page);
  return pdf_text(pdf, "-f " + n + " -l " + n + (options.empty() ? "" : " " + options));
}

PdfBuild::PdfBuild(const std::string& issue, const std::string& name, const std::string& options)
    : pdf(dir.path() / name) {
  result = run(paiban_command("build " + quoted(issue) + (options.empty() ? "" : " " + options) + " -o " +
                              quoted(pdf.string())));
}

void expect_qpdf_check_passes(const fs::path& pdf) {
  const RunResult r = run("qpdf --check " + quoted(pdf.string()));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("No syntax or stream encoding errors"), std::string::npos) << r.out;
}

void expect_pages(const fs::path& pdf, int pages) {
  const RunResult r = run("pdfinfo " + quoted(pdf.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const size_t at = r.out.find("Pages:");
  ASSERT_NE(at, std::string::npos) << r.out;
  EXPECT_EQ(std::stoi(r.out.substr(at + 6)), pages) << r.out;
}

std::vector<PdfFontLine> pdffonts_lines(const std::string& out) {
  std::vector<PdfFontLine> fonts;
  std::istringstream lines(out);
  for (std::string l; std::getline(lines, l);) {
    if (l.rfind("name", 0) == 0 || l.rfind("----", 0) == 0 || l.empty()) continue;
    PdfFontLine f{l, {}};
    std::istringstream words(l);
    for (std::string x; words >> x;) f.words.push_back(x);
    fonts.push_back(f);
  }
  return fonts;
}

void expect_embedded_subset_with_to_unicode(const PdfFontLine& font) {
  // ... emb sub uni <object> <generation>
  const std::vector<std::string>& w = font.words;
  if (w.size() < 6) {
    ADD_FAILURE() << "a pdffonts line of fewer than six words: " << font.line;
    return;
  }
  EXPECT_EQ(w[w.size() - 5], "yes") << "not embedded: " << font.line;
  EXPECT_EQ(w[w.size() - 4], "yes") << "not a subset: " << font.line;
  EXPECT_EQ(w[w.size() - 3], "yes") << "no ToUnicode: " << font.line;
}

IssueCopy::IssueCopy() : issue(dir.path() / "2024-05-07") { fs::copy(kSample, issue, fs::copy_options::recursive); }

void IssueCopy::add_paragraphs(const std::string& article, int paragraphs) const {
  const fs::path md = issue / (article + ".md");
  std::string text = slurp(md);
  for (int i = 0; i < paragraphs; ++i)
    text += "\n这是为了测试超版而加入的段落，它的文字远远超过这篇稿件所在版面模块能够容纳的行数。\n";
  spit(md, text);
}

std::optional<InputError> catch_input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputError, got another exception: " << e.what();
    return std::nullopt;
  }
  ADD_FAILURE() << "expected InputError, nothing was thrown";
  return std::nullopt;
}

}  // namespace paiban::test
