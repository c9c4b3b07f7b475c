// desk's door to GMime 3, loaded on demand.
//
// Linking GMime (and GLib, GObject, GIO with it) costs every desk command about 4M instructions
// and 1.5 ms at start-up, so nothing here is linked: desk_gmime_load() dlopens the library the
// first time a command parses or composes mail, and each C file of this target resolves the
// functions it calls through desk_gmime_symbol(). Swift sees only the small API below.
#ifndef DESK_CGMIME_H
#define DESK_CGMIME_H

#include <stddef.h>
#include <stdint.h>

/// Loads GMime and initialises it (once, thread-safe). Returns 1, or 0 with a one-line reason
/// written to `why` (at most `size` bytes, NUL-terminated).
int desk_gmime_load(char *why, size_t size);

/// The address of GMime's function `name` after a successful desk_gmime_load(); NULL otherwise.
void *desk_gmime_symbol(const char *name);

// SwiftPM makes CGMime.h the module's umbrella header: every other header reaches Swift through it.
#include "CGMimeCompose.h"
#include "CGMimeParse.h"

#endif
