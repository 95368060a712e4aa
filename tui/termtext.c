#include "tui/termtext.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"

bool termtext_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static size_t utf8_next(const unsigned char *p, unsigned *cp)
{
    return text_utf8_decode((const char *)p, cp);
}

void termtext_sanitize(const char *in, char *out, size_t out_len)
{
    text_sanitize(in, termtext_utf8(), out, out_len);
}

char *termtext_sanitize_dup(const char *in)
{
    return text_sanitize_dup(in, termtext_utf8());
}

static int char_width(unsigned cp)
{
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int termtext_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        size_t len = utf8_next(p, &cp);
        w += len ? char_width(cp) : 1;
        p += len ? len : 1;
    }
    return w;
}

int termtext_fit(const char *s, int width, char *out, size_t out_len)
{
    if (width <= 0 || out_len == 0) {
        if (out_len)
            out[0] = '\0';
        return 0;
    }
    int total = termtext_width(s);
    bool cut = total > width;
    int budget = cut ? width - 1 : width;
    int used = 0;
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        size_t len = utf8_next(p, &cp);
        int w = len ? char_width(cp) : 1;
        if (!len)
            len = 1;
        if (used + w > budget || n + len + 4 >= out_len)
            break;
        memcpy(out + n, p, len);
        n += len;
        used += w;
        p += len;
    }
    if (cut) {
        const char *ell = termtext_utf8() ? "\xe2\x80\xa6" : "~";
        size_t len = strlen(ell);
        if (n + len < out_len) {
            memcpy(out + n, ell, len);
            n += len;
            used += 1;
        }
    }
    out[n] = '\0';
    return used;
}

size_t termtext_prefix(const char *s, int width)
{
    int used = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        size_t len = utf8_next(p, &cp);
        int w = len ? char_width(cp) : 1;
        if (used + w > width)
            break;
        used += w;
        p += len ? len : 1;
    }
    return (size_t)(p - (const unsigned char *)s);
}

int termtext_fit_middle(const char *s, int width, char *out, size_t out_len)
{
    int total = termtext_width(s);
    if (total <= width || width < 5)
        return termtext_fit(s, width, out, out_len);
    /* The end (a file name) matters most: a third for the start, the rest
     * for the end, an ellipsis between. */
    int head = (width - 1) / 3, tail = width - 1 - head;
    const char *base = strrchr(s, '/');
    if (base) { /* the whole file name, with its slash, when it fits */
        int bw = termtext_width(base);
        if (bw > tail)
            tail = bw < width - 2 ? bw : width - 2;
        head = width - 1 - tail;
    }
    size_t hb = termtext_prefix(s, head);
    size_t skip = termtext_prefix(s, total - tail);
    while (termtext_width(s + skip) > tail && s[skip])
        skip += termtext_prefix(s + skip, 1) ? termtext_prefix(s + skip, 1) : 1;
    const char *ell = termtext_utf8() ? "\xe2\x80\xa6" : "~";
    snprintf(out, out_len, "%.*s%s%s", (int)hb, s, ell, s + skip);
    return termtext_width(out);
}
