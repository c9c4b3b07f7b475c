// Composes mail with GMime, every function resolved through desk_gmime_symbol (CGMime.h says why).
#include "CGMime.h"
#include "CGMimeCompose.h"

#include <gmime/gmime.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FN(name) static __typeof__(name) *p_##name
FN(g_mime_message_new);
FN(g_mime_message_get_addresses);
FN(g_mime_message_set_subject);
FN(g_mime_message_set_message_id);
FN(g_mime_message_set_mime_part);
FN(internet_address_mailbox_new);
FN(internet_address_set_charset);
FN(internet_address_list_add);
FN(g_mime_object_set_header);
FN(g_mime_object_to_string);
FN(g_mime_text_part_new_with_subtype);
FN(g_mime_text_part_set_text);
FN(g_mime_text_part_set_charset);
FN(g_mime_part_set_content_encoding);
FN(g_mime_part_new_with_type);
FN(g_mime_part_set_filename);
FN(g_mime_part_set_content);
FN(g_mime_data_wrapper_new_with_stream);
FN(g_mime_stream_mem_new_with_buffer);
FN(g_mime_multipart_new_with_subtype);
FN(g_mime_multipart_add);
FN(g_mime_format_options_new);
FN(g_mime_format_options_free);
FN(g_mime_format_options_set_newline_format);
FN(g_mime_object_get_content_type);
FN(g_mime_object_get_content_disposition);
FN(g_mime_content_type_get_parameters);
FN(g_mime_content_disposition_get_parameters);
FN(g_mime_param_list_get_parameter);
FN(g_mime_param_set_charset);
FN(g_object_unref);
FN(g_free);
#undef FN

static int resolved;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void resolve(void) {
#define R(name) if (!(p_##name = (__typeof__(p_##name))desk_gmime_symbol(#name))) return
  R(g_mime_message_new); R(g_mime_message_get_addresses); R(g_mime_message_set_subject);
  R(g_mime_message_set_message_id); R(g_mime_message_set_mime_part); R(internet_address_mailbox_new);
  R(internet_address_set_charset); R(internet_address_list_add); R(g_mime_object_set_header);
  R(g_mime_object_to_string); R(g_mime_text_part_new_with_subtype); R(g_mime_text_part_set_text);
  R(g_mime_text_part_set_charset); R(g_mime_part_set_content_encoding);
  R(g_mime_part_new_with_type); R(g_mime_part_set_filename); R(g_mime_part_set_content);
  R(g_mime_data_wrapper_new_with_stream); R(g_mime_stream_mem_new_with_buffer); R(g_mime_multipart_new_with_subtype);
  R(g_mime_multipart_add); R(g_mime_format_options_new); R(g_mime_format_options_free);
  R(g_mime_format_options_set_newline_format); R(g_object_unref); R(g_free);
  R(g_mime_object_get_content_type); R(g_mime_object_get_content_disposition); R(g_mime_content_type_get_parameters);
  R(g_mime_content_disposition_get_parameters); R(g_mime_param_list_get_parameter); R(g_mime_param_set_charset);
#undef R
  resolved = 1;
}

static void add_mailbox(GMimeMessage *m, GMimeAddressType type, const char *name, const char *address) {
  InternetAddress *box = p_internet_address_mailbox_new(name && *name ? name : NULL, address);
  p_internet_address_set_charset(box, "utf-8");  // not the smallest charset GMime would guess (iso-8859-5, koi8-r…)
  p_internet_address_list_add(p_g_mime_message_get_addresses(m, type), box);
  p_g_object_unref(box);
}

/// "<a> <b> …" for References, or NULL.
static char *angle_list(const char *const *ids, size_t count) {
  size_t size = 1;
  for (size_t i = 0; i < count; i++) size += strlen(ids[i]) + 3;
  char *out = malloc(size), *at = out;
  if (!out) return NULL;
  *at = 0;
  for (size_t i = 0; i < count; i++) at += sprintf(at, "%s<%s>", i ? " " : "", ids[i]);
  return out;
}

static GMimeObject *text_part(const char *text) {
  GMimeTextPart *part = p_g_mime_text_part_new_with_subtype("plain");
  p_g_mime_text_part_set_text(part, text);
  p_g_mime_text_part_set_charset(part, "utf-8");
  // 7bit when every line is short ASCII; otherwise quoted-printable, never base64, so it stays readable.
  int plain = 1;
  size_t column = 0;
  for (const unsigned char *c = (const unsigned char *)text; *c && plain; c++) {
    column = *c == '\n' ? 0 : column + 1;
    if (*c >= 0x80 || (*c < 0x20 && *c != '\n' && *c != '\t') || column > 76) plain = 0;
  }
  p_g_mime_part_set_content_encoding((GMimePart *)part, plain ? GMIME_CONTENT_ENCODING_7BIT : GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return (GMimeObject *)part;
}

static GMimeObject *file_part(const desk_compose_attachment *file) {
  char type[256];
  snprintf(type, sizeof type, "%s", file->content_type && strchr(file->content_type, '/') ? file->content_type : "application/octet-stream");
  char *slash = strchr(type, '/');
  *slash = 0;
  GMimePart *part = p_g_mime_part_new_with_type(type, slash + 1);
  p_g_mime_part_set_filename(part, file->filename);
  // RFC 2231 names in UTF-8, not the smallest charset GMime would guess.
  GMimeParam *name = p_g_mime_param_list_get_parameter(
    p_g_mime_content_type_get_parameters(p_g_mime_object_get_content_type((GMimeObject *)part)), "name");
  GMimeParam *filename = p_g_mime_param_list_get_parameter(
    p_g_mime_content_disposition_get_parameters(p_g_mime_object_get_content_disposition((GMimeObject *)part)), "filename");
  if (name) p_g_mime_param_set_charset(name, "utf-8");
  if (filename) p_g_mime_param_set_charset(filename, "utf-8");
  GMimeStream *stream = p_g_mime_stream_mem_new_with_buffer(file->data ? file->data : "", file->size);
  GMimeDataWrapper *content = p_g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
  p_g_mime_part_set_content(part, content);
  p_g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
  p_g_object_unref(content);
  p_g_object_unref(stream);
  return (GMimeObject *)part;
}

char *desk_compose_mail(const desk_compose_message *mail, size_t *length, char *why, size_t size) {
  pthread_once(&once, resolve);
  if (!resolved) {
    if (why && size) snprintf(why, size, "the GMime found lacks the functions desk needs to compose mail");
    return NULL;
  }
  GMimeMessage *m = p_g_mime_message_new(FALSE);
  GMimeObject *o = (GMimeObject *)m;
  add_mailbox(m, GMIME_ADDRESS_TYPE_FROM, mail->from_name, mail->from_address);
  add_mailbox(m, GMIME_ADDRESS_TYPE_TO, mail->to_name, mail->to_address);
  if (mail->reply_to_address) add_mailbox(m, GMIME_ADDRESS_TYPE_REPLY_TO, mail->reply_to_name, mail->reply_to_address);
  p_g_mime_message_set_subject(m, mail->subject, "utf-8");
  p_g_mime_object_set_header(o, "Date", mail->date, NULL);
  p_g_mime_message_set_message_id(m, mail->message_id);
  if (mail->in_reply_to) {
    char *value = angle_list(&mail->in_reply_to, 1);
    p_g_mime_object_set_header(o, "In-Reply-To", value, NULL);
    free(value);
  }
  if (mail->reference_count) {
    char *value = angle_list(mail->references, mail->reference_count);
    p_g_mime_object_set_header(o, "References", value, NULL);
    free(value);
  }
  for (size_t i = 0; i < mail->header_count; i++) p_g_mime_object_set_header(o, mail->headers[i].name, mail->headers[i].value, NULL);

  GMimeObject *body = text_part(mail->text);
  if (mail->attachment_count) {
    GMimeMultipart *mixed = p_g_mime_multipart_new_with_subtype("mixed");
    p_g_mime_multipart_add(mixed, body);
    p_g_object_unref(body);
    for (size_t i = 0; i < mail->attachment_count; i++) {
      GMimeObject *part = file_part(&mail->attachments[i]);
      p_g_mime_multipart_add(mixed, part);
      p_g_object_unref(part);
    }
    body = (GMimeObject *)mixed;
  }
  p_g_mime_message_set_mime_part(m, body);
  p_g_object_unref(body);

  GMimeFormatOptions *format = p_g_mime_format_options_new();
  p_g_mime_format_options_set_newline_format(format, mail->crlf ? GMIME_NEWLINE_FORMAT_DOS : GMIME_NEWLINE_FORMAT_UNIX);
  char *text = p_g_mime_object_to_string(o, format);
  p_g_mime_format_options_free(format);
  p_g_object_unref(m);
  if (!text) {
    if (why && size) snprintf(why, size, "GMime could not write the message");
    return NULL;
  }
  *length = strlen(text);
  char *out = malloc(*length + 1);
  if (out) memcpy(out, text, *length + 1);
  p_g_free(text);
  if (!out && why && size) snprintf(why, size, "out of memory composing mail");
  return out;
}

void desk_compose_free(char *bytes) { free(bytes); }
