#include "tui/termtext.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

bool termtext_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Decodes one UTF-8 character; returns its length, or 0 when invalid. */
static size_t utf8_next(const unsigned char *p, unsigned *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    int extra = (p[0] & 0xE0) == 0xC0 ? 1 : (p[0] & 0xF0) == 0xE0 ? 2 : (p[0] & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0)
        return 0;
    unsigned c = p[0] & (0x3F >> extra);
    for (int i = 1; i <= extra; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
    if (c < min[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return (size_t)extra + 1;
}

static bool is_control(unsigned cp) { return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0); }

void termtext_sanitize(const char *in, char *out, size_t out_len)
{
    bool utf8 = termtext_utf8();
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    while (*p && n + 1 < out_len) {
        unsigned cp;
        size_t len = utf8_next(p, &cp);
        if (len == 0 || is_control(cp) || (!utf8 && cp >= 0x80)) {
            out[n++] = '?';
            p += len ? len : 1;
            continue;
        }
        if (n + len >= out_len)
            break;
        memcpy(out + n, p, len);
        n += len;
        p += len;
    }
    if (out_len)
        out[n] = '\0';
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
