# jib — build, test, demo, bench.  `make`, `make check`, `make demo`.
# Every build first runs .ci/deps, which installs missing libraries with apt-get.

ifeq ($(filter clean,$(MAKECMDGOALS)),)
DEPS_STATUS := $(shell JIB_TEST_TOOLS=$(if $(filter check,$(MAKECMDGOALS)),1,0) JIB_FUZZ_TOOLS=$(if $(filter fuzz fuzz-build,$(MAKECMDGOALS)),1,0) sh .ci/deps >&2 && echo ok)
ifneq ($(DEPS_STATUS),ok)
$(error build dependencies are missing and could not be installed; see the messages above)
endif
endif

CC      ?= cc
PKGS    := ncursesw sqlite3 nettle libzip expat xlsxwriter
CPPFLAGS += -I. $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS))) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -pthread
# snprintf truncation is deliberate where used (bounded messages), so gcc's guess is noise.
CFLAGS  += -Wno-format-truncation
LDLIBS  := $(shell pkg-config --libs $(PKGS)) -lcsv -lm -pthread
TEST_LDLIBS := $(shell pkg-config --libs criterion)

PREFIX  ?= /usr/local
DATADIR := $(PREFIX)/share/jib
# demo looks for sample-data/ beside the executable, then here.
CPPFLAGS += -DJIB_DATADIR='"$(DATADIR)"'

ifeq ($(SANITIZE),1)
BUILD   := build/san
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
BUILD   := build/rel
endif

LIB_SRC  := $(wildcard core/*.c import/*.c) $(filter-out tui/main.c,$(wildcard tui/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
# Each tests/test_*.c is its own Criterion binary (a suite that does not build
# blocks only itself); tests/support.c is shared by all of them.
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o) $(BUILD)/tests/support.o
BENCH_SRC := $(wildcard tests/bench/*.c)

.PHONY: all check demo bench clean install uninstall FORCE fuzz fuzz-build
all: jib $(BUILD)/jib.1

# ./jib is always the build asked for: after `make check SANITIZE=1`, a plain
# `make` or `make install` must not keep (or install) the sanitizer's binary
# because the copy is newer than build/rel/jib.
jib: $(BUILD)/jib FORCE
	cmp -s $< $@ || cp $< $@

$(BUILD)/jib: $(BUILD)/tui/main.o $(BUILD)/libjib.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libjib.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(BUILD)/tests/support.o $(BUILD)/libjib.a
	$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LDLIBS) $(LDLIBS)

# Tests run the real binary too (JIB_BIN), with the shared reference data beside the repo;
# TEST_JOBS suites at a time (each runs its tests two at a time), then the tmux one alone
# (its terminal waits are bounded).
TEST_JOBS ?= 2
check: $(TEST_BIN) $(BUILD)/jib
	JIB_BIN=$(CURDIR)/$(BUILD)/jib JIB_ROOT=$(CURDIR) JIB_TEST_JOBS=$(TEST_JOBS) JIB_TEST_ALONE=test_tty \
	sh tests/run-tests.sh $(TEST_BIN)

demo: jib
	./jib demo

bench: jib
	sh tests/bench/run.sh

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary, the man page, bash
# and zsh completion and the sample data (for `jib demo`); make uninstall
# removes exactly those.
BINDIR   := $(PREFIX)/bin
MANDIR   := $(PREFIX)/share/man/man1
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  := $(PREFIX)/share/zsh/site-functions
INSTALLED := $(BINDIR)/jib $(MANDIR)/jib.1 $(BASHCOMPDIR)/jib $(ZSHCOMPDIR)/_jib

install: jib $(BUILD)/jib.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(DATADIR)/sample-data
	install -m 755 jib $(DESTDIR)$(BINDIR)/jib
	install -m 644 $(BUILD)/jib.1 $(DESTDIR)$(MANDIR)/jib.1
	install -m 644 completion/jib.bash $(DESTDIR)$(BASHCOMPDIR)/jib
	install -m 644 completion/_jib $(DESTDIR)$(ZSHCOMPDIR)/_jib
	install -m 644 sample-data/*.csv sample-data/*.md $(DESTDIR)$(DATADIR)/sample-data

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	rm -rf $(DESTDIR)$(DATADIR)

# The man page is generated from the command, option and action tables at
# every build, so it cannot fall behind them; `man -l build/rel/jib.1` reads it.
$(BUILD)/jib.1: $(BUILD)/jib
	$(BUILD)/jib --manpage > $@.tmp && mv $@.tmp $@

# The data directory is compiled into the demo command: rebuild it when PREFIX changes.
$(BUILD)/datadir.stamp: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
$(BUILD)/tui/cmd_demo.o: $(BUILD)/datadir.stamp
FORCE:

# Every suite but the tmux one (test_tty: a terminal under valgrind is too
# slow for its bounded waits) under valgrind, following into every jib the
# tests run (and into the test binaries' own workers) but not into the system
# programs some tests start (sh, make, chromium, pdftotext...: not ours, and
# chromium under valgrind would take most of the run); any valgrind error fails
# the run. Two suites at a time (VALGRIND_JOBS), each suite's output kept in
# $(BUILD)/valgrind/ with summary.txt; suites' own timeouts are multiplied by
# 10 under the tool. VALGRIND_BUDGET (seconds, 0 = none) is a safety net: a
# suite not started within it is listed and fails the run.
# (No quotes: tests/run-tests.sh splits JIB_TEST_WRAPPER on spaces and does
# not expand patterns, so quotes would become part of the first and last ones.)
VALGRIND_SKIP := */sh,*/dash,*/bash,*/zsh,*/tmux,*/env,*/sqlite3,*/make,*/chromium*,*/pdftotext,*/pdfinfo
# When the repository is not itself under a system directory, skip everything
# there: then only our binaries (jib, the tests, an installed jib) are traced.
ifeq ($(filter /usr/% /bin/% /sbin/% /lib/% /lib64/% /opt/% /snap/%,$(CURDIR)),)
VALGRIND_SKIP := /usr/*,/bin/*,/sbin/*,/lib/*,/lib64/*,/opt/*,/snap/*,$(VALGRIND_SKIP)
endif
VALGRIND := valgrind -q --trace-children=yes --trace-children-skip=$(VALGRIND_SKIP) \
            --error-exitcode=99 --leak-check=no --track-origins=no --vgdb=no
# Longest first, so the two queues finish close together (times in
# docs/RELIABILITY.md section 5).
VALGRIND_FIRST := $(addprefix $(BUILD)/tests/,test_screen test_plan test_import test_hardening \
                  test_brief test_xlsx_output test_export test_workbook test_due test_authority)
VALGRIND_SUITES := $(filter $(TEST_BIN),$(VALGRIND_FIRST)) \
                   $(filter-out %/test_tty $(VALGRIND_FIRST),$(TEST_BIN))
VALGRIND_BUDGET ?= 0
VALGRIND_JOBS ?= 2
valgrind: $(TEST_BIN) $(BUILD)/jib
	JIB_BIN=$(CURDIR)/$(BUILD)/jib JIB_ROOT=$(CURDIR) JIB_TEST_TIMEOUT=900 JIB_SUITE_TIMEOUT=1200 \
	JIB_TEST_TIMEOUT_SCALE=10 JIB_TEST_JOBS=$(VALGRIND_JOBS) JIB_TEST_LOGDIR=$(CURDIR)/$(BUILD)/valgrind \
	JIB_TEST_BUDGET=$(VALGRIND_BUDGET) JIB_TEST_WRAPPER="$(VALGRIND)" sh tests/run-tests.sh $(VALGRIND_SUITES)

# Crash safety and the soak test (docs/RELIABILITY.md): RELIABILITY_KILLS,
# RELIABILITY_ROWS, SOAK_SECONDS and SOAK_PROCS change their size.
reliability: $(BUILD)/jib
	JIB_BIN=$(CURDIR)/$(BUILD)/jib sh tests/reliability/crash.sh $(or $(RELIABILITY_KILLS),200) $(or $(RELIABILITY_ROWS),200000)
	JIB_BIN=$(CURDIR)/$(BUILD)/jib sh tests/reliability/soak.sh $(or $(SOAK_SECONDS),60) $(or $(SOAK_PROCS),8)

# Fuzzing (libFuzzer through clang): `make fuzz` runs each harness of
# tests/fuzz/ for FUZZ_SECONDS on the committed corpus, under nice -n 19.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
FUZZ_CFLAGS  := -g -O1 -std=c11 -Wall -Wextra -fno-omit-frame-pointer -fsanitize=address,undefined
FUZZ_OBJ     := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_NAMES   := csv_import date normalise workbook
FUZZ_BIN     := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/libjib.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_BUILD)/libjib.a
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: $(FUZZ_BIN)
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_NAMES)

clean:
	rm -rf build jib

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/tui/main.d
.SECONDARY:
