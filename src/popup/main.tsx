import { render } from 'preact';
import { runtimeClient } from '../ui/client';
import { createSiteModel, loadSite } from '../ui/site-model';
import { createViewModel } from '../ui/view-model';
import { INITIAL_VIEW_STATE } from '../shared/view-state';
import { Popup } from './Popup';
import './popup.css';

// The first paint waits for the background's snapshot (storage only, never the network), so the
// user never sees a placeholder state.
const root = document.getElementById('app')!;
const [answer, site] = await Promise.all([runtimeClient.send('getState', undefined), loadSite(runtimeClient)]);
const model = createViewModel(runtimeClient, answer.ok ? answer.value : { ...INITIAL_VIEW_STATE, error: answer.error });
render(<Popup model={model} site={createSiteModel(runtimeClient, model, site.tab, site.view)} />, root);
