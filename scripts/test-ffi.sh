#!/usr/bin/env bash
# C ABI and Python checks: header drift and header-alone compiles, redactor.pc, the C programs in
# examples/c (native, static, ASan/UBSan, valgrind), and the Python package installed with pip
# into a fresh virtualenv and tested with pytest. Called by scripts/test-all.sh; runs alone too.
#
# Needs cargo, cc, pkg-config, valgrind, python3 (with venv and pip). Environment: CC (default cc),
# SKIP_VALGRIND=1 / SKIP_PYTHON=1 to leave a part out while iterating (never in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

step() { printf '\n--> %s\n' "$*"; }

CC=${CC:-cc}
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
LIBDIR=$TARGET_DIR/release
WORK=$TARGET_DIR/ffi-tests
mkdir -p "$WORK"

for tool in "$CC" pkg-config python3; do
  command -v "$tool" >/dev/null || { echo "test-ffi: $tool is not installed" >&2; exit 1; }
done
if [ "${SKIP_VALGRIND:-0}" != 1 ] && ! command -v valgrind >/dev/null; then
  echo "test-ffi: valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi

step "build the C library (release: libredactor_ffi.so and libredactor_ffi.a)"
# --workspace: the same feature set as the workspace test run, so nothing is built twice.
cargo build --release --locked --workspace

step "Rust tests of the ABI, including the header drift check"
# test-all.sh has run the whole workspace's tests (these included) already.
if [ "${REDACTOR_WORKSPACE_TESTED:-0}" != 1 ]; then
  cargo test --release --locked --workspace --test header
  cargo test --release --locked -p redactor-ffi --lib
fi

step "the header compiles alone (C99 pedantic, C11, C17, C++11)"
for std in c99 c11 c17; do
  "$CC" -std=$std -Wall -Wextra -Werror -pedantic -fsyntax-only -x c include/redactor.h
done
if command -v c++ >/dev/null; then
  c++ -std=c++11 -Wall -Wextra -Werror -pedantic -fsyntax-only -x c++ include/redactor.h
fi

step "redactor.pc"
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
# What rustc says a Rust staticlib needs on Linux (`cargo rustc -p redactor-ffi --crate-type
# staticlib -- --print native-static-libs`); the static link below proves the list.
NATIVE_STATIC_LIBS="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
mkdir -p "$LIBDIR/pkgconfig"
sed -e "s|@PREFIX@|$ROOT|" -e "s|@INCLUDEDIR@|$ROOT/include|" -e "s|@LIBDIR@|$LIBDIR|" \
  -e "s|@VERSION@|$VERSION|" -e "s|@NATIVE_STATIC_LIBS@|$NATIVE_STATIC_LIBS|" \
  crates/redactor-ffi/redactor.pc.in >"$LIBDIR/pkgconfig/redactor.pc"
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
test "$(pkg-config --modversion redactor)" = "$VERSION"
echo "$LIBDIR/pkgconfig/redactor.pc (version $VERSION)"

step "compile the C programs: cc -std=c11 -Wall -Wextra -Werror app.c \$(pkg-config --cflags --libs redactor)"
CFLAGS=(-std=c11 -Wall -Wextra -Werror -g)
# shellcheck disable=SC2046 # pkg-config output is meant to be split
"$CC" "${CFLAGS[@]}" examples/c/test_redactor.c -pthread -o "$WORK/test_redactor" \
  $(pkg-config --cflags --libs redactor)
# shellcheck disable=SC2046
"$CC" "${CFLAGS[@]}" examples/c/redact_stream.c -o "$WORK/redact_stream" \
  $(pkg-config --cflags --libs redactor)
# Statically linked against libredactor_ffi.a, with the private libs from the .pc file.
# shellcheck disable=SC2046
"$CC" "${CFLAGS[@]}" examples/c/test_redactor.c -pthread -o "$WORK/test_redactor_static" \
  $(pkg-config --cflags redactor) \
  $(pkg-config --static --libs redactor | sed 's/-lredactor_ffi/-Wl,-Bstatic -lredactor_ffi -Wl,-Bdynamic/')
if ldd "$WORK/test_redactor_static" | grep -q libredactor_ffi; then
  echo "test-ffi: the static build still needs libredactor_ffi.so" >&2
  exit 1
fi
# ASan + UBSan over the C side (the Rust library itself is not instrumented).
# shellcheck disable=SC2046
"$CC" "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
  examples/c/test_redactor.c -pthread -o "$WORK/test_redactor_asan" \
  $(pkg-config --cflags --libs redactor)

export LD_LIBRARY_PATH="$LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
TRANSCRIPT=examples/data/chat-transcript.txt

step "run the C test (shared library)"
"$WORK/test_redactor" "$TRANSCRIPT"

step "run the C test (static library)"
"$WORK/test_redactor_static" "$TRANSCRIPT"

step "run the C test under ASan/UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$WORK/test_redactor_asan" "$TRANSCRIPT"

step "redact_stream: same output for chunk sizes 1, 7 and 4096"
"$WORK/redact_stream" "$TRANSCRIPT" 4096 >"$WORK/stream-4096.txt"
"$WORK/redact_stream" "$TRANSCRIPT" 7 >"$WORK/stream-7.txt"
"$WORK/redact_stream" - 1 <"$TRANSCRIPT" >"$WORK/stream-1.txt"
cmp "$WORK/stream-4096.txt" "$WORK/stream-7.txt"
cmp "$WORK/stream-4096.txt" "$WORK/stream-1.txt"
if "$WORK/redact_stream" "$TRANSCRIPT" 64 '{"bad": 1}' >/dev/null 2>"$WORK/bad-config.txt"; then
  echo "test-ffi: redact_stream accepted a bad config" >&2
  exit 1
fi
grep -q "invalid config" "$WORK/bad-config.txt"
head -n 5 "$WORK/stream-4096.txt"

if [ "${SKIP_VALGRIND:-0}" != 1 ]; then
  step "valgrind: zero errors, zero definite or indirect leaks"
  VG=(valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect)
  "${VG[@]}" "$WORK/test_redactor" "$TRANSCRIPT"
  "${VG[@]}" "$WORK/redact_stream" "$TRANSCRIPT" 5 >"$WORK/stream-vg.txt"
  cmp "$WORK/stream-4096.txt" "$WORK/stream-vg.txt"
  echo "valgrind: clean"
fi

if [ "${SKIP_PYTHON:-0}" != 1 ]; then
  step "Python: pip install ./bindings/python into a fresh virtualenv, then pytest"
  VENV=$WORK/venv
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check pytest
  # The install runs cargo itself (bindings/python/setup.py); the build above makes it quick.
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check ./bindings/python
  # Run from the tests folder so `import redactor` finds the installed package, not the source.
  (cd bindings/python/tests && env -u REDACTOR_LIB "$VENV/bin/python" -m pytest -q -p no:cacheprovider)
fi

step "C ABI and Python checks passed"
