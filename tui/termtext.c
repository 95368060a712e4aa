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
