// Mail out: one RFC 5322 message composed by GMime from values Swift has chosen and checked.
#ifndef DESK_CGMIME_COMPOSE_H
#define DESK_CGMIME_COMPOSE_H

#include <stddef.h>
#include <stdint.h>

/// A header GMime writes as given (an ASCII value desk made, e.g. Auto-Submitted).
typedef struct {
  const char *name;
  const char *value;
} desk_compose_header;

/// A file sent as a base64 MIME part.
typedef struct {
  const char *filename;
  const char *content_type;  // type/subtype
  const void *data;
  size_t size;
} desk_compose_attachment;

/// What goes into one message. Names may be NULL; every string is UTF-8 without control characters.
typedef struct {
  const char *from_name, *from_address;
  const char *to_name, *to_address;
  const char *reply_to_name, *reply_to_address;  // NULL: no Reply-To
  const char *subject;
  const char *date;        // RFC 5322 date-time
  const char *message_id;  // without <>
  const char *in_reply_to; // without <>, or NULL
  const char *const *references;  // without <>
  size_t reference_count;
  const desk_compose_header *headers;
  size_t header_count;
  const char *text;  // the body, lines ended by \n
  const desk_compose_attachment *attachments;
  size_t attachment_count;
  int crlf;  // 1: lines end with CRLF (SMTP), 0: with LF (sendmail)
} desk_compose_message;

/// The message as bytes (malloc'd, `*length` bytes; free with desk_compose_free), or NULL with a
/// one-line reason in `why`. desk_gmime_load() must have succeeded.
char *desk_compose_mail(const desk_compose_message *mail, size_t *length, char *why, size_t size);

void desk_compose_free(char *bytes);

#endif
