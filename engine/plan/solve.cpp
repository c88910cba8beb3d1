// Difference constraints solved by Bellman–Ford; see solve.h.
#include "plan/solve.h"

#include <algorithm>

namespace paiban::plan {
namespace {

struct Edge {
  int from, to, w;  // x[to] - x[from] <= w
};

// Shortest distances from `source`; none when a negative cycle (no solution).
std::optional<std::vector<long>> shortest(int n, const std::vector<Edge>& edges, int source) {
  const long inf = 1L << 50;
  std::vector<long> d(static_cast<size_t>(n), inf);
  d[source] = 0;
  for (int round = 0; round <= n; ++round) {
    bool changed = false;
    for (const Edge& e : edges)
      if (d[e.from] < inf && d[e.from] + e.w < d[e.to]) {
        d[e.to] = d[e.from] + e.w;
        changed = true;
      }
    if (!changed) return d;
  }
  return std::nullopt;
}

std::vector<Edge> edges_of(int cuts, const std::vector<Span>& spans, int last) {
  std::vector<Edge> e;
  for (const Span& s : spans) {
    if (s.hi < kFree) e.push_back({s.top, s.bottom, s.hi});
    e.push_back({s.bottom, s.top, -s.lo});
  }
  // Every cut lies between the top and the foot of the page.
  for (int v = 0; v < cuts; ++v) {
    e.push_back({v, 0, 0});
    e.push_back({last, v, 0});
  }
  return e;
}

}  // namespace

std::optional<std::vector<int>> solve(int cuts, const std::vector<Span>& spans, int last, int total) {
  std::vector<Edge> e = edges_of(cuts, spans, last);
  e.push_back({0, last, total});
  e.push_back({last, 0, -total});
  // The highest cuts: shortest paths on the reversed system give the least positions.
  for (Edge& x : e) std::swap(x.from, x.to);
  auto d = shortest(cuts, e, 0);
  if (!d) return std::nullopt;
  std::vector<int> y(static_cast<size_t>(cuts));
  for (int v = 0; v < cuts; ++v) y[v] = static_cast<int>(-(*d)[v]);
  return y;
}

int least_height(int cuts, const std::vector<Span>& spans, int last) {
  std::vector<Edge> e = edges_of(cuts, spans, last);
  for (Edge& x : e) std::swap(x.from, x.to);
  auto d = shortest(cuts, e, 0);
  return d ? static_cast<int>(-(*d)[last]) : kFree;
}

namespace {

std::vector<Span> spans_of(const std::vector<Demand>& ds, int tol, int relax) {
  std::vector<Span> out;
  for (const Demand& d : ds) {
    Span s{d.top, d.bottom, 1, kFree};
    if (d.kind == Demand::Text) {
      s.lo = std::max(1, d.need - relax);
      s.hi = s.lo + tol;
    } else if (d.kind == Demand::Fixed) {
      s.lo = s.hi = d.need;
    } else {
      s.lo = d.lo;
      s.hi = d.hi;
    }
    out.push_back(s);
  }
  return out;
}

// Smallest value in [lo, hi] for which ok() holds (ok is monotone); hi + 1 if none.
template <typename Ok>
int least(int lo, int hi, Ok ok) {
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return ok(lo) ? lo : lo + 1;
}

}  // namespace

Fitted fit_heights(int cuts, const std::vector<Demand>& demands, int last, int total) {
  Fitted f;
  int relax = 0;
  std::vector<Span> base = spans_of(demands, kFree, 0);
  int need = least_height(cuts, base, last);
  if (need > total) {
    // Too much copy: cut every text module by the same number of lines until it fits.
    f.over = need == kFree ? total : need - total;
    relax = least(0, total, [&](int r) { return least_height(cuts, spans_of(demands, kFree, r), last) <= total; });
  }
  f.fits = relax == 0;
  auto feasible = [&](const std::vector<Span>& s) { return solve(cuts, s, last, total).has_value(); };
  f.white = least(0, total, [&](int tol) { return feasible(spans_of(demands, tol, relax)); });
  std::vector<Span> spans = spans_of(demands, f.white, relax);
  // Then each text module as tight as the others allow, in order: white goes to photos first.
  for (size_t k = 0; k < demands.size(); ++k) {
    if (demands[k].kind != Demand::Text) continue;
    Span& s = spans[k];
    int lo = s.lo;
    int t = least(0, f.white, [&](int tol) {
      s.hi = lo + tol;
      return feasible(spans);
    });
    s.hi = lo + std::min(t, f.white);
  }
  // Flexible modules in order: as near their target as the page allows.
  for (size_t k = 0; k < demands.size(); ++k) {
    const Demand& d = demands[k];
    if (d.kind != Demand::Flexible || d.target < 0) continue;
    Span& s = spans[k];
    int lo = s.lo, hi = std::min(s.hi, total);
    int floor = least(lo, hi, [&](int h) {
      Span keep = s;
      s.hi = h;
      bool ok = feasible(spans);
      s = keep;
      return ok;
    });
    int ceil = hi - least(0, hi - lo, [&](int down) {
      Span keep = s;
      s.lo = hi - down;
      bool ok = feasible(spans);
      s = keep;
      return ok;
    });
    int h = std::clamp(d.target, floor, std::max(floor, ceil));
    s.lo = s.hi = h;
    if (!feasible(spans)) s = spans_of({d}, f.white, relax)[0];
  }
  auto y = solve(cuts, spans, last, total);
  if (!y) y = solve(cuts, spans_of(demands, total, relax), last, total);
  if (!y) {
    // Not even one line a module: every span down to a single line.
    std::vector<Span> loose;
    for (const Demand& d : demands) loose.push_back(Span{d.top, d.bottom, 1, kFree});
    y = solve(cuts, loose, last, total);
    f.fits = false;
  }
  if (y) f.cuts = *y;
  return f;
}

}  // namespace paiban::plan
