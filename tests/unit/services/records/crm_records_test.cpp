// The pure parts of the CRM records: contact normalisation, tags, truncation.
#include "services/records/crm_records.h"

#include <gtest/gtest.h>

namespace {

using services::CleanTag;
using services::NormalizeEmail;
using services::NormalizePhone;
using services::TruncateUtf8;

TEST(CrmRecordsTest, PhonesBecomeInternationalWhereTheCountrySaysHow) {
  EXPECT_EQ(NormalizePhone("07700 900123", "GB"), "+447700900123");
  EXPECT_EQ(NormalizePhone("+44 (0)7700-900123", "GB"), "+447700900123");
  EXPECT_EQ(NormalizePhone("+44 7700 900123", "GB"), "+447700900123");
  EXPECT_EQ(NormalizePhone("0044 7700 900123", "GB"), "+447700900123");
  EXPECT_EQ(NormalizePhone("447700900123", "GB"), "+447700900123");
  EXPECT_EQ(NormalizePhone("0113 496 0100", "GB"), "+441134960100");
  EXPECT_EQ(NormalizePhone("(503) 555-0134", "US"), "+15035550134");
  EXPECT_EQ(NormalizePhone("1 503 555 0134", "US"), "+15035550134");
  EXPECT_EQ(NormalizePhone("503.555.0134", "DE"), "5035550134");
  EXPECT_EQ(NormalizePhone("12-34", "GB"), "");
  EXPECT_EQ(NormalizePhone("", "GB"), "");
}

TEST(CrmRecordsTest, EmailsAreTrimmedAndLowerCased) {
  EXPECT_EQ(NormalizeEmail("  Zara@Example.COM \n"), "zara@example.com");
  EXPECT_EQ(NormalizeEmail("not an email"), "");
  EXPECT_EQ(NormalizeEmail("   "), "");
}

TEST(CrmRecordsTest, TruncationKeepsWholeUtf8Characters) {
  EXPECT_EQ(TruncateUtf8("abc", 5), "abc");
  EXPECT_EQ(TruncateUtf8("abcdef", 3), "abc");
  // "é" is two bytes: cutting inside it drops it whole.
  EXPECT_EQ(TruncateUtf8("ab\xC3\xA9", 3), "ab");
  EXPECT_EQ(TruncateUtf8("ab\xC3\xA9", 4), "ab\xC3\xA9");
  // A four-byte emoji cut anywhere inside goes whole.
  EXPECT_EQ(TruncateUtf8("a\xF0\x9F\x98\x80z", 3), "a");
}

TEST(CrmRecordsTest, TagsAreTrimmedLowerCasedAndCut) {
  EXPECT_EQ(CleanTag("  Eid   Order \t", 40), "eid order");
  EXPECT_EQ(CleanTag("   ", 40), "");
  EXPECT_EQ(CleanTag("Lamb Leg", 5), "lamb");
}

TEST(CrmRecordsTest, ChannelNames) {
  EXPECT_EQ(services::ChannelName(core::Channel::kWeb), "web");
  EXPECT_EQ(services::ChannelName(core::Channel::kWhatsApp), "whatsapp");
  EXPECT_EQ(services::ChannelName(core::Channel::kApi), "api");
  EXPECT_EQ(services::ChannelName(core::Channel::kCli), "cli");
}

}  // namespace
