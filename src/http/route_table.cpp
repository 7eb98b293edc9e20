#include "http/route_table.h"

#include <algorithm>

namespace http {

namespace {
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

void RouteTable::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  Route route{method, pattern, {}, std::move(handler), options};
  for (auto seg : SplitPath(pattern)) route.segments.emplace_back(seg);
  routes_.push_back(std::move(route));
}

bool RouteTable::MatchSegments(const Route& route, const std::vector<std::string>& parts,
                               std::map<std::string, std::string, std::less<>>* params) {
  const auto& segs = route.segments;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& seg = segs[i];
    if (seg == "*" && i + 1 == segs.size()) {
      std::string rest;
      for (size_t k = i; k < parts.size(); ++k) {
        if (!rest.empty()) rest += '/';
        rest += parts[k];
      }
      if (params) (*params)["*"] = std::move(rest);
      return true;
    }
    if (i >= parts.size()) return false;
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      if (params) (*params)[seg.substr(1, seg.size() - 2)] = parts[i];
      continue;
    }
    if (seg != parts[i]) return false;
  }
  return parts.size() == segs.size();
}

RouteTable::Match RouteTable::Find(Request& request) const {
  std::vector<std::string> parts;
  for (auto raw : SplitPath(request.raw_path.empty() ? request.path : request.raw_path)) {
    parts.push_back(request.raw_path.empty() ? std::string(raw) : PercentDecode(raw, false));
  }
  Match match;
  for (const Route& route : routes_) {
    bool method_ok = route.method == request.method ||
                     (request.method == Method::kHead && route.method == Method::kGet);
    if (!MatchSegments(route, parts, nullptr)) continue;
    if (!method_ok) {
      if (std::find(match.allowed_methods.begin(), match.allowed_methods.end(), route.method) ==
          match.allowed_methods.end()) {
        match.allowed_methods.push_back(route.method);
      }
      continue;
    }
    // A catch-all (static files) never hides a wrong method on an API path.
    bool catch_all = !route.segments.empty() && route.segments.back() == "*";
    if (catch_all && !match.allowed_methods.empty()) return match;
    request.path_params.clear();
    MatchSegments(route, parts, &request.path_params);
    match.route = &route;
    match.allowed_methods.clear();
    return match;
  }
  return match;
}

size_t RouteTable::BodyLimit(Method method, std::string_view raw_path, size_t fallback) const {
  Request probe;
  probe.method = method;
  probe.raw_path = std::string(raw_path);
  Match match = Find(probe);
  return match.route && match.route->options.max_body ? match.route->options.max_body : fallback;
}

size_t RouteTable::LargestBodyLimit(size_t fallback) const {
  size_t largest = fallback;
  for (const Route& route : routes_) largest = std::max(largest, route.options.max_body);
  return largest;
}

}  // namespace http
