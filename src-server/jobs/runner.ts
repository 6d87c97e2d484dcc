import type { EsitiResult, ForwardResult } from '#shared/server-api/contract';
import type { InpsGateway } from '../inps/gateway';
import type { Store } from '../store/db';
import { ingestEsiti } from './esiti';
import { forwardToInps } from './forward';
import { DEFAULT_LEASE_MS, newWorkerId, type LeaseOptions } from './leases';

/**
 * Runs this process's INPS jobs one at a time (an admin call and the interval never overlap) and on an interval
 * when configured. `stop()` clears the timers and waits for the job in progress: nothing is cut half-way.
 * Between processes (several servers on one PostgreSQL) nothing is serialised here: the jobs take their work
 * under leases in the database (leases.ts), so any number of runners may run side by side.
 */
export class JobRunner {
  private chain: Promise<unknown> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly gateway: InpsGateway | null,
    private readonly log: (message: string) => void,
    /** This process's worker id and lease length (RED_DESK_SERVER_JOB_LEASE_MS). */
    readonly lease: LeaseOptions = { workerId: newWorkerId(), leaseMs: DEFAULT_LEASE_MS },
  ) {}

  get configured(): boolean {
    return this.gateway !== null;
  }

  forward(): Promise<ForwardResult> {
    return this.serial((g) => forwardToInps(this.store, g, undefined, this.lease));
  }

  esiti(): Promise<EsitiResult> {
    return this.serial((g) => ingestEsiti(this.store, g, this.lease));
  }

  /** Intervals in ms; 0 = that job only runs on request. */
  start(forwardMs: number, esitiMs: number): void {
    const every = (ms: number, name: string, job: () => Promise<{ error: string | null }>) => {
      if (ms <= 0 || !this.gateway) return;
      this.timers.push(
        setInterval(() => {
          if (this.stopped) return;
          job().then(
            (r) => r.error && this.log(`[jobs] ${name}: ${r.error}`),
            (e: unknown) => this.log(`[jobs] ${name} non riuscito: ${e instanceof Error ? e.message : String(e)}`),
          );
        }, ms),
      );
    };
    every(forwardMs, 'inoltro INPS', () => this.forward());
    every(esitiMs, 'esiti INPS', () => this.esiti());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.chain.catch(() => undefined);
  }

  private serial<T>(job: (g: InpsGateway) => Promise<T>): Promise<T> {
    const gateway = this.gateway;
    if (!gateway) return Promise.reject(new Error('INPS non configurato (RED_DESK_SERVER_INPS_URL).'));
    const run = this.chain.catch(() => undefined).then(() => job(gateway));
    this.chain = run;
    return run;
  }
}
