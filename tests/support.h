// Helpers shared by the tests: temporary folders, whole files, shell commands
// and their output, copies of the sample issue, the text layer of a PDF.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/issue.h"

namespace paiban {
class FontRegistry;
}

namespace paiban::test {

namespace fs = std::filesystem;

// The project's fonts/fonts.toml, loaded once for the test process.
inline const std::string kFontsToml = PAIBAN_SOURCE_DIR "/fonts/fonts.toml";
const FontRegistry& project_fonts();

// The sample issue (issues/2024-05-07), which must build and fit.
inline const std::string kSample = PAIBAN_SOURCE_DIR "/issues/2024-05-07";

// A fresh folder under the system's temporary folder, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // The folder.
  const fs::path& path() const { return path_; }
  // The folder as a string.
  std::string str() const { return path_.string(); }
  // The path of `name` in the folder as a string; the file need not exist.
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `bytes` to `name` in the folder (making the folders it names); returns its path.
  fs::path write(const std::string& name, const std::string& bytes) const;
  // The names of what the folder holds, sorted.
  std::vector<std::string> entries() const;

 private:
  fs::path path_;
};

// The whole of a file as bytes ("" when it cannot be read).
std::string slurp(const fs::path& p);

// Writes `bytes` to a file, replacing it, and makes the folders it goes in.
void spit(const fs::path& p, const std::string& bytes);

// 1-based line of the first occurrence of `needle` in `text` (0 if absent).
int line_of(const std::string& text, const std::string& needle);

// layouts/broadsheet.toml with `good` replaced by `bad`, loaded: the message of the
// InputError it must raise, after checking that the error names the line of `good`
// plus `offset`; records a failure (and returns "") when the layout is accepted.
std::string broadsheet_error(const std::string& good, const std::string& bad, int offset = 0);

// The text of a paragraph, its spans run together.
std::string text_of(const Block& b);

// `s` in single quotes for the shell.
std::string quoted(const std::string& s);

// What a shell command did.
struct RunResult {
  int exit_code = -1;    // -1 when it did not exit (killed by a signal)
  std::string out, err;  // stdout; stderr (run() puts both in `out`)
  // Both outputs, labelled, for failure messages.
  std::string all() const { return "stdout:\n" + out + "\nstderr:\n" + err; }
};

// Runs a shell command with its stdout and stderr together in `out`.
RunResult run(const std::string& command);

// Runs a shell command with stdout in `out` and stderr in `err`.
RunResult run_apart(const std::string& command);

// The shell command `paiban ARGS` with the binary under test, killed after 120 s.
std::string paiban_command(const std::string& args);

// `s` without ASCII white space: pdftotext puts a space in the gap the engine
// leaves between Chinese and Latin or digits (第 2 版, 2024 年).
std::string without_space(const std::string& s);

// The text layer of `pdf`: `pdftotext -enc UTF-8 OPTIONS PDF -`; throws when pdftotext fails.
std::string pdf_text(const fs::path& pdf, const std::string& options = "");

// The text layer of page `page` of `pdf` (1-based), with more pdftotext OPTIONS.
std::string page_text(const fs::path& pdf, int page, const std::string& options = "");

// A PDF built by `paiban build` into a temporary folder, and what the build printed.
struct PdfBuild {
  TempDir dir;
  fs::path pdf;      // <dir>/<name>
  RunResult result;  // stdout and stderr together
  // `paiban build ISSUE OPTIONS -o <dir>/<name>`.
  PdfBuild(const std::string& issue, const std::string& name, const std::string& options = "");
};

// Ends the test unless the build `b` (a PdfBuild) exited with 0 and wrote its PDF.
#define REQUIRE_PDF(b)                                                                     \
  do {                                                                                     \
    ASSERT_EQ((b).result.exit_code, 0) << (b).result.out;                                  \
    ASSERT_TRUE(std::filesystem::exists((b).pdf)) << "no PDF written: " << (b).result.out; \
  } while (0)

// Expects `qpdf --check` to pass on `pdf`, without syntax or stream encoding errors.
void expect_qpdf_check_passes(const fs::path& pdf);

// Expects `pdfinfo` to count `pages` pages in `pdf`.
void expect_pages(const fs::path& pdf, int pages);

// A font line of `pdffonts` output and its words.
struct PdfFontLine {
  std::string line;
  std::vector<std::string> words;
};

// The font lines of `pdffonts` output (not its heading, not blank lines).
std::vector<PdfFontLine> pdffonts_lines(const std::string& out);

// Expects a font line of six or more words to say: embedded, a subset, with a ToUnicode map.
void expect_embedded_subset_with_to_unicode(const PdfFontLine& font);

// A copy of the sample issue in a temporary folder, for breaking.
struct IssueCopy {
  TempDir dir;
  fs::path issue;  // the copy: <dir>/2024-05-07
  IssueCopy();
  // The copy's issue.toml.
  fs::path toml() const { return issue / "issue.toml"; }
  // Appends `paragraphs` long paragraphs to `<article>.md` of the copy, to make it overset.
  void add_paragraphs(const std::string& article, int paragraphs) const;
};

// The InputError `f` throws; adds a test failure when it throws anything else or nothing.
std::optional<InputError> catch_input_error(const std::function<void()>& f);

}  // namespace paiban::test
