/* ptybench: how fast a full-screen program shows its first screen, and how many
 * bytes it writes to the terminal for one keypress.
 *
 *   ptybench [-D] [-n RUNS] [-c COLS] [-r ROWS] [-T TERM] [-i IDLE_MS] [-t TIMEOUT_MS]
 *            -m MARKER [-k KEY]... [-q QUIT] -- COMMAND [ARG]...
 *
 * Each run starts COMMAND on a new pseudo-terminal of COLS x ROWS with TERM set,
 * and times how long until its output contains MARKER (matched with escape
 * sequences removed, so colour changes inside it do not hide it). It then waits
 * until the output has been idle for IDLE_MS, sends each KEY in turn and counts
 * the bytes written in response until idle again, and finally sends QUIT and
 * reaps the child (SIGTERM, then SIGKILL, if it does not exit).
 *
 * KEY and QUIT take C escapes (\e, \033, \n, \r, \t) and the names down, up,
 * pgdn, pgup (the xterm application-mode sequences ncurses expects after
 * keypad(TRUE): ESC O B, ESC O A, ESC [ 6 ~, ESC [ 5 ~).
 *
 * Prints one JSON object: the median first-screen time and bytes, and per key
 * the median bytes, time to the response's first byte (latency_ms) and to its
 * last byte (ms), plus every run's values. -D prints each first screen's text. */
#define _GNU_SOURCE /* memmem, forkpty */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_KEYS = 8, MAX_RUNS = 101, MAX_KEY_BYTES = 64 };

struct options {
    int runs, cols, rows, idle_ms, timeout_ms;
    int dump; /* -D: print the first screen's text (escapes removed) to stderr */
    const char *term, *marker;
    char quit[MAX_KEY_BYTES];
    char keys[MAX_KEYS][MAX_KEY_BYTES];
    const char *key_names[MAX_KEYS];
    int key_count;
    char **argv;
};

struct run {
    double first_ms;
    long first_bytes;
    long key_bytes[MAX_KEYS];
    double key_ms[MAX_KEYS];      /* until the last byte of the response */
    double key_latency[MAX_KEYS]; /* until its first byte */
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Named keys, else the text with C escapes decoded; false when it does not fit. */
static int decode_key(const char *text, char out[MAX_KEY_BYTES])
{
    static const char *const named[][2] = {
        {"down", "\033OB"}, {"up", "\033OA"}, {"pgdn", "\033[6~"}, {"pgup", "\033[5~"}};
    if (strlen(text) >= MAX_KEY_BYTES)
        return 0;
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if (strcmp(text, named[i][0]) == 0)
            return strcpy(out, named[i][1]) != NULL;
    char *o = out;
    for (const char *p = text; *p; p++) {
        if (*p != '\\' || !p[1]) {
            *o++ = *p;
            continue;
        }
        p++;
        if (*p == 'e')
            *o++ = '\033';
        else if (*p == 'n')
            *o++ = '\n';
        else if (*p == 'r')
            *o++ = '\r';
        else if (*p == 't')
            *o++ = '\t';
        else if (*p >= '0' && *p <= '7') {
            int v = 0;
            for (int k = 0; k < 3 && *p >= '0' && *p <= '7'; k++, p++)
                v = v * 8 + (*p - '0');
            p--;
            *o++ = (char)v;
        } else
            *o++ = *p;
    }
    *o = '\0';
    return 1;
}

/* The terminal output with escape sequences removed, for finding the marker. */
struct text {
    enum { PLAIN, ESC, CSI, STRING, STRING_ESC, CHARSET } state;
    char *buf;
    size_t len, cap;
};

static void text_append(struct text *t, char c)
{
    if (t->len + 1 >= t->cap) {
        t->cap = t->cap ? 2 * t->cap : 65536;
        t->buf = realloc(t->buf, t->cap);
    }
    t->buf[t->len++] = c;
    t->buf[t->len] = '\0';
}

static void text_feed(struct text *t, unsigned char c)
{
    switch (t->state) {
    case PLAIN:
        if (c == 0x1b)
            t->state = ESC;
        else if (c >= 0x20 || c == '\n')
            text_append(t, (char)c);
        break;
    case ESC: /* CSI, OSC/DCS strings, charset designation, or a single character */
        t->state = c == '[' ? CSI : c == ']' || c == 'P' ? STRING
                   : c == '(' || c == ')' || c == '*' || c == '+' ? CHARSET : PLAIN;
        break;
    case CSI:
        if (c >= 0x40 && c <= 0x7e)
            t->state = PLAIN;
        break;
    case STRING:
        t->state = c == 0x07 ? PLAIN : c == 0x1b ? STRING_ESC : STRING;
        break;
    case STRING_ESC:
    case CHARSET:
        t->state = PLAIN;
        break;
    }
}

struct session {
    int fd;
    pid_t pid;
    long bytes;        /* bytes read since the last reset */
    double first_byte; /* when the first byte since the last reset arrived */
    double last_byte;  /* when the last byte arrived */
    int eof;
    struct text text;
};

/* Reads what is available within wait_ms; returns bytes read, 0 on timeout. */
static long session_read(struct session *s, int wait_ms)
{
    struct pollfd p = {.fd = s->fd, .events = POLLIN};
    if (s->eof || poll(&p, 1, wait_ms) <= 0)
        return 0;
    unsigned char buf[65536];
    ssize_t n = read(s->fd, buf, sizeof buf);
    if (n <= 0) { /* EIO: the child closed the terminal */
        s->eof = 1;
        return 0;
    }
    for (ssize_t i = 0; i < n; i++)
        text_feed(&s->text, buf[i]);
    if (s->bytes == 0)
        s->first_byte = now_ms();
    s->bytes += n;
    s->last_byte = now_ms();
    return n;
}

/* Reads until nothing arrives for idle_ms (or the child has gone). */
static void session_wait_idle(struct session *s, int idle_ms)
{
    while (session_read(s, idle_ms) > 0)
        ;
}

static int session_wait_marker(struct session *s, const char *marker, int timeout_ms)
{
    double deadline = now_ms() + timeout_ms;
    size_t from = 0, mlen = strlen(marker);
    while (now_ms() < deadline && !s->eof) {
        if (session_read(s, 50) == 0)
            continue;
        if (s->text.len >= mlen && memmem(s->text.buf + from, s->text.len - from, marker, mlen))
            return 0;
        from = s->text.len > mlen ? s->text.len - mlen : 0;
    }
    return -1;
}

static int session_start(struct session *s, const struct options *o)
{
    struct winsize ws = {.ws_row = (unsigned short)o->rows, .ws_col = (unsigned short)o->cols};
    memset(s, 0, sizeof *s);
    s->pid = forkpty(&s->fd, NULL, NULL, &ws);
    if (s->pid < 0) {
        perror("ptybench: forkpty");
        return -1;
    }
    if (s->pid == 0) {
        setenv("TERM", o->term, 1);
        unsetenv("LINES");
        unsetenv("COLUMNS");
        execvp(o->argv[0], o->argv);
        fprintf(stderr, "ptybench: %s: %s\n", o->argv[0], strerror(errno));
        _exit(127);
    }
    return 0;
}

/* Sends the quit key, drains the terminal so the child is never blocked on a full
 * pty, and reaps it; a child that ignores the key is terminated. */
static void session_stop(struct session *s, const char *quit)
{
    if (write(s->fd, quit, strlen(quit)) < 0)
        s->eof = 1;
    int status;
    for (double deadline = now_ms() + 3000; now_ms() < deadline;) {
        session_read(s, 20);
        if (waitpid(s->pid, &status, WNOHANG) == s->pid)
            goto done;
    }
    fputs("ptybench: the program did not quit; terminating it\n", stderr);
    kill(s->pid, SIGTERM);
    usleep(300000);
    kill(s->pid, SIGKILL);
    waitpid(s->pid, &status, 0);
done:
    close(s->fd);
    free(s->text.buf);
}

static int run_once(const struct options *o, struct run *r)
{
    struct session s;
    double t0 = now_ms();
    if (session_start(&s, o))
        return -1;
    if (session_wait_marker(&s, o->marker, o->timeout_ms)) {
        size_t len = s.text.len, tail = len > 600 ? len - 600 : 0;
        fprintf(stderr, "ptybench: marker '%s' not seen within %d ms; output ends with:\n%s\n",
                o->marker, o->timeout_ms, s.text.buf ? s.text.buf + tail : "(nothing)");
        session_stop(&s, o->quit);
        return -1;
    }
    r->first_ms = s.last_byte - t0;
    session_wait_idle(&s, o->idle_ms);
    r->first_bytes = s.bytes;
    if (o->dump)
        fprintf(stderr, "%s\n", s.text.buf);
    for (int k = 0; k < o->key_count; k++) {
        s.bytes = 0;
        double sent = now_ms();
        s.last_byte = sent;
        if (write(s.fd, o->keys[k], strlen(o->keys[k])) < 0)
            perror("ptybench: write");
        session_wait_idle(&s, o->idle_ms);
        r->key_bytes[k] = s.bytes;
        r->key_ms[k] = s.last_byte - sent;
        r->key_latency[k] = s.bytes ? s.first_byte - sent : 0;
    }
    session_stop(&s, o->quit);
    return 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_doubles);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void print_json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* Prints "name":median,"name_all":[v1,...] for one measure over all runs. */
static void print_measure(const char *name, double *v, int n, const char *suffix)
{
    printf("\"%s\":", name);
    double copy[MAX_RUNS];
    memcpy(copy, v, (size_t)n * sizeof *v);
    printf("%.3f,\"%s_all\":[", median(copy, n), name);
    for (int i = 0; i < n; i++)
        printf("%s%.3f", i ? "," : "", v[i]);
    printf("]%s", suffix);
}

static void print_report(const struct options *o, const struct run *runs)
{
    double v[MAX_RUNS];
    printf("{\"command\":");
    print_json_string(o->argv[0]);
    printf(",\"cols\":%d,\"rows\":%d,\"term\":", o->cols, o->rows);
    print_json_string(o->term);
    printf(",\"runs\":%d,", o->runs);
    for (int i = 0; i < o->runs; i++)
        v[i] = runs[i].first_ms;
    print_measure("first_screen_ms", v, o->runs, ",");
    for (int i = 0; i < o->runs; i++)
        v[i] = (double)runs[i].first_bytes;
    print_measure("first_screen_bytes", v, o->runs, ",\"keys\":[");
    for (int k = 0; k < o->key_count; k++) {
        printf("%s{\"key\":", k ? "," : "");
        print_json_string(o->key_names[k]);
        putchar(',');
        for (int i = 0; i < o->runs; i++)
            v[i] = (double)runs[i].key_bytes[k];
        print_measure("bytes", v, o->runs, ",");
        for (int i = 0; i < o->runs; i++)
            v[i] = runs[i].key_ms[k];
        print_measure("ms", v, o->runs, ",");
        for (int i = 0; i < o->runs; i++)
            v[i] = runs[i].key_latency[k];
        print_measure("latency_ms", v, o->runs, "}");
    }
    puts("]}");
}

static int usage(void)
{
    fputs("usage: ptybench [-D] [-n RUNS] [-c COLS] [-r ROWS] [-T TERM] [-i IDLE_MS] "
          "[-t TIMEOUT_MS] -m MARKER [-k KEY]... [-q QUIT] -- COMMAND [ARG]...\n",
          stderr);
    return 2;
}

static int parse_options(int argc, char **argv, struct options *o)
{
    *o = (struct options){.runs = 5, .cols = 100, .rows = 30, .idle_ms = 300,
                          .timeout_ms = 10000, .term = "xterm-256color", .quit = "q"};
    int c;
    while ((c = getopt(argc, argv, "+Dn:c:r:T:i:t:m:k:q:")) != -1) {
        switch (c) {
        case 'D': o->dump = 1; break;
        case 'n': o->runs = atoi(optarg); break;
        case 'c': o->cols = atoi(optarg); break;
        case 'r': o->rows = atoi(optarg); break;
        case 'T': o->term = optarg; break;
        case 'i': o->idle_ms = atoi(optarg); break;
        case 't': o->timeout_ms = atoi(optarg); break;
        case 'm': o->marker = optarg; break;
        case 'q':
            if (!decode_key(optarg, o->quit))
                return usage();
            break;
        case 'k':
            if (o->key_count == MAX_KEYS || !decode_key(optarg, o->keys[o->key_count]))
                return usage();
            o->key_names[o->key_count++] = optarg;
            break;
        default: return usage();
        }
    }
    o->argv = argv + optind;
    if (!o->marker || optind >= argc || o->runs < 1 || o->runs > MAX_RUNS)
        return usage();
    return 0;
}

int main(int argc, char **argv)
{
    struct options o;
    if (parse_options(argc, argv, &o))
        return 2;
    signal(SIGPIPE, SIG_IGN);
    struct run runs[MAX_RUNS];
    for (int i = 0; i < o.runs; i++)
        if (run_once(&o, &runs[i]))
            return 1;
    print_report(&o, runs);
    return 0;
}
