// Catch2 2.13 ships no prebuilt main on Debian; this is it, compiled once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
