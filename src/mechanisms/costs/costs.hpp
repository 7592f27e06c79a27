// M12 Costs and burden (MODEL.md §4): what each operation costs and who pays.
//
// Each day an operation is deployed it costs its budget in force divided by 365 (the scenario's
// `budget` entries: UN approved budgets, the AU's and regional organizations' estimates), or, where no figure
// is in force, its strength that day times the cost of a troop-year for its kind of operation, over 365. The
// cost is split among payers by the funding source in force: `assessed` by the UN scale of assessments,
// `voluntary_trust_fund` by the donors' shares, `national` to the operation's lead organization, and so on,
// as the scenario's `dynamics.costs.payers` says. A run reports each operation's cost and each payer's total
// and share.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/fields.hpp"
#include "engine/parameter_table.hpp"
#include "engine/recorder.hpp"

namespace peacesim::mechanisms::conflict {
struct Module;
struct State;
}  // namespace peacesim::mechanisms::conflict

namespace peacesim::mechanisms::costs {

struct Share {
  std::string payer;  // an institution id, "lead" (the operation's first organization) or "others"
  double share = 0.0;
};

struct Rules {
  std::map<std::string, double> troop_year_usd;      // by operation kind
  std::map<std::string, std::vector<Share>> payers;  // by funding source
};

struct Params {
  bool enabled = true;
};

// Its parameter (the switch `costs_enabled`), bound to its member (module.cpp), and its module.
const engine::ParameterTable<Params>& parameter_table();
const conflict::Module& module();

class Costs {
 public:
  // `operations`: id, kind and lead organization of each operation the model tracks.
  struct Operation {
    std::string id, name, kind, lead;
  };
  Costs(Rules rules, std::vector<Operation> operations);

  // Declares cost_<operation> and paid_by_<payer> (USD, monthly flows, national region 0), and the
  // gauges cost_total (cumulative USD) and share_paid_by_<payer> (cumulative share, 0..1).
  void declare(engine::Recorder& recorder);
  // Sets the cumulative gauges.
  void observe(engine::Recorder& recorder) const;

  // One day of operation i: its budget per year in force (0 if none), its strength, its funding.
  // Throws std::invalid_argument for a funding source the rules do not know.
  void day(engine::Recorder& recorder, std::size_t i, double budget_per_year, double strength,
           const std::string& funding);

  [[nodiscard]] double total() const;
  [[nodiscard]] const std::map<std::string, double>& by_payer() const { return spent_.by_payer; }
  [[nodiscard]] const std::vector<double>& by_operation() const { return spent_.by_operation; }
  [[nodiscard]] const std::vector<Operation>& operations() const { return operations_; }

  // What changes: the money spent so far (checkpointed whole).
  struct Spent {
    std::vector<double> by_operation;
    std::map<std::string, double> by_payer;
    bool operator==(const Spent&) const = default;
    template <class Archive>
    void serialize(Archive& a) {
      engine::archive_fields(a, *this);
    }
  };
  [[nodiscard]] Spent& spent() { return spent_; }

 private:
  Rules rules_;
  std::vector<Operation> operations_;
  Spent spent_;
  std::vector<engine::SeriesId> cost_series_;
  std::map<std::string, engine::SeriesId> paid_series_;
  std::map<std::string, engine::SeriesId> share_series_;
  engine::SeriesId total_series_ = 0;
};

// One operation's bill for a day: its budget per year in force (0 if none), strength, funding.
struct Bill {
  std::size_t operation = 0;
  double budget_per_year = 0.0;
  double strength = 0.0;
  std::string funding;
};

// What M12 gets from the model: the rates and payers, the operations (in the order of the shared
// state's forces) and each day's bills, read from the scenario's budgets and today's strengths.
struct Inputs {
  Rules rules;
  std::vector<Costs::Operation> operations;
  std::function<std::vector<Bill>(const conflict::State& state)> bills;
};

}  // namespace peacesim::mechanisms::costs
