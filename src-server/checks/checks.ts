import type { Transaction } from 'kysely';
import type { RedDocument } from '#shared/domain/red-document';
import type { Scarto, TransmissionItem } from '#shared/server-api/contract';
import { chunks } from '../store/db';
import type { ServerDb } from '../store/schema';
import { CGN_MESSAGES } from './messages';

/**
 * The CAF checks at transmission (red-domain.md §2.4, §8.5): the matricola against the lists of erroneous
 * matricole (9009 INPS; 9010, 9011 IPOST → "Scartata"), then the codici fiscali of titolare and coniuge against
 * the anagrafe list the CAF loads (SIATEL stand-in: unknown or "collegato" → "Scart. CAF"). Pure once the lists
 * are loaded for the batch.
 */
export interface CheckLists {
  /** null: no anagrafe loaded, the codice fiscale check is skipped (it would reject everything). */
  anagrafe: ReadonlyMap<string, string | null> | null;
  matricole: ReadonlyMap<string, { code: '9009' | '9010' | '9011'; corretta: string | null }>;
}

export interface Person {
  codiceFiscale: string;
  cognomeNome: string;
  coniugeCf: string | null;
}

const norm = (s: string) => s.trim().toUpperCase();

/** Titolare (the CF as confirmed in "anagrafica", else the subject's) and coniuge of a document. */
export function personOf(doc: RedDocument): Person {
  const titolare = doc.soggetti.find((s) => s.role === 'TITOLARE');
  const coniuge = doc.soggetti.find((s) => s.role === 'CONIUGE');
  const cf = norm(doc.anagrafica.codiceFiscale) || norm(titolare?.codiceFiscale ?? '');
  return {
    codiceFiscale: cf,
    cognomeNome: `${titolare?.cognome.trim() ?? ''} ${titolare?.nome.trim() ?? ''}`.trim(),
    coniugeCf: coniuge && norm(coniuge.codiceFiscale) ? norm(coniuge.codiceFiscale) : null,
  };
}

export function runCafChecks(item: Pick<TransmissionItem, 'matricola'>, person: Person, lists: CheckLists): Scarto | null {
  const wrong = lists.matricole.get(item.matricola);
  if (wrong) {
    const message =
      wrong.code === '9010' ? CGN_MESSAGES['9010'](wrong.corretta ?? '') : wrong.code === '9009' ? CGN_MESSAGES['9009'] : CGN_MESSAGES['9011'];
    return { origin: 'CGN', code: wrong.code, message, correctMatricola: wrong.code === '9010' ? wrong.corretta : null };
  }
  const anagrafe = lists.anagrafe;
  if (!anagrafe) return null;
  const problems: NonNullable<Scarto['codiciFiscali']> = [];
  const subjects = [
    { role: 'TITOLARE' as const, cf: person.codiceFiscale },
    ...(person.coniugeCf ? [{ role: 'CONIUGE' as const, cf: person.coniugeCf }] : []),
  ];
  for (const { role, cf } of subjects) {
    if (!anagrafe.has(cf)) problems.push({ role, codiceFiscale: cf, suggested: null });
    else {
      const collegato = anagrafe.get(cf);
      if (collegato) problems.push({ role, codiceFiscale: cf, suggested: collegato });
    }
  }
  if (problems.length === 0) return null;
  const label = { TITOLARE: 'titolare', CONIUGE: 'coniuge' } as const;
  const message = problems
    .map((p) => `${p.suggested ? CGN_MESSAGES.cfCollegato(p.suggested) : CGN_MESSAGES.cfUnknown} (${label[p.role]} ${p.codiceFiscale})`)
    .join('; ');
  return { origin: 'CGN', code: 'SCART_CAF', message, codiciFiscali: problems };
}

/** Loads the list entries a batch needs (only its codici fiscali and matricole). */
export async function loadCheckLists(trx: Transaction<ServerDb>, people: readonly Person[], matricole: readonly string[]): Promise<CheckLists> {
  const cfs = [...new Set(people.flatMap((p) => (p.coniugeCf ? [p.codiceFiscale, p.coniugeCf] : [p.codiceFiscale])))];
  const loaded = await trx.selectFrom('anagrafe').select('codice_fiscale').limit(1).executeTakeFirst();
  let anagrafe: Map<string, string | null> | null = null;
  if (loaded) {
    anagrafe = new Map();
    for (const part of chunks(cfs, 500)) {
      const rows = await trx.selectFrom('anagrafe').selectAll().where('codice_fiscale', 'in', part).execute();
      for (const r of rows) anagrafe.set(r.codice_fiscale, r.collegato_a);
    }
  }
  const wrong = new Map<string, { code: '9009' | '9010' | '9011'; corretta: string | null }>();
  for (const part of chunks([...new Set(matricole)], 500)) {
    const rows = await trx.selectFrom('matricole_errate').selectAll().where('matricola', 'in', part).execute();
    for (const r of rows) wrong.set(r.matricola, { code: r.code, corretta: r.matricola_corretta });
  }
  return { anagrafe, matricole: wrong };
}
