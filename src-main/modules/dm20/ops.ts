/**
 * The DM20-REG operations the archive worker runs, reached through the one archive method `dm20(op, ...args)`
 * (archive.ts), so that the shared archive facade holds a single line for this module. `callDm20` (service.ts)
 * gives the services the typed view of that call.
 */
import type { ArchiveDb } from '../../archive/db';
import * as e from './elaborati';
import * as m from './mensili';
import * as r from './riferimento';
import * as x from './situazione';
import * as s from './store';

export const DM20_OPS = {
  impostazioni: r.impostazioni,
  salvaSede: r.salvaSede,
  aziende: r.aziende,
  salvaAzienda: r.salvaAzienda,
  salvaProgressivo: r.salvaProgressivo,
  importaAziende: r.importaAziende,
  sc724List: s.sc724List,
  salvaSc724: s.salvaSc724,
  eliminaSc724: s.eliminaSc724,
  dm11List: s.dm11List,
  salvaDm11: s.salvaDm11,
  eliminaDm11: s.eliminaDm11,
  bollettini: s.bollettini,
  salvaPagina: s.salvaPagina,
  eliminaBollettino: s.eliminaBollettino,
  quadratura: s.quadratura,
  inoltro: s.inoltro,
  listaSlips: x.listaSlips,
  situazione: x.situazione,
  sc724Key: s.sc724Key,
  datiListe: e.datiListe,
  segnaStampa: e.segnaStampa,
  cancellaElaborati: e.cancellaElaborati,
  mensiliDati: m.mensiliDati,
  ds79Righe: m.ds79Righe,
} as const;

export type Dm20Op = keyof typeof DM20_OPS;
type Rest<F> = F extends (a: ArchiveDb, ...rest: infer R) => unknown ? R : never;
export type Dm20Args<K extends Dm20Op> = Rest<(typeof DM20_OPS)[K]>;
export type Dm20Result<K extends Dm20Op> = ReturnType<(typeof DM20_OPS)[K]>;

/** Runs one operation on the archive (inside the worker). */
export function runDm20(a: ArchiveDb, op: string, args: readonly unknown[]): unknown {
  if (!Object.prototype.hasOwnProperty.call(DM20_OPS, op)) throw new Error(`Operazione DM20-REG sconosciuta: ${op}`);
  return (DM20_OPS[op as Dm20Op] as (a: ArchiveDb, ...x: readonly unknown[]) => unknown)(a, ...args);
}
