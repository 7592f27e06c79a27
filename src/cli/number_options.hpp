// Strict readers for the command line's numbers. CLI11 reads integers with strtoull in base 0 and
// decimals with strtold, so on its own it takes `-1` as 18446744073709551615, `010` as 8, `0x10` as
// 16 and `nan` as a number. These transforms run first on the option's text: they accept plain
// decimal numbers only, in the option's range, and hand CLI11 a canonical form it cannot misread.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>

namespace peacesim::cli {

// A whole number 0..max written in decimal digits (leading zeros allowed and dropped).
CLI::Validator whole_number(std::uint64_t max);

// A finite decimal number, e.g. `100`, `2.5` or `1e3`; no hexadecimal, `nan` or `inf`.
CLI::Validator decimal_number();

}  // namespace peacesim::cli
