import type { ServerStatus } from '#shared/server-api/contract';
import { STATUS_INFO } from '#shared/status/statuses';

/** The guide's status labels (p. 68); RITIRATA exists only on the server (withdrawn for "Modifica"). */
export const statusLabel = (s: ServerStatus): string => (s === 'RITIRATA' ? 'Ritirata' : STATUS_INFO[s].label);

/** The order of the way to INPS, for charts and legends. */
export const STATUS_ORDER: readonly ServerStatus[] = ['TRASM_CGN', 'BLOCCATA', 'TRASM_INPS', 'RICEVUTA', 'SCARTATA', 'SCART_CAF', 'RITIRATA'];

export const num = (n: number): string => n.toLocaleString('it-IT');

/** "30/06/2009 23:59" in Italian time. */
export function dataOra(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "30/06/2009" from an ISO day. */
export const giorno = (day: string | null): string => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '—');

/** "2 giorni e 3 ore", "45 minuti". */
export function durata(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (d > 0) return `${part(d, 'giorno', 'giorni')}${h > 0 ? ` e ${part(h, 'ora', 'ore')}` : ''}`;
  if (h > 0) return `${part(h, 'ora', 'ore')}${m > 0 ? ` e ${part(m, 'minuto', 'minuti')}` : ''}`;
  return part(m, 'minuto', 'minuti');
}
