// Email, phone and name scanners (services/understanding/entities/contact.h),
// through ExtractEntities.
#include <gtest/gtest.h>

#include <string>

#include "unit/services/understanding/entities/extract.h"

namespace {

using entities_test::E;
using entities_test::Repeat;
using entities_test::Us;

// ---- Email ----

TEST(EntityContactTest, EmailIsLowerCased) {
  auto e = E("email me at Sara.K@Example.com");
  EXPECT_EQ(e.email, "sara.k@example.com");
  EXPECT_FALSE(e.name.has_value());
  EXPECT_EQ(E("it's jo+orders@shop.co.uk.").email, "jo+orders@shop.co.uk");
  EXPECT_EQ(E("(mail: a_b-c@my-domain.org)").email, "a_b-c@my-domain.org");
}

TEST(EntityContactTest, NotEmails) {
  EXPECT_FALSE(E("meet @ 5").email.has_value());
  EXPECT_FALSE(E("sara@localhost").email.has_value());
  EXPECT_FALSE(E("@example.com").email.has_value());
  EXPECT_FALSE(E("sara@example.c").email.has_value());
}

TEST(EntityContactTest, EmailEdges) {
  EXPECT_EQ(E(".sara@x.com").email, "sara@x.com");  // leading dots are not the address
  EXPECT_EQ(E("jo@a.com or sam@b.com").email, "jo@a.com");
  for (std::string_view text : {"@", "a@", "a@b", "a@b.", "a@.com", "a@b..com", "@@", "a@@b.com", "a @ b.com"}) {
    EXPECT_FALSE(E(text).email.has_value()) << text;
  }
}

TEST(EntityContactTest, AnAddressIsNothingElse) {
  auto e = E("6@shop.com");
  EXPECT_EQ(e.email, "6@shop.com");
  EXPECT_FALSE(e.quantity.has_value());
}

TEST(EntityContactTest, AddressAfterLongRunsOfAtSigns) {
  EXPECT_TRUE(entities_test::Nothing(E("@")));
  EXPECT_EQ(E(std::string(100 * 1024, '@') + " jo@shop.com").email, "jo@shop.com");
  EXPECT_EQ(E(Repeat("a@", 50 * 1024) + " jo@shop.com").email, "jo@shop.com");
  EXPECT_FALSE(E(Repeat("a.", 50 * 1024) + "@").email.has_value());
}

// ---- Phone ----

TEST(EntityContactTest, UkPhoneNumbers) {
  auto e = E("my number is 07700 900123");
  EXPECT_EQ(e.phone, "07700900123");
  EXPECT_FALSE(e.quantity.has_value());
  EXPECT_EQ(E("call +44 7700 900123 after 5").phone, "+447700900123");
  EXPECT_EQ(E("tel: (0113) 496-0123").phone, "01134960123");
  EXPECT_EQ(E("07700900123").phone, "07700900123");
  auto trunk = E("phone +44 (0)7700 900123");
  EXPECT_EQ(trunk.phone, "+447700900123");  // the (0) is not dialled from abroad
  EXPECT_FALSE(trunk.quantity.has_value());
}

TEST(EntityContactTest, UsPhoneNumbers) {
  EXPECT_EQ(E("(503) 555-0134", Us()).phone, "5035550134");
  EXPECT_EQ(E("text 503-555-0134 please", Us()).phone, "5035550134");
  EXPECT_EQ(E("+1 503 555 0134", Us()).phone, "+15035550134");
  auto e = E("zip 97214 phone 5035550134", Us());
  EXPECT_EQ(e.phone, "5035550134");
  EXPECT_EQ(e.postcode->normalized, "97214");
}

TEST(EntityContactTest, NotPhones) {
  EXPECT_FALSE(E("97214", Us()).phone.has_value());
  EXPECT_FALSE(E("£1,299.00").phone.has_value());
  EXPECT_FALSE(E("$1234567890.50", Us()).phone.has_value());
  EXPECT_FALSE(E("order 123456789").phone.has_value());           // nine digits
  EXPECT_FALSE(E("1234567890123456789").phone.has_value());       // too long
  EXPECT_FALSE(E("2 3 4 5 6 7 8 9 10 11 12").phone.has_value());  // a list of small numbers
  EXPECT_FALSE(E("on 2026-12-24").phone.has_value());
}

TEST(EntityContactTest, NotPhonesNextToMoneyOrLetters) {
  EXPECT_FALSE(E("£07700 900123").phone.has_value());
  EXPECT_FALSE(E("07700 900123.50").phone.has_value());
  EXPECT_FALSE(E("07700900123abc").phone.has_value());
  for (std::string_view text : {"+", "(", "()", "+(", "+44 (0", "(0113", "0113)"}) {
    EXPECT_FALSE(E(text).phone.has_value()) << text;
  }
}

TEST(EntityContactTest, PhoneAfterLongRunsOfDigitsAndSigns) {
  EXPECT_EQ(E(std::string(100 * 1024, '7') + " 07700 900123").phone, "07700900123");
  EXPECT_FALSE(E(Repeat("1 ", 50 * 1024)).phone.has_value());
  EXPECT_FALSE(E(Repeat("(", 100 * 1024)).phone.has_value());
  EXPECT_FALSE(E(Repeat("+1 ", 30 * 1024)).phone.has_value());
}

// ---- Names ----

TEST(EntityContactTest, NamePatterns) {
  EXPECT_EQ(E("my name is adam").name, "Adam");
  EXPECT_EQ(E("Hi, I'm Sara. Do you sell lamb?").name, "Sara");
  EXPECT_EQ(E("hi I’m Sara").name, "Sara");
  EXPECT_EQ(E("this is Jo from the office").name, "Jo");
  EXPECT_EQ(E("call me Sam").name, "Sam");
  EXPECT_EQ(E("call me sam").name, "Sam");
  EXPECT_EQ(E("I am Priya").name, "Priya");
  EXPECT_EQ(E("My name's Tom").name, "Tom");
  EXPECT_EQ(E("MY NAME IS ADAM").name, "Adam");
  EXPECT_EQ(E("I'm Sara Khan and I need beef").name, "Sara Khan");
  EXPECT_EQ(E("my name is adam smith").name, "Adam");
  EXPECT_EQ(E("I'm José").name, "José");
  EXPECT_EQ(E("my name is élodie").name, "Élodie");
  EXPECT_EQ(E("I'm O'Brien").name, "O'Brien");
}

TEST(EntityContactTest, NotNames) {
  for (std::string_view text : {"i'm looking for lamb",
                                "I'm interested in the bbq box",
                                "I'm after some steak",
                                "im in leeds",
                                "I'm not sure",
                                "I'm from Leeds",
                                "I'm good thanks",
                                "I'm fine",
                                "I'm vegetarian",
                                "I'm hungry",
                                "I'm Looking for beef",
                                "this is great",
                                "This is Great",
                                "call me tomorrow",
                                "call me back",
                                "call me on 07700 900123",
                                "I am a vegetarian",
                                "my name is",
                                "I'm 25",
                                "image of the steak",
                                "I'm 😊"}) {
    EXPECT_FALSE(E(text).name.has_value()) << text << " -> " << E(text).name.value_or("");
  }
}

TEST(EntityContactTest, NamesInOtherScripts) {
  EXPECT_EQ(E("I'm Анна").name, "Анна");
  EXPECT_EQ(E("my name is анна").name, "Анна");
  EXPECT_EQ(E("my name is 王").name, "王");    // any case after "my name is"
  EXPECT_FALSE(E("I'm 王").name.has_value());  // no capital to tell a name by
}

TEST(EntityContactTest, ANameEndsAtTheLineAMonthOrTwoMoreWords) {
  EXPECT_EQ(E("I'm Sara\nKhan").name, "Sara");
  EXPECT_EQ(E("I'm Sara May").name, "Sara");
  EXPECT_EQ(E("I'm Sara Jane Anne Khan").name, "Sara Jane Anne");
  EXPECT_EQ(E("name:Jo").name, "Jo");
}

TEST(EntityContactTest, CuesWithoutAName) {
  for (std::string_view text : {"I'm", "name:", "my name is ", "call me", "my name is \xC3", "my name is 'sara",
                                "my name is ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQ"}) {
    EXPECT_FALSE(E(text).name.has_value()) << text;
  }
  EXPECT_FALSE(E(Repeat("my name is ", 10 * 1024)).name.has_value());
  EXPECT_FALSE(E("my name is " + Repeat("😊", 50 * 1024)).name.has_value());
}

TEST(EntityContactTest, ANameOpeningAMessageWithAPhoneOrAnEmail) {
  auto e = E("Sara Khan, 07700 900123");
  EXPECT_EQ(e.name, "Sara Khan");
  EXPECT_EQ(e.phone, "07700900123");
  EXPECT_EQ(E("it's Tom Reed, 07700 900555").name, "Tom Reed");
  EXPECT_EQ(E("Emma Lopez, (303) 555-0199", Us()).name, "Emma Lopez");
  EXPECT_EQ(E("Jo jo@example.com").name, "Jo");
  for (std::string_view text :
       {"Sara Khan", "Sara Khan, see you soon", "Yes, 07700 900123", "Thanks, 07700 900123", "Call me on 07700 900123",
        "Delivery please, 07700 900123", "sara, 07700 900123", "December, 07700 900123"}) {
    EXPECT_FALSE(E(text).name.has_value()) << text << " -> " << E(text).name.value_or("");
  }
}

}  // namespace
