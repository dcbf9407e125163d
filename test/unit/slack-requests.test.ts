// The request helpers: fixtures parse back to the documented fields (slack-platform.md Part D), the
// signature is what Bolt verifies, and a real Bolt App accepts the signed bodies end to end.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockAction, type ButtonAction, LogLevel, verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, RESPONSE_URL, startFakeSlack } from '../support/fake-slack.ts';
import {
  blockActionsBody,
  blockActionsPayload,
  postSigned,
  readSlackFixture,
  signSlackRequest,
  slashCommandBody,
} from '../support/slack-requests.ts';

const SECRET = 'test-signing-secret';

describe('Slack fixtures', () => {
  it('slash_command.body.txt parses back to the documented fields', () => {
    const fields = Object.fromEntries(new URLSearchParams(readSlackFixture('slash_command.body.txt')));
    expect(fields).toEqual({
      token: 'deprecated-verification-token',
      team_id: 'T01ABCDEF23',
      team_domain: 'example-ops',
      channel_id: 'C02GHIJKL45',
      channel_name: 'ops-alerts',
      user_id: 'U03MNOPQR67',
      user_name: 'alice.ops',
      command: '/ssm-why',
      text: '8dfe3659-4309-493a-8755-0123456789ab --region eu-west-1',
      api_app_id: 'A04STUVWX89',
      is_enterprise_install: 'false',
      response_url: 'https://hooks.slack.com/commands/T01ABCDEF23/5551234567890/Zk3FakeFakeFake1234',
      trigger_id: '5551234567890.1234567890123.0123456789abcdef0123456789abcdef',
    });
  });

  it('block_actions.body.txt is payload= + the URL-encoded compact block_actions.payload.json', () => {
    const body = readSlackFixture('block_actions.body.txt');
    const payload = JSON.parse(new URLSearchParams(body).get('payload') ?? 'null');
    expect(payload).toEqual(JSON.parse(readSlackFixture('block_actions.payload.json')));
    expect(payload).toMatchObject({
      type: 'block_actions',
      enterprise: null,
      is_enterprise_install: false,
      container: { message_ts: '1767225601.000200', thread_ts: '1767225600.000100', is_ephemeral: false },
      actions: [{ action_id: 'show_output', block_id: 'step_3_actions', type: 'button' }],
    });
    expect(payload.container.message_ts).toBe(payload.message.ts);
    expect(JSON.parse(payload.actions[0].value)).toEqual({ inv: '7f3c2a10-5b8e-4d2a-9c61-2f0e8b7a4d19', step: 3 });
  });

  it('the ephemeral payload has no message and no thread', () => {
    const payload = JSON.parse(readSlackFixture('block_actions.ephemeral.payload.json'));
    expect(payload.message).toBeUndefined();
    expect(payload.container).toEqual({
      type: 'message',
      message_ts: '1767225605.000300',
      channel_id: 'C02GHIJKL45',
      is_ephemeral: true,
    });
  });
});

describe('body builders', () => {
  it('rebuild the fixture bodies byte for byte when nothing is overridden', () => {
    const fixtureText = '8dfe3659-4309-493a-8755-0123456789ab --region eu-west-1';
    expect(slashCommandBody({ text: fixtureText })).toBe(readSlackFixture('slash_command.body.txt'));
    expect(blockActionsBody()).toBe(readSlackFixture('block_actions.body.txt'));
  });

  it('slashCommandBody overrides fields and encodes like Slack', () => {
    const body = slashCommandBody({
      text: 'history 8dfe3659 region us-east-1',
      channelId: 'C1',
      userId: 'U1',
      teamId: 'T1',
      responseUrl: 'http://127.0.0.1:1/response/x',
    });
    expect(body).toContain('text=history+8dfe3659+region+us-east-1');
    expect(Object.fromEntries(new URLSearchParams(body))).toMatchObject({
      command: '/ssm-why',
      channel_id: 'C1',
      user_id: 'U1',
      team_id: 'T1',
      response_url: 'http://127.0.0.1:1/response/x',
      channel_name: 'ops-alerts',
    });
  });

  it('blockActionsPayload keeps container, message and actions consistent', () => {
    const p = blockActionsPayload({
      actionId: 'rerun',
      value: 'opaque-1',
      channelId: 'C1',
      messageTs: '1767225700.000100',
      threadTs: '1767225699.000100',
      userId: 'U1',
      responseUrl: 'http://127.0.0.1:1/response/y',
    }) as unknown as BlockAction<ButtonAction>;
    expect(p.container).toMatchObject({
      channel_id: 'C1',
      message_ts: '1767225700.000100',
      thread_ts: '1767225699.000100',
    });
    expect(p.channel?.id).toBe('C1');
    expect(p.message).toMatchObject({ ts: '1767225700.000100', thread_ts: '1767225699.000100' });
    expect(p.actions[0]).toMatchObject({ action_id: 'rerun', value: 'opaque-1' });
    expect(p.message?.blocks[1].elements[0]).toMatchObject({ action_id: 'rerun', value: 'opaque-1' });
    expect(p.user.id).toBe('U1');
    expect(p.response_url).toBe('http://127.0.0.1:1/response/y');

    const top = blockActionsPayload({ threadTs: null }) as unknown as BlockAction<ButtonAction>;
    expect(top.container.thread_ts).toBeUndefined();
    expect(top.message?.thread_ts).toBeUndefined();

    const eph = blockActionsPayload({ ephemeral: true, value: 'v' }) as unknown as BlockAction<ButtonAction>;
    expect(eph.container.is_ephemeral).toBe(true);
    expect(eph.message).toBeUndefined();
    expect(eph.actions[0]?.value).toBe('v');
  });
});

describe('signSlackRequest', () => {
  it('produces headers that Bolt verifies, with the exact content type', () => {
    const body = slashCommandBody({ text: 'help' });
    const ts = Math.floor(Date.now() / 1000);
    const headers = signSlackRequest(body, SECRET, ts);
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(headers['x-slack-request-timestamp']).toBe(String(ts));
    expect(headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers: toBoltHeaders(headers) })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: 'other', body, headers: toBoltHeaders(headers) })).toThrow();
  });

  it('matches a known vector', () => {
    // HMAC-SHA256("secret", "v0:1700000000:a=b"), computed independently with openssl.
    expect(signSlackRequest('a=b', 'secret', 1700000000)['x-slack-signature']).toBe(
      'v0=2ffb3fc2d007c80947a6a7a44bdc3b55b5a7e86be2fe1c14cbc99c040c671f92',
    );
  });
});

function toBoltHeaders(h: Record<string, string>) {
  return {
    'x-slack-signature': h['x-slack-signature'] ?? '',
    'x-slack-request-timestamp': Number(h['x-slack-request-timestamp']),
  };
}

describe('postSigned against a real Bolt App', () => {
  let fake: FakeSlack;
  let app: App;
  let appUrl: string;
  const commands: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      signingSecret: SECRET,
      token: 'xoxb-test',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/ssm-why', async ({ ack, command, respond }) => {
      await ack({ response_type: 'ephemeral', text: `Investigating ${command.text}` });
      commands.push(command.text);
      await respond({ response_type: 'ephemeral', text: 'done' });
    });
    app.action('show_output', async ({ ack, body, client }) => {
      await ack();
      const action = (body as BlockAction<ButtonAction>).actions[0];
      await client.chat.postMessage({
        channel: (body as BlockAction).container.channel_id,
        thread_ts: (body as BlockAction).container.thread_ts,
        text: `output for ${action?.value}`,
      });
    });
    const server = (await app.start(0)) as Server;
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  it('delivers a signed slash command; respond() reaches the fake response_url', async () => {
    const res = await postSigned(appUrl, slashCommandBody({ text: 'assoc-1', responseUrl: fake.responseUrl('c1') }), {
      secret: SECRET,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: 'Investigating assoc-1' });
    const [post] = await fake.waitFor(RESPONSE_URL);
    expect(post).toMatchObject({ responseUrlId: 'c1', body: { text: 'done' } });
    expect(commands).toContain('assoc-1');
  });

  it('delivers a signed button click; the listener posts into the thread', async () => {
    const res = await postSigned(appUrl, blockActionsBody({ value: 'inv-9', channelId: 'C7', threadTs: '1.000100' }), {
      secret: SECRET,
    });
    expect(res.status).toBe(200);
    const [post] = await fake.waitFor('chat.postMessage');
    expect(post?.body).toMatchObject({ channel: 'C7', thread_ts: '1.000100', text: 'output for inv-9' });
  });

  it('a forged signature or a stale timestamp is rejected with 401', async () => {
    const body = slashCommandBody({ text: 'forged' });
    expect((await postSigned(appUrl, body, { secret: SECRET, forge: true })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postSigned(appUrl, body, { secret: SECRET, ts: sixMinutesAgo })).status).toBe(401);
    expect(commands).not.toContain('forged');
  });
});
