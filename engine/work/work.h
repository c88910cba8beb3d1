// Work shared out over threads: independent pieces (font subsets, photo
// separations, page content streams) done side by side, each result in its
// own slot, so the output never depends on which thread finished first.
#pragma once

#include <cstddef>
#include <functional>

namespace paiban {

// $PAIBAN_THREADS when set (1 = everything on the calling thread), else the
// machine's cores.
unsigned thread_count();

// Calls each(i) for i in [0, n) on up to thread_count() threads and waits for
// all of them; the exception of the lowest i that threw is rethrown here.
void for_each_parallel(size_t n, const std::function<void(size_t)>& each);

}  // namespace paiban
