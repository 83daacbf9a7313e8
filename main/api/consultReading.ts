import type { AskQueryInput } from './askQuery.js';

/**
 * What a button asks (the overview's 「対策を相談」, an alert's "Propose a fix"): a reading, not a sentence. The words a
 * button shows are for the conversation's title; the reading is answered as it is, in any language, and never read
 * again from those words (a Japanese name inside an English sentence was read as a question about slack).
 */
export interface ConsultRequest {
  text: string;
  reading: AskQueryInput | null;
}

/** A move of people to a line that is late, slow or short of qualified people: the line by site, process and business. */
export function lineFixReading(line: { site: string; process: string; businessId: string }): AskQueryInput {
  return { op: 'propose', measure: 'slack', site: [line.site], process: [line.process], business: [line.businessId] };
}

/** The staffing plan of a working day (YYYY-MM-DD), named by its date so that it is that day's, whatever the day asked. */
export function dayPlanReading(date: string): AskQueryInput {
  return { op: 'propose', measure: 'planned_staff', time: `date_${date.slice(5)}` };
}
