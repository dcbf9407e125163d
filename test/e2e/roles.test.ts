// SSM_WHY_ROLE: web processes answer Slack and queue the work, worker processes run it, on one PostgreSQL — so
// the receiver never waits behind investigations, and each side scales on its own.
import { afterAll, describe, expect, it } from 'vitest';
import { RERUN } from '../../src/slack/action-ids.ts';
import { type AppProcess, startAppProcess } from '../support/app-process.ts';
import { type E2e, e2eBackend, startE2e } from '../support/e2e.ts';
import { namedScenario, PROD_ACCOUNT } from '../support/scenarios/index.ts';

const hasRerun = (body: unknown) => JSON.stringify(body).includes(RERUN);

describe('SSM_WHY_ROLE', () => {
  it('web or worker without a shared PostgreSQL: refused at start-up with exit code 2', async () => {
    const app = startAppProcess({
      SLACK_BOT_TOKEN: 'xoxb-role-test',
      SLACK_SIGNING_SECRET: 'role-test-secret',
      AWS_REGION: 'eu-west-1',
      PORT: '0',
      SSM_WHY_ROLE: 'worker',
    });
    await expect(app).rejects.toThrow(/exited with 2[\s\S]*SSM_WHY_ROLE: worker needs DATABASE_URL/);
  });

  for (const backend of e2eBackend() === 'postgres' ? ['postgres'] : []) {
    describe(`on ${backend}`, () => {
      let e2e: E2e | undefined;
      let worker: AppProcess | undefined;
      afterAll(async () => {
        await worker?.stop();
        await e2e?.close();
      });

      it('a web process acks and queues; a worker process runs the investigation', async () => {
        const scenario = namedScenario('script-exit-code-1');
        e2e = await startE2e({
          backend: 'postgres',
          scenario: scenario.build({ now: new Date() }),
          accounts: [PROD_ACCOUNT],
          env: { SSM_WHY_ROLE: 'web' },
          startTimeoutMs: 120_000,
        });
        // The web process alone: the command is acked and queued, and nothing runs it.
        const response = await e2e.command(scenario.associationId);
        expect(response.status).toBe(200);
        await new Promise((r) => setTimeout(r, 2_000));
        expect(e2e.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
        expect(e2e.aws.callsTo('DescribeAssociationExecutions')).toHaveLength(0);

        // A worker on the same database picks it up and posts the thread and the verdict.
        worker = await startAppProcess({ ...e2e.env, PORT: '0', SSM_WHY_ROLE: 'worker' }, { timeoutMs: 120_000 });
        const [verdict] = await e2e.slack.waitFor((c) => c.method === 'chat.postMessage' && hasRerun(c.body), {
          timeoutMs: 60_000,
        });
        expect(verdict).toBeDefined();
        const finishedBy = (app: AppProcess | undefined) =>
          (app?.logs ?? []).some((l) => l.msg === 'investigation finished');
        await expect.poll(() => finishedBy(worker), { timeout: 10_000 }).toBe(true);
        expect(finishedBy(e2e.app)).toBe(false);
      }, 240_000);
    });
  }
});
