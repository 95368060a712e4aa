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
/* Valid UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t len);

#endif
