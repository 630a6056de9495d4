/** What an import of the bypass list as text would do; planned by the background, shown by options. */
import type { BypassEntry } from './view-state';

/** Why a line is refused; the UI words it (import_<code> in _locales), `detail` fills it in. */
export type RefusalCode = 'tooManyWords' | 'unknownRegion' | 'repeats' | 'listFull' | 'invalid';

export interface ImportRefusal {
  line: number;
  text: string;
  code: RefusalCode;
  /** The region id, the repeated line, the limit, or the rule parser's own sentence. */
  detail: string;
}

export interface ImportPlan {
  add: BypassEntry[];
  /** Entries already in the list whose region changes. */
  update: BypassEntry[];
  /** Lines already in the list exactly as they are. */
  unchanged: number;
  refused: ImportRefusal[];
}
