import type { RedDocument } from '#shared/domain/red-document';
import type { DecodedMatricola } from '#shared/matricola/codec';

export type Presence = 'TUTTO' | 'PARTE' | 'NO' | null;

/**
 * Presence of the coniuge in each requested year (p. 78: "La presenza del coniuge può essere totale (per
 * tutti gli anni richiesti) o parziale, ciò è determinato dallo stato civile variato e dalla relativa
 * decorrenza"): from the matricola's stato civile, the updated one with its decorrenza, and the coniuge's
 * date of death. null = not known (stato civile "non noto" and not updated).
 */
export function coniugePresence(doc: RedDocument, m: DecodedMatricola): { anno: number; presence: Presence }[] {
  const mSC = m.values.statoCivile;
  const uSC = doc.anagrafica.statoCivile;
  const dec = doc.anagrafica.statoCivileDecorrenza;
  const morte = doc.soggetti.find((s) => s.role === 'CONIUGE')?.dataDecesso ?? null;
  return [...m.anni]
    .sort((a, b) => b - a)
    .map((anno) => {
      const first = `${anno}-01-01`;
      const last = `${anno}-12-31`;
      let presence: Presence;
      if (uSC === null || uSC === mSC || dec === null) {
        const sc = uSC ?? mSC;
        presence = sc === '0' ? null : sc === '2' ? 'TUTTO' : 'NO';
      } else if (dec <= first) {
        presence = uSC === '2' ? 'TUTTO' : 'NO';
      } else if (dec > last) {
        presence = mSC === '0' ? null : mSC === '2' ? 'TUTTO' : 'NO';
      } else {
        presence = mSC === '2' || uSC === '2' ? 'PARTE' : 'NO';
      }
      if (presence !== 'NO' && presence !== null && morte !== null) {
        if (morte < first) presence = 'NO';
        else if (morte < last) presence = 'PARTE';
      }
      return { anno, presence };
    });
}

const YEAR_TEXT: Record<Exclude<Presence, null>, string> = {
  TUTTO: "per tutto l'anno",
  PARTE: "per parte dell'anno",
  NO: 'assente',
};

/** Italian summary: "presente per tutti gli anni richiesti", "presenza parziale (2008 per parte dell'anno; …)". */
export function coniugePresenceText(doc: RedDocument, m: DecodedMatricola): string {
  const p = coniugePresence(doc, m);
  if (p.length === 0) return '—';
  if (p.some((x) => x.presence === null)) return 'non determinabile: stato civile non noto (aggiornarlo nella sezione Conferma/aggiornamento dati anagrafici)';
  if (p.every((x) => x.presence === 'TUTTO')) return 'presente per tutti gli anni richiesti (presenza totale)';
  if (p.every((x) => x.presence === 'NO')) return 'non presente negli anni richiesti';
  return `presenza parziale (${p.map((x) => `${x.anno}: ${YEAR_TEXT[x.presence as Exclude<Presence, null>]}`).join('; ')})`;
}
