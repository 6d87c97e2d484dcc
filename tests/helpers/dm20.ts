import type { Dm20SlipInput } from '#shared/modules/dm20/checks';

/** A DM20-REG slip of the firm 5000012340 (sede 5000), January 1991, paid 10/02/1992, as typed: esatto unless `over` says otherwise. */
export const dm20Slip = (over: Partial<Dm20SlipInput> = {}): Dm20SlipInput => ({
  documentoDiverso: false,
  matricola: '5000012340',
  sap: '5000',
  tipoArchivio: '1',
  importo: '1.000.000',
  inadempienza: '',
  dal: '0191',
  al: '0191',
  dataVersamento: '10/02/1992',
  ...over,
});
