// Show output through the real app: an investigation with failed targets, then signed block_actions clicks
// on the buttons its step replies carry. The output reaches the thread redacted (and as a file when long);
// an unauthorized channel is refused with no AWS call; an expired invocation says why and where else to look;
// two people clicking at once get one post.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { RERUN, SHOW_MORE_OUTPUT, SHOW_OUTPUT } from '../../src/slack/action-ids.ts';
import { REPO_ROOT, startAppProcess } from '../support/app-process.ts';
import { CHANNEL, type E2e, e2eBackend, OTHER_CHANNEL, startE2e, USER } from '../support/e2e.ts';
import { startFakeAws } from '../support/fake-aws/index.ts';
import { FILE_UPLOAD, RESPONSE_URL, type RecordedCall } from '../support/fake-slack.ts';
import { allStrings, leakedPieces } from '../support/redaction-corpus.ts';
import { PROD, PROD_ACCOUNT, TEST_CREDENTIALS } from '../support/scenarios/index.ts';
import {
  EXPIRED_NODE,
  LONG_OUTPUT_NODE,
  MENTIONS,
  OUTPUT_BUCKET,
  SHOW_OUTPUT_ASSOCIATION,
  type ShowOutputFixture,
  showOutputScenario,
} from '../support/scenarios/show-output.ts';
import { blockActionsBody, postSigned } from '../support/slack-requests.ts';

const OTHER_USER = 'U07ZYXWVU98';
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

interface ShownButton {
  value: string;
  label: string;
  actionId: string;
  /** The ts of the step reply that carries it. */
  messageTs: string;
}

/** Every Show output button on the thread's replies. */
function outputButtons(replies: RecordedCall[]): ShownButton[] {
  const found: ShownButton[] = [];
  for (const reply of replies) {
    const ts = (reply.response.body as { ts?: string }).ts ?? '';
    for (const block of (reply.body.blocks ?? []) as { type: string; elements?: Record<string, unknown>[] }[]) {
      for (const element of block.elements ?? []) {
        const actionId = String(element.action_id ?? '');
        if (actionId.split('#')[0] !== SHOW_OUTPUT) continue;
        found.push({
          value: String(element.value),
          label: String((element.text as { text?: string } | undefined)?.text ?? ''),
          actionId,
          messageTs: ts,
        });
      }
    }
  }
  return found;
}

const isOutputPost = (node: string, rootTs: string) => (c: RecordedCall) =>
  c.method === 'chat.postMessage' && c.body.thread_ts === rootTs && String(c.body.text).startsWith(`Output of ${node}`);

describe('Show output end to end', () => {
  let e2e: E2e;
  let fixture: ShowOutputFixture;
  let rootTs: string;
  let buttons: ShownButton[];

  beforeAll(async () => {
    fixture = showOutputScenario({ now: new Date() });
    e2e = await startE2e({
      scenario: fixture.scenario,
      // The account is open to CHANNEL only.
      accounts: [{ ...PROD_ACCOUNT, channels: [CHANNEL] }],
    });
    const response = await e2e.command(SHOW_OUTPUT_ASSOCIATION);
    expect(response.status).toBe(200);
    await e2e.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && JSON.stringify(c.body.blocks ?? '').includes(RERUN),
      { timeoutMs: 30_000 },
    );
    const [root, ...replies] = e2e.slack.callsTo('chat.postMessage');
    rootTs = (root?.response.body as { ts?: string } | undefined)?.ts ?? '';
    buttons = outputButtons(replies);
  }, 120_000);

  afterAll(async () => {
    await e2e?.close();
  });

  const click = (button: ShownButton, overrides: { userId?: string; channelId?: string } = {}) =>
    e2e.click({
      actionId: button.actionId,
      value: button.value,
      channelId: overrides.channelId ?? CHANNEL,
      userId: overrides.userId ?? USER,
      messageTs: button.messageTs,
      threadTs: rootTs,
    });

  it('puts Show output buttons on the replies that list failed targets, with short opaque values', () => {
    const labels = buttons.map((b) => b.label);
    // The output step's sample, and the targets step's signature and per-target buttons.
    expect(labels.filter((l) => l.includes(LONG_OUTPUT_NODE.slice(0, 12))).length).toBeGreaterThanOrEqual(2);
    expect(labels.some((l) => l.includes(EXPIRED_NODE.slice(0, 12)))).toBe(true);
    for (const b of buttons) {
      expect(b.value).toMatch(/^out1:[0-9a-f-]{36}:(?:s\d+|[lf]\d+\.\d+)$/);
      expect(b.value.length).toBeLessThanOrEqual(2_000);
    }
  });

  it('posts the redacted output in the thread, and the full text as a file when it is long', async () => {
    e2e.aws.calls.length = 0;
    const button = buttons.find((b) => b.label.includes(LONG_OUTPUT_NODE.slice(0, 12)) && /exit 1/.test(b.label));
    expect(button, JSON.stringify(buttons.map((b) => b.label))).toBeDefined();
    const started = performance.now();
    const response = await click(button as ShownButton, { userId: OTHER_USER });
    expect(response.status).toBe(200);
    const [post] = await e2e.slack.waitFor(isOutputPost(LONG_OUTPUT_NODE, rootTs), { timeoutMs: 15_000 });
    const [complete] = await e2e.slack.waitFor('files.completeUploadExternal', { timeoutMs: 15_000 });
    const elapsedMs = performance.now() - started;

    const text = allStrings(post?.body.blocks);
    expect(post?.body.channel).toBe(CHANNEL);
    for (const expected of ['Status', 'Status details', 'Exit code', 'Started', 'stderr', 'stdout', 'Failed']) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/… \(truncated: the first [\d,]+ characters are in the file below\)/);
    expect(text).toContain('[REDACTED:');
    expect(text).toContain(`s3://${OUTPUT_BUCKET}/state-manager/`);
    expect(text).toMatch(/\d+ secrets? masked before posting/);

    // files.uploadV2: the full (redacted) text, in the same thread.
    expect(complete?.body.channel_id).toBe(CHANNEL);
    expect(complete?.body.thread_ts).toBe(rootTs);
    const [file] = e2e.slack.files();
    expect(file?.completed).toBe(true);
    const content = file?.bytes?.toString('utf8') ?? '';
    expect(content).toContain(fixture.lastStdoutLine);
    expect(content).toContain('[REDACTED:private-key]');
    expect(content).toContain('-----BEGIN');

    // Through the account's role, as the clicking user.
    const roles = e2e.aws.callsTo('AssumeRole');
    expect(roles.every((c) => c.params.ExternalId === PROD.externalId)).toBe(true);
    expect(roles.some((c) => c.params.RoleSessionName === `ssm-why-${OTHER_USER}`)).toBe(true);
    expect(e2e.aws.callsTo('GetCommandInvocation').length).toBeGreaterThanOrEqual(1);
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('neutralizes Slack mentions in output', () => {
    const posts = e2e.slack.callsTo('chat.postMessage').filter(isOutputPost(LONG_OUTPUT_NODE, rootTs));
    const raw = JSON.stringify(posts.map((p) => p.body));
    for (const mention of MENTIONS) expect(raw).not.toContain(mention);
    expect(raw).not.toMatch(/(?<!\u200b)@channel/);
    const file = e2e.slack.files()[0]?.bytes?.toString('utf8') ?? '';
    for (const mention of MENTIONS) expect(file).not.toContain(mention);
  });

  it('says why an expired invocation has no output and where else to look — once, however many click', async () => {
    const button = buttons.find((b) => b.label.includes(EXPIRED_NODE.slice(0, 12)));
    expect(button).toBeDefined();
    const before = e2e.slack.callsTo('chat.postMessage').filter(isOutputPost(EXPIRED_NODE, rootTs)).length;
    // Two people click at the same moment.
    const responses = await Promise.all([
      click(button as ShownButton, { userId: USER }),
      click(button as ShownButton, { userId: OTHER_USER }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const [post] = await e2e.slack.waitFor(isOutputPost(EXPIRED_NODE, rootTs), { timeoutMs: 15_000 });
    const [busy] = await e2e.slack.waitFor(
      (c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('was just posted'),
      { timeoutMs: 15_000 },
    );
    expect(busy?.body.response_type).toBe('ephemeral');
    // And a third click a moment later.
    await click(button as ShownButton, { userId: USER });
    await e2e.slack.waitFor((c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('was just posted'), {
      count: 2,
      timeoutMs: 15_000,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(e2e.slack.callsTo('chat.postMessage').filter(isOutputPost(EXPIRED_NODE, rootTs))).toHaveLength(before + 1);

    const text = allStrings(post?.body.blocks);
    expect(text).toContain('InvocationDoesNotExist');
    expect(text).toContain('30 days');
    expect(text).toContain('ExecutionSummary');
    expect(text).toContain('[REDACTED:');
    expect(text).toContain('/var/log/amazon/ssm/amazon-ssm-agent.log');
    expect(text).toContain(`/var/lib/amazon/ssm/${EXPIRED_NODE}/document/orchestration/${fixture.commandId}/`);
    expect(text).toContain(`s3://${OUTPUT_BUCKET}/state-manager/${fixture.commandId}/${EXPIRED_NODE}/`);
  });

  it('refuses a channel that may not use the account, with no AWS call and an audit record', async () => {
    const [button] = buttons;
    e2e.aws.calls.length = 0;
    const postsBefore = e2e.slack.callsTo('chat.postMessage').length;
    const logsBefore = e2e.app.logs.length;
    await click(button as ShownButton, { channelId: OTHER_CHANNEL });
    const [refusal] = await e2e.slack.waitFor(
      (c) => c.method === RESPONSE_URL && /not allowed|may not/i.test(JSON.stringify(c.body)),
      { timeoutMs: 15_000 },
    );
    expect(refusal?.body.response_type).toBe('ephemeral');
    await new Promise((r) => setTimeout(r, 300));
    expect(e2e.aws.calls).toHaveLength(0);
    expect(e2e.slack.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    expect(
      e2e.app.logs.slice(logsBefore).some((l) => l.msg === 'show output refused' && l.channelId === OTHER_CHANNEL),
    ).toBe(true);
  });

  it('"more targets": an ephemeral list with a Show output button per sampled failed target', async () => {
    const [button] = buttons;
    const more = (button as ShownButton).value.replace(/:[^:]+$/, ':more');
    await e2e.click({ actionId: SHOW_MORE_OUTPUT, value: more, channelId: CHANNEL, userId: USER, threadTs: rootTs });
    const [list] = await e2e.slack.waitFor(
      (c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('Failed targets sampled'),
      { timeoutMs: 15_000 },
    );
    expect(list?.body.response_type).toBe('ephemeral');
    const values = ((list?.body.blocks ?? []) as { elements?: { value?: string }[] }[]).flatMap((b) =>
      (b.elements ?? []).map((e) => e.value),
    );
    expect(values).toHaveLength(2);
    expect(allStrings(list?.body)).toContain(EXPIRED_NODE);
  });

  it('lets no piece of any secret reach Slack (messages, files) or the logs', () => {
    expect(fixture.secrets.length).toBeGreaterThanOrEqual(39);
    const seen = [
      ...e2e.slack.calls.map((c) => allStrings(c.body)),
      ...e2e.slack.calls.filter((c) => c.method === FILE_UPLOAD).map((c) => c.upload?.bytes.toString('utf8') ?? ''),
      ...e2e.app.logs.map((l) => JSON.stringify(l)),
      e2e.app.stderr(),
    ].join('\u0000');
    expect(leakedPieces(seen, fixture.secrets)).toEqual([]);
  });

  // Two replicas on one PostgreSQL database (PGlite is one process's, so this runs where the e2e apps use
  // PostgreSQL): the double-click guard is a database row, not process memory.
  if (e2eBackend() === 'postgres') {
    it('the same button clicked on two replicas 30 ms apart → one output post; the other click is told', async () => {
      const second = await startAppProcess({ ...e2e.env, PORT: '0' });
      try {
        // Every output was shown by the tests above within the minute: let their claims run out, as a minute would.
        const sql = new pg.Client(e2e.database.databaseUrl);
        await sql.connect();
        await sql.query("DELETE FROM intent_claim WHERE key LIKE 'output:%'").finally(() => sql.end());
        const button = buttons.find((b) => b.label.includes(LONG_OUTPUT_NODE.slice(0, 12)));
        expect(button).toBeDefined();
        const { actionId, value, messageTs } = button as ShownButton;
        const isAnyOutputPost = (c: RecordedCall) =>
          c.method === 'chat.postMessage' &&
          c.body.thread_ts === rootTs &&
          String(c.body.text).startsWith('Output of ');
        const before = e2e.slack.calls.filter(isAnyOutputPost).length;
        const clickOn = (appUrl: string, userId: string) =>
          postSigned(
            appUrl,
            blockActionsBody({
              responseUrl: e2e.slack.responseUrl(),
              actionId,
              value,
              channelId: CHANNEL,
              userId,
              messageTs,
              threadTs: rootTs,
            }),
            { secret: e2e.secret },
          );
        const responses = await Promise.all([
          clickOn(e2e.app.url, USER),
          new Promise((r) => setTimeout(r, 30)).then(() => clickOn(second.url, OTHER_USER)),
        ]);
        expect(responses.map((r) => r.status)).toEqual([200, 200]);
        await e2e.slack.waitFor(isAnyOutputPost, { count: before + 1, timeoutMs: 20_000 });
        const [told] = await e2e.slack.waitFor(
          (c) => c.method === RESPONSE_URL && JSON.stringify(c.body).includes('was just posted'),
          { timeoutMs: 15_000 },
        );
        expect(told?.body.response_type).toBe('ephemeral');
        await new Promise((r) => setTimeout(r, 1_000));
        expect(e2e.slack.calls.filter(isAnyOutputPost)).toHaveLength(before + 1);
      } finally {
        await second.stop();
      }
    }, 120_000);
  }
});

describe('npm run investigate -- <id> --show-output', () => {
  it('prints the same redacted output for the output samples', async () => {
    const fixture = showOutputScenario({ now: new Date() });
    const aws = await startFakeAws(fixture.scenario);
    const dir = mkdtempSync(path.join(tmpdir(), 'ssm-why-cli-output-'));
    try {
      const accountsFile = path.join(dir, 'accounts.yml');
      writeFileSync(accountsFile, stringify({ accounts: [PROD_ACCOUNT] }));
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        AWS_REGION: PROD.region,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_SSM: aws.url,
        AWS_ENDPOINT_URL_STS: aws.url,
        AWS_ENDPOINT_URL_EC2: aws.url,
        SSM_AGENT_LATEST_VERSION_URL: aws.agentReleaseUrlTemplate,
        SSM_WHY_ACCOUNTS_FILE: accountsFile,
      };
      const child = spawn(TSX, ['src/cli/investigate.ts', SHOW_OUTPUT_ASSOCIATION, '--show-output'], {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const [code] = (await once(child, 'close')) as [number | null];
      expect(code, stderr).toBe(1);
      expect(stdout).toContain(`Output of ${LONG_OUTPUT_NODE} — Failed`);
      expect(stdout).toContain('--- stdout (');
      expect(stdout).toContain(fixture.lastStdoutLine);
      expect(stdout).toContain('[REDACTED:private-key]');
      expect(leakedPieces(`${stdout}\n${stderr}`, fixture.secrets)).toEqual([]);
      for (const mention of MENTIONS) expect(stdout).not.toContain(mention);
    } finally {
      await aws.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
