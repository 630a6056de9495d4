import { render } from 'preact';
import { runtimeClient } from '../ui/client';
import { applyUiLanguage } from '../ui/document-language';
import { createViewModel } from '../ui/view-model';
import { INITIAL_VIEW_STATE } from '../shared/view-state';
import { createOptionsRequests } from './options-requests';
import { Options } from './Options';
import './options.css';

applyUiLanguage();
const answer = await runtimeClient.send('getState', undefined);
const model = createViewModel(runtimeClient, answer.ok ? answer.value : { ...INITIAL_VIEW_STATE, error: answer.error });
render(<Options model={model} requests={createOptionsRequests(runtimeClient)} />, document.getElementById('app')!);
