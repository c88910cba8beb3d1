// Inside the proof desk: one workshop kept between builds, one build thread,
// the last good pages as PNG, and the state the browser is told about.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include "diag/json.h"
#include <string>
#include <thread>
#include <vector>

#include "pipeline/pipeline.h"
#include "serve/serve.h"

namespace paiban::desk {

struct PageImage {
  int number = 0;
  std::string digest;  // of the placed page: equal digests, equal images
  std::shared_ptr<const std::string> png;
};

// What the browser sees after one build; replaced whole, never changed.
struct Snapshot {
  long generation = 0;
  std::vector<PageImage> pages;  // the last good pages (stale when the build failed)
  std::string state;             // JSON: pages, layout grid, frames, marks, notices, error
};

// The JSON of a good build (state.cpp); `rendered` are the page numbers drawn anew.
Json state_json(const Issue& issue, const Layout& layout, const Edition& edition,
                          const std::vector<PageImage>& pages);

// A digest of everything drawn on a page, to tell which pages a save changed.
std::string page_digest(const Page& page);

// Watches folders with inotify and calls `changed` with the file's path.
class Watcher {
 public:
  explicit Watcher(std::function<void(const std::string&)> changed);
  ~Watcher();
  // Watches `dir`; with `only`, just the file of that name in it. Adding again is harmless.
  void watch(const std::string& dir, const std::string& only = "");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Desk {
 public:
  explicit Desk(const ServeOptions& options);
  ~Desk();
  std::shared_ptr<const Snapshot> snapshot() const;
  // The first snapshot newer than `seen`, or null after `timeout` or on stop.
  std::shared_ptr<const Snapshot> wait_newer(long seen, std::chrono::milliseconds timeout) const;
  // Send to press: the print PDF, preflighted, written atomically; the result as JSON.
  Json press();
  // Wakes everyone waiting and ends the build thread.
  void stop();
  bool stopping() const { return stopping_; }
  const std::string& output() const { return output_; }

 private:
  void changed(const std::string& path);
  void loop();
  void rebuild();
  std::vector<PageImage> render(const Edition& edition, const std::vector<PageImage>& before);

  ServeOptions opt_;
  std::string root_, output_;
  std::mutex shop_mutex_;  // one build at a time: proofs and the press share the workshop
  std::unique_ptr<Workshop> shop_;
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::shared_ptr<const Snapshot> snapshot_;
  bool dirty_ = true, fonts_changed_ = false;
  std::atomic<bool> stopping_{false};
  std::unique_ptr<Watcher> watcher_;
  std::thread builder_;
};

}  // namespace paiban::desk
