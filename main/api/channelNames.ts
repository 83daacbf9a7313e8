/**
 * The channel names alone, with no runtime dependency: the sandboxed preload bundles this
 * file to refuse anything else. contract.ts checks it lists exactly the contract's channels.
 */
export const CHANNEL_NAMES = [
  'status.get',
  'overview.get',
  'settings.get',
  'settings.update',
  'businesses.list',
  'businesses.save',
  'demo.reset',
  'alerts.pause',
  'alerts.applyThreshold',
  'sync.now',
  'source.test',
  'source.save',
  'source.useDemo',
  'models.status',
  'models.load',
  'models.test',
  'logs.refresh',
  'logs.templates',
  'logs.template',
  'logs.search',
  'logs.clusters',
  'logs.anomalies',
  'logs.volume',
  'logs.scatter',
  'logs.describeCluster',
  'logs.screen',
  'alerts.list',
  'alerts.check',
  'alerts.ack',
  'alerts.snooze',
  'alerts.incidents',
  'alerts.timeline',
  'chat.ask',
  'chat.cancel',
  'chat.conversations',
  'chat.conversation',
  'chat.deleteConversation',
  'proposals.get',
  'proposals.preview',
  'proposals.decide',
  'plan.make',
  'plan.recent',
  'plan.decide',
  'forecast.get',
  'approvals.list',
  'approvals.export',
  'knowledge.list',
  'knowledge.get',
  'knowledge.add',
  'knowledge.remove',
  'knowledge.search',
  'doctor.run',
] as const;

export type Channel = (typeof CHANNEL_NAMES)[number];

/** Electron IPC channel for a contract channel, and the one channel for pushed events. */
export const ipcChannel = (channel: Channel): string => `genba:${channel}`;
export const EVENT_IPC_CHANNEL = 'genba:event';
