/**
 * Campaign RED2009 ("redditi 2008 ed eventualmente 2007"): the parameters and tables the validation rules read
 * (rules/campaign-data.ts). Values carry their guide page; project-defined tables say so in their own module.
 */
import type { CampaignData } from '../../rules/campaign-data';
import { entePensionistico } from './enti';
import { isIstituzioneValida, isStatoEsteroValido } from './stati-esteri';
import { TIPO_RIGHI, TIPO_RIGHI_NESSUNO } from './tipo-righi';

/** Year labels (p. 84, 92). */
export const ANNI_LABELS: Readonly<Record<number, string>> = {
  2008: 'redditi 2008',
  2007: 'redditi 2007',
};

/** "Doc." per requested year (p. 92): did the subject file a tax return for the year? */
export const DOC_LABELS: Readonly<Record<number, Readonly<Record<'730' | 'UNICO' | 'NESSUNA', string>>>> = {
  2008: {
    '730': '730/2009 redditi 2008',
    UNICO: 'Unico/2009 redditi 2008',
    NESSUNA: "Nessuna (non presentata dichiarazione dei redditi per l'anno d'imposta 2008)",
  },
  2007: {
    '730': '730/2008 redditi 2007',
    UNICO: 'Unico/2008 redditi 2007',
    NESSUNA: "Nessuna (non presentata dichiarazione dei redditi per l'anno d'imposta 2007)",
  },
};

/** "Numero figli" of the matricola: 0–9, A–E = 10–14 (p. 42). NaN for any other value. */
export function numeroFigliDaMatricola(value: string): number {
  if (value.length !== 1) return Number.NaN;
  if (value >= '0' && value <= '9') return value.charCodeAt(0) - 48;
  if (value >= 'A' && value <= 'E') return value.charCodeAt(0) - 55;
  return Number.NaN;
}

export const RED2009_CAMPAIGN: CampaignData = {
  id: 'RED2009',
  campaignYear: 2009,
  /** "un importo superiore a 40.000 euro" (p. 87). */
  warningAmount: 40_000,
  /** At most 6 foreign pensions (p. 95). */
  maxForeignPensions: 6,
  /** Zero RED refused when the stato civile becomes coniugato before 01.01.2009 (p. 80). */
  zeroRedConiugatoBefore: '2009-01-01',
  /** "al lordo della franchigia di € 8.000,00" (p. 4). */
  franchigiaFrontalieri: 8_000,
  tipoRighi: (code) => TIPO_RIGHI.get(code)?.rows,
  tipoRighiNessuno: TIPO_RIGHI_NESSUNO,
  isStatoEsteroValido,
  isIstituzioneValida,
  entePensionistico,
  numeroFigli: numeroFigliDaMatricola,
  annoLabel: (anno) => ANNI_LABELS[anno] ?? `redditi ${anno}`,
};
