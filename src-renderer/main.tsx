import { createRoot } from 'react-dom/client';
import { createClient } from './api-client/client';
import { App } from './App';
import '@fontsource/jetbrains-mono/latin-400.css';
import '@fontsource/jetbrains-mono/latin-700.css';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const api = createClient();
if (api) {
  root.render(<App api={api} />);
} else {
  root.render(
    <div className="fatal" role="alert">
      Accesso non autorizzato: aprire RED Desk dall'indirizzo completo stampato all'avvio (contiene il codice di accesso).
    </div>,
  );
}
