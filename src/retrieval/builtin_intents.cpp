#include "retrieval/builtin_intents.h"

namespace retrieval {

const std::vector<std::pair<std::string, std::vector<std::string>>>& BuiltInIntentPhrases() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kPhrases = {
      {"@hours",
       {"are you open now", "are you still open", "you still open?", "what time do you open", "what time do you close",
        "when do you close today", "are you open on sunday", "are you open tomorrow", "opening times today",
        "what are your hours on saturday", "are you open on bank holiday monday", "what time do you shut tonight",
        "are you open on christmas day", "is the shop open late on thursday"}},
      {"@delivery",
       {"do you deliver to my area", "can you deliver to me", "can you deliver my order", "do you deliver",
        "how much is delivery", "what is the delivery fee", "delivery charge to my postcode", "is delivery free",
        "can you deliver on saturday", "do you deliver to my zip code", "what's the minimum order for delivery",
        "when will my delivery arrive", "can i get it delivered tomorrow"}},
      {"@branch",
       {"where is your shop", "where are you located", "nearest branch to me", "what's your address",
        "how do i find your store", "which branch is closest", "directions to your shop", "where is the nearest store",
        "how do i get to your shop", "where can i find you", "is there a shop near me", "what's the postcode of the shop"}},
      {"@stock",
       {"is it in stock", "do you have it in stock", "is this available", "have you got any left", "is it sold out",
        "are they in stock", "do you have any in stock right now", "is that one available today"}},
      {"@price",
       {"how much is it", "how much are they", "what's the price", "how much does it cost", "price of this",
        "what do they cost", "how much for two", "is it expensive"}},
      {"@basket",
       {"add it to my basket", "add two of those", "put one in my cart", "what's in my basket", "show my cart",
        "remove it from my basket", "i'll take it", "checkout please", "i want to place my order",
        "that's everything thanks"}},
      {"@products",
       {"do you sell this", "what do you sell", "show me what you have", "i'm looking for something",
        "do you have any", "what products do you have", "can i buy one", "what's your cheapest one",
        "any recommendations", "what's new in the shop"}},
      {"@party",
       {"food for a party of 20", "bbq for 6 people", "what do i need for 10 guests", "party pack for my family",
        "catering for a birthday party", "bundle for four people"}},
      {"@human",
       {"can i speak to a person", "talk to a human", "i want to speak to the manager", "call me back please",
        "put me through to someone", "i want to make a complaint", "can someone call me", "phone me please",
        "i need to talk to somebody", "can a member of staff ring me"}},
      {"@off_topic",
       {"can you book me a flight", "what's the capital of france", "who won the world cup",
        "what's the weather like today", "tell me a joke", "write me a poem", "what is the meaning of life",
        "help me with my homework", "who is the prime minister", "translate this into spanish",
        "what's the time in new york", "recommend a good film", "how do i fix my laptop", "what is bitcoin worth",
        "book a table at a restaurant", "play some music", "what's 17 times 23", "how old are you",
        "do you like football", "order me a taxi", "what's the best phone to buy", "how tall is mount everest"}},
  };
  return kPhrases;
}

}  // namespace retrieval
