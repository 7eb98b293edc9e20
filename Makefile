# Two commands: `make run` and `make test`. Both install missing Debian
# packages first (scripts/install-deps), then build with CMake.
#   make run        build (Release) and serve the demo tenants on :8080
#   make test       build, run every test, then every fuzz target for
#                   FUZZ_SECONDS from its corpus (clang, ASan + UBSan)
#   make sanitize   the unit and integration suites again, built with
#                   clang, AddressSanitizer and UndefinedBehaviorSanitizer
#                   (.ci/run runs it after make test)
BUILD_DIR ?= build
SAN_DIR ?= build-asan
JOBS ?= 2
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
FUZZ_SECONDS ?= 30
SAN_FLAGS ?= -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
             -DAIV7_SANITIZE=address,undefined -DAIV7_FUZZ=ON -DAIV7_FUZZ_SECONDS=$(FUZZ_SECONDS) \
             -DAIV7_BUILD_BENCH=OFF
# Leaks and undefined behaviour fail the run, with a readable stack.
export ASAN_OPTIONS ?= detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS ?= print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0

.PHONY: all deps build run test fuzz-build fuzz sanitize-build sanitize bench clean

all: build

deps:
	scripts/install-deps

build: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	./$(BUILD_DIR)/aiv7 serve

test: build fuzz-build
	cd $(BUILD_DIR) && ctest --output-on-failure --timeout 600 -j$(JOBS)
	cd $(SAN_DIR) && ctest -L fuzz --output-on-failure -j$(JOBS)

fuzz-build: deps
	cmake -S . -B $(SAN_DIR) $(SAN_FLAGS)
	cmake --build $(SAN_DIR) -j$(JOBS) --target fuzzers

fuzz: fuzz-build
	cd $(SAN_DIR) && ctest -L fuzz --output-on-failure -j$(JOBS)

sanitize-build: fuzz-build
	cmake --build $(SAN_DIR) -j$(JOBS)

sanitize: sanitize-build
	cd $(SAN_DIR) && ctest -LE fuzz --output-on-failure --timeout 900 -j$(JOBS)

bench: deps
	scripts/install-deps --bench
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)
	bench/wrk/healthz.sh $(BUILD_DIR)/aiv7
	bench/wrk/chat.sh $(BUILD_DIR)/aiv7
	$(BUILD_DIR)/bench/aiv7_bench

clean:
	rm -rf $(BUILD_DIR) $(SAN_DIR)
