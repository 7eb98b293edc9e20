// RouteTable: method + path pattern -> handler.
//
// Patterns are '/'-separated segments; "{name}" captures one segment into
// Request::path_params, and a final "*" captures the rest of the path under
// the name "*". Matching splits the raw (still percent-encoded) path and
// decodes each segment, so "%2F" inside a segment stays inside it and a
// parameter like "..%2Fetc" reaches the handler as "../etc" to be rejected. The first registered pattern that matches wins, so register
// catch-alls last. Not thread-safe while routes are being added; immutable and
// safe for concurrent Match() afterwards.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  // Cross-origin browser calls allowed (subject to the server's CorsPolicy).
  bool cors = false;
  // Largest request body this route takes; 0: the server's body limit.
  // For uploads that are larger by nature (a whole catalog file).
  size_t max_body = 0;
};

class RouteTable {
 public:
  struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    RouteOptions options;
  };

  struct Match {
    const Route* route = nullptr;               // null when nothing matched
    std::vector<Method> allowed_methods;        // set when the path matched another method
  };

  void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});

  // Fills request.path_params on a match. HEAD falls back to a GET route.
  Match Find(Request& request) const;
  // The body limit of the route `method` `raw_path` would reach (before its
  // body is read): its RouteOptions::max_body, else `fallback`.
  size_t BodyLimit(Method method, std::string_view raw_path, size_t fallback) const;
  // The largest body limit of any route, at least `fallback`.
  size_t LargestBodyLimit(size_t fallback) const;

  // Every route in registration order (for the API description test).
  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool MatchSegments(const Route& route, const std::vector<std::string>& parts,
                            std::map<std::string, std::string, std::less<>>* params);
  std::vector<Route> routes_;
};

}  // namespace http
