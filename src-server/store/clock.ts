import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './db';

/**
 * The database's clock, as the ISO-8601 UTC text every time column holds ('2009-06-30T21:59:00.000Z'), plus `ms`.
 * Job leases are compared with it: several server processes on one PostgreSQL then agree on when a lease ends
 * whatever their own clocks say. (SQLite: the file belongs to one process, its clock is the database's.)
 */
export function dbTimePlus(dialect: DialectName, ms: number): RawBuilder<string> {
  const n = Math.round(ms);
  if (dialect === 'postgres') {
    return sql<string>`to_char((clock_timestamp() AT TIME ZONE 'UTC') + (${n}::integer * interval '1 millisecond'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`${n >= 0 ? '+' : ''}${n / 1000} seconds`})`;
}
