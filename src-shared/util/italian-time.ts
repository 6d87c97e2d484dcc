/**
 * Dates and times of RED Desk in Italian civil time (Europe/Rome), whatever the machine's time zone: the
 * guide, the CAF's circulars and the operators speak Italian time. One home for the core's messages
 * (status/machine.ts), the archive and the renderer. Pure Intl: no Node, no DOM.
 */
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

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

function intlWallClock(t: number): WallClock {
  const p: Record<string, number> = {};
  for (const part of ROME.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year ?? 0, mo: p.month ?? 1, d: p.day ?? 1, h: p.hour ?? 0, mi: p.minute ?? 0, s: p.second ?? 0 };
}

/** Minutes Europe/Rome is ahead of UTC at instant t (60 or 120). */
function romeOffsetMinutes(t: number): number {
  const w = intlWallClock(t);
  return Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(t / 1000) * 1000) / 60_000);
}

// Intl costs microseconds a call, too much for an export of 100,000 rows with four dates each. The offset only
// changes at the DST switches, which fall on whole UTC hours: it is asked of Intl once per UTC hour.
const offsetByHour = new Map<number, number>();

function romeWallClock(t: number): WallClock {
  const hour = Math.floor(t / 3_600_000);
  let off = offsetByHour.get(hour);
  if (off === undefined) {
    off = romeOffsetMinutes(hour * 3_600_000);
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, off);
  }
  const d = new Date(Math.floor(t / 1000) * 1000 + off * 60_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
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

/** Today's date in Italy, ISO "2009-05-04" (the day of instant `now`, Europe/Rome). */
export function romeToday(now: number = Date.now()): string {
  const w = romeWallClock(now);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}`;
}

/**
 * The last day of a term of `days` days that starts at instant `iso`, ISO "2009-06-16" (Italian time): the day of
 * the start does not count and the term ends with the last day (art. 2963 c.c.: 01/06 + 15 giorni → 16/06).
 * Null for a missing or invalid start.
 */
export function romeLastDay(iso: string | null | undefined, days: number): string | null {
  const t = parse(iso);
  if (t === null) return null;
  const w = romeWallClock(t);
  const d = new Date(Date.UTC(w.y, w.mo - 1, w.d + days));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
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

/** "18:00" (Italian time); '' for a missing or invalid date. */
export function formatTime(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(11, 16);
}

/** "20090504-101530" (Italian time): the date and time part of the names of prints and exports. */
export function fileStamp(iso: string): string {
  const t = parse(iso) ?? 0;
  const w = romeWallClock(t);
  return `${w.y}${pad(w.mo)}${pad(w.d)}-${pad(w.h)}${pad(w.mi)}${pad(w.s)}`;
}
