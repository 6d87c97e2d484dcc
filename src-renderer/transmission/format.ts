import type { MonitorRow } from '#shared/domain/declaration';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Dates and times are shown and entered in Italian civil time (Europe/Rome), whatever the machine's time zone,
 * like the messages of the core (status/machine.ts): the CAF's circulars and the guide speak Italian time.
 */
const ROME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function romeWallClock(t: number): WallClock {
  const p: Record<string, number> = {};
  for (const part of ROME.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year ?? 0, mo: p.month ?? 1, d: p.day ?? 1, h: p.hour ?? 0, mi: p.minute ?? 0, s: p.second ?? 0 };
}

/** Minutes Europe/Rome is ahead of UTC at instant t (60 or 120). */
function romeOffsetMinutes(t: number): number {
  const w = romeWallClock(t);
  return Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(t / 1000) * 1000) / 60_000);
}

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  return Number.isNaN(t) ? null : t;
}

/** "04/05/2009 10:15:30" (Italian time); '' for a missing or invalid date. */
export function formatDateTime(iso: string | null | undefined): string {
  const t = parse(iso);
  if (t === null) return '';
  const w = romeWallClock(t);
  return `${pad(w.d)}/${pad(w.mo)}/${w.y} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
}

/** "04/05/2009" (Italian time). */
export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/**
 * The value of an `<input type="datetime-local">` ("2009-06-30T18:00", Italian time) as ISO 8601 with the
 * offset in force on that day ("2009-06-30T18:00:00+02:00"), as sync.saveSettings wants it; null when empty or
 * not a date.
 */
export function localInputToIso(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(naive);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // The offset of the instant itself (two passes settle the days DST changes).
  let off = romeOffsetMinutes(naive);
  off = romeOffsetMinutes(naive - off * 60_000);
  const abs = Math.abs(off);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${off >= 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An ISO date-time as the value of an `<input type="datetime-local">` (Italian time, minutes). */
export function isoToLocalInput(iso: string | null): string {
  const t = parse(iso);
  if (t === null) return '';
  const w = romeWallClock(t);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** "1 dichiarazione" / "3 dichiarazioni". */
export function dichiarazioni(n: number): string {
  return `${n.toLocaleString('it-IT')} ${n === 1 ? 'dichiarazione' : 'dichiarazioni'}`;
}

/** What an "Invio" did, in one line for the message bar. */
export function invioSummary(queued: number, refused: number): string {
  if (queued === 0) return `Nessuna dichiarazione inviata: ${dichiarazioni(refused)} non ${refused === 1 ? 'inviabile' : 'inviabili'} (vedere il motivo).`;
  return `${dichiarazioni(queued)} in attesa di conferma del CAF.${refused > 0 ? ` Non inviate: ${dichiarazioni(refused)} (vedere il motivo).` : ''}`;
}

/** The code of a rejection as the operator reads it ("9203", "Scart. CAF"). */
export function scartoCodeLabel(code: string | null): string {
  if (!code) return '';
  return code === 'SCART_CAF' ? 'Scart. CAF' : code;
}

/**
 * The red message under the list for a rejected declaration (pp. 108–110): code, reason and, when the CAF
 * gave one, the suggested codice fiscale (Scart. CAF "collegato") or the correct matricola (9010 / 9011).
 */
export function scartoText(row: Pick<MonitorRow, 'status' | 'scartoCode' | 'scartoMessage' | 'scartoSuggestion'>): string {
  if (!row.scartoMessage && !row.scartoCode) return '';
  const parts = [scartoCodeLabel(row.scartoCode), row.scartoMessage ?? ''].filter(Boolean);
  let text = parts.join(' — ');
  if (row.scartoSuggestion) {
    text += row.status === 'SCART_CAF' ? ` — Codice fiscale suggerito: ${row.scartoSuggestion}` : ` — Matricola corretta: ${row.scartoSuggestion}`;
  }
  return text;
}
