// engine/fields.hpp: an aggregate's fields counted and visited in order, and saved as a whole by
// cereal, so a state struct lists its fields nowhere but where they are declared.
#include "engine/fields.hpp"

#include <gtest/gtest.h>

#include <cereal/archives/binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/agent_table.hpp"
#include "engine/calendar.hpp"

namespace peacesim::engine {
namespace {

enum class Colour : std::uint8_t { Red, Blue };

struct Inner {
  int a = 1;
  std::string b = "x";
  bool operator==(const Inner&) const = default;
  template <class Archive>
  void serialize(Archive& ar) {
    archive_fields(ar, *this);
  }
};

// One field of every kind a state holds.
struct Sample {
  double x = 0.5;
  bool on = true;
  Colour colour = Colour::Red;
  std::int32_t day = -1;
  std::vector<double> by_region;
  std::vector<std::vector<std::uint8_t>> table;
  std::vector<bool> done;
  std::map<std::string, double> paid;
  Inner inner;
  std::vector<Inner> inners;
  Date date;
  AgentTable<std::uint16_t, float> agents;
  double twice() const { return 2 * x; }  // member functions are not fields
  bool operator==(const Sample&) const = default;
  template <class Archive>
  void serialize(Archive& ar) {
    archive_fields(ar, *this);
  }
};

struct Empty {
  bool operator==(const Empty&) const = default;
  template <class Archive>
  void serialize(Archive& ar) {
    archive_fields(ar, *this);
  }
};

static_assert(field_count<Sample> == 12);
static_assert(field_count<Inner> == 2);
static_assert(field_count<Empty> == 0);

TEST(Fields, VisitsEveryFieldInDeclarationOrder) {
  Inner in{7, "seven"};
  std::vector<std::string> seen;
  with_fields(in, [&](int& a, std::string& b) {
    seen.push_back(std::to_string(a));
    seen.push_back(b);
    a = 8;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"7", "seven"}));
  EXPECT_EQ(in.a, 8);  // references to the fields themselves
}

Sample changed() {
  Sample s;
  s.x = 2.25;
  s.on = false;
  s.colour = Colour::Blue;
  s.day = 41;
  s.by_region = {1.0, 2.0};
  s.table = {{1, 2}, {3}};
  s.done = {true, false, true};
  s.paid = {{"france", 3.5}, {"un", 1.0}};
  s.inner = {5, "five"};
  s.inners = {{1, "one"}, {2, "two"}};
  s.date = Date(2013, 1, 11);
  s.agents.create(3, 0.5f);
  s.agents.create(4, 1.5f);
  return s;
}

TEST(Fields, ACheckpointRestoresEveryField) {
  const Sample saved = changed();
  std::ostringstream out(std::ios::binary);
  {
    cereal::BinaryOutputArchive archive(out);
    archive(const_cast<Sample&>(saved));
  }
  Sample restored;
  ASSERT_FALSE(restored == saved);
  std::istringstream in(out.str(), std::ios::binary);
  {
    cereal::BinaryInputArchive archive(in);
    archive(restored);
  }
  EXPECT_TRUE(restored == saved);
  // Each field on its own: a fresh struct differs from the saved one in every field.
  const Sample fresh;
  std::size_t differing = 0;
  with_fields(const_cast<Sample&>(fresh), [&](auto&... a) {
    with_fields(const_cast<Sample&>(saved), [&](auto&... b) { differing = ((a == b ? 0u : 1u) + ...); });
  });
  EXPECT_EQ(differing, field_count<Sample>) << "the sample must change every field for this test to mean it";
}

TEST(Fields, AnEmptyStructSavesNothing) {
  std::ostringstream out(std::ios::binary);
  {
    cereal::BinaryOutputArchive archive(out);
    Empty e;
    archive(e);
  }
  EXPECT_TRUE(out.str().empty());
}

}  // namespace
}  // namespace peacesim::engine
