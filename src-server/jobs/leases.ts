import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { dbTimePlus } from '../store/clock';
import type { Store } from '../store/db';

/**
 * Leases on INPS batches (server migration 0002): with several server processes on one PostgreSQL, each step of a batch
 * — its delivery to INPS, then the collection of its esiti — is done by the one process holding the batch's lease.
 * A lease is taken in a short transaction: the first free batch of that step (no lease, or an expired one,
 * by the database's clock) is locked with `FOR UPDATE SKIP LOCKED` (so two processes never wait on each other
 * nor take the same batch) and gets this worker's id and an expiry. A process that dies (kill -9, power cut)
 * simply stops renewing: once `lease_until` passes, another process takes the batch over. Whatever the step
 * did before dying is harmless to repeat: INPS deduplicates a delivery on the batch id, and an esito changes a
 * declaration only while it is still Trasm.INPS in that batch.
 */
export interface LeaseOptions {
  /** This process's id in `lease_owner` (host, pid and a random suffix). */
  workerId: string;
  /** How long a lease lasts: longer than one step takes (an INPS call times out after 30 s). */
  leaseMs: number;
}

export const DEFAULT_LEASE_MS = 60_000;

/** "host#pid#random": readable in the database, unique per process start. */
export function newWorkerId(): string {
  return `${hostname()}#${process.pid}#${randomUUID().slice(0, 8)}`;
}

/** The lease of a caller that does not say who it is (a single process, tests): this process, default length. */
let processLease: LeaseOptions | null = null;
export function localLease(): LeaseOptions {
  return (processLease ??= { workerId: newWorkerId(), leaseMs: DEFAULT_LEASE_MS });
}

export type BatchStep = 'deliver' | 'esiti';

/** Takes the lease of the oldest batch waiting for `step` that no live process holds; null when there is none. */
export async function leaseBatch(store: Store, step: BatchStep, lease: LeaseOptions, skip: readonly string[] = []): Promise<string | null> {
  return store.transaction(async (trx) => {
    let q = trx
      .selectFrom('inps_batches')
      .select('id')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', dbTimePlus(store.dialect, 0))]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(1);
    q = step === 'deliver' ? q.where('sent_at', 'is', null) : q.where('sent_at', 'is not', null).where('completed_at', 'is', null);
    if (skip.length > 0) q = q.where('id', 'not in', [...skip]);
    // PostgreSQL re-checks the conditions on the newest row version once it has the lock, so a lease another
    // process committed a moment ago is seen; a row another process is locking right now is skipped.
    const row = await q.$if(store.dialect === 'postgres', (b) => b.forUpdate().skipLocked()).executeTakeFirst();
    if (!row) return null;
    await trx
      .updateTable('inps_batches')
      .set({ lease_owner: lease.workerId, lease_until: dbTimePlus(store.dialect, lease.leaseMs) })
      .where('id', '=', row.id)
      .execute();
    return row.id;
  });
}

/** Gives a lease back (only this worker's: a lease taken over after expiry belongs to the other process). */
export async function releaseBatch(store: Store, batchId: string, workerId: string): Promise<void> {
  await store.db.updateTable('inps_batches').set({ lease_owner: null, lease_until: null }).where('id', '=', batchId).where('lease_owner', '=', workerId).execute();
}
