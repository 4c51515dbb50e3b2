"""The copy check: is every sentence of the site in the project's own words?

The source documents (../shared/seeds) are where the site's facts come from; their sentences must
not carry over. Two measures, over the reading pages (docs/) and the strings the calculators and
tools render (string literals in calculators/, docstrings left out):

- a run of RUN (7) consecutive words shared with a source document, across sentence breaks; and
- sentence similarity: a site sentence whose normalized words, compared character by character with
  difflib's SequenceMatcher, have a ratio of at least SIMILAR with a source sentence. That catches a
  lightly reworded copy ("the best ally" for "the strongest ally") that shares no long run.

SIMILAR was calibrated on the December 2026 content review: its 33 near-verbatim sentences score
0.74 and above with this measure (tests/test_own_words.py holds them), and after the rewrite no
sentence of the site scores above 0.68, so 0.70 sits between the two. Sentences of fewer than
MIN_WORDS words are not compared: short phrases ("after-hours charting a week") are shared by any
two texts on the subject, and a figure is left out of the comparison, since facts carry over.

Run `python tests/own_words.py` to list what the check finds, with the source sentence beside each.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 7
SIMILAR = 0.7
MIN_WORDS = 6
SHARED = 0.3

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
NEW_UNIT = re.compile(r"^(?:[-*+] |\d+\. |\||#|!!!|\?\?\?)")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


@dataclass(frozen=True)
class Sentence:
    where: str  # a file, and for a calculator string its line
    text: str

    @property
    def normal(self) -> str:
        """Its words, lowercased, numbers left out (figures are facts, and facts carry over)."""
        return " ".join(w for w in words(self.text) if not w.isdigit())


def _plain(markdown: str) -> str:
    """Markdown (or a string of HTML) as the reader sees its words."""
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", markdown, flags=re.S)  # macros
    text = re.sub(r"\{\s*[#.:][^}]*\}", " ", text)  # attribute lists: { #id }
    text = re.sub(r"<[^>]+>", " ", text)  # HTML tags
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images: keep the words
    text = re.sub(r"&[a-z]+;|&#x?[0-9a-f]+;", " ", text)
    return text.replace("**", "").replace("`", "")


def units(text: str) -> list[str]:
    """Paragraphs, list items, table rows, headings: each a run of text that sentences do not cross."""
    found, current = [], []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or NEW_UNIT.match(stripped):
            if current:
                found.append(" ".join(current))
            current = []
        if stripped and not re.fullmatch(r"[|:\- ]+", stripped):  # not a table's separator row
            current.append(stripped.lstrip("-*+#|!? ").replace("|", " "))
    if current:
        found.append(" ".join(current))
    return found


def sentences(text: str, where: str) -> list[Sentence]:
    """Each sentence, and each two sentences running on ("**The CMIO.** Often your ally.")."""
    found = []
    for unit in units(_plain(text)):
        pieces = [piece.strip() for piece in SENTENCE_END.split(unit) if piece.strip()]
        found += [Sentence(where, piece) for piece in pieces]
        found += [Sentence(where, f"{a} {b}") for a, b in zip(pieces, pieces[1:], strict=False)]
    return found


def _front_matter(text: str) -> str:
    """A page's front matter as text (its title and description are read), then the page."""
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    if not match:
        return text
    values = [line.split(":", 1)[1].strip() for line in match.group(1).splitlines() if ":" in line]
    return "\n\n".join(values) + "\n\n" + text[match.end() :]


def page_texts(docs: Path = ROOT / "docs") -> dict[str, str]:
    return {str(p.relative_to(ROOT)): _front_matter(p.read_text()) for p in sorted(docs.rglob("*.md"))}


def rendered_strings(package: Path = ROOT / "calculators") -> dict[str, str]:
    """Each string literal in the calculators' code that a reader can see: docstrings left out, the
    literal parts of an f-string kept (a placeholder breaks the text where it stands)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        parts = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
        for node in ast.walk(tree):
            if id(node) in parts:
                continue  # read with its f-string
            if isinstance(node, ast.JoinedStr):
                text = " \n\n ".join(v.value for v in node.values if isinstance(v, ast.Constant))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                text = node.value
            else:
                continue
            if len(words(text)) >= 3:
                found[f"{path.relative_to(package.parent)}:{node.lineno}:{node.col_offset}"] = text
    return found


def site_texts() -> dict[str, str]:
    """Everything the check reads: the pages, and the calculators' strings."""
    return page_texts() | rendered_strings()


def seed_texts(seeds: Path = SEEDS) -> dict[str, str]:
    return {p.name: p.read_text(errors="ignore") for p in sorted(seeds.glob("*.txt"))}


def seed_sentences(seeds: dict[str, str]) -> list[Sentence]:
    """The source documents' sentences; where a dash or an arrow joins two clauses, each clause too."""
    found = []
    for name, text in seeds.items():
        for s in sentences(text, name):
            parts = [part for part in re.split(r"\s[–—→]\s|\s->\s", s.text) if part.strip()]
            found += [s] + ([Sentence(name, part) for part in parts] if len(parts) > 1 else [])
    return found


def shared_runs(texts: dict[str, str], seeds: dict[str, str], n: int = RUN) -> list[tuple[str, str]]:
    """(where, the words) for every run of n or more words a text shares with a source document."""
    grams = set()
    for seed in seeds.values():
        w = words(seed)
        grams.update(tuple(w[i : i + n]) for i in range(len(w) - n + 1))
    found = []
    for where, text in texts.items():
        w = words(_plain(text))
        i = 0
        while i <= len(w) - n:
            if tuple(w[i : i + n]) in grams:
                j = i + n
                while j < len(w) and tuple(w[j - n + 1 : j + 1]) in grams:
                    j += 1
                found.append((where, " ".join(w[i:j])))
                i = j
            else:
                i += 1
    return found


def similarity(a: str, b: str) -> float:
    """difflib's ratio over the characters of two normalized sentences: 1 for the same words."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _stems(normal: str) -> Counter:
    return Counter(w[:5] for w in normal.split())


def similar_sentences(
    texts: dict[str, str], seeds: dict[str, str], threshold: float = SIMILAR
) -> list[tuple[float, Sentence, Sentence]]:
    """(ratio, the site's sentence, the source's) for each site sentence at or above the threshold
    with some source sentence, the closest source sentence only, highest ratio first.

    Only pairs that could be close are compared: lengths within the threshold of each other, and
    at least SHARED of their words in common (a word counted by its first five letters, so that
    "doubled" and "doubling" agree). Every copy the December 2026 review found shares 55% or more."""
    pool = [s for s in seed_sentences(seeds) if len(s.normal.split()) >= MIN_WORDS]
    normals = [s.normal for s in pool]
    stems = [_stems(n) for n in normals]
    found = []
    for where, text in texts.items():
        for sentence in sentences(text, where):
            mine = sentence.normal
            if len(mine.split()) < MIN_WORDS:
                continue
            my_stems = _stems(mine)
            best = (0.0, None)
            for k, theirs in enumerate(normals):
                total = len(mine) + len(theirs)
                if 2 * min(len(mine), len(theirs)) < threshold * total:
                    continue
                common = sum((my_stems & stems[k]).values())
                if 2 * common < SHARED * (sum(my_stems.values()) + sum(stems[k].values())):
                    continue
                ratio = similarity(mine, theirs)
                if ratio > best[0]:
                    best = (ratio, pool[k])
            if best[0] >= threshold:
                found.append((best[0], sentence, best[1]))
    found.sort(key=lambda f: -f[0])
    seen, unique = set(), []  # a sentence found alone and again with its neighbor: report it once
    for ratio, mine, theirs in found:
        if (mine.where, theirs.text) not in seen:
            seen.add((mine.where, theirs.text))
            unique.append((ratio, mine, theirs))
    return unique


if __name__ == "__main__":
    import sys

    seeds = seed_texts()
    threshold = float(sys.argv[1]) if len(sys.argv) > 1 else SIMILAR
    texts = site_texts()
    for where, run in shared_runs(texts, seeds):
        sys.stdout.write(f"RUN  {where}: {run}\n")
    for ratio, mine, theirs in similar_sentences(texts, seeds, threshold):
        sys.stdout.write(f"{ratio:.2f} {mine.where}: {mine.text}\n     seed: {theirs.text}\n")
