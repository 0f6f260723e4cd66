// V8 limits of the conversion worker. A conversion keeps its whole IR alive (~30 MB for 5,000
// statements), so with V8's default 16 MB semi-space the scavenger copies most of it once or twice
// before promoting it: a fifth to a third of a conversion's CPU (bench/parse-convert.bench.ts). A
// larger young generation lets short-lived garbage die young and the IR get promoted in fewer copies.
// Only the conversion worker gets it: the back end and the replication process keep V8's defaults
// (the replication full load has an RSS budget).
import type { ResourceLimits } from 'node:worker_threads';

export const CONVERT_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 192 };
