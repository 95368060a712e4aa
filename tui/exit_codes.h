/* The exit codes (sysexits) users and their scripts see. tui/ alone picks
 * them: cli_exit_code (tui/cli.c) maps core/'s and import/'s error kinds to
 * them, and the README's "Exit codes" table lists both. core/ and import/
 * never include this file (tests/test_errors.c, tests/test_layers.c). */
#ifndef JIB_EXIT_CODES_H
#define JIB_EXIT_CODES_H

enum {
    EXIT_OK_ = 0,
    EX_USAGE_ = 64,
    EX_DATAERR_ = 65,
    EX_NOINPUT_ = 66,
    EX_UNAVAILABLE_ = 69,
    EX_SOFTWARE_ = 70,
    EX_CANTCREAT_ = 73,
    EX_IOERR_ = 74,
    EX_TEMPFAIL_ = 75,
};

#endif
