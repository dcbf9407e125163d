// An investigation that ends without a verdict is summarised in its request's language: Slack refusing every post
// (not_in_channel) and a request given up after its last try. Real store (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set), real runner and worker, the fake AWS; the Slack sink is a fake that refuses.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error.ts';
import type { Lang } from '../../src/i18n/index.ts';
import { createAssociationHandover } from '../../src/investigation/handover.ts';
import { createLocator } from '../../src/investigation/locate.ts';
import type { InvestigationStore, ProgressSink } from '../../src/investigation/ports.ts';
import { createInvestigationWorker } from '../../src/investigation/worker.ts';
import { createRequesterReplies } from '../../src/slack/requester-replies.ts';
import { createAssociationLocationStore } from '../../src/store/association-location.repository.ts';
import { createAuditLog } from '../../src/store/audit-log.repository.ts';
import type { Database } from '../../src/store/database.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { createInvestigationRequestStore } from '../../src/store/work.repository.ts';
import { type AwsHarness, startAwsHarness } from '../support/aws-harness.ts';
import { expectJapaneseText } from '../support/japanese-text.ts';
import { createTestRunner, memoryLogger, newInvestigation, recordingSink } from '../support/runner-rig.ts';
import { scriptExitCode1 } from '../support/scenarios/index.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Slack sink whose root message is refused with `error`. */
function refusingSink(error: Error): ProgressSink {
  return {
    ...recordingSink(),
    async started() {
      throw error;
    },
  };
}

describe.each(databaseBackends())('the summary of an unfinished investigation ($name)', (backend) => {
  let testDb: TestDatabase;
  let db: Database;
  let store: InvestigationStore;
  let aws: AwsHarness;

  beforeAll(async () => {
    testDb = await backend.create();
    db = await testDb.open();
    store = createInvestigationStore(db.prisma);
  });
  afterAll(async () => {
    await testDb?.dispose();
  });
  beforeEach(async () => {
    aws = await startAwsHarness({
      scenario: scriptExitCode1.build({ now: new Date() }),
      account: scriptExitCode1.account,
      region: scriptExitCode1.region,
    });
  });
  afterEach(async () => {
    await aws?.close();
  });

  /** Submits a located request in `lang` to a worker whose Slack refuses with `error`; the stored summary. */
  async function summaryOf(error: Error, lang: Lang): Promise<string | undefined> {
    const worker = createInvestigationWorker({
      requests: createInvestigationRequestStore(db),
      store,
      locator: createLocator({
        accounts: [aws.account],
        gateway: aws.gateway,
        locations: createAssociationLocationStore(db.prisma),
        handover: createAssociationHandover(),
      }),
      runner: createTestRunner({
        store,
        gateway: aws.gateway,
        account: aws.account,
        fake: aws.fake,
        sink: refusingSink(error),
      }),
      audit: createAuditLog(db.prisma),
      accounts: [aws.account],
      replies: createRequesterReplies(),
      logger: memoryLogger(),
      maxAttempts: 1,
    });
    const input = newInvestigation(scriptExitCode1.associationId, aws.account, aws.region);
    const { id } = await worker.submit({
      teamId: input.teamId,
      channelId: input.channelId,
      userId: input.userId,
      associationId: input.associationId,
      account: input.accountId,
      region: input.region,
      located: true,
      trigger: 'command',
      lang,
    });
    const deadline = Date.now() + 30_000;
    while (worker.runningCount() > 0) {
      if (Date.now() > deadline) throw new Error('the worker kept running');
      await sleep(50);
    }
    const investigation = await store.get(id);
    expect(investigation?.status).toBe('failed');
    return investigation?.verdictSummary;
  }

  const notInChannel = () =>
    new AppError('upstream', 'chat.postMessage failed: not_in_channel', { upstreamCode: 'not_in_channel' });
  const slackDown = () => new Error('connect ECONNREFUSED 127.0.0.1:443');

  it('Slack refuses every post: in English as before, and in Japanese with Slack’s code as it is', async () => {
    expect(await summaryOf(notInChannel(), 'en')).toBe('Cannot post in the channel (not_in_channel)');
    expectJapaneseText((await summaryOf(notInChannel(), 'ja')) ?? '', ['not_in_channel']);
  }, 60_000);

  it('given up after its last try: in English as before, and in Japanese with the error as it was', async () => {
    expect(await summaryOf(slackDown(), 'en')).toBe('Could not finish: connect ECONNREFUSED 127.0.0.1:443');
    expectJapaneseText((await summaryOf(slackDown(), 'ja')) ?? '', ['connect ECONNREFUSED 127.0.0.1:443']);
  }, 60_000);
});
