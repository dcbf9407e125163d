// A private key cut before its END line (`head -n`), followed by the script's real error, through the real app:
// the error line is quoted in the verdict and visible in Show output; no piece of the key reaches Slack, the
// app's logs or the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RERUN, SHOW_OUTPUT } from '../../src/slack/action-ids.ts';
import { openDatabase } from '../../src/store/database.ts';
import { CHANNEL, type E2e, startE2e } from '../support/e2e.ts';
import type { RecordedCall } from '../support/fake-slack.ts';
import { allStrings, leakedPieces, Random } from '../support/redaction-corpus.ts';
import { PROD_ACCOUNT, prod, RUN_SHELL_SCRIPT } from '../support/scenarios/index.ts';

const ASSOCIATION = '5e7a9c1b-3d5f-4a7c-9e1b-3d5f7a9c1b3d';
const NODE = 'i-0a1b2c3d4e5f60718';
const ERROR_LINE = 'git@github.com: Permission denied (publickey).';

/** Six 70-character base64 lines of an OpenSSH key body (the END line and the rest were cut by `head`). */
function keyLines(): string[] {
  const r = new Random(29);
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return Array.from({ length: 6 }, () => r.chars(b64, 70));
}

const KEY = keyLines();
const STDERR = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  ...KEY,
  "Cloning into '/opt/app'...",
  ERROR_LINE,
  'fatal: Could not read from remote repository.',
  '',
  'Please make sure you have the correct access rights',
  'and the repository exists.',
].join('\n');

function scenario() {
  return prod({ now: new Date() })
    .document(RUN_SHELL_SCRIPT)
    .association({
      associationId: ASSOCIATION,
      associationName: 'DeployApp',
      documentName: 'AWS-RunShellScript',
      instanceIds: [NODE],
      schedule: 'rate(1 hour)',
      parameters: { commands: ['head -n 7 /etc/app/deploy_key >&2', 'git clone git@github.com:acme/app.git /opt/app'] },
    })
    .execution({ executionId: '9d1f3b5d-7f9b-4d1f-8b3d-5f7b9d1f3b5d', status: 'Failed', createdAt: '5m ago' })
    .runCommandFailure({ instanceId: NODE, exitCode: 128, stdout: '', stderr: STDERR })
    .build();
}

const isVerdict = (c: RecordedCall) =>
  c.method === 'chat.postMessage' && JSON.stringify(c.body.blocks ?? '').includes(RERUN);

describe('a truncated private key followed by the real error', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await startE2e({ scenario: scenario(), accounts: [PROD_ACCOUNT] });
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('quotes the error line in the verdict and in Show output, and leaks no key anywhere', async () => {
    const response = await e2e.command(ASSOCIATION);
    expect(response.status).toBe(200);
    const [verdict] = await e2e.slack.waitFor(isVerdict, { timeoutMs: 30_000 });
    const verdictText = JSON.stringify(verdict?.body);
    expect(verdictText).toContain(ERROR_LINE);
    expect(verdictText).toContain('Permission denied (exit 128)');

    // Show output on the output step's sample.
    const [root] = e2e.slack.callsTo('chat.postMessage');
    const rootTs = (root?.response.body as { ts?: string } | undefined)?.ts ?? '';
    const button = e2e.slack
      .callsTo('chat.postMessage')
      .flatMap((c) =>
        ((c.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]).flatMap((b) =>
          (b.elements ?? []).map((e) => ({ ...e, ts: (c.response.body as { ts?: string }).ts })),
        ),
      )
      .find((e) => e.action_id?.split('#')[0] === SHOW_OUTPUT);
    expect(button?.value).toBeDefined();
    await e2e.click({
      actionId: button?.action_id as string,
      value: button?.value as string,
      channelId: CHANNEL,
      messageTs: button?.ts as string,
      threadTs: rootTs,
    });
    const [shown] = await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && String(c.body.text).startsWith(`Output of ${NODE}`),
      { timeoutMs: 15_000 },
    );
    const shownText = JSON.stringify(shown?.body);
    expect(shownText).toContain(ERROR_LINE);
    expect(shownText).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');
    expect(shownText).toContain('[REDACTED:private-key]');

    // No 8-character piece of the key in any Slack call or log line.
    expect(leakedPieces(allStrings(e2e.slack.calls.map((c) => c.body)), KEY)).toEqual([]);
    expect(leakedPieces(JSON.stringify(e2e.app.logs), KEY)).toEqual([]);

    // Nor in the database (PGlite serves one process: stop the app first).
    expect(await e2e.app.stop()).toBe(0);
    const database = await openDatabase(e2e.database);
    try {
      const steps = await database.prisma.investigationStep.findMany({});
      const investigations = await database.prisma.investigation.findMany({});
      expect(steps.length).toBeGreaterThan(0);
      expect(JSON.stringify(steps)).toContain(ERROR_LINE);
      expect(leakedPieces(JSON.stringify([steps, investigations]), KEY)).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
