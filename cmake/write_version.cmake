# Writes generated/peacesim/version.hpp with the git commit the sources are at. Run at every build
# (not only at configure time) so that a run's manifest names the commit its binary was built from,
# with "-dirty" when the tree had uncommitted changes. configure_file leaves the header untouched
# when nothing changed, so nothing recompiles needlessly.
execute_process(COMMAND git describe --always --dirty --abbrev=12
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE PEACESIM_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT PEACESIM_GIT_COMMIT)
  set(PEACESIM_GIT_COMMIT "unknown")
endif()
configure_file(${SOURCE_DIR}/src/version.hpp.in ${OUTPUT} @ONLY)
