import { describeError, toErrorPayload } from './errors.js';
import type { GenbaApp } from './app.js';
import { invalidInput, unknownChannel } from './apiError.js';
import { issueReason } from './api/localizedIssue.js';
import { CHANNEL_NAMES, type Channel } from './api/channelNames.js';
import { REQUEST_SCHEMAS, type Envelope, type RequestOf, type ResponseOf } from './api/contract.js';

type Service<C extends Channel> = (request: RequestOf<C>) => ResponseOf[C] | Promise<ResponseOf[C]>;
export type HandlerTable = { [C in Channel]: (raw: unknown) => Promise<Envelope<ResponseOf[C]>> };

function services(app: GenbaApp): { [C in Channel]: Service<C> } {
  return {
    'status.get': () => app.status(),
    'overview.get': () => app.overview(),
    'settings.get': () => app.settings(),
    'settings.update': (req) => app.updateSettings(req),
    'businesses.list': () => app.assistant.businessNames(),
    'names.latin': () => app.assistant.latinNames(),
    'businesses.save': (req) => app.assistant.saveBusinessName(req),
    'processes.list': () => app.processNames(),
    'processes.save': (req) => app.saveProcessName(req),
    'demo.reset': () => app.resetDemo(),
    'alerts.pause': (req) => app.pauseAlerts(req.minutes),
    'alerts.applyThreshold': (req) => app.applyAlertThreshold(req),
    'sync.now': () => app.syncNow(),
    'source.test': async (req) => ({ tables: await app.testSource(req) }),
    'source.save': (req) => {
      app.saveSource(req);
      return app.status();
    },
    'source.useDemo': async () => {
      await app.useDemo();
      return app.status();
    },
    'models.status': () => app.ai.status(),
    'models.load': (req) => app.ai.load(req.role),
    'models.test': (req) => app.ai.test(req.role),
    'models.importFolder': () => app.importModels(),
    'logs.refresh': () => app.logs.refresh(),
    'logs.templates': ({ limit, ...filter }) => app.logs.templates(limit, filter),
    'logs.template': ({ id, ...filter }) => app.logs.template(id, filter),
    'logs.drill': ({ id, ...filter }) => app.drillTemplate(id, filter),
    'logs.search': ({ text, k, ...filter }) => app.logs.search(text, k ?? 20, filter),
    'logs.clusters': () => app.logs.clusters(),
    'logs.anomalies': () => app.logs.anomalies(),
    'logs.volume': (req) => app.logs.volume(req),
    'logs.scatter': () => app.logs.scatter(),
    'logs.describeCluster': (req) => app.logs.describeCluster(req.id, app.lang()),
    'logs.screen': ({ hours, limit, ...narrowing }) => app.logs.screen(hours, narrowing, limit),
    'alerts.list': (req) => app.alerts.list(req),
    'alerts.check': () => app.alerts.check(),
    'alerts.ack': (req) => app.alerts.acknowledge(req.id),
    'alerts.snooze': (req) => app.alerts.snooze(req.id, req.minutes),
    'alerts.incidents': (req) => app.alerts.incidents(req.site),
    'alerts.timeline': ({ site, templateId, from, to, ...narrowing }) => app.alerts.timeline(site, { from, to }, templateId, narrowing),
    'chat.ask': (req) => app.assistant.ask(req.question, req.requestId, req.reading, req.conversationId),
    'chat.conversations': () => app.assistant.conversations(),
    'chat.conversation': (req) => app.assistant.conversation(req.id),
    'chat.deleteConversation': (req) => app.assistant.deleteConversation(req.id),
    'chat.cancel': (req) => ({ cancelled: app.assistant.cancel(req.requestId) }),
    'proposals.get': (req) => app.assistant.proposal(req.id),
    'proposals.preview': (req) => app.assistant.preview(req.id, req.keepOperatorIds),
    // The decision is the manager's: who decided is this machine's approver (Settings, else its account), never a field of the request.
    'proposals.decide': (req) =>
      app.assistant.decide(req.id, { action: req.action, reason: req.reason ?? null, user: app.approver(), keepOperatorIds: req.keepOperatorIds }),
    'plan.make': async (req) => {
      const made = await app.planning.plan(req.date);
      return app.planning.get(made.planId)!;
    },
    'plan.recent': () => app.planning.recent(),
    'plan.decide': ({ id, ...d }) => app.planning.decide(id, d),
    'forecast.get': (req) => app.planning.forecast(req.days),
    'approvals.list': () => app.assistant.approvals(),
    'approvals.export': () => app.exportApprovals(),
    'knowledge.list': () => app.assistant.knowledge.list(),
    'knowledge.get': (req) => app.assistant.knowledge.get(req.id),
    'knowledge.add': (req) => {
      app.assistant.knowledge.add({ title: req.title, text: req.text, sourceName: req.fileName ?? null });
      return app.assistant.knowledge.list();
    },
    'knowledge.remove': (req) => app.assistant.knowledge.remove(req.id),
    'knowledge.search': (req) => app.assistant.knowledge.search(req.text, req.k ?? 5),
    'words.list': () => app.assistant.words(),
    'words.forget': (req) => app.assistant.forgetWord(req.word),
    'doctor.run': () => app.doctor(),
  };
}

/**
 * Maps every channel to its service behind validation and the envelope. Electron
 * registers these with ipcMain.handle; tests expose them to Chromium directly.
 */
export function createHandlerTable(app: GenbaApp): HandlerTable {
  const impl = services(app);
  const table = {} as Record<Channel, (raw: unknown) => Promise<Envelope<unknown>>>;
  for (const channel of CHANNEL_NAMES) {
    table[channel] = async (raw) => {
      try {
        const parsed = REQUEST_SCHEMAS[channel].safeParse(raw ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalidInput(channel, issue?.path.join('.') || '(request)', issueReason(issue));
        }
        const service = impl[channel] as Service<Channel>;
        return { ok: true, value: await service(parsed.data as never) };
      } catch (error) {
        app.log.error(`ipc ${channel} failed`, describeError(error));
        return { ok: false, error: toErrorPayload(error, app.lang()) };
      }
    };
  }
  return table as HandlerTable;
}

/** Entry for transports that receive the channel name as data (tests, fuzzing). */
export async function invokeChannel(table: HandlerTable, app: GenbaApp, channel: unknown, raw: unknown): Promise<Envelope<unknown>> {
  if (typeof channel !== 'string' || !(CHANNEL_NAMES as readonly string[]).includes(channel)) {
    return { ok: false, error: toErrorPayload(unknownChannel(String(channel).slice(0, 80)), app.lang()) };
  }
  return table[channel as Channel](raw);
}
