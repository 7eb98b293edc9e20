#include "http/dispatcher.h"

#include <exception>
#include <string>

namespace http {

namespace {
constexpr std::string_view kAllowHeaders = "Content-Type, X-Tenant, X-Request-Id, Authorization";

std::string JoinMethods(const std::vector<Method>& methods) {
  std::string out;
  for (Method m : methods) {
    if (!out.empty()) out += ", ";
    out += MethodName(m);
  }
  return out;
}

Method ParseMethodName(std::string_view name) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    if (MethodName(m) == name) return m;
  }
  return Method::kOther;
}
}  // namespace

bool IsCrossOrigin(const Request& request) {
  auto origin = request.Header("origin");
  if (!origin) return false;
  auto host = request.Header("host");
  if (!host) return true;
  std::string_view o = *origin;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (o.substr(0, scheme.size()) == scheme) return o.substr(scheme.size()) != *host;
  }
  return true;
}

Dispatcher::Dispatcher(RouteTable routes, const CorsPolicy* cors, ErrorLog error_log)
    : routes_(std::move(routes)), cors_(cors), error_log_(std::move(error_log)) {}

Response Dispatcher::Preflight(Request& request, std::string_view origin) const {
  auto wanted = request.Header("access-control-request-method");
  Request probe = request;
  probe.method = ParseMethodName(wanted.value_or(""));
  auto match = routes_.Find(probe);
  if (!match.route || !match.route->options.cors) {
    return ErrorResponse(403, "cors_forbidden", "This endpoint does not accept cross-origin calls.",
                         request.request_id);
  }
  if (IsCrossOrigin(request) && (!cors_ || !cors_->Allows(probe, origin))) {
    return ErrorResponse(403, "origin_not_allowed",
                         "This website is not on the shop's list of allowed widget origins.",
                         request.request_id);
  }
  Response r;
  r.status = 204;
  r.content_type.clear();
  r.SetHeader("Access-Control-Allow-Origin", std::string(origin));
  r.SetHeader("Access-Control-Allow-Methods", std::string(MethodName(probe.method)) + ", OPTIONS");
  r.SetHeader("Access-Control-Allow-Headers", std::string(kAllowHeaders));
  r.SetHeader("Access-Control-Max-Age", "600");
  r.SetHeader("Vary", "Origin");
  return r;
}

Response Dispatcher::Handle(Request& request) const {
  try {
    auto origin = request.Header("origin");
    if (request.method == Method::kOptions && origin && request.Header("access-control-request-method")) {
      return Preflight(request, *origin);
    }
    auto match = routes_.Find(request);
    if (!match.route) {
      if (!match.allowed_methods.empty()) {
        Response r = ErrorResponse(405, "method_not_allowed",
                                   "This endpoint does not support " + std::string(MethodName(request.method)) + ".",
                                   request.request_id);
        r.SetHeader("Allow", JoinMethods(match.allowed_methods));
        return r;
      }
      return ErrorResponse(404, "not_found", "No such endpoint: " + request.path, request.request_id);
    }
    bool cross_origin = match.route->options.cors && IsCrossOrigin(request);
    if (cross_origin && (!cors_ || !cors_->Allows(request, *origin))) {
      return ErrorResponse(403, "origin_not_allowed",
                           "This website is not on the shop's list of allowed widget origins.", request.request_id);
    }
    Response response = match.route->handler(request);
    if (cross_origin) {
      response.SetHeader("Access-Control-Allow-Origin", std::string(*origin));
      response.SetHeader("Vary", "Origin");
    }
    return response;
  } catch (const std::exception& e) {
    if (error_log_) error_log_(request.request_id, std::string("unhandled exception: ") + e.what());
  } catch (...) {
    if (error_log_) error_log_(request.request_id, "unhandled non-standard exception");
  }
  return ErrorResponse(500, "internal", "Something went wrong on our side. Please try again.", request.request_id);
}

}  // namespace http
