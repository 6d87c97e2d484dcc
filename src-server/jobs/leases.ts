import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { dbTimePlus } from '../store/clock';
import type { Transaction } from 'kysely';
import type { DialectName, Store } from '../store/db';
import type { ServerDb } from '../store/schema';

/**
 * Leases on INPS batches (server migration 0002): with several server processes on one PostgreSQL, each step of a batch
 * — its delivery to INPS, then the collection of its esiti — is done by the one process holding the batch's lease.
 * A lease is taken in a short transaction: the first free batch of that step (no lease, or an expired one,
 * by the database's clock) is locked with `FOR UPDATE SKIP LOCKED` (so two processes never wait on each other
 * nor take the same batch) and gets this worker's id and an expiry. While the step runs, the holder renews the
 * lease (a heartbeat every third of its length, `holdLease`), so a slow INPS call keeps the batch however long it
 * takes. A process that dies (kill -9, power cut) or hangs simply stops renewing: once `lease_until` passes, another
 * process takes the batch over. A holder that learns it lost its lease (taken over, or no renewal got through
 * before it ran out) stops the step at once and writes nothing more about that batch. Whatever a step did before
 * it stopped is harmless to repeat: INPS deduplicates a delivery on the batch id, and an esito changes a
 * declaration only while it is still Trasm.INPS in that batch.
 */
export interface LeaseOptions {
  /** This process's id in `lease_owner` (host, pid and a random suffix). */
  workerId: string;
  /** How long a lease lasts without renewal: how soon the work of a dead process is taken over. */
  leaseMs: number;
  /** How often a held lease is renewed; default a third of `leaseMs`. */
  renewMs?: number;
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

/**
 * Extends this worker's lease of a batch by `leaseMs` from now (the database's clock); false when the lease is no
 * longer this worker's (taken over after expiring, or given back). On PostgreSQL the update waits for a process
 * that is taking the batch over right now and then sees its owner: a lease is never held by two at once.
 */
export async function renewBatch(store: Store, batchId: string, lease: LeaseOptions): Promise<boolean> {
  const r = await store.db
    .updateTable('inps_batches')
    .set({ lease_until: dbTimePlus(store.dialect, lease.leaseMs) })
    .where('id', '=', batchId)
    .where('lease_owner', '=', lease.workerId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The lease of a batch was lost while working on it: the work stops and writes nothing about the batch. */
export class LeaseLostError extends Error {
  constructor(
    readonly batchId: string,
    readonly why: 'taken' | 'expired',
  ) {
    super(
      why === 'taken'
        ? `Lotto ${batchId}: preso in carico da un altro processo del server, lavoro interrotto.`
        : `Lotto ${batchId}: il rinnovo della presa in carico non è riuscito prima della scadenza, lavoro interrotto.`,
    );
  }
}

/** A lease held by this worker while its work runs; `signal` aborts when the lease is lost. */
export interface HeldLease {
  readonly signal: AbortSignal;
  /** Throws the LeaseLostError when the lease was lost. */
  check(): void;
  /** Stops renewing (the lease itself is given back or kept by the caller) and waits for a renewal under way. */
  stop(): Promise<void>;
}

/**
 * Keeps renewing a lease taken at `takenAt` (performance.now(), read before the lease was requested) until
 * `stop()`. The lease is lost when a renewal finds it is no longer this worker's, or when `leaseMs` pass since
 * the start of the last renewal that got through (the database may be unreachable: then another process may take
 * it over, so the work stops by itself at that moment). A failed renewal is retried at the next beat.
 */
export function holdLease(store: Store, batchId: string, lease: LeaseOptions, takenAt: number): HeldLease {
  const controller = new AbortController();
  const renewMs = lease.renewMs ?? Math.max(100, Math.floor(lease.leaseMs / 3));
  let stopped = false;
  let inflight: Promise<void> | null = null;
  let expiry: ReturnType<typeof setTimeout> | null = null;
  const lose = (why: 'taken' | 'expired') => {
    if (stopped || controller.signal.aborted) return;
    controller.abort(new LeaseLostError(batchId, why));
    clear();
  };
  const armExpiry = (from: number) => {
    if (expiry) clearTimeout(expiry);
    expiry = setTimeout(() => lose('expired'), Math.max(0, from + lease.leaseMs - performance.now()));
  };
  const beat = () => {
    if (stopped || inflight || controller.signal.aborted) return;
    const started = performance.now();
    inflight = renewBatch(store, batchId, lease).then(
      (held) => {
        if (stopped) return;
        if (held) armExpiry(started);
        else lose('taken');
      },
      () => undefined, // database unreachable: retried at the next beat; the expiry timer still runs
    ).finally(() => {
      inflight = null;
    });
  };
  const timer = setInterval(beat, renewMs);
  const clear = () => {
    clearInterval(timer);
    if (expiry) clearTimeout(expiry);
  };
  armExpiry(takenAt);
  return {
    signal: controller.signal,
    check() {
      if (controller.signal.aborted) throw controller.signal.reason;
    },
    async stop() {
      stopped = true;
      clear();
      await inflight;
    },
  };
}

/** A step's own writes about a batch, fenced: inside the step's transaction, fails unless the lease is still this
 * worker's (the row stays locked until commit on PostgreSQL, so nobody takes it over meanwhile). */
export async function assertLeaseHeld(trx: Transaction<ServerDb>, dialect: DialectName, batchId: string, lease: LeaseOptions): Promise<void> {
  const r = await trx
    .updateTable('inps_batches')
    .set({ lease_until: dbTimePlus(dialect, lease.leaseMs) })
    .where('id', '=', batchId)
    .where('lease_owner', '=', lease.workerId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new LeaseLostError(batchId, 'taken');
}
