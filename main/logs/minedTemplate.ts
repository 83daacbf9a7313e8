/** One template of the miner (templateMiner.ts): its tokens, with `<*>` where members differ. */
export interface MinedTemplate {
  id: number;
  tokens: string[];
  count: number;
  /** Per wildcard position: the values seen and how often (capped; `null` once too many to keep). */
  values: Record<number, Record<string, number> | null>;
  /** The message that started the template, when mined here (not kept in storage): how its tokens were written. */
  sample?: string;
}
