import type { z } from 'zod';
import type { Localized } from './localized.js';

/**
 * A refusal of the contract or of the config file whose reason the manager reads in their
 * language: a refinement adds this issue, and whoever turns the issue into an error (the
 * handler table's invalid input, the config's invalid field) takes the text from it. The
 * message, for zod's own uses, is the English one.
 */
export function localizedIssue(text: Localized): { code: 'custom'; message: string; params: { text: Localized } } {
  return { code: 'custom', message: text.en, params: { text } };
}

/** Why an issue refused a value, in every language: a refinement's own text, else zod's words (in English) in each. */
export function issueReason(issue: z.core.$ZodIssue | undefined): Localized {
  const text: unknown = issue?.code === 'custom' ? issue.params?.text : undefined;
  if (isLocalized(text)) return text;
  const why = issue?.message ?? 'invalid';
  return { ja: why, en: why };
}

function isLocalized(value: unknown): value is Localized {
  return typeof value === 'object' && value !== null && typeof (value as Localized).ja === 'string' && typeof (value as Localized).en === 'string';
}
