// The peace process: agreements with their mediators, signatures (who signed when), those kept
// out, and what they provide for (MODEL.md M10; a preliminary agreement and a final one, say).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "theatre/read.hpp"

namespace peacesim::theatre {

struct Signature {
  Ref party;  // an armed group or an institution (the host government)
  When when;
  Source source;
};

struct Agreement {
  std::string id;
  std::string name;
  std::optional<When> talks_from;
  std::vector<Ref> mediators;  // institutions
  std::vector<Signature> signatures;
  std::vector<Ref> excluded;  // armed groups kept out of the process
  std::vector<std::string> provisions;
  Role role = Role::Input;
  Source source;
  Location where;
  std::string field;
};

inline const std::vector<std::string>& provision_words() {
  static const std::vector<std::string> words{"ceasefire",
                                              "elections",
                                              "talks",
                                              "decentralization",
                                              "justice_reconciliation",
                                              "ddr",
                                              "cantonment",
                                              "army_redeployment",
                                              "economic_support_north",
                                              "return_of_state_presence"};
  return words;
}

std::vector<Agreement> read_agreements(const Node& root);

}  // namespace peacesim::theatre
