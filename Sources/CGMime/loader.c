#include "CGMime.h"

#include <gmime/gmime.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static void *library;
static char failure[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
  library = dlopen("libgmime-3.0.so.0", RTLD_NOW | RTLD_LOCAL);
  if (!library) library = dlopen("libgmime-3.0.so", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    snprintf(failure, sizeof failure, "mail needs GMime 3 (Debian: apt-get install libgmime-3.0-0)");
    return;
  }
  __typeof__(g_mime_init) *init = (__typeof__(g_mime_init) *)dlsym(library, "g_mime_init");
  if (!init) {
    snprintf(failure, sizeof failure, "the GMime found lacks g_mime_init");
    dlclose(library);
    library = NULL;
    return;
  }
  init();
}

int desk_gmime_load(char *why, size_t size) {
  pthread_once(&once, load);
  if (library) return 1;
  if (why && size) snprintf(why, size, "%s", failure);
  return 0;
}

void *desk_gmime_symbol(const char *name) { return library ? dlsym(library, name) : NULL; }
