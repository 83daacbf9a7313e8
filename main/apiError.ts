import { GenbaError, type Localized } from './errors.js';

export class ApiError extends GenbaError {}

export function unknownChannel(channel: string): ApiError {
  return new ApiError('UNKNOWN_CHANNEL', {
    ja: `不明な操作です: ${channel}`,
    en: `Unknown operation: ${channel}`,
  });
}

/** A request the contract refused: the channel, the field and why (a refinement's own words in each language, else zod's). */
export function invalidInput(channel: string, field: string, why: Localized): ApiError {
  return new ApiError('INVALID_INPUT', {
    ja: `「${channel}」への入力が正しくありません（${field}: ${why.ja}）。`,
    en: `Invalid input for "${channel}" (${field}: ${why.en}).`,
  });
}
