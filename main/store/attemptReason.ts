import { fromSystemError, GenbaError, type Localized } from '../errors.js';
import { UNFORESEEN_DELIVERY_FAILURE, type DeliveryReport } from './decisionRecord.js';

/** Nothing was sent, and no attempt failed: the source was not tried (another delivery holds it, say). */
export const NOT_ATTEMPTED: Localized = {
  ja: 'まだ送信を試みていません。',
  en: 'No delivery was attempted yet.',
};

/**
 * Waits for a delivery attempt (at most `waitMs`, when given) and says, in the manager's
 * words, why it did not deliver decision `id`: its failure in the report, what the attempt
 * threw, or the wait running out. Null when the attempt reports no failure of `id`.
 */
export async function attemptReason(id: string, attempt: Promise<DeliveryReport | null>, waitMs?: number): Promise<Localized | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    if (waitMs !== undefined) timer = setTimeout(() => resolve('timeout'), waitMs);
  });
  try {
    const report = await Promise.race([attempt, timeout]);
    if (report === 'timeout')
      return {
        ja: `会社のデータベースが ${Math.round(waitMs! / 1000)} 秒以内に応答しませんでした。`,
        en: `The company database did not answer within ${Math.round(waitMs! / 1000)} s.`,
      };
    return report?.failures.find((f) => f.suggestionId === id)?.reason ?? null;
  } catch (error) {
    const known = fromSystemError(error);
    return known instanceof GenbaError ? known.text : UNFORESEEN_DELIVERY_FAILURE;
  } finally {
    clearTimeout(timer);
  }
}
