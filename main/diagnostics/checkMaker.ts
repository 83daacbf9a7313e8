import type { CheckId, CheckStatus, DoctorCheck } from '../api/doctorTypes.js';
import type { Lang } from '../api/types.js';

export type Text = { ja: string; en: string };
export type MakeCheck = (id: CheckId, status: CheckStatus, summary: Text, fix: Text | null, detail?: string) => DoctorCheck;

/** Builds the doctor's checks in the manager's language. */
export function checkMaker(lang: Lang): MakeCheck {
  return (id, status, summary, fix, detail) => ({ id, status, summary: summary[lang], fix: fix ? fix[lang] : null, ...(detail ? { detail } : {}) });
}
