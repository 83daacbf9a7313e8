import type { CheckId, CheckStatus, DoctorCheck } from '../api/doctorTypes.js';
import { localize, type Lang, type Localized } from '../api/localized.js';

export type MakeCheck = (id: CheckId, status: CheckStatus, summary: Localized, fix: Localized | null, detail?: string) => DoctorCheck;

/** Builds the doctor's checks in the manager's language. */
export function checkMaker(lang: Lang): MakeCheck {
  return (id, status, summary, fix, detail) => ({
    id,
    status,
    summary: localize(lang, summary),
    fix: fix ? localize(lang, fix) : null,
    ...(detail ? { detail } : {}),
  });
}
