// SPDX-License-Identifier: GPL-3.0-or-later
// The exhaustive O(N²) STCA reference: every pair i < j through the same policy and pair model, no spatial index.
// It is what the grid detector must equal, pair for pair; tests and the benchmark use it.

import type { StcaRules } from './config.ts';
import { ConflictSet, PairPolicy, type StcaModel } from './detect.ts';
import { PairResult } from './model.ts';
import type { StcaSnapshot } from './snapshot.ts';

export function detectExhaustive(s: StcaSnapshot, rules: StcaRules, model: StcaModel = 'stca', out = new ConflictSet()): ConflictSet {
  out.clear();
  const policy = new PairPolicy(rules, model);
  policy.prepare(s);
  const r = new PairResult();
  for (let i = 0; i < s.n; i++) {
    for (let j = i + 1; j < s.n; j++) {
      if (!policy.admit(s, i, j)) continue;
      if (policy.evaluate(s, i, j, r)) out.push(i, j, r, policy.rpzM, policy.hpzM);
    }
  }
  return out; // already in (i, j) order
}
