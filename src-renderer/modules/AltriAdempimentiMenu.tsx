import { UtilitaMenu } from '../utilities/UtilitaMenu';

export type AltroAdempimento = 'inail-dna' | 'flussi-ca' | 'dm20';

/**
 * "Altri adempimenti" (Alt+A, issue 15): the services the desk offers besides RED, each a module of its own
 * (a folder named after it under modules/ in each layer). The same keyboard menu as Utilità and Servizi.
 */
export function AltriAdempimentiMenu(props: { onClose: () => void; onOpen: (m: AltroAdempimento) => void; entries: readonly AltroAdempimento[] }) {
  const all = {
    'inail-dna': { label: 'Denuncia nominativa assicurati (INAIL)', helpId: 'altri.inailDna', onSelect: () => props.onOpen('inail-dna') },
    'flussi-ca': { label: 'Flussi incassi C.A. (INAIL)', helpId: 'altri.flussiCa', onSelect: () => props.onOpen('flussi-ca') },
    dm20: { label: 'Acquisizione DM20-REG (INPS)', helpId: 'altri.dm20', onSelect: () => props.onOpen('dm20') },
  };
  return <UtilitaMenu title="Altri adempimenti" listLabel="Altri adempimenti" guida="altri-adempimenti" onClose={props.onClose} entries={props.entries.map((e) => all[e])} />;
}
