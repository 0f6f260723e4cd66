import type { Statement, Unparsed } from '../../model/index.js';
import { call, num } from '../common/nodes.js';
import { TG } from './codes.js';
import type { MsRuleContext } from './context.js';

/** Seconds of a WAITFOR DELAY time 'hh:mm[:ss[.fff]]' (SQL Server accepts up to 24 hours); undefined when malformed. */
export function delaySeconds(time: string): number | undefined {
  const m = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,3}))?)?\s*$/.exec(time);
  if (!m) return undefined;
  const [h, mi, se] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (mi > 59 || se > 59 || h > 24) return undefined;
  // The digits after the point are a fraction of a second ('.5' = 500 ms).
  const frac = m[4] ? Number(`0.${m[4]}`) : 0;
  return h * 3600 + mi * 60 + se + frac;
}

/** WAITFOR DELAY 'time' (kept as text by the front end) → PERFORM pg_sleep(seconds). */
export function waitforDelay(s: Unparsed, ctx: MsRuleContext): Statement | undefined {
  const lit = /'((?:[^']|'')*)'/.exec(s.text)?.[1];
  const secs = lit === undefined ? undefined : delaySeconds(lit);
  if (secs === undefined) return undefined;
  const sp = s.span;
  ctx.reportOnce(TG.waitfor, sp);
  const text = Number.isInteger(secs) ? String(secs) : secs.toFixed(3).replace(/0+$/, '');
  return { kind: 'SqlStatement', perform: true, statement: { kind: 'Select', items: [{ expr: call({ schema: 'pg_catalog', name: 'pg_sleep' }, [num(text, sp)], sp) }], from: [], groupBy: [], orderBy: [], span: sp }, span: sp };
}
