// V8 limits of the conversion worker: V8's defaults. A 192 MB young generation helped while a
// 5,000-statement conversion allocated ~105 MB (the scavenger copied the IR once or twice before
// promoting it); since the converters allocate ~40 MB for it, a large young generation only costs
// (fresh semi-space pages to fault in on every cycle): the parse-convert bench, five fresh processes
// per setting on an idle machine (2026-11-27), medians 183–197 ms with the defaults, 181–198 ms with
// 48 MB, 190–212 ms with 96 MB, 213–252 ms with 192 MB. Kept as a named setting so the bench times
// exactly what the app runs.
import type { ResourceLimits } from 'node:worker_threads';

export const CONVERT_WORKER_LIMITS: ResourceLimits = {};
