#!/usr/bin/env python3
"""Writes the hand-made seed inputs of tests/fuzz/corpus (run once; the fuzzers
add to the corpus, and `run.sh --merge` keeps it small)."""
import os, pathlib, re

root = pathlib.Path(__file__).resolve().parents[2]
corpus = root / "tests/fuzz/corpus"
issue = root / "issues/2024-05-07"
tabloid = root / "tests/data/tabloid"


def put(target, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    (corpus / target).mkdir(parents=True, exist_ok=True)
    (corpus / target / f"seed-{name}").write_bytes(data)


LATIN = "a" * 10000
PUNCT = "（）“”《》、，。；：？！·——……％" * 4

# frontmatter: real articles and edge cases
for f in ["summit.md", "book.md", "meeting.md", "photo.md", "hospital.md"]:
    put("frontmatter", f, (issue / f).read_bytes())
put("frontmatter", "ear.md", (tabloid / "ear.md").read_bytes())
put("frontmatter", "empty", b"")
put("frontmatter", "only-punct", "+++\ntitle = \"，。\"\n+++\n\n" + PUNCT + "\n")
put("frontmatter", "latin-word", "+++\ntitle = \"Word\"\n+++\n\n" + LATIN + "\n")
put("frontmatter", "bom", b"\xef\xbb\xbf+++\ntitle = \"\xe6\xa0\x87\"\n+++\n\n\xe6\xad\xa3\xe6\x96\x87\n")
put("frontmatter", "invalid-utf8", b"+++\ntitle = \"\xe6\xa0\"\n+++\n\n\xff\xfe\xc0\xaf\xed\xa0\x80\n")
put("frontmatter", "unclosed", "+++\ntitle = \"标题\"\n\n正文\n")
put("frontmatter", "unknown-key", "+++\ntitel = \"标题\"\n+++\n\n正文\n")
put("frontmatter", "markdown-mix",
    "+++\ntitle = \"标题\"\nsample = true\n+++\n\n## 小标题\n\n- 列表 **粗体** 一\n- 二\n\n> 引文\nLatin\nwords\n\n"
    "```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![说明](images/x.jpg)\n")

# issue_toml: the real plans and edge cases (articles are all "a")
def to_a(text):
    return re.sub(r'^([A-Z]\s*=\s*)"(?!@)[^"]*"', r'\1"a"', text, flags=re.M)

t = (tabloid / "issue.toml").read_text()
put("issue_toml", "tabloid.toml", t)
put("issue_toml", "tabloid-a.toml", to_a(t))
put("issue_toml", "broadsheet-a.toml", to_a((issue / "issue.toml").read_text()))
put("issue_toml", "empty", b"")
put("issue_toml", "bom", b"\xef\xbb\xbf" + to_a(t).encode())
put("issue_toml", "invalid-utf8", to_a(t).encode().replace(b"\xe6\x9c\x94", b"\xe6\x9c"))
put("issue_toml", "minimal",
    "[paper]\nname = \"报\"\n[issue]\ndate = 2024-05-07\nnumber = 1\n[[page]]\ngrid = \"AAAAAAAA\"\n[page.areas]\nA = \"a\"\n")

# linebreak: 3 header bytes (measure, flags, fraction) then text. flags 0x80 =
# UTF-8 text; 0x03 = strict; 0x00 = basic.
def lb(name, measure_em, flags, text, frac=0):
    put("linebreak", name, bytes([measure_em - 2, flags, frac]) + (text.encode() if isinstance(text, str) else text))

lead = (issue / "lead.md").read_text().split("+++")[2].strip().split("\n\n")
lb("lead-p1", 13, 0x83 | 0x40, lead[0])
lb("lead-p2", 13, 0x83 | 0x40, lead[1])
lb("lead-numbers", 11, 0x83, [p for p in lead if "52.1%" in p][0])
lb("empty", 13, 0x83, b"")
lb("only-punct", 5, 0x83, PUNCT)
lb("only-punct-basic", 3, 0x80, PUNCT)
lb("latin-word", 13, 0x83, LATIN)
lb("latin-words", 7, 0x83, "PDF/X-1a Knuth Plass 2024年5月7日 1.35亿元 52.1% ISO 12647-3 " * 6)
lb("spaces", 4, 0x83, "  汉　字   ab  cd　　　ef  ")
lb("bytes-mixed", 2, 0x03, bytes(range(256)))
lb("narrow-left", 2, 0x97, lead[0][:200])
lb("wide-center", 40, 0x9b, lead[2])

# build: bytes drive the generator (harness.cpp issue_of)
for i, b in enumerate([bytes([1, 0, 0]), bytes([0x10, 1, 3]) + bytes(range(40, 200)),
                       bytes([0x11, 2, 2]) + bytes(range(255, 0, -1)), bytes([0x1f, 0, 1]) + b"\x20" * 300,
                       bytes([0x08, 1, 0]) + bytes(range(0, 256, 3)) * 3]):
    put("build", f"bytes-{i}", b)
