// `paiban serve` from outside: a real server process on a free port, over a
// copy of the sample issue; a save must reach the browser as an event and a
// new page image; hostile requests must not reach the file system or kill it.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <thread>

#include "support.h"

namespace paiban::test {
namespace {

using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Generous bounds: CI runs this under AddressSanitizer on two busy cores.
constexpr auto kBound = 90s;

// A `paiban serve` process on a copy of the sample issue.
class DeskProcess {
 public:
  explicit DeskProcess(const IssueCopy& copy) : output_(copy.dir.file("press/out.pdf")) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      close(out[0]);
      execl(PAIBAN_BINARY, PAIBAN_BINARY, "serve", copy.issue.c_str(), "--port", "0", "--root", PAIBAN_SOURCE_DIR,
            "-o", output_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    // The address is the first thing it prints.
    std::string said;
    std::smatch m;
    auto end = clock_type::now() + kBound;
    while (clock_type::now() < end && !std::regex_search(said, m, std::regex(R"(open http://127\.0\.0\.1:(\d+)/)"))) {
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, 1000) <= 0) continue;
      char buf[512];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      said.append(buf, static_cast<size_t>(n));
    }
    close(out[0]);
    if (m.empty()) throw std::runtime_error("paiban serve printed no address: " + said);
    port_ = std::stoi(m[1].str());
  }
  ~DeskProcess() {
    if (pid_ > 0) stop();
  }
  int port() const { return port_; }
  const std::string& output() const { return output_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(kBound);
    c.set_connection_timeout(10s);
    return c;
  }
  bool alive() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }
  // SIGTERM, as Ctrl-C would; the exit status.
  int stop() {
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 300 && waitpid(pid_, &status, WNOHANG) == 0; ++i) std::this_thread::sleep_for(100ms);
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      pid_ = -1;
      return -1;
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // The state once the first build is done.
  nlohmann::json first_state() const {
    auto c = client();
    auto end = clock_type::now() + kBound;
    while (clock_type::now() < end) {
      auto r = c.Get("/state");
      if (r && r->status == 200) {
        auto j = nlohmann::json::parse(r->body);
        if (j.value("generation", 0) >= 1) return j;
      }
      std::this_thread::sleep_for(100ms);
    }
    throw std::runtime_error("no first build");
  }

 private:
  std::string output_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// One raw HTTP exchange (for requests a well-behaved client would not send);
// the status line, or "" when the server hung up without one.
std::string raw_request(int port, const std::string& request) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{30, 0};
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  std::string got;
  if (connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    for (size_t sent = 0; sent < request.size();) {
      ssize_t n = send(s, request.data() + sent, std::min<size_t>(request.size() - sent, 1 << 16), MSG_NOSIGNAL);
      if (n <= 0) break;  // refused mid-way: the answer may already be there
      sent += static_cast<size_t>(n);
    }
    char buf[4096];
    for (ssize_t n; (n = recv(s, buf, sizeof buf, 0)) > 0;) got.append(buf, static_cast<size_t>(n));
  }
  close(s);
  if (got.find("root:") != std::string::npos) return "LEAKED /etc/passwd";
  return got.substr(0, got.find("\r\n"));
}

// An /events stream left open (a browser tab): its status line and socket.
std::string open_stream(int port, int* fd) {
  *fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{30, 0};
  setsockopt(*fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(*fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return "";
  std::string request = "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", got;
  if (send(*fd, request.data(), request.size(), MSG_NOSIGNAL) <= 0) return "";
  char buf[256];
  for (ssize_t n; got.find("\r\n") == std::string::npos && (n = recv(*fd, buf, sizeof buf, 0)) > 0;)
    got.append(buf, static_cast<size_t>(n));
  return got.substr(0, got.find("\r\n"));
}

// The generations of the build events one /events stream has seen, and when.
class EventListener {
 public:
  explicit EventListener(int port) : thread_([this, port] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(kBound);
      c.Get("/events", [this](const char* data, size_t n) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stop_) return false;  // hangs up at the next event or ping (5 s)
        buffer_.append(data, n);
        for (size_t at; (at = buffer_.find("\n\n")) != std::string::npos; buffer_.erase(0, at + 2)) {
          std::smatch m;
          std::string event = buffer_.substr(0, at);
          if (std::regex_search(event, m, std::regex("(^|\n)id: (\\d+)"))) seen_.emplace_back(std::stol(m[2].str()), clock_type::now());
        }
        cv_.notify_all();
        return true;
      });
    }) {}
  ~EventListener() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    thread_.join();
  }
  // When the first event of a generation above `after` came; nullopt after the bound.
  std::optional<clock_type::time_point> wait_after(long after) {
    std::unique_lock<std::mutex> lock(mutex_);
    std::optional<clock_type::time_point> when;
    cv_.wait_for(lock, kBound, [&] {
      for (auto& [g, t] : seen_)
        if (g > after) return (when = t), true;
      return false;
    });
    return when;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::string buffer_;
  bool stop_ = false;
  std::vector<std::pair<long, clock_type::time_point>> seen_;
  std::thread thread_;
};

double ms(clock_type::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

TEST(Serve, ASaveReachesTheBrowserAsAnEventAndANewPage) {
  IssueCopy copy;
  DeskProcess desk(copy);
  auto c = desk.client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("/desk.js"), std::string::npos);
  nlohmann::json state = desk.first_state();
  ASSERT_EQ(state["pages"].size(), 4u) << state.dump();
  EXPECT_EQ(state["layout"]["columns"].size(), 8u);  // the grid the browser draws
  EXPECT_FALSE(state["frames"].empty());
  auto first = c.Get("/page/1.png");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(first->body.substr(1, 3), "PNG");
  EXPECT_EQ(first->get_header_value("Content-Type"), "image/png");

  EventListener events(desk.port());
  ASSERT_TRUE(events.wait_after(0)) << "no first event";
  long generation = state["generation"];
  std::string before = first->body;
  std::vector<double> to_event, to_image;
  fs::path lead = copy.issue / "lead.md";
  for (int round = 0; round < 3; ++round) {
    // Change a paragraph of the lead story, which starts on page 1.
    std::string text = slurp(lead);
    size_t at = text.find("。", text.find("+++", 3));
    ASSERT_NE(at, std::string::npos);
    text.insert(at, "，夜班又改了第" + std::to_string(round + 1) + "稿");
    auto saved = clock_type::now();
    spit(lead, text);
    auto event = events.wait_after(generation);
    ASSERT_TRUE(event) << "no event within the bound after save " << round;
    to_event.push_back(ms(*event - saved));
    state = nlohmann::json::parse(c.Get("/state")->body);
    generation = state["generation"];
    ASSERT_TRUE(state["error"].is_null()) << state["error"].dump();
    auto image = c.Get(state["pages"][0]["image"].get<std::string>());
    ASSERT_TRUE(image);
    to_image.push_back(ms(clock_type::now() - saved));
    EXPECT_EQ(image->status, 200);
    EXPECT_NE(image->body, before) << "page 1 did not change after save " << round;
    before = image->body;
  }
  std::sort(to_event.begin(), to_event.end());
  std::sort(to_image.begin(), to_image.end());
  std::printf("[ serve    ] save → event: median %.0f ms (of %zu); save → new page 1 image: median %.0f ms\n",
              to_event[to_event.size() / 2], to_event.size(), to_image[to_image.size() / 2]);

  // A broken save: the error with file:line, the last good pages kept and marked stale.
  spit(copy.toml(), slurp(copy.toml()) + "\n[[page\n");
  ASSERT_TRUE(events.wait_after(generation));
  state = nlohmann::json::parse(c.Get("/state")->body);
  EXPECT_TRUE(state["stale"].get<bool>());
  EXPECT_NE(state["error"]["file"].get<std::string>().find("issue.toml"), std::string::npos) << state["error"].dump();
  EXPECT_GT(state["error"]["line"].get<int>(), 0);
  EXPECT_EQ(state["pages"].size(), 4u);
  EXPECT_EQ(c.Get("/page/1.png")->body, before);
  EXPECT_EQ(desk.stop(), 0);
}

TEST(Serve, NoRequestPathReachesTheFileSystem) {
  IssueCopy copy;
  DeskProcess desk(copy);
  desk.first_state();
  for (std::string path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                           "/..%2f..%2f..%2fetc%2fpasswd", "/page/../../../etc/passwd", "/%252e%252e/etc/passwd",
                           "/page/1.png/../../../../etc/passwd", "//etc/passwd", "/desk.js/../../etc/passwd",
                           "/page/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/lead.md", "/issue.toml", "/etc/passwd",
                           "/..\\..\\etc\\passwd", "/page/0.png", "/page/99999.png"}) {
    std::string status = raw_request(desk.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(status.find(" 404 ") != std::string::npos || status.find(" 400 ") != std::string::npos)
        << path << " → " << status;
  }
  // Another site's page that renamed itself to our address is refused.
  EXPECT_NE(raw_request(desk.port(), "GET /state HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n").find(" 403 "),
            std::string::npos);
  // Read-only but for the one POST, which only the desk's own page sends.
  EXPECT_EQ(raw_request(desk.port(), "PUT /state HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n").find(" 200 "),
            std::string::npos);
  EXPECT_NE(raw_request(desk.port(), "POST /press HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .find(" 403 "),
            std::string::npos);
  EXPECT_FALSE(fs::exists(desk.output()));
  EXPECT_TRUE(desk.alive());
  EXPECT_EQ(desk.stop(), 0);
}

TEST(Serve, HugeRequestsAndACrowdDoNotKillIt) {
  IssueCopy copy;
  DeskProcess desk(copy);
  desk.first_state();
  const std::string ten_mb(10 << 20, 'x');
  std::string status = raw_request(desk.port(), "POST /press HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Paiban: press\r\nContent-Length: " +
                                                     std::to_string(ten_mb.size()) + "\r\n\r\n" + ten_mb);
  EXPECT_TRUE(status.empty() || status.find(" 413 ") != std::string::npos) << status;
  status = raw_request(desk.port(), "GET /" + ten_mb + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_TRUE(status.empty() || status.find(" 414 ") != std::string::npos || status.find(" 400 ") != std::string::npos) << status;
  EXPECT_FALSE(fs::exists(desk.output()));

  // Many tabs: event streams beyond the limit are refused; tabs closed mid-stream free their place.
  int open = 0, refused = 0;
  std::vector<int> tabs;
  for (int i = 0; i < 70; ++i) {
    int fd = -1;
    std::string s = open_stream(desk.port(), &fd);
    open += s.find(" 200 ") != std::string::npos;
    refused += s.find(" 503 ") != std::string::npos;
    tabs.push_back(fd);
  }
  for (int fd : tabs) close(fd);  // every tab closed mid-stream
  EXPECT_GT(open, 0);
  EXPECT_GT(refused, 0);
  EXPECT_EQ(open + refused, 70);

  // 200 requests at once: each answered correctly or refused, never a wrong answer.
  std::atomic<int> good{0}, turned_away{0}, wrong{0};
  std::vector<std::thread> crowd;
  for (int i = 0; i < 200; ++i)
    crowd.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", desk.port());
      c.set_read_timeout(kBound);
      auto r = c.Get(i % 2 ? "/page/1.png" : "/state");
      if (!r || r->status == 503) ++turned_away;
      else if (r->status == 200 && (i % 2 ? r->body.substr(1, 3) == "PNG" : nlohmann::json::accept(r->body))) ++good;
      else ++wrong;
    });
  for (auto& t : crowd) t.join();
  std::printf("[ serve    ] 200 at once: %d answered, %d refused\n", good.load(), turned_away.load());
  EXPECT_EQ(wrong, 0);
  EXPECT_GT(good, 0);
  auto after = desk.client().Get("/state");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_EQ(desk.stop(), 0);
}

TEST(Serve, SendToPressWritesThePreflightedPdf) {
  IssueCopy copy;
  DeskProcess desk(copy);
  desk.first_state();
  auto c = desk.client();
  auto r = c.Post("/press", httplib::Headers{{"X-Paiban", "press"}}, "", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  auto j = nlohmann::json::parse(r->body);
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_TRUE(j["preflight"].empty()) << j.dump();
  EXPECT_EQ(j["output"], desk.output());
  expect_pages(desk.output(), 4);
  EXPECT_EQ(slurp(desk.output()).substr(0, 5), "%PDF-");
  EXPECT_EQ(desk.stop(), 0);
}

}  // namespace
}  // namespace paiban::test
