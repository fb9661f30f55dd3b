/**
 * The candidate a mistyped name most likely meant: the nearest by edit distance (case and `_`/`-`
 * ignored), if within `maxDistance` (default 2, or 1 for names of four letters or fewer, where two
 * edits make another word). For "did you mean …?" in driver setting errors.
 */
export function closestName(word: string, candidates: Iterable<string>, maxDistance = word.length <= 4 ? 1 : 2): string | undefined {
  const plain = normalize(word);
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(plain, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Levenshtein distance, with one row of memory. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
