#!/usr/bin/env python3
"""Completes the pages swift-argument-parser's generate-manual writes (make docs runs it):
adds the hand-written sections of man-src/NAME.mdoc (ENVIRONMENT, FILES, EXIT STATUS,
EXAMPLES …) before SEE ALSO, points every other page's EXIT STATUS at desk(1), drops the
links to the removed desk.help page, and fixes what mandoc -Tlint reports of the generated
markup (stray paragraphs, blank lines, long lines, trailing delimiters)."""
import os, re, sys, textwrap

man = sys.argv[1] if len(sys.argv) > 1 else "man"
src = os.path.dirname(os.path.abspath(__file__))
exit_ref = [
    "desk exits 0 on success, and on failure with a",
    ".Xr sysexits 3",
    "code: 64 usage, 65 bad input or a change the state does not allow, 66 not found,",
    "69 delivery target unavailable, 73 cannot create a file, 74 database damaged,",
    "75 temporary (busy, disk full), 77 permission",
    "denied, 78 configuration; see",
    ".Xr desk 1 .",
]

def wrap(line):
    """A text line as mdoc wants it: each sentence on a line of its own, long ones wrapped."""
    if line.startswith(".") or line == "":
        return [line]
    out = []
    for sentence in re.split(r"(?<=[.!?:;])\s+", line):
        if len(sentence.encode()) <= 80:
            out.append(sentence)
        else:
            out += textwrap.wrap(sentence, width=78, break_long_words=False, break_on_hyphens=False)
    # A line must not start with a dot or an apostrophe (a request to roff).
    return ["\\&" + l if l[:1] in (".", "'") else l for l in out] or [line]

for name in sorted(os.listdir(man)):
    if not name.endswith(".1"):
        continue
    path = os.path.join(man, name)
    lines = open(path, encoding="utf-8").read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line == ".Pp" and (nxt.startswith(".It") or nxt.startswith(".El") or nxt.startswith(".Sh") or nxt == ".Pp"):
            i += 1
            continue
        if line == "" and i + 1 < len(lines):
            out.append(".Pp")
            i += 1
            continue
        if line.startswith(".Nd "):
            line = re.sub(r'\.("?)$', r'\1', line)
        if line.startswith(".Xr desk.help 1"):
            i += 1
            continue
        line = line.replace("Ar a,b,…", "Ar fields").replace("Ar a,b,", "Ar fields")
        if line == ".Sh \"EXIT STATUS\"" and nxt == ".Ex -std":
            extra = os.path.join(src, name[:-2] + ".mdoc")
            if not (os.path.exists(extra) and "EXIT STATUS" in open(extra, encoding="utf-8").read()):
                out += [line] + exit_ref
            i += 2
            continue
        if line == ".Sh \"SEE ALSO\"":
            extra = os.path.join(src, name[:-2] + ".mdoc")
            if os.path.exists(extra):
                out += [l for l in open(extra, encoding="utf-8").read().rstrip("\n").split("\n")]
        out += wrap(line)
        i += 1
    # The last link of SEE ALSO ends without a comma.
    for j in range(len(out) - 1, -1, -1):
        if out[j].startswith(".Xr "):
            out[j] = re.sub(r" ,$", "", out[j])
            break
    open(path, "w", encoding="utf-8").write("\n".join(out))
