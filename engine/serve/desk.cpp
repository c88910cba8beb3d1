// The desk's build thread: waits for a save, lets the burst settle, builds
// through the kept workshop and renders only the pages whose digest changed.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "digest/digest.h"
#include "model/issue.h"
#include "proof/proof.h"
#include "serve/desk.h"
#include "style/layout.h"

namespace paiban::desk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Editors' tools save in bursts (temp file, rename, backup): wait for quiet.
constexpr auto kQuiet = 60ms;

// A build that failed: the message and where, for the banner.
Json failure(const std::exception& e) {
  Json j = {{"message", e.what()}, {"file", ""}, {"line", 0}};
  if (auto* ie = dynamic_cast<const InputError*>(&e)) {
    j["file"] = ie->file();
    j["line"] = ie->line();
  }
  return j;
}

// A private folder for the PNG files of a redraw, removed when done.
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string t = (fs::temp_directory_path() / "paiban-serve-XXXXXX").string();
    if (!mkdtemp(t.data())) throw std::runtime_error("cannot make a temporary folder for page images");
    dir = t;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

}  // namespace

Desk::Desk(const ServeOptions& o) : opt_(o) {
  root_ = o.root.empty() ? project_root(o.issue_dir) : o.root;
  std::string name = fs::path(o.issue_dir).lexically_normal().filename().string();
  output_ = fs::absolute(o.output.empty() ? "out/" + name + ".pdf" : o.output).lexically_normal().string();
  shop_ = std::make_unique<Workshop>(root_);
  auto first = std::make_shared<Snapshot>();
  first->state = Json{{"generation", 0}, {"building", true}, {"pages", Json::array()}}.dump();
  snapshot_ = first;
  watcher_ = std::make_unique<Watcher>([this](const std::string& path) { changed(path); });
  watcher_->watch(o.issue_dir);
  watcher_->watch((fs::path(root_) / "fonts").string(), "fonts.toml");
  builder_ = std::thread([this] { loop(); });
}

Desk::~Desk() {
  stop();
  watcher_.reset();
  if (builder_.joinable()) builder_.join();
}

void Desk::stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  stopping_ = true;
  cv_.notify_all();
}

std::shared_ptr<const Snapshot> Desk::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_;
}

std::shared_ptr<const Snapshot> Desk::wait_newer(long seen, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!cv_.wait_for(lock, timeout, [&] { return stopping_ || snapshot_->generation > seen; }) || stopping_)
    return nullptr;
  return snapshot_;
}

void Desk::changed(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (fs::path(path).filename() == "fonts.toml") fonts_changed_ = true;
  dirty_ = true;
  cv_.notify_all();
}

// One build thread, and a dirty flag: saves during a build make one more build, never two at once.
void Desk::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    cv_.wait(lock, [&] { return dirty_ || stopping_; });
    if (stopping_) return;
    do dirty_ = false;
    while (cv_.wait_for(lock, kQuiet, [&] { return dirty_ || stopping_; }) && !stopping_);
    if (stopping_) return;
    lock.unlock();
    rebuild();
    lock.lock();
  }
}

std::vector<PageImage> Desk::render(const Edition& ed, const std::vector<PageImage>& before) {
  std::vector<PageImage> pages;
  std::vector<Page> fresh;
  for (const Page& p : ed.pages) {
    PageImage img{p.number, page_digest(p), nullptr};
    for (const PageImage& b : before)
      if (b.number == p.number && b.digest == img.digest) img.png = b.png;
    if (!img.png) fresh.push_back(p);
    pages.push_back(img);
  }
  if (fresh.empty()) return pages;
  // Drawn straight from the placed pages (no PDF, no Poppler): the fast proof.
  Scratch scratch;
  render_png(fresh, opt_.dpi, (scratch.dir / "p").string());
  for (PageImage& img : pages)
    if (!img.png) img.png = std::make_shared<const std::string>(read_file((scratch.dir / ("p-" + std::to_string(img.number) + ".png")).string()));
  return pages;
}

void Desk::rebuild() {
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  auto before = snapshot();
  auto next = std::make_shared<Snapshot>();
  next->generation = before->generation + 1;
  Json state;
  try {
    std::lock_guard<std::mutex> shop(shop_mutex_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (fonts_changed_) shop_ = std::make_unique<Workshop>(root_);  // fonts are loaded once per workshop
      fonts_changed_ = false;
    }
    BuildOptions bo;
    bo.issue_dir = opt_.issue_dir;
    bo.root = root_;
    bo.allow_overset = true;          // show overset on the page rather than refuse
    bo.allow_missing_glyphs = true;   // 缺字 boxed on the proof, listed as warnings
    bo.pdfx = PdfX::None;
    bo.preflight = false;
    bo.write_pdf = false;             // only the changed pages are drawn, below
    BuildResult r = shop_->build(bo);
    Issue issue = load_issue(opt_.issue_dir);
    Layout layout = load_layout((fs::path(root_) / "layouts" / (issue.layout + ".toml")).string());
    watcher_->watch((fs::path(root_) / "layouts").string(), issue.layout + ".toml");
    if (fs::is_directory(fs::path(opt_.issue_dir) / "images")) watcher_->watch((fs::path(opt_.issue_dir) / "images").string());
    auto t1 = clock::now();
    next->pages = render(r.edition, before->pages);
    state = state_json(issue, layout, r.edition, next->pages);
    state["build_ms"] = std::chrono::duration<double, std::milli>(t1 - t0).count();
    state["render_ms"] = std::chrono::duration<double, std::milli>(clock::now() - t1).count();
  } catch (const std::exception& e) {
    // The last good pages stay, marked stale, under a banner saying what is wrong.
    next->pages = before->pages;
    state = before->generation > 0 ? Json::parse(before->state) : Json::object();
    state["stale"] = true;
    state["error"] = failure(e);
  }
  state["generation"] = next->generation;
  state["building"] = false;
  next->state = dump_json(state);
  std::lock_guard<std::mutex> lock(mutex_);
  snapshot_ = next;
  cv_.notify_all();
}

Json Desk::press() {
  std::lock_guard<std::mutex> shop(shop_mutex_);
  BuildOptions bo;  // the same as `paiban build`: PDF/X-1a, preflighted, strict
  bo.issue_dir = opt_.issue_dir;
  bo.root = root_;
  Json j = {{"output", output_}, {"ok", false}};
  try {
    BuildResult r = shop_->build(bo);
    Json notices = Json::array(), preflight = Json::array();
    for (const Notice& n : r.edition.notices) {
      notices.push_back({{"level", n.level == Notice::Error ? "error" : "warning"}, {"text", format_notice(n)}});
      if (n.what.rfind("preflight:", 0) == 0) preflight.push_back(n.what);
    }
    j["notices"] = notices;
    j["preflight"] = preflight;
    if (!r.pdf.empty() && r.edition.ok()) {
      save_atomically(output_, r.pdf);
      j["ok"] = true;
      j["pages"] = r.edition.pages.size();
      j["bytes"] = r.pdf.size();
    }
  } catch (const std::exception& e) {
    j["error"] = failure(e);
  }
  return j;
}

}  // namespace paiban::desk
