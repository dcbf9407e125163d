// The fake Slack Web API, exercised with the real WebClient (through Bolt's re-export) over HTTP.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, FILE_UPLOAD, RESPONSE_URL, startFakeSlack } from '../support/fake-slack.ts';

const { WebClient, WebAPIPlatformError, WebAPIRequestError, LogLevel } = webApi;

let fake: FakeSlack;

function client(options: ConstructorParameters<typeof WebClient>[1] = {}) {
  return new WebClient('xoxb-test-token', {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...options,
  });
}

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

describe('fake Slack Web API', () => {
  it('answers auth.test with the bot identity and records the bearer token', async () => {
    const res = await client().auth.test();
    expect(res).toMatchObject({ ok: true, team_id: fake.teamId, user_id: fake.botUserId, bot_id: fake.botId });
    const [call] = fake.callsTo('auth.test');
    expect(call?.token).toBe('xoxb-test-token');
    expect(call?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(call?.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('posts messages with unique, increasing ts and parses blocks', async () => {
    const web = client();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Investigating*' } }];
    const root = await web.chat.postMessage({ channel: 'C1', text: 'Investigating', blocks });
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'step 1', thread_ts: root.ts as string });

    expect(root).toMatchObject({ ok: true, channel: 'C1', message: { text: 'Investigating', blocks } });
    expect(root.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(reply.ts)).toBeGreaterThan(Number(root.ts));

    const [first, second] = fake.callsTo('chat.postMessage');
    expect(first?.body.blocks).toEqual(blocks);
    expect(first?.body.channel).toBe('C1');
    expect(second?.body.thread_ts).toBe(root.ts);
    expect(fake.thread('C1', root.ts as string).map((m) => m.text)).toEqual(['step 1']);
  });

  it('updates a message and keeps its blocks when none are sent', async () => {
    const web = client();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'v1' } }];
    const root = await web.chat.postMessage({ channel: 'C1', text: 'v1', blocks });
    const res = await web.chat.update({ channel: 'C1', ts: root.ts as string, text: 'v2' });

    expect(res).toMatchObject({ ok: true, channel: 'C1', ts: root.ts, text: 'v2' });
    expect(fake.message('C1', root.ts as string)).toMatchObject({ text: 'v2', blocks, edits: 1 });
    expect(fake.callsTo('chat.update')[0]?.body).toMatchObject({ channel: 'C1', ts: root.ts, text: 'v2' });
  });

  it('keeps a message forgotten by reset() out of messages(), even when a late update of it arrives; by ts it is found', async () => {
    const web = client();
    const earlier = await web.chat.postMessage({ channel: 'C1', text: 'from an earlier test' });
    fake.reset();
    const late = await web.chat.update({ channel: 'C1', ts: earlier.ts as string, text: 'its final state' });

    expect(late).toMatchObject({ ok: true, ts: earlier.ts, text: 'its final state' });
    expect(fake.messages()).toEqual([]);
    expect(fake.message('C1', earlier.ts as string)).toMatchObject({ text: 'its final state', edits: 1 });
  });

  it('answers postEphemeral, getPermalink, conversations.info and views.open', async () => {
    const web = client();
    const eph = await web.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });
    expect(eph.message_ts).toMatch(/^\d{10}\.\d{6}$/);

    const root = await web.chat.postMessage({ channel: 'C1', text: 'root' });
    const link = await web.chat.getPermalink({ channel: 'C1', message_ts: root.ts as string });
    expect(link.permalink).toBe(`https://example-ops.slack.com/archives/C1/p${(root.ts as string).replace('.', '')}`);

    const info = await web.conversations.info({ channel: 'C1' });
    expect(info.channel).toMatchObject({ id: 'C1', is_member: true, is_private: false });

    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Subscribe' }, blocks: [] };
    const opened = await web.views.open({ trigger_id: '123.456.abc', view });
    expect(opened.view).toMatchObject({ type: 'modal', title: { text: 'Subscribe' } });
    expect(fake.callsTo('views.open')[0]?.body.view).toEqual(view);
  });

  it('answers unknown methods with unknown_method', async () => {
    await expect(client().apiCall('no.such.method')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
  });

  it('answers not_authed without a token', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(anonymous.auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
  });

  it('turns failNext({ error }) into a WebAPIPlatformError, once', async () => {
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const web = client();
    const error = await web.chat.postMessage({ channel: 'C9', text: 'hi' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIPlatformError);
    expect((error as InstanceType<typeof WebAPIPlatformError>).data.error).toBe('not_in_channel');
    await expect(web.chat.postMessage({ channel: 'C9', text: 'hi' })).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo('chat.postMessage').map((c) => c.response.body)).toMatchObject([
      { ok: false, error: 'not_in_channel' },
      { ok: true },
    ]);
  });

  it('answers 429 with Retry-After; WebClient waits and retries to success', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const rateLimited: number[] = [];
    const web = client({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    web.on(webApi.WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimited.push(seconds));

    const started = Date.now();
    const res = await web.chat.postMessage({ channel: 'C1', text: 'hi' });

    expect(res.ok).toBe(true);
    expect(rateLimited).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const attempts = fake.callsTo('chat.postMessage');
    expect(attempts.map((c) => c.response.status)).toEqual([429, 200]);
  });

  it('surfaces a 429 as a rate-limited error when the client rejects rate-limited calls', async () => {
    fake.failNext('chat.update', { status: 429, retryAfter: 30 });
    const web = client({ rejectRateLimitedCalls: true });
    await expect(web.chat.update({ channel: 'C1', ts: '1.2', text: 'x' })).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 30,
    });
  });

  it('can drop the connection, which the client reports as a request error', async () => {
    fake.failNext('chat.postMessage', { disconnect: true });
    await expect(client().chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toBeInstanceOf(WebAPIRequestError);
  });

  it('runs the files.uploadV2 flow: get URL, upload bytes, complete into a thread', async () => {
    const web = client();
    const root = await web.chat.postMessage({ channel: 'C1', text: 'root' });
    const content = 'line 1\nline 2\n'.repeat(100);

    const res = await web.filesUploadV2({
      channel_id: 'C1',
      thread_ts: root.ts as string,
      content,
      filename: 'stdout.txt',
      title: 'stdout of i-0abc',
    });
    expect(res.ok).toBe(true);

    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      FILE_UPLOAD,
      'files.completeUploadExternal',
    ]);
    const [getUrl] = fake.callsTo('files.getUploadURLExternal');
    expect(getUrl?.body).toMatchObject({ filename: 'stdout.txt', length: String(Buffer.byteLength(content)) });
    const uploadUrl = (getUrl!.response.body as { upload_url: string }).upload_url;
    expect(uploadUrl.startsWith(`${fake.baseUrl}/upload/`)).toBe(true);

    const [upload] = fake.callsTo(FILE_UPLOAD);
    expect(upload?.upload?.bytes.toString('utf8')).toBe(content);
    expect(upload?.upload?.filename).toBe('stdout.txt');

    const [complete] = fake.callsTo('files.completeUploadExternal');
    expect(complete?.body).toMatchObject({
      channel_id: 'C1',
      thread_ts: root.ts,
      files: [{ id: upload?.upload?.fileId, title: 'stdout of i-0abc' }],
    });
    expect(fake.files()).toEqual([
      expect.objectContaining({
        filename: 'stdout.txt',
        title: 'stdout of i-0abc',
        channelId: 'C1',
        threadTs: root.ts,
        completed: true,
      }),
    ]);
  });

  it('records response_url posts (JSON) and can fail them', async () => {
    const url = fake.responseUrl('cmd-1');
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: 'hello' }),
    });
    expect(ok.status).toBe(200);
    fake.failNext(RESPONSE_URL, { status: 404, body: 'expired_url' });
    const expired = await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(expired.status).toBe(404);

    const posts = fake.callsTo(RESPONSE_URL);
    expect(posts[0]).toMatchObject({ responseUrlId: 'cmd-1', body: { response_type: 'ephemeral', text: 'hello' } });
    expect(fake.responseUrl()).not.toBe(fake.responseUrl());
  });

  it('waits for calls that arrive later, and times out with a useful message', async () => {
    const web = client();
    const waiting = fake.waitFor('chat.postMessage', { count: 2, timeoutMs: 2000 });
    setTimeout(() => {
      void web.chat.postMessage({ channel: 'C1', text: 'a' });
      void web.chat.postMessage({ channel: 'C1', text: 'b' });
    }, 20);
    const found = await waiting;
    expect(found.map((c) => c.body.text)).toEqual(['a', 'b']);

    await expect(fake.waitFor((c) => c.body.text === 'never', { timeoutMs: 50 })).rejects.toThrow(
      /waited 50 ms.*Calls so far: chat.postMessage, chat.postMessage/,
    );
  });

  it('lets a test replace a method answer', async () => {
    fake.setHandler('conversations.info', ({ body }) => ({ channel: { id: body.channel, is_private: true } }));
    const info = await client().conversations.info({ channel: 'G1' });
    expect(info.channel).toEqual({ id: 'G1', is_private: true });
  });
});
