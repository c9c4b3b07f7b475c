#!/usr/bin/env python3
"""Completes the pages swift-argument-parser's generate-manual writes (make docs runs it):
adds the hand-written sections of man-src/NAME.mdoc (ENVIRONMENT, FILES, EXIT STATUS,
EXAMPLES …) before SEE ALSO, points every other page's EXIT STATUS at desk(1), drops the
links to the removed desk.help page, and fixes what mandoc -Tlint reports of the generated
markup (stray paragraphs, blank lines, long lines, trailing delimiters).

Given desk's --experimental-dump-help (the second argument), it also writes each page's
description again from the command's discussion, because generate-manual reflows it as prose
and drops every character that is not ASCII: a paragraph is filled text, its indented lines
(examples, JSON) a literal block kept whole. It removes the pages of hidden commands and the
links to them, and desk(1)'s pointer to itself."""
import json, os, re, sys, textwrap

man = sys.argv[1] if len(sys.argv) > 1 else "man"
dump = json.load(open(sys.argv[2], encoding="utf-8")) if len(sys.argv) > 2 else None
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

def escape(text):
    """Text as roff reads it: backslashes as \\e, other than ASCII as \\[uXXXX]."""
    text = text.replace("\\", "\\e")
    return "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)

def description(discussion):
    """A discussion as mdoc: paragraphs of filled text; runs of indented lines as literal blocks."""
    out = []
    for k, paragraph in enumerate(discussion.split("\n\n")):
        lines = paragraph.split("\n")
        if k and not lines[0].startswith(" "):  # a literal block makes its own space
            out.append(".Pp")
        i = 0
        while i < len(lines):
            if not lines[i].startswith(" "):
                out += wrap(escape(lines[i]))
                i += 1
                continue
            block = []
            while i < len(lines) and lines[i].startswith(" "):
                block.append(lines[i])
                i += 1
            indent = min(len(l) - len(l.lstrip(" ")) for l in block)
            out.append(".Bd -literal -offset indent")
            out += ["\\&" + l if l[:1] in (".", "'") else l for l in (escape(l[indent:]) for l in block)]
            out.append(".Ed")
    return [l for l in out if l != ""]

# The command of every page, by the page's name; the names of the hidden ones.
commands, hidden = {}, set()
def walk(command, path):
    name = ".".join(path)
    commands[name] = command
    if command.get("shouldDisplay") is False:
        hidden.add(name)
    for sub in command.get("subcommands") or []:
        walk(sub, path + [sub["commandName"]])
if dump:
    walk(dump["command"], [dump["command"]["commandName"]])
for name in hidden:
    if os.path.exists(os.path.join(man, name + ".1")):
        os.remove(os.path.join(man, name + ".1"))

for name in sorted(os.listdir(man)):
    if not name.endswith(".1"):
        continue
    command = commands.get(name[:-2])
    path = os.path.join(man, name)
    lines = open(path, encoding="utf-8").read().split("\n")
    if command is not None:
        start = lines.index(".Sh DESCRIPTION") + 1
        end = next(j for j in range(start, len(lines)) if lines[j].startswith(".Bl ") or lines[j].startswith(".Sh "))
        discussion = command.get("discussion") or ""
        if name == "desk.1":
            # desk(1) is this page: the pointer that --help needs is a loop here.
            discussion = discussion.replace(" See desk(1).", "")
        lines[start:end] = ["\x00" + l for l in description(discussion)]
        if command.get("abstract"):
            nd = next(j for j, l in enumerate(lines) if l.startswith(".Nd "))
            lines[nd] = '.Nd "%s"' % escape(command["abstract"]).replace('"', "\\(dq")
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
        if line.startswith("\x00"):
            out.append(line[1:])
            i += 1
            continue
        if line.startswith(".Xr desk.help 1") or any(line.startswith(".Xr %s 1" % h) for h in hidden):
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
