// name.cpp — article ids (file names) from titles in pinyin, through ICU's
// Han-Latin transliterator: ASCII, short, unique within the issue, and the
// same from run to run (they depend only on the titles and their order).
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <set>

#include "import/steps.h"

namespace paiban::import {
namespace {

std::string pinyin(const std::string& text) {
  static std::mutex mu;
  static std::unique_ptr<icu::Transliterator> tr;
  std::lock_guard<std::mutex> lock(mu);
  if (!tr) {
    UErrorCode err = U_ZERO_ERROR;
    tr.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, err));
    if (U_FAILURE(err)) tr.reset();
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  if (tr) tr->transliterate(u);
  std::string out;
  return u.toUTF8String(out);
}

// The first syllables of the title, run together, up to about 16 letters.
std::string stem(const std::string& text) {
  std::string latin = pinyin(text), id, word;
  auto flush = [&] {
    if (!word.empty() && id.size() < 12) id += (id.empty() || std::isdigit(static_cast<unsigned char>(word[0])) == 0) ? word : "-" + word;
    word.clear();
  };
  for (char c : latin) {
    unsigned char b = static_cast<unsigned char>(c);
    if (std::isalnum(b) && b < 128) word += static_cast<char>(std::tolower(b));
    else flush();
  }
  flush();
  return id.substr(0, 24);
}

}  // namespace

void name_articles(ImportedIssue& issue) {
  std::set<std::string> taken;
  for (ImportedArticle& a : issue.articles) {
    std::string base = a.photo ? "photo-" + stem(a.caption) : stem(a.title);
    if (base.empty() || base == "photo-") base = a.photo ? "photo" : "article";
    std::string id = base;
    for (int n = 2; taken.count(id); ++n) id = base + "-" + std::to_string(n);
    taken.insert(id);
    a.id = id;
    if (a.photo) a.image = "images/" + id + ".png";
  }
}

}  // namespace paiban::import
