// SPDX-License-Identifier: GPL-3.0-or-later
// Scoring end to end against known answers: the ideal tracker (truth itself) scores perfectly; the same tracks
// shifted by a known offset score exactly that offset; renumbering a track mid-run counts one track-number change;
// dropping the tracks of one aircraft lowers completeness by its share; the score command reads the files.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EnuFrame } from '../../src/core/geodesy.ts';
import type { MetricTrack } from '../../src/fusion/metrics/types.ts';
import { metricTrack, score } from '../../src/fusion/score.ts';
import { trackEventLine } from '../../src/fusion/track-io.ts';
import { createSimulation, truthLine } from '../../src/sim/simulation.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { TruthTracker } from '../../src/sim/truth-tracks.ts';
import type { TruthState } from '../../src/sim/truth.ts';
import { runCli } from '../helpers/cli.ts';

/** Ten minutes of the intercept scenario's truth, every aircraft transponding (so that identity is stated). */
function truthRun(): TruthState[] {
  const sim = createSimulation(loadScenario('intercept'));
  const out: TruthState[] = [];
  for (const states of sim) {
    if (states.length > 0 && states[0].timeMs > sim.startMs + 600_000) break;
    for (const s of states) out.push({ ...s, transponder: 'on' });
  }
  return out;
}

const truth = truthRun();
const ideal = (): MetricTrack[] => {
  const tracker = new TruthTracker();
  return truth.map((s) => metricTrack(tracker.track(s)));
};

describe('score', () => {
  it('the ideal tracker scores perfectly', () => {
    const s = score(truth, ideal());
    assert.equal(s.completeness, 1);
    assert.equal(s.spuriousness, 0);
    assert.equal(s.ambiguity, 1);
    assert.ok(s.positionErrorRmsM < 1e-6);
    assert.ok(s.velocityErrorRmsMps < 1e-6);
    assert.equal(s.trackNumberChanges, 0);
    assert.equal(s.idCorrect, 1);
    assert.ok(s.ospaMeanM < 1e-6 && s.gospaMeanM < 1e-6);
  });

  it('tracks shifted 300 m east score a 300 m position error; OSPA equals the shift (inside the cut-off)', () => {
    const shifted = ideal().map((t) => {
      const g = new EnuFrame(t.lat, t.lon, 0).toGeodetic(300, 0, 0);
      return { ...t, lat: g.latDeg, lon: g.lonDeg };
    });
    const s = score(truth, shifted, { gateM: 1_000, cutoffM: 2_000 });
    assert.ok(Math.abs(s.positionErrorMeanM - 300) < 2, `${s.positionErrorMeanM}`);
    assert.ok(Math.abs(s.ospaMeanM - 300) < 2, `${s.ospaMeanM}`);
    assert.equal(s.completeness, 1);
  });

  it('a track renumbered halfway is one track-number change; a missing aircraft lowers completeness by its share', () => {
    const tracks = ideal();
    const mid = truth[Math.floor(truth.length / 2)].timeMs;
    const firstId = tracks[0].trackId;
    const renumbered = tracks.map((t) => (t.trackId === firstId && t.timeMs >= mid ? { ...t, trackId: 9999 } : t));
    assert.equal(score(truth, renumbered).trackNumberChanges, 1);
    const missing = tracks.filter((t) => t.trackId !== firstId);
    const share = tracks.filter((t) => t.trackId === firstId).length / tracks.length;
    assert.ok(Math.abs(score(truth, missing).completeness - (1 - share)) < 1e-9);
  });

  it('jointsky score reads truth and track files and prints the measures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jointsky-score-'));
    const tracker = new TruthTracker();
    writeFileSync(join(dir, 'truth.ndjson'), truth.map((s) => `${truthLine(s)}\n`).join(''));
    writeFileSync(join(dir, 'tracks.ndjson'), truth.map((s) => trackEventLine({ type: 'update', track: tracker.track(s) })).join(''));
    const r = await runCli(['score', '--truth', join(dir, 'truth.ndjson'), '--tracks', join(dir, 'tracks.ndjson'), '--json']);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out);
    assert.equal(s.completeness, 1);
    assert.equal(s.trackNumberChanges, 0);
    const bad = await runCli(['score', '--truth', join(dir, 'truth.ndjson')]);
    assert.equal(bad.code, 2);
    writeFileSync(join(dir, 'broken.ndjson'), '{"type":"update","track":{"trackId":1}}\n');
    const broken = await runCli(['score', '--truth', join(dir, 'truth.ndjson'), '--tracks', join(dir, 'broken.ndjson')]);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /broken\.ndjson:1: track\.timeMs: /);
  });
});
