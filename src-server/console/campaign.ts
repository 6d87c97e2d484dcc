import type { Overview } from '#shared/console-api/contract';
import type { ServerStatus } from '#shared/server-api/contract';
import type { Store } from '../store/db';
import { getDeadline } from '../store/settings';

/** Desks counted per query of a read on SQLite (see read()). */
const DESKS_PER_SLICE = 8;

/**
 * The campaign page's numbers, from aggregate queries that read indexes only: counts by desk and status from
 * `declarations_by_desk_status`, the blocked ones from a partial index, the oldest waiting Trasm.CGN from
 * `declarations_forward_queue`, open batches from `inps_batches_open`. The counts still scan that index (a quarter
 * to most of a second per million declarations, on SQLite and PostgreSQL alike: bench/console.ts), on SQLite a few
 * desks at a time so that other requests are served between the slices, and no request pays for them: they are read at start and
 * then every few seconds in the background while someone uses the console (10 minutes after the last look), and a
 * page gets the latest result with its time ("Dati al …"); the first look after a pause waits for a fresh read. A
 * change made from the console (block, release, deadline) drops the result: the next page waits for a fresh one.
 */
export class CampaignOverview {
  private cached: { at: number; value: Overview } | null = null;
  private inflight: { generation: number; value: Promise<Overview> } | null = null;
  private generation = 0;
  private lastAsked = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: Store,
    private readonly defaultDeadline: string | undefined,
    private readonly refreshMs = 5_000,
    private readonly idleMs = 10 * 60_000,
  ) {}

  /** Reads once now and keeps the numbers fresh while the console is in use. */
  start(): void {
    void this.refresh().catch(() => undefined);
    this.timer = setInterval(() => {
      if (Date.now() - this.lastAsked < this.idleMs) void this.refresh().catch(() => undefined);
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get(): Promise<Overview> {
    this.lastAsked = Date.now();
    const age = this.cached ? Date.now() - this.cached.at : Infinity;
    // Kept fresh by the timer while in use: served as is (and refreshed behind when due). After a pause (nobody
    // looked, the timer stopped) the first look waits for a fresh read instead of showing old numbers.
    if (this.cached && age <= 2 * this.refreshMs) {
      if (age > this.refreshMs) void this.refresh().catch(() => undefined);
      return Promise.resolve(this.cached.value);
    }
    return this.refresh();
  }

  /** After a change made from the console: the next read is fresh. */
  invalidate(): void {
    this.generation++;
    this.cached = null;
  }

  private refresh(): Promise<Overview> {
    const generation = this.generation;
    if (this.inflight?.generation === generation) return this.inflight.value;
    const value = this.read(Date.now()).then((v) => {
      if (generation === this.generation) this.cached = { at: Date.parse(v.countedAt), value: v };
      return v;
    });
    const mine = { generation, value };
    this.inflight = mine;
    const clear = () => {
      if (this.inflight === mine) this.inflight = null;
    };
    value.then(clear, clear);
    return value;
  }

  private async read(now: number): Promise<Overview> {
    const db = this.store.db;
    const desks = await db.selectFrom('desks').select(['id', 'name']).orderBy('id').execute();
    // SQLite: counted a few desks at a time (a range of the desk/status index each), yielding between the slices:
    // the queries run on the server's thread, and one count over a million entries held every request (desks
    // syncing, the console's own page) for most of a second every few seconds. PostgreSQL answers on its own
    // processes while this one serves other requests, and one pass over the index is several times faster
    // there than the slices (bench/console.ts): one query.
    const perSlice = this.store.dialect === 'sqlite' ? DESKS_PER_SLICE : Math.max(1, desks.length);
    const counts: { desk_id: string; status: ServerStatus; n: number }[] = [];
    for (let i = 0; i < desks.length; i += perSlice) {
      const slice = desks.slice(i, i + perSlice);
      counts.push(
        ...(await db
          .selectFrom('declarations')
          .select(['desk_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
          .where('desk_id', '>=', slice[0]!.id)
          .where('desk_id', '<=', slice[slice.length - 1]!.id)
          .groupBy(['desk_id', 'status'])
          .execute()),
      );
      await new Promise((r) => setImmediate(r));
    }
    const blocked = await db
      .selectFrom('declarations')
      .select(['desk_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('blocked_at', 'is not', null)
      .where('status', '=', 'TRASM_CGN')
      .groupBy('desk_id')
      .execute();
    const oldest = await db
      .selectFrom('declarations')
      .select('received_at')
      .where('status', '=', 'TRASM_CGN')
      .where('blocked_at', 'is', null)
      .orderBy('received_at')
      .limit(1)
      .executeTakeFirst();
    const batches = await db
      .selectFrom('inps_batches')
      .select([(eb) => eb.fn.countAll<number>().as('open'), (eb) => eb.fn.count<number>('id').filterWhere('sent_at', 'is', null).as('unsent')])
      .where('completed_at', 'is', null)
      .executeTakeFirstOrThrow();
    const deadline = await getDeadline(db, this.defaultDeadline);

    const byStatus = new Map<ServerStatus, number>();
    const perDesk = new Map<string, Map<ServerStatus, number>>();
    const add = (deskId: string, status: ServerStatus, n: number) => {
      byStatus.set(status, (byStatus.get(status) ?? 0) + n);
      let m = perDesk.get(deskId);
      if (!m) perDesk.set(deskId, (m = new Map()));
      m.set(status, (m.get(status) ?? 0) + n);
    };
    for (const r of counts) add(r.desk_id, r.status, Number(r.n));
    // A blocked declaration is Trasm.CGN in the table: shown as Bloccata, not twice.
    for (const r of blocked) {
      add(r.desk_id, 'TRASM_CGN', -Number(r.n));
      add(r.desk_id, 'BLOCCATA', Number(r.n));
    }
    const list = (m: Map<ServerStatus, number>) => [...m].filter(([, n]) => n > 0).map(([status, n]) => ({ status, n }));
    const names = new Map(desks.map((d) => [d.id, d.name]));
    const byDesk = [...perDesk]
      .map(([deskId, m]) => ({ deskId, name: names.get(deskId) ?? deskId, total: [...m.values()].reduce((a, b) => a + b, 0), byStatus: list(m) }))
      .sort((a, b) => b.total - a.total || a.deskId.localeCompare(b.deskId))
      .slice(0, 20);
    const oldestAt = oldest?.received_at ?? null;
    return {
      total: [...byStatus.values()].reduce((a, b) => a + b, 0),
      byStatus: list(byStatus),
      byDesk,
      desks: desks.length,
      outbox: {
        waiting: byStatus.get('TRASM_CGN') ?? 0,
        oldestAt,
        lagSeconds: oldestAt ? Math.max(0, Math.round((now - Date.parse(oldestAt)) / 1000)) : null,
      },
      esiti: { pendingDeclarations: byStatus.get('TRASM_INPS') ?? 0, openBatches: Number(batches.open), unsentBatches: Number(batches.unsent) },
      deadline,
      now: new Date(now).toISOString(),
      countedAt: new Date(now).toISOString(),
    };
  }
}
