import type { MonitorRow } from '#shared/domain/declaration';
import type { Tab } from '#shared/status/statuses';
import { StampaModelliDialog } from './StampaModelliDialog';
import { StampeVarieDialog } from './StampeVarieDialog';
import { DuplicatoDialog, ElencoDocumentiDialog } from './UtilitaPrintDialogs';

/** The print dialogs the monitor opens (issue 10): one entry point, so the monitor only keeps which one is open. */
export type PrintDialogKind = 'stampa-modelli' | 'stampe-varie' | 'duplicato' | 'elenco-documenti';

export function PrintDialogs(props: { kind: PrintDialogKind; tab: Tab; current: MonitorRow | null; onClose: () => void }) {
  const current = props.current ? { id: props.current.id, progressivo: props.current.progressivo } : null;
  switch (props.kind) {
    case 'stampa-modelli':
      return props.tab === 'SPEDITE' || props.tab === 'RICEVUTE' ? <StampaModelliDialog tab={props.tab} currentId={current?.id ?? null} onClose={props.onClose} /> : null;
    case 'stampe-varie':
      return <StampeVarieDialog current={current} onClose={props.onClose} />;
    case 'duplicato':
      return <DuplicatoDialog currentId={current?.id ?? null} onClose={props.onClose} />;
    case 'elenco-documenti':
      return <ElencoDocumentiDialog current={current} onClose={props.onClose} />;
  }
}
