import { render } from 'preact';
import { runtimeClient } from '../ui/client';
import { applyUiLanguage } from '../ui/document-language';
import { askState, firstState } from '../ui/first-state';
import { createViewModel } from '../ui/view-model';
import { createOptionsRequests } from './options-requests';
import { Options } from './Options';
import './options.css';

// The first rows need no answer from the background: its snapshot in storage.session, the bypass
// list included (src/ui/first-state.ts). The live state follows once those rows are painted: it
// carries the whole list again, a large message to take in.
applyUiLanguage();
const first = await firstState(runtimeClient, true);
const model = createViewModel(runtimeClient, first.state);
render(<Options model={model} requests={createOptionsRequests(runtimeClient)} />, document.getElementById('app')!);
const live = () => void askState(runtimeClient).then((state) => (model.state.value = state));
if (first.fromSnapshot) requestAnimationFrame(() => setTimeout(live));
