import { afterAll, beforeAll } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { AskResult } from '../../main/api/assistantTypes.js';
import { createApp, type GenbaApp } from '../../main/app.js';
import { createHandlerTable } from '../../main/handlerTable.js';
import { copyDemoStore } from './demoStore.js';
import { tempDir } from './tempDir.js';

/** The assistant on a copy of the demo store at a fixed moment, asked through the app's own chat channel. */
export interface DemoAssistant {
  app: GenbaApp;
  /** The store read only, for the SELECTs a test checks the answers against. */
  db: Database.Database;
  ask: (question: string, conversationId?: string | null) => Promise<AskResult>;
  close: () => Promise<void>;
}

/**
 * Opens the demo company at `now` with the assistant ready (no solver warm-up), its logs taken in (they are on the first
 * question about them), as a chat test starts from.
 */
export async function openDemoAssistant(now: number): Promise<DemoAssistant> {
  const dir = tempDir();
  await copyDemoStore(dir.path);
  const app = createApp({ dataDir: dir.path, now });
  await app.start();
  await app.assistant.prepare({ solver: false });
  const ask = async (question: string, conversationId: string | null = null): Promise<AskResult> => {
    const r = await createHandlerTable(app)['chat.ask']({ question, conversationId });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  await ask('今日のエラーは？');
  const db = new Database(join(dir.path, 'genba.sqlite'), { readonly: true });
  return {
    app,
    db,
    ask,
    async close() {
      db.close();
      await app.stop();
      dir.remove();
    },
  };
}

/**
 * The same for a whole describe block: opened before its tests, closed after them. The fields are read when tests run.
 */
export function useDemoAssistant(now: number): {
  readonly db: Database.Database;
  ask: (question: string, conversationId?: string | null) => Promise<AskResult>;
} {
  let demo: DemoAssistant | null = null;
  beforeAll(async () => {
    demo = await openDemoAssistant(now);
  }, 300_000);
  afterAll(async () => {
    await demo?.close();
  });
  return {
    get db() {
      return demo!.db;
    },
    ask: (question, conversationId = null) => demo!.ask(question, conversationId),
  };
}
