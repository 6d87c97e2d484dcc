/**
 * What the rules need from a campaign beyond the `RuleCampaign` parameters of types.ts: the tables (tipo righi,
 * Stati esteri / Enti stranieri, Enti pensionistici) and a few labels. A campaign module (campaigns/redYYYY/
 * campaign.ts) exports one `CampaignData`; the rules read tables only through it, never from a campaign folder.
 *
 * A caller may pass a plain `RuleCampaign` (just the parameters): the tables are then found by campaign id.
 */
import type { IncomeRow } from '../domain/red-document';
import { RED2009_CAMPAIGN } from '../campaigns/red2009/campaign';
import type { RuleCampaign } from './types';

/** 'O' obligatory, 'F' optional ("Facoltativi"), null not asked (p. 90–91). */
export type RowRequirement = 'O' | 'F' | null;
export type RowsTable = Readonly<Record<IncomeRow, RowRequirement>>;

export interface CampaignData extends RuleCampaign {
  /** Calendar year of the campaign (RED 2009: incomes 2008 and possibly 2007). */
  campaignYear: number;
  /** Cross-border workers' allowance: A2 is entered gross of it (p. 4). */
  franchigiaFrontalieri: number;
  /** Rows asked by a "codice tipo righi" (undefined for an unknown code). */
  tipoRighi(code: string): RowsTable | undefined;
  /** Nucleus code meaning "no rows for coniuge and figli". */
  tipoRighiNessuno: string;
  isStatoEsteroValido(stato: string): boolean;
  isIstituzioneValida(stato: string, istituzione: string): boolean;
  entePensionistico(codice: string): { nome: string; casellario: boolean } | undefined;
  /** "Numero figli" of the matricola decoded (0–9, A–E = 10–14); NaN for another value. */
  numeroFigli(value: string): number;
  /** Label of a requested year ("redditi 2008"). */
  annoLabel(anno: number): string;
}

const KNOWN: ReadonlyMap<string, CampaignData> = new Map([[RED2009_CAMPAIGN.id, RED2009_CAMPAIGN]]);

function isCampaignData(c: RuleCampaign): c is CampaignData {
  return typeof (c as Partial<CampaignData>).tipoRighi === 'function';
}

/** The campaign's tables: the object itself when it carries them, else the known campaign with the same id. */
export function campaignDataOf(c: RuleCampaign): CampaignData {
  if (isCampaignData(c)) return c;
  const known = KNOWN.get(c.id);
  if (!known) throw new Error(`Campagna «${c.id}» sconosciuta: tabelle di controllo non disponibili.`);
  return known;
}
