import { localize, type Lang } from '../api/localized.js';
import type { Alert } from '../api/types.js';

/** An alert's title in the answer's language (an alert stored before titles had both languages has its one title). */
export const alertTitle = (a: Pick<Alert, 'title' | 'titles'>, lang: Lang): string => (a.titles ? localize(lang, a.titles) : a.title);
