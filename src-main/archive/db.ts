import type Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import type { DeskDatabase } from './schema';
import type { ValidationOutcome } from '#shared/status/machine';
import type { RedDocument } from '#shared/domain/red-document';
import type { Dichiarazione730 } from '#shared/import730/model';

/** What the archive needs from the validation engine: the outcome for a document and its matricola. */
export type Validator = (
  doc: RedDocument,
  matricola: string,
  /** The 730s held for the document's subjects (cross-check, issue 12). */
  dati730?: readonly Dichiarazione730[],
  /** The cross-check errors the CAF lifted on the declaration ("Sblocca dichiarazione errata"). */
  sbloccati?: readonly string[],
) => { outcome: ValidationOutcome; blocking: number; warnings: number; findings: readonly { code: string; severity: string; message: string }[] };

/** The validator as archive modules call it: given the declaration's id, its unlocks count too. */
export type BoundValidator = (doc: RedDocument, matricola: string, declarationId?: number) => ReturnType<Validator>;

/**
 * The one owner of the archive's connection, shared by every feature module of src-main/archive (and the
 * modules' stores): the raw better-sqlite3 handle, Kysely to build typed queries, the cache of prepared
 * statements that runs them synchronously (so a write and its status-history row share one real transaction),
 * `write` for the transactions, the clock and the validation engine. Lives in the archive worker (worker.ts).
 */
export class ArchiveDb {
  readonly q: Kysely<DeskDatabase>;
  private readonly stmts = new Map<string, Database.Statement>();
  /** Whether any unlock is recorded: an archive without unlocks pays nothing for them (reset by `sblocca`). */
  anySblocco: boolean | null = null;
  /** Whether any 730 is held: an archive without 730s pays nothing for the cross-check (reset by an import). */
  any730: boolean | null = null;

  constructor(
    readonly db: Database.Database,
    private readonly clock: () => Date = () => new Date(),
    readonly validator: Validator | null = null,
  ) {
    this.q = new Kysely<DeskDatabase>({ dialect: new SqliteDialect({ database: db }) });
  }

  /** The statement for `text`, prepared once per connection. */
  prepared(text: string): Database.Statement {
    let s = this.stmts.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.stmts.set(text, s);
    }
    return s;
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.prepared(c.sql).all(...(c.parameters as unknown[])) as R[];
  }
  first<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    return this.prepared(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }
  run(query: Compilable<unknown>): Database.RunResult {
    const c = query.compile();
    return this.prepared(c.sql).run(...(c.parameters as unknown[]));
  }

  /** A write transaction (BEGIN IMMEDIATE): all of `fn` or none of it; inside another one, a savepoint. */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * A write transaction that makes itself good if a power cut loses it: committed without waiting for the disk
   * (synchronous NORMAL: still atomic in WAL, and no application crash can lose it), durable with the next ordinary
   * commit, which syncs the log up to there. Only for work that is redone when lost: the server's answers to the
   * files of the outbox, which stay there until then, are sent again and answered the same way (outbox.ts).
   */
  writeRedoable<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.write(fn);
    const previous = Number(this.db.pragma('synchronous', { simple: true }));
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.write(fn);
    } finally {
      this.db.pragma(`synchronous = ${previous}`);
    }
  }

  now(): string {
    return this.clock().toISOString();
  }
}
