#include "services/channels/webhook_signatures.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>

#include "core/secure_compare.h"
#include "services/secrets/secret_box.h"

namespace services {

namespace {

std::string Hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// `url` with its scheme's default port written out, and without it.
std::vector<std::string> PortVariants(std::string_view url) {
  std::vector<std::string> out{std::string(url)};
  std::string_view port;
  if (url.starts_with("https://"))
    port = ":443";
  else if (url.starts_with("http://"))
    port = ":80";
  else
    return out;
  size_t host_start = url.find("://") + 3;
  size_t host_end = url.find_first_of("/?#", host_start);
  if (host_end == std::string_view::npos) host_end = url.size();
  std::string_view authority = url.substr(host_start, host_end - host_start);
  std::string variant(url.substr(0, host_start));
  if (authority.ends_with(port)) {
    variant += authority.substr(0, authority.size() - port.size());
  } else if (authority.find(':') == std::string_view::npos) {
    variant += std::string(authority) + std::string(port);
  } else {
    return out;  // another port: only the URL as given
  }
  variant += url.substr(host_end);
  out.push_back(std::move(variant));
  return out;
}

}  // namespace

std::string MetaSignature(std::string_view app_secret, std::string_view body) {
  return "sha256=" + Hex(Hmac(EVP_sha256(), app_secret, body));
}

bool MetaSignatureValid(std::string_view app_secret, std::string_view body, std::string_view header) {
  if (app_secret.empty()) return false;
  return core::ConstantTimeEquals(MetaSignature(app_secret, body), header);
}

std::string TwilioSignature(std::string_view auth_token, std::string_view url, const FormParams& params) {
  FormParams sorted = params;
  std::sort(sorted.begin(), sorted.end());
  std::string data(url);
  for (const auto& [name, value] : sorted) {
    data += name;
    data += value;
  }
  return Base64Encode(Hmac(EVP_sha1(), auth_token, data));
}

bool TwilioSignatureValid(std::string_view auth_token, std::string_view url, const FormParams& params,
                          std::string_view header) {
  if (auth_token.empty() || header.empty()) return false;
  bool valid = false;
  for (const std::string& candidate : PortVariants(url)) {
    valid = core::ConstantTimeEquals(TwilioSignature(auth_token, candidate, params), header) || valid;
  }
  return valid;
}

}  // namespace services
