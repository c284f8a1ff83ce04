# Thin wrapper over CMake. `make demo` and `make test` work as root on a fresh Debian 12 machine.
# Ninja always: `deps` installs it, and one build folder must never be configured with two generators.
BUILD     ?= build
JOBS      ?= $(shell nproc)
FUZZ_SECONDS ?= 60
FUZZ_CSV_SECONDS ?= 30
FUZZ_PACK_SECONDS ?= 60

.PHONY: all deps configure build demo test bench sanitize fuzz studio screenshots clean

all: build

deps:
	bash scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the bundled pathways: check them, build each into a rule pack, run each pack over its
# sample data in pathways/data/ and show the results (scripts/demo.sh).
demo: build
	bash scripts/demo.sh $(BUILD)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The EBI imaging rule on 1M and 5M generated records: hand-written C++, the Waymark VM, SQLite and the reference
# evaluator, pre-loaded and end to end, as ratios measured in the same run (about 1.5 minutes on 2 cores). The
# markdown report is printed and written to $(BUILD)/bench.md.
bench: build
	./$(BUILD)/bin/waymark-bench --markdown $(BUILD)/bench.md
	bash bench/trace_hook_cost.sh $(BUILD)/bin | tee -a $(BUILD)/bench.md
	./$(BUILD)/bin/waymark-bench-check | tee -a $(BUILD)/bench.md

# Every test again under AddressSanitizer and UndefinedBehaviorSanitizer, with the VM's portable switch dispatch
# (the main build uses computed goto), so both dispatch loops run every test. The benchmark is left out: it
# measures the optimised build, its smoke test runs in `make test`, and it compiles a second copy of the runtime.
sanitize: deps
	cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWAYMARK_SANITIZE=ON -DWAYMARK_STUDIO=OFF -DWAYMARK_SWITCH_DISPATCH=ON -DWAYMARK_BENCH=OFF
	cmake --build build-sanitize -j $(JOBS)
	cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer on the front end for FUZZ_SECONDS, seeded with the pathways and the test sources, on the CSV reader
# for FUZZ_CSV_SECONDS, seeded with tests/fuzz/csv_seeds, then on the rule-pack loader for FUZZ_PACK_SECONDS,
# seeded with tests/fuzz/pack_seeds (60 s, 30 s and 60 s by default, as CI runs them).
fuzz: deps
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DWAYMARK_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS) --target fuzz_frontend fuzz_csv_reader fuzz_pack_loader
	bash scripts/run-fuzzer.sh build-fuzz/bin/fuzz_frontend $(FUZZ_SECONDS)
	bash scripts/run-fuzzer.sh build-fuzz/bin/fuzz_csv_reader $(FUZZ_CSV_SECONDS) 'tests/fuzz/csv_seeds/*.csv'
	bash scripts/run-fuzzer.sh build-fuzz/bin/fuzz_pack_loader $(FUZZ_PACK_SECONDS) tests/fuzz/pack_seeds

studio: build
	./$(BUILD)/bin/waymark-studio --folder pathways

# The README's Studio screenshots, remade by the scripted tests running headless (needs pngquant).
screenshots: build
	bash scripts/studio-screenshots.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-sanitize build-fuzz
