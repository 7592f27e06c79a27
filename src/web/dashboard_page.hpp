// The dashboard's page: web/ built by Vite into one self-contained HTML file (scripts and styles
// inlined) and compiled into the binary (src/web/CMakeLists.txt). `peacesim serve` answers `/`
// with it; `peacesim report` writes it with a run's data inlined.
#pragma once

#include <string_view>

namespace peacesim::web {

std::string_view dashboard_page();

}  // namespace peacesim::web
