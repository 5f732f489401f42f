/**
 * A pairwise (strength-2) covering set for boolean factors: every value pair of every two factors appears in at least
 * one row. Greedy over all 2^k rows (k is small here), deterministic, and checked by the caller with `uncoveredPairs`.
 * Hand-written: the few lines beat a dependency for k ≤ 10 (no maintained npm package does just this without extras).
 */
export function pairwiseRows(factors: readonly string[]): Record<string, boolean>[] {
  const all = Array.from({ length: 2 ** factors.length }, (_, n) => Object.fromEntries(factors.map((f, i) => [f, Boolean((n >> i) & 1)])));
  const rows: Record<string, boolean>[] = [];
  let missing = pairsOf(factors, all);
  while (missing.size > 0) {
    let best = all[0]!;
    let bestCount = -1;
    for (const row of all) {
      const count = [...pairsOf(factors, [row])].filter((p) => missing.has(p)).length;
      if (count > bestCount) [best, bestCount] = [row, count];
    }
    rows.push(best);
    for (const p of pairsOf(factors, [best])) missing.delete(p);
  }
  return rows;
}

/** Every value pair of every two factors that no row covers (empty: `rows` is a pairwise set). */
export function uncoveredPairs(factors: readonly string[], rows: Record<string, boolean>[]): string[] {
  const covered = pairsOf(factors, rows);
  const wanted: string[] = [];
  for (let i = 0; i < factors.length; i += 1)
    for (let j = i + 1; j < factors.length; j += 1) for (const a of [false, true]) for (const b of [false, true]) wanted.push(`${factors[i]}=${a}&${factors[j]}=${b}`);
  return wanted.filter((p) => !covered.has(p));
}

function pairsOf(factors: readonly string[], rows: Record<string, boolean>[]): Set<string> {
  const pairs = new Set<string>();
  for (const row of rows)
    for (let i = 0; i < factors.length; i += 1)
      for (let j = i + 1; j < factors.length; j += 1) pairs.add(`${factors[i]}=${row[factors[i]!]}&${factors[j]}=${row[factors[j]!]}`);
  return pairs;
}
