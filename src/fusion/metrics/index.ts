// SPDX-License-Identifier: GPL-3.0-or-later
// Track-quality metrics: OSPA, GOSPA (α = 2) and the SIAP measures, scored against simulator truth.

export { AssignmentSolver, type CostMatrix, solveAssignment } from './assignment.ts';
export {
  distanceMatrix,
  type GospaResult,
  type GospaRun,
  gospa,
  gospaFromDistances,
  gospaRun,
  type OspaResult,
  type OspaRun,
  ospa,
  ospaFromDistances,
  ospaRun,
  scanDistances,
} from './ospa.ts';
export { MetricPlane, type Scan, scans, trackVelocity, truthVelocity } from './plane.ts';
export { type ScanAssociation, SiapAssociator, type SiapAtTime, type SiapParams, type SiapResult, siap } from './siap.ts';
export type { MetricTrack, MetricTruth, OspaParams } from './types.ts';
