# Two commands: `make run` and `make test`. Both install missing Debian
# packages first (scripts/install-deps), then build with CMake.
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps build run test bench clean

all: build

deps:
	scripts/install-deps

build: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	./$(BUILD_DIR)/aiv7 serve

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure --timeout 600 -j$(JOBS)

bench: deps
	scripts/install-deps --bench
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)
	bench/wrk/healthz.sh $(BUILD_DIR)/aiv7
	bench/wrk/chat.sh $(BUILD_DIR)/aiv7
	$(BUILD_DIR)/bench/aiv7_bench

clean:
	rm -rf $(BUILD_DIR)
