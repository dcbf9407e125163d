// The Slack call listener behind ssm_why_slack_calls_total: ok calls, Slack errors and 429s (waited out and retried)
// are each reported with the method, against the fake Slack Web API over HTTP.
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { observeSlackClient, slackMethodOf } from '../../src/slack/observe.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});

it('reports each call once, with Slack’s error or http_429', async () => {
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 },
  });
  const calls: { method: string; error?: string }[] = [];
  observeSlackClient(client, (call) => calls.push(call));
  observeSlackClient(client, (call) => calls.push(call)); // a second hook is ignored

  await client.chat.postMessage({ channel: 'C02GHIJKL45', text: 'hi' });
  slack.failNext('chat.postMessage', { error: 'not_in_channel' });
  await expect(client.chat.postMessage({ channel: 'C02GHIJKL45', text: 'hi' })).rejects.toThrow();
  slack.failNext('chat.update', { status: 429, retryAfter: 0 });
  await client.chat.update({ channel: 'C02GHIJKL45', ts: '1.2', text: 'x' }).catch(() => {});

  expect(calls).toEqual([
    { method: 'chat.postMessage' },
    { method: 'chat.postMessage', error: 'not_in_channel' },
    { method: 'chat.update', error: 'http_429' },
    expect.objectContaining({ method: 'chat.update' }),
  ]);
  expect(slackMethodOf('https://slack.com/api/files.getUploadURLExternal')).toBe('files.getUploadURLExternal');
  expect(slackMethodOf('https://files.slack.com/upload/v1/abc')).toBe('file_upload');
});
