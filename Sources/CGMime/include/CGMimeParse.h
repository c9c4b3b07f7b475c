// Reading one RFC 5322 message with GMime (parse.c): a flat, owned copy that Swift reads and frees.
#ifndef DESK_CGMIME_PARSE_H
#define DESK_CGMIME_PARSE_H

#include <stddef.h>

/// What a leaf of the MIME tree is to desk.
enum desk_mail_part_kind {
  DESK_PART_TEXT = 0,        ///< text/plain for the body, converted to UTF-8
  DESK_PART_HTML = 1,        ///< text/html for the body (when no text/plain beside it), converted to UTF-8
  DESK_PART_ATTACHMENT = 2,  ///< a file (attachment, inline image, any other leaf), decoded bytes
  DESK_PART_MESSAGE = 3,     ///< a message/rfc822 part, as the bytes of an .eml
  DESK_PART_DELIVERY_STATUS = 4,  ///< message/delivery-status of a report, decoded bytes
  DESK_PART_ORIGINAL_HEADERS = 5, ///< the original message's headers of a report (text/rfc822-headers or message/rfc822)
};

struct desk_mail_header {
  char *name;
  char *value;  ///< unfolded, RFC 2047 words decoded, 8-bit text converted to UTF-8
};

struct desk_mail_part {
  int kind;
  char *content_type;  ///< "type/subtype", lower case
  char *filename;      ///< decoded (RFC 2047 / 2231), or NULL
  char *content_id;    ///< without <>, or NULL
  unsigned char *data;
  size_t size;
};

struct desk_mail {
  struct desk_mail_header *headers;  ///< the top-level headers, in order
  size_t header_count;
  char *subject;       ///< decoded, or NULL
  char *from_name;     ///< the first From mailbox's name, decoded, or NULL
  char *from_address;  ///< the first From mailbox's address, or NULL
  char *message_id;    ///< without <>, or NULL
  char *references;    ///< In-Reply-To then References message ids, without <>, one per line, or NULL
  char *recipients;    ///< the To then Cc addresses, one per line, or NULL
  char *content_type;  ///< the top part's "type/subtype"
  char *report_type;   ///< the report-type parameter of a multipart/report, or NULL
  struct desk_mail_part *parts;
  size_t part_count;
  int too_deep;        ///< 1 when parts nested deeper than the walk follows were left out
};

/// Parses `size` bytes; returns a message to free with desk_mail_free, or NULL (`why` says why)
/// when GMime is not loaded or the bytes hold no message at all.
struct desk_mail *desk_mail_parse(const char *data, size_t size, char *why, size_t why_size);

void desk_mail_free(struct desk_mail *mail);

/// Converts `size` bytes of text in `charset` (NULL: undeclared) to UTF-8, never failing: valid UTF-8
/// is kept, else the declared charset, else a guess among windows-1251, koi8-r and windows-1252.
/// Returns malloc'ed, NUL-terminated text (`*out_size` bytes).
char *desk_mail_text_utf8(const char *data, size_t size, const char *charset, size_t *out_size);

#endif
