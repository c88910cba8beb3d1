// Files the desk watches: the issue folder and its images, the layout file and
// fonts.toml — inotify, as `paiban proof --watch` does.
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "serve/desk.h"

namespace paiban::desk {
namespace {

// Editors' scratch files (vim's .swp and 4913, emacs's #x# and x~) are not the copy.
bool scratch_file(const std::string& name) {
  if (name.empty() || name[0] == '.' || name[0] == '#' || name == "4913") return true;
  if (name.back() == '~') return true;
  return name.size() > 4 && (name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".tmp"));
}

}  // namespace

struct Watcher::Impl {
  int fd = -1;
  std::mutex mutex;
  std::map<int, std::pair<std::string, std::string>> dirs;  // watch → folder, only this name ("" = all)
  std::function<void(const std::string&)> changed;
  std::atomic<bool> stop{false};
  std::thread thread;

  void run() {
    alignas(inotify_event) char buf[8192];
    while (!stop) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;  // wakes to see `stop`
      ssize_t n = read(fd, buf, sizeof buf);
      for (ssize_t i = 0; i + static_cast<ssize_t>(sizeof(inotify_event)) <= n;) {
        const auto* e = reinterpret_cast<const inotify_event*>(buf + i);
        i += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
        std::string name = e->len ? e->name : "";
        std::string path;
        {
          std::lock_guard<std::mutex> lock(mutex);
          auto at = dirs.find(e->wd);
          if (at == dirs.end() || (!at->second.second.empty() && name != at->second.second)) continue;
          path = at->second.first + "/" + name;
        }
        if (!scratch_file(name)) changed(path);
      }
    }
  }
};

Watcher::Watcher(std::function<void(const std::string&)> changed) : impl_(std::make_unique<Impl>()) {
  impl_->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (impl_->fd < 0) throw std::runtime_error("cannot watch files (inotify)");
  impl_->changed = std::move(changed);
  impl_->thread = std::thread([this] { impl_->run(); });
}

Watcher::~Watcher() {
  impl_->stop = true;
  impl_->thread.join();
  close(impl_->fd);
}

void Watcher::watch(const std::string& dir, const std::string& only) {
  int wd = inotify_add_watch(impl_->fd, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM);
  if (wd < 0) return;  // a folder that is not there yet: nothing in it to proof
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto [at, fresh] = impl_->dirs.try_emplace(wd, dir, only);
  // Two watches on one folder for different files: the whole folder is watched.
  if (!fresh && at->second.second != only) at->second.second.clear();
}

}  // namespace paiban::desk
