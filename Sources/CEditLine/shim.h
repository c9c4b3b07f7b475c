// The system libedit (Debian: libedit-dev), through its readline emulation.
#ifndef DESK_CEDITLINE_SHIM_H
#define DESK_CEDITLINE_SHIM_H

#include <stdio.h>
#include <editline/readline.h>

#endif
