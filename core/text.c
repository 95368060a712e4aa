#include "core/text.h"

#include <ctype.h>
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
