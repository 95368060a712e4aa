/* Text keys used for matching: names, enumerated values. */
#ifndef JIB_TEXT_H
#define JIB_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Name key: lower case, '&' read as "and", punctuation and spacing dropped.
 * "Bournemouth, Christchurch & Poole" -> "bournemouthchristchurchandpoole". */
void text_name_key(const char *in, char *out, size_t out_len);
/* Enumeration key: trimmed, lower case, runs of spaces, hyphens and underscores
 * become one '_'. "Requires-Improvement " -> "requires_improvement". */
void text_enum_key(const char *in, char *out, size_t out_len);
/* True when s is empty or only spaces. */
bool text_is_blank(const char *s);
/* Copies s without leading and trailing spaces into out. */
void text_trim_copy(const char *s, char *out, size_t out_len);
/* A placeholder for "nothing" ("n/a", "-", "None", "null", "data_unreadable",
 * "not reported ...", blank): text_placeholder_key takes a text_enum_key. */
bool text_placeholder_key(const char *key);
bool text_is_placeholder(const char *s);
/* Valid UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t len);

#endif

/* The one sanitiser for anything that quotes data to a person (messages,
 * tables, the dashboard): C0, DEL and C1 controls and bytes that are not valid
 * UTF-8 become '?'; bidirectional overrides and zero-width characters become a
 * visible marker such as "<U+202E>"; outside UTF-8 (utf8 false) every other
 * non-ASCII character becomes '?'. out is always terminated; text that does not
 * fit is cut at a character boundary. Returns the length written. */
size_t text_sanitize(const char *in, bool utf8, char *out, size_t out_len);
/* The same, into a new malloc'd string of whatever size it needs (NULL only
 * when memory runs out). */
char *text_sanitize_dup(const char *in, bool utf8);
/* Decodes one UTF-8 character at p (NUL-terminated); returns its length, or 0
 * when the bytes are not valid UTF-8. */
size_t text_utf8_decode(const char *p, unsigned *cp);
/* printf into a new malloc'd string (NULL when memory runs out). */
char *text_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
char *text_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
