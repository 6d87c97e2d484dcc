import type { Overview } from '#shared/console-api/contract';
import type { ServerStatus } from '#shared/server-api/contract';
import type { Store } from '../store/db';
import { getDeadline } from '../store/settings';

/**
 * The campaign page's numbers, from aggregate queries that read indexes only: counts by status and by desk from
 * `declarations_by_status_desk` (status, desk_id), the blocked ones from a partial index, the oldest Trasm.CGN
 * from `declarations_to_forward`, open batches from `inps_batches_open`. Still proportional to the declarations
 * (an index scan), so the result is kept a few seconds per process: several staff pages refreshing cost one read.
 */
export class CampaignOverview {
  private cached: { at: number; value: Promise<Overview> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly defaultDeadline: string | undefined,
    private readonly ttlMs = 5_000,
  ) {}

  get(now = Date.now()): Promise<Overview> {
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.value;
    const value = this.read(now);
    this.cached = { at: now, value };
    value.catch(() => {
      if (this.cached?.value === value) this.cached = null;
    });
    return value;
  }

  /** After a change made from the console (block, release…): the next read is fresh. */
  invalidate(): void {
    this.cached = null;
  }

  private async read(now: number): Promise<Overview> {
    const db = this.store.db;
    const counts = await db
      .selectFrom('declarations')
      .select(['status', 'desk_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['status', 'desk_id'])
      .execute();
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
    const desks = await db.selectFrom('desks').select(['id', 'name']).execute();
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
