#!/usr/bin/env bash
# Fill fuzz/corpus/TARGET/ with seed inputs from the bundled sample programme (content/)
# and the test fixtures. The corpus folders are not committed; run this before fuzzing.
set -euo pipefail
cd "$(dirname "$0")"
root=..
for t in lesson qa sop roles search; do mkdir -p "corpus/$t"; done
n=0
seed() { # seed TARGET FILE...
  local target=$1; shift
  for f in "$@"; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "corpus/$target/seed-$n"
  done
}
shopt -s nullglob globstar
seed lesson "$root"/content/lessons/**/*.md "$root"/content/index.md "$root"/tests/fixtures/*/content/lessons/**/*.md \
  "$root"/tests/fixtures/*/content/index.md
seed qa "$root"/content/qa/*.md "$root"/tests/fixtures/*/content/qa/*.md
seed sop "$root"/content/sops/*.y*ml "$root"/tests/fixtures/*/content/sops/*.y*ml
seed roles "$root"/content/roles.yaml "$root"/tests/fixtures/*/content/roles.yaml
# search: a query line, then text (a question's answer, a lesson) split into records at blank lines.
queries=("GMV 日报" "ＧＭＶ" "618大促" "B站KOC" "完播率 切片" "dou" "A/B 测试")
i=0
for f in "$root"/content/qa/*.md "$root"/content/lessons/**/*.md; do
  n=$((n + 1))
  { printf '%s\n' "${queries[$((i % ${#queries[@]}))]}"; cat "$f"; } > "corpus/search/seed-$n"
  i=$((i + 1))
done
# Earlier crashes stay in the corpus.
for t in lesson qa sop roles search; do
  seed "$t" "$root"/tests/fixtures/fuzz-regressions/"$t"/*
done
for t in lesson qa sop roles search; do echo "$t: $(ls "corpus/$t" | wc -l) inputs"; done
