/**
 * The engines a reading of a question can go to (main/chat/engineFor.ts picks one from the query; main/chat/engines/
 * holds one file each). Plain data, so the renderer can name the engine that answered.
 */
export const ENGINE_IDS = [
  'planner',
  'plan',
  'explain',
  'speed',
  'risk',
  'logs',
  'alertHistory',
  'decisionHistory',
  'propose',
  'whatif',
  'knowhow',
  'outside',
] as const;
export type EngineId = (typeof ENGINE_IDS)[number];
