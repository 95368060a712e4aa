#include "core/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(char *out, size_t out_len, size_t *n, char c)
{
    if (*n + 1 < out_len)
        out[(*n)++] = c;
}

void text_name_key(const char *in, char *out, size_t out_len)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        if (*p == '&') {
            put(out, out_len, &n, 'a');
            put(out, out_len, &n, 'n');
            put(out, out_len, &n, 'd');
        } else if (*p >= 0x80 || isalnum(*p)) {
            put(out, out_len, &n, (char)tolower(*p));
        }
    }
    if (out_len)
        out[n] = '\0';
}

void text_enum_key(const char *in, char *out, size_t out_len)
{
    size_t n = 0;
    bool pending_sep = false;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        if (*p == ' ' || *p == '-' || *p == '_' || *p == '\t' || *p == '\r' || *p == '\n') {
            pending_sep = n > 0;
            continue;
        }
        if (pending_sep)
            put(out, out_len, &n, '_');
        pending_sep = false;
        put(out, out_len, &n, (char)tolower(*p));
    }
    if (out_len)
        out[n] = '\0';
}

bool text_is_blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

void text_trim_copy(const char *s, char *out, size_t out_len)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (len >= out_len)
        len = out_len ? out_len - 1 : 0;
    if (out_len) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
}

bool text_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        int extra;
        unsigned min;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3, min = 0x10000, c &= 0x07;
        } else {
            return false;
        }
        if (end - p <= extra)
            return false;
        for (int i = 1; i <= extra; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (p[i] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
        p += extra + 1;
    }
    return true;
}

size_t text_utf8_decode(const char *s, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    int extra = (p[0] & 0xE0) == 0xC0 ? 1 : (p[0] & 0xF0) == 0xE0 ? 2 : (p[0] & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0)
        return 0;
    unsigned c = p[0] & (0x3Fu >> extra);
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3Fu);
    }
    static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
    if (c < min[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return (size_t)extra + 1;
}

static bool is_control(unsigned cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0); }

/* Characters that change how the text around them reads without showing
 * themselves: bidirectional controls, zero-width characters, line separators. */
static bool is_invisible(unsigned cp)
{
    return cp == 0x061C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

/* Writes what one character of in becomes; returns the bytes of in consumed.
 * piece gets the replacement text (at most 12 bytes) and its length. */
static size_t sanitize_one(const char *in, bool utf8, char piece[16], size_t *piece_len)
{
    unsigned cp;
    size_t len = text_utf8_decode(in, &cp);
    if (len == 0 || is_control(cp) || (!utf8 && cp >= 0x80)) {
        piece[0] = '?';
        *piece_len = 1;
        return len ? len : 1;
    }
    if (is_invisible(cp)) {
        *piece_len = (size_t)snprintf(piece, 16, "<U+%04X>", cp);
        return len;
    }
    memcpy(piece, in, len);
    *piece_len = len;
    return len;
}

size_t text_sanitize(const char *in, bool utf8, char *out, size_t out_len)
{
    size_t n = 0;
    const char *p = in ? in : "";
    while (*p && out_len) {
        char piece[16];
        size_t plen;
        size_t used = sanitize_one(p, utf8, piece, &plen);
        if (n + plen + 1 > out_len)
            break;
        memcpy(out + n, piece, plen);
        n += plen;
        p += used;
    }
    if (out_len)
        out[n] = '\0';
    return n;
}

char *text_sanitize_dup(const char *in, bool utf8)
{
    size_t need = 1;
    const char *p = in ? in : "";
    while (*p) {
        char piece[16];
        size_t plen;
        p += sanitize_one(p, utf8, piece, &plen);
        need += plen;
    }
    char *out = malloc(need);
    if (out)
        text_sanitize(in, utf8, out, need);
    return out;
}

char *text_vprintf(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *out = n < 0 ? NULL : malloc((size_t)n + 1);
    if (out)
        vsnprintf(out, (size_t)n + 1, fmt, ap);
    return out;
}

char *text_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = text_vprintf(fmt, ap);
    va_end(ap);
    return out;
}

/* What exports and scrapers write for "nothing here", as text_enum_key writes it. */
static const char *const placeholders[] = {
    "", "n/a", "na", "not_judged", "not_applicable", "none", "null", "nan",
    "data_unreadable", "not_reported_post_reform", "inspection_pre_dates_judgement",
};

bool text_placeholder_key(const char *key)
{
    if (strcmp(key, "-") == 0 || strncmp(key, "not_reported", 12) == 0)
        return true;
    for (size_t i = 0; i < sizeof placeholders / sizeof *placeholders; i++)
        if (strcmp(key, placeholders[i]) == 0)
            return true;
    return false;
}

bool text_is_placeholder(const char *s)
{
    /* Cheap first look: every placeholder starts with one of these. */
    if (!s || !strchr("-nNdDiI", *s) || !*s || strlen(s) > 48)
        return s && !*s;
    char key[64];
    text_enum_key(s, key, sizeof key);
    return text_placeholder_key(key);
}
