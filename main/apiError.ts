import { GenbaError } from './errors.js';

export class ApiError extends GenbaError {}

export function unknownChannel(channel: string): ApiError {
  return new ApiError('UNKNOWN_CHANNEL', {
    ja: `不明な操作です: ${channel}`,
    en: `Unknown operation: ${channel}`,
  });
}

export function invalidInput(channel: string, field: string, why: string): ApiError {
  return new ApiError('INVALID_INPUT', {
    ja: `「${channel}」への入力が正しくありません（${field}: ${why}）。`,
    en: `Invalid input for "${channel}" (${field}: ${why}).`,
  });
}
