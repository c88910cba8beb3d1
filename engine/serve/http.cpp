// The desk's HTTP side (cpp-httplib): its own page, the page images, the
// state as JSON, Server-Sent Events on every build, and the one POST that
// sends the issue to press. No request path ever reaches the file system.
#include <httplib.h>

#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "model/issue.h"
#include "serve/assets.h"
#include "serve/desk.h"
#include "serve/serve.h"

namespace paiban {
namespace {

using namespace std::chrono_literals;
using desk::Desk;

constexpr size_t kMaxBody = 64 * 1024;  // the one POST carries no data; anything big is refused
constexpr int kMaxListeners = 64;       // browser tabs on /events; each holds a worker thread
constexpr size_t kWorkers = kMaxListeners + 16;

bool loopback(const std::string& host) { return host == "127.0.0.1" || host == "localhost" || host == "::1"; }

// A page on 127.0.0.1 must be asked for by that name: another site's page that
// renamed itself to our address (DNS rebinding) is refused.
bool host_allowed(const httplib::Request& req, bool local) {
  if (!local) return true;
  std::string host = req.get_header_value("Host");
  if (host.starts_with("[")) host = host.substr(1, host.find(']') - 1);
  else host = host.substr(0, host.find(':'));
  return loopback(host);
}

void routes(httplib::Server& svr, Desk& desk, std::atomic<int>& listeners) {
  auto asset = [](const std::string& path, httplib::Response& res) {
    for (const desk::Asset& a : desk::web_assets())
      if (path == a.path) {
        res.set_content(a.bytes.data(), a.bytes.size(), a.type);
        res.set_header("Cache-Control", "no-cache");
        return;
      }
    res.status = 404;
  };
  svr.Get("/", [asset](const httplib::Request&, httplib::Response& res) { asset("/index.html", res); });
  svr.Get(R"(/[a-z]+\.(html|css|js))", [asset](const httplib::Request& req, httplib::Response& res) { asset(req.path, res); });
  svr.Get("/state", [&desk](const httplib::Request&, httplib::Response& res) {
    res.set_content(desk.snapshot()->state, "application/json");
    res.set_header("Cache-Control", "no-store");
  });
  svr.Get(R"(/page/(\d{1,4})\.png)", [&desk](const httplib::Request& req, httplib::Response& res) {
    auto snap = desk.snapshot();
    int number = std::stoi(req.matches[1].str());
    for (const desk::PageImage& p : snap->pages)
      if (p.number == number && p.png) {
        res.set_content(p.png->data(), p.png->size(), "image/png");
        // The address carries the digest: a page that did not change is never fetched twice.
        bool current = req.get_param_value("v") == p.digest;
        res.set_header("Cache-Control", current ? "max-age=31536000, immutable" : "no-store");
        res.set_header("ETag", "\"" + p.digest + "\"");
        return;
      }
    res.status = 404;
  });
  svr.Get("/events", [&desk, &listeners](const httplib::Request&, httplib::Response& res) {
    if (++listeners > kMaxListeners) {
      --listeners;
      res.status = 503;
      res.set_content("too many open desks\n", "text/plain");
      return;
    }
    res.set_header("Cache-Control", "no-store");
    auto seen = std::make_shared<long>(-1);  // the state as it is, first
    res.set_chunked_content_provider(
        "text/event-stream",
        [&desk, seen](size_t, httplib::DataSink& sink) {
          auto snap = desk.wait_newer(*seen, 5s);
          if (desk.stopping()) return false;
          std::string msg = ": still here\n\n";  // finds browsers that went away
          if (snap) {
            *seen = snap->generation;
            msg = "event: build\nid: " + std::to_string(snap->generation) + "\ndata: " + snap->state + "\n\n";
          }
          return sink.write(msg.data(), msg.size());  // false once the browser has closed
        },
        [&listeners](bool) { --listeners; });
  });
  svr.Post("/press", [&desk](const httplib::Request& req, httplib::Response& res) {
    // Only the desk's own page sends this header; a form on another site cannot.
    if (req.get_header_value("X-Paiban") != "press") {
      res.status = 403;
      res.set_content("send to press from the desk\n", "text/plain");
      return;
    }
    Json j = desk.press();
    res.status = j["ok"] ? 200 : 422;
    res.set_content(dump_json(j), "application/json");
  });
}

void configure(httplib::Server& svr, bool local, int* listener) {
  // The library listens with a backlog of 5: a crowd of tabs and image fetches
  // would wait out SYN retries. The socket is kept to listen again, deeper.
  svr.set_socket_options([listener](int fd) {
    int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    *listener = fd;
  });
  svr.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  svr.set_payload_max_length(kMaxBody);
  svr.set_read_timeout(5s);
  svr.set_write_timeout(5s);
  svr.set_keep_alive_timeout(2);
  svr.set_keep_alive_max_count(50);
  svr.set_pre_routing_handler([local](const httplib::Request& req, httplib::Response& res) {
    if (host_allowed(req, local)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 403;
    res.set_content("wrong host\n", "text/plain");
    return httplib::Server::HandlerResponse::Handled;
  });
  svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) res.set_content(res.status == 404 ? "not found\n" : "refused\n", "text/plain");
  });
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content("internal error\n", "text/plain");
  });
}

}  // namespace

int serve(const ServeOptions& given) {
  namespace fs = std::filesystem;
  ServeOptions o = given;
  if (!fs::is_directory(o.issue_dir)) throw InputError(o.issue_dir, 0, "no such issue folder");
  o.issue_dir = fs::absolute(o.issue_dir).lexically_normal().string();
  while (o.issue_dir.size() > 1 && o.issue_dir.back() == '/') o.issue_dir.pop_back();
  // Ctrl-C and SIGTERM are taken by one thread that stops the server cleanly;
  // a browser that hangs up mid-write must not kill us (SIGPIPE).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  bool local = loopback(o.bind);
  if (!local)
    std::fprintf(stderr, "paiban: warning: serving on %s — anyone who can reach this address sees the pages and can send them to press\n",
                 o.bind.c_str());
  httplib::Server svr;
  int listener = -1;
  configure(svr, local, &listener);
  Desk desk(o);
  std::atomic<int> listeners{0};
  routes(svr, desk, listeners);
  int port = o.port == 0 ? svr.bind_to_any_port(o.bind) : (svr.bind_to_port(o.bind, o.port) ? o.port : -1);
  if (port < 0) {
    std::fprintf(stderr, "paiban: cannot listen on %s:%d\n", o.bind.c_str(), o.port);
    return 3;
  }
  if (listener >= 0) ::listen(listener, 512);
  std::string host = o.bind.find(':') != std::string::npos ? "[" + o.bind + "]" : o.bind;
  std::string url = "http://" + host + ":" + std::to_string(port) + "/";
  if (o.on_listen) o.on_listen(url);
  else {
    std::printf("paiban serve: open %s  (proofs of %s; send to press writes %s; Ctrl-C to stop)\n", url.c_str(),
                o.issue_dir.c_str(), desk.output().c_str());
    std::fflush(stdout);
  }
  std::atomic<bool> done{false};
  std::thread signals([&] {
    timespec tick{0, 200 * 1000 * 1000};
    while (!done)
      if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) break;
    desk.stop();  // ends the event streams, so the workers can finish
    svr.stop();
  });
  bool ok = svr.listen_after_bind();
  done = true;
  signals.join();
  return ok ? 0 : 3;
}

}  // namespace paiban
