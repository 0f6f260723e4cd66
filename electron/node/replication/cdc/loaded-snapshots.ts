// A table's full load reads a consistent snapshot at a binlog position (snapshot-position.ts): the
// changes committed at or before it are in the loaded rows. The binlog reader may still be behind
// that position when the table finishes loading (it lags under load), so every change it hands over
// later — applied live during the load, or in the cached-changes phase after it — is checked against
// the table's snapshot too. Replaying such a change is harmless for a keyed table (same after-image)
// but duplicates or moves rows in a table without a key.
import type { BinlogPosition } from '../source/mysql.js';
import { comparePositions, type RowChange, type SourceEvent } from './binlog.js';

/** Table key (`schema.table`) → the snapshot position its load read (MariaDB reports one). */
export type LoadedSnapshots = Record<string, BinlogPosition>;

export function changeKey(c: RowChange): string { return `${c.schema}.${c.table}`; }

/** Whether the change committed at `at` is already in the loaded rows of table `key`. */
export function inLoadedSnapshot(snapshots: LoadedSnapshots | undefined, key: string, at: BinlogPosition): boolean {
  const snap = snapshots?.[key];
  return snap !== undefined && comparePositions(at, snap) <= 0;
}

type Txn = Extract<SourceEvent, { kind: 'txn' }>;

/**
 * The transactions without the changes their tables' loads already hold (a transaction left with
 * none stays, empty, so its position still advances). The same array when nothing is dropped.
 */
export function withoutLoadedChanges(txns: Txn[], snapshots: LoadedSnapshots | undefined): Txn[] {
  if (!snapshots || Object.keys(snapshots).length === 0) return txns;
  let out: Txn[] | undefined;
  for (let i = 0; i < txns.length; i++) {
    const t = txns[i]!;
    const kept = t.changes.filter((c) => !inLoadedSnapshot(snapshots, changeKey(c), t.position));
    if (kept.length !== t.changes.length) (out ??= txns.slice())[i] = { ...t, changes: kept };
  }
  return out ?? txns;
}
