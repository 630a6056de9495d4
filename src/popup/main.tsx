import { render } from 'preact';
import { runtimeClient } from '../ui/client';
import { applyUiLanguage } from '../ui/document-language';
import { askState, firstState } from '../ui/first-state';
import { createSiteModel } from '../ui/site-model';
import { createViewModel } from '../ui/view-model';
import { Popup } from './Popup';
import './popup.css';

// The first paint needs no answer from the background: the snapshot it keeps in storage.session
// (src/ui/first-state.ts). The live state, the active tab and the site's bypass status (which needs the
// background's public-suffix list) follow.
applyUiLanguage();
const root = document.getElementById('app')!;
const first = await firstState(runtimeClient);
const model = createViewModel(runtimeClient, first.state);
const site = createSiteModel(runtimeClient, model, runtimeClient.currentTab());
render(<Popup model={model} site={site} />, root);
if (first.fromSnapshot) void askState(runtimeClient).then((live) => (model.state.value = live));
