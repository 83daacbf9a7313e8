/** Numbers as written, after width folding: "１２０件" → 120, "15:57" → 15 and 57, "6.1" → 6.1. */
export function numbersIn(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .replace(/(\d),(?=\d{3}\b)/g, '$1')
      .match(/\d+(?:\.\d+)?/g) ?? []
  ).map((n) => String(Number(n)));
}

/**
 * The rule "the engine decides, the LLM explains", checked: every number in the model's
 * answer must be one of the computed facts. A small model that invents "5名" or "30分"
 * is caught here and the templated answer is shown instead.
 */
export function checkNumbers(answer: string, factsText: string): { ok: boolean; unknown: string[] } {
  const allowed = new Set(numbersIn(factsText));
  const unknown = [...new Set(numbersIn(answer).filter((n) => !allowed.has(n)))];
  return { ok: unknown.length === 0, unknown };
}
