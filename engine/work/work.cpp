#include "work/work.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace paiban {

unsigned thread_count() {
  if (const char* t = std::getenv("PAIBAN_THREADS")) {
    int n = std::atoi(t);
    if (n >= 1) return static_cast<unsigned>(std::min(n, 256));
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? hw : 1;
}

void for_each_parallel(size_t n, const std::function<void(size_t)>& each) {
  size_t threads = std::min<size_t>(thread_count(), n);
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) each(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::exception_ptr failed;
  size_t failed_at = n;
  std::mutex m;
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        each(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(m);
        if (i < failed_at) {  // the same error whatever the timing: the earliest piece's
          failed_at = i;
          failed = std::current_exception();
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  if (failed) std::rethrow_exception(failed);
}

}  // namespace paiban
