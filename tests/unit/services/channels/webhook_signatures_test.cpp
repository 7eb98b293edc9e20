// The providers' signature schemes against their documented vectors:
// Twilio's from its official SDK tests, Meta's cross-checked independently
// (docs: /work/shared/reference/providers.md).
#include "services/channels/webhook_signatures.h"

#include <gtest/gtest.h>

namespace {

using services::FormParams;

const FormParams kTwilioParams = {{"CallSid", "CA1234567890ABCDE"},
                                  {"Caller", "+14158675309"},
                                  {"Digits", "1234"},
                                  {"From", "+14158675309"},
                                  {"To", "+18005551212"}};
constexpr const char* kTwilioUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

TEST(MetaSignatureTest, MatchesTheReferenceVector) {
  const std::string body = R"({"object":"whatsapp_business_account","entry":[]})";
  const std::string expected = "sha256=dec6a680679a968e7e0319355b23599cbfc54502c0784668e9618baa0c633756";
  EXPECT_EQ(services::MetaSignature("test_app_secret", body), expected);
  EXPECT_TRUE(services::MetaSignatureValid("test_app_secret", body, expected));
}

TEST(MetaSignatureTest, RefusesAnyDifference) {
  const std::string body = R"({"object":"whatsapp_business_account","entry":[]})";
  const std::string good = services::MetaSignature("test_app_secret", body);
  EXPECT_FALSE(services::MetaSignatureValid("other_secret", body, good));
  EXPECT_FALSE(services::MetaSignatureValid("test_app_secret", body + " ", good));
  EXPECT_FALSE(services::MetaSignatureValid("test_app_secret", body, good.substr(7)));  // no "sha256="
  std::string upper = good;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_FALSE(services::MetaSignatureValid("test_app_secret", body, upper));
  EXPECT_FALSE(services::MetaSignatureValid("test_app_secret", body, ""));
  EXPECT_FALSE(services::MetaSignatureValid("", body, services::MetaSignature("", body)));  // no secret set
}

TEST(TwilioSignatureTest, MatchesTheOfficialVectors) {
  EXPECT_EQ(services::TwilioSignature("12345", kTwilioUrl, kTwilioParams), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  EXPECT_EQ(services::TwilioSignature("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", kTwilioParams),
            "kvajT1Ptam85bY51eRf/AJRuM3w=");
  // A repeated key: sorted by name, then by value.
  FormParams repeated = {{"Sid", "CA123"}, {"SidAccount", "AC123"}, {"Digits", "5678"}, {"Digits", "1234"}};
  EXPECT_EQ(services::TwilioSignature("12345", kTwilioUrl, repeated), "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
}

TEST(TwilioSignatureTest, AcceptsTheUrlWithOrWithoutTheDefaultPort) {
  EXPECT_TRUE(services::TwilioSignatureValid("12345", kTwilioUrl, kTwilioParams, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  EXPECT_TRUE(services::TwilioSignatureValid("12345", kTwilioUrl, kTwilioParams, "kvajT1Ptam85bY51eRf/AJRuM3w="));
  EXPECT_TRUE(services::TwilioSignatureValid("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", kTwilioParams,
                                             "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
}

TEST(TwilioSignatureTest, RefusesAnyDifference) {
  const std::string good = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
  EXPECT_FALSE(services::TwilioSignatureValid("54321", kTwilioUrl, kTwilioParams, good));
  FormParams tampered = kTwilioParams;
  tampered[2].second = "1235";
  EXPECT_FALSE(services::TwilioSignatureValid("12345", kTwilioUrl, tampered, good));
  FormParams extra = kTwilioParams;
  extra.push_back({"Body", "hi"});
  EXPECT_FALSE(services::TwilioSignatureValid("12345", kTwilioUrl, extra, good));
  EXPECT_FALSE(
      services::TwilioSignatureValid("12345", "https://mycompany.com/myapp.php?foo=1&bar=3", kTwilioParams, good));
  EXPECT_FALSE(
      services::TwilioSignatureValid("12345", "http://mycompany.com/myapp.php?foo=1&bar=2", kTwilioParams, good));
  EXPECT_FALSE(services::TwilioSignatureValid("12345", kTwilioUrl, kTwilioParams, ""));
  EXPECT_FALSE(services::TwilioSignatureValid("", kTwilioUrl, kTwilioParams, good));
}

}  // namespace
