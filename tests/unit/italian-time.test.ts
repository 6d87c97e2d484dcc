import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, isoToLocalInput, localInputToIso } from '#shared/util/italian-time';

describe('Italian civil time, whatever the machine time zone', () => {
  it('formats instants in Europe/Rome (summer +02:00, winter +01:00)', () => {
    expect(formatDateTime('2009-06-23T07:00:00Z')).toBe('23/06/2009 09:00:00');
    expect(formatDateTime('2009-12-31T23:30:00Z')).toBe('01/01/2010 00:30:00');
    expect(formatDate('2009-06-23T07:00:00Z')).toBe('23/06/2009');
    expect(formatTime('2009-06-23T07:00:00+00:00')).toBe('09:00');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('non una data')).toBe('');
  });

  it('turns a datetime-local value into ISO with the offset of that day, and back', () => {
    expect(localInputToIso('2009-06-30T18:00')).toBe('2009-06-30T18:00:00+02:00');
    expect(localInputToIso('2009-01-15T09:30')).toBe('2009-01-15T09:30:00+01:00');
    // The days the clocks change (29/03/2009 02:00 → 03:00, 25/10/2009 03:00 → 02:00).
    expect(localInputToIso('2009-03-29T12:00')).toBe('2009-03-29T12:00:00+02:00');
    expect(localInputToIso('2009-10-25T12:00')).toBe('2009-10-25T12:00:00+01:00');
    expect(localInputToIso('2009-02-30T10:00')).toBeNull();
    expect(localInputToIso('')).toBeNull();
    expect(isoToLocalInput('2009-06-30T16:00:00Z')).toBe('2009-06-30T18:00');
    expect(isoToLocalInput(localInputToIso('2009-11-02T08:15'))).toBe('2009-11-02T08:15');
  });
});

describe('wall clock with the offset cached per UTC hour', () => {
  it('agrees with Intl every 17 minutes across 2008–2010, DST switches included', () => {
    const rome = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    for (let t = Date.UTC(2008, 0, 1); t < Date.UTC(2010, 11, 31); t += 17 * 60_000 + 13_000) {
      const p = Object.fromEntries(rome.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      expect(formatDateTime(new Date(t).toISOString())).toBe(`${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`);
    }
  });
});
