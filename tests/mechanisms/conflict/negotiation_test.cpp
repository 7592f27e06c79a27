// M10 negotiation: eligibility by labelling, the mediation weight, the monthly hazard (against its
// formula over many months), and what signing does to the agreement.
#include "mechanisms/peace_process/negotiation.hpp"

#include <cmath>

#include "fixture.hpp"

namespace peacesim::mechanisms::conflict::testing {
namespace {

using peace_process::Eligibility;
using peace_process::Talks;

TEST(Negotiation, EligibilityFollowsLabelling) {
  World w;
  auto& mujao = w.state.group(kMujao);
  auto& mnla = w.state.group(kMnla);
  Talks t;
  mujao.designated = true;
  EXPECT_TRUE(peace_process::eligible(t, mnla, kMnla));
  EXPECT_FALSE(peace_process::eligible(t, mujao, kMujao));
  t.excluded = {kMnla};
  EXPECT_FALSE(peace_process::eligible(t, mnla, kMnla));
  t.eligibility = Eligibility::NoJihadists;
  EXPECT_TRUE(peace_process::eligible(t, mnla, kMnla));
  mujao.designated = false;
  EXPECT_FALSE(peace_process::eligible(t, mujao, kMujao));  // jihadist, designated or not
  t.eligibility = Eligibility::All;
  mujao.designated = true;
  EXPECT_TRUE(peace_process::eligible(t, mujao, kMujao));
}

TEST(Negotiation, AUnMediatorWeighsAsMuchAsTheUnIsImpartial) {
  Talks t;
  EXPECT_DOUBLE_EQ(peace_process::mediation_weight(t, 0.2), 1.0);  // no mediator: direct talks
  t.mediator_un = {false, true};
  EXPECT_DOUBLE_EQ(peace_process::mediation_weight(t, 0.2), 0.6);
  EXPECT_DOUBLE_EQ(peace_process::mediation_weight(t, 1.0), 1.0);
}

// Months until each of many identical (world, seed) runs signs; the share signed after one month
// must match 1 - exp(-rate * M * pi * rho).
double signed_share(const peace_process::NegotiationParams& params, Eligibility e, ActorIndex g,
                    bool holds_town) {
  int signed_count = 0;
  const int runs = 400;
  for (int seed = 1; seed <= runs; ++seed) {
    World w({10.0, 10, static_cast<std::uint64_t>(seed)});
    w.state.group(kMnla).active = w.state.group(kMujao).active = true;
    w.state.places[kGao].controller = holds_town ? g : kState;
    std::vector<peace_process::Agreement> agreements(1);
    agreements[0].negotiated = true;
    Talks t;
    t.eligibility = e;
    peace_process::negotiate(w.state, *w.context, agreements, {t}, params, w.perceived.un_impartiality);
    for (auto s : agreements[0].signatories) signed_count += s == g ? 1 : 0;
  }
  return static_cast<double>(signed_count) / runs;
}

TEST(Negotiation, TheMonthlyHazardFollowsItsFormula) {
  peace_process::NegotiationParams p;
  p.rate = 0.3;
  const double sd = std::sqrt(0.25 / 400.0);
  // A separatist group holding a town: p = 1 - exp(-rate).
  EXPECT_NEAR(signed_share(p, Eligibility::All, kMnla, true), 1.0 - std::exp(-0.3), 4 * sd);
  // Under pressure (no town): rate * pressure.
  EXPECT_NEAR(signed_share(p, Eligibility::All, kMnla, false), 1.0 - std::exp(-0.3 * p.pressure), 4 * sd);
  // A jihadist group, eligible, holding a town: rate * reluctance.
  EXPECT_NEAR(signed_share(p, Eligibility::All, kMujao, true), 1.0 - std::exp(-0.3 * p.jihadist_reluctance),
              4 * sd);
  EXPECT_EQ(signed_share(p, Eligibility::NoJihadists, kMujao, true), 0.0);
}

TEST(Negotiation, SigningStartsTheAgreementAndCountsAsPeace) {
  World w;
  w.state.group(kMnla).active = true;
  w.state.day = 100;
  std::vector<peace_process::Agreement> agreements(1);
  agreements[0].negotiated = true;
  Talks t;
  t.from_day = 101;
  peace_process::NegotiationParams p;
  p.rate = 1000.0;  // certain
  EXPECT_TRUE(peace_process::negotiate(w.state, *w.context, agreements, {t}, p, w.perceived.un_impartiality)
                  .empty());  // not open yet
  w.state.day = 101;
  const auto signed_now =
      peace_process::negotiate(w.state, *w.context, agreements, {t}, p, w.perceived.un_impartiality);
  ASSERT_FALSE(signed_now.empty());
  EXPECT_EQ(agreements[0].signed_day, 101);
  EXPECT_NE(agreements[0].regions, 0u);
  EXPECT_TRUE(peace_process::signed_negotiated(agreements, kMnla, 101));
  EXPECT_FALSE(peace_process::signed_negotiated(agreements, kMnla, 100));
  // Nobody signs twice.
  w.state.day = 131;
  for (auto g :
       peace_process::negotiate(w.state, *w.context, agreements, {t}, p, w.perceived.un_impartiality))
    EXPECT_NE(g, kMnla);
}

}  // namespace
}  // namespace peacesim::mechanisms::conflict::testing
