// Build and send requests exactly as Slack does: bodies derived from the shared, hand-made fixtures
// (test/fixtures/reference/slack-fixtures), signed with v0 HMAC-SHA256.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const slackFixturesDir = path.join(repoRoot, 'test', 'fixtures', 'reference', 'slack-fixtures');

/** Reads a fixture file as sent on the wire (the `.body.txt` files' trailing newline is not part of the body). */
export function readSlackFixture(name: string): string {
  const text = readFileSync(path.join(slackFixturesDir, name), 'utf8');
  return name.endsWith('.body.txt') ? text.replace(/\r?\n$/, '') : text;
}

/** Headers Slack sends with a signed request. The content type is exact: Bolt rejects anything else (400). */
export function signSlackRequest(
  body: string,
  secret: string,
  ts: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': signature,
  };
}

export interface SlashCommandOverrides {
  text: string;
  command?: string;
  channelId?: string;
  channelName?: string;
  userId?: string;
  userName?: string;
  teamId?: string;
  teamDomain?: string;
  responseUrl?: string;
  triggerId?: string;
}

/** A `/ssm-why` slash-command body: the fixture's fields with these overridden, form-encoded like Slack. */
export function slashCommandBody(overrides: SlashCommandOverrides): string {
  const params = new URLSearchParams(readSlackFixture('slash_command.body.txt'));
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) params.set(key, value);
  };
  set('text', overrides.text);
  set('command', overrides.command);
  set('channel_id', overrides.channelId);
  set('channel_name', overrides.channelName);
  set('user_id', overrides.userId);
  set('user_name', overrides.userName);
  set('team_id', overrides.teamId);
  set('team_domain', overrides.teamDomain);
  set('response_url', overrides.responseUrl);
  set('trigger_id', overrides.triggerId);
  return params.toString();
}

export interface BlockActionsOverrides {
  actionId?: string;
  value?: string;
  blockId?: string;
  channelId?: string;
  /** ts of the message holding the button. */
  messageTs?: string;
  /** The thread parent's ts; `null` for a button on a top-level message. */
  threadTs?: string | null;
  userId?: string;
  teamId?: string;
  responseUrl?: string;
  triggerId?: string;
  /** A click on an ephemeral message: `container.is_ephemeral: true`, no `message`, no thread (D.3). */
  ephemeral?: boolean;
}

type Json = Record<string, unknown>;

/** The `block_actions` payload object: a fixture payload with these overrides applied consistently. */
export function blockActionsPayload(overrides: BlockActionsOverrides = {}): Json {
  const fixture = overrides.ephemeral ? 'block_actions.ephemeral.payload.json' : 'block_actions.payload.json';
  const payload = JSON.parse(readSlackFixture(fixture)) as Json;
  const container = payload.container as Json;
  const channel = payload.channel as Json;
  const user = payload.user as Json;
  const team = payload.team as Json;
  const action = (payload.actions as Json[])[0] as Json;
  const message = payload.message as Json | undefined;
  const o = overrides;

  if (o.actionId !== undefined) action.action_id = o.actionId;
  if (o.value !== undefined) action.value = o.value;
  if (o.blockId !== undefined) action.block_id = o.blockId;
  if (o.channelId !== undefined) {
    container.channel_id = o.channelId;
    channel.id = o.channelId;
  }
  if (o.messageTs !== undefined) {
    container.message_ts = o.messageTs;
    if (message) message.ts = o.messageTs;
  }
  if (o.threadTs === null) {
    delete container.thread_ts;
    if (message) {
      delete message.thread_ts;
      delete message.parent_user_id;
    }
  } else if (o.threadTs !== undefined && !o.ephemeral) {
    container.thread_ts = o.threadTs;
    if (message) message.thread_ts = o.threadTs;
  }
  if (o.userId !== undefined) user.id = o.userId;
  if (o.teamId !== undefined) {
    team.id = o.teamId;
    user.team_id = o.teamId;
    if (message) message.team = o.teamId;
  }
  if (o.responseUrl !== undefined) payload.response_url = o.responseUrl;
  if (o.triggerId !== undefined) payload.trigger_id = o.triggerId;

  // Keep the clicked button inside `message.blocks` in step with `actions[0]`, as Slack would send it.
  if (message && (o.actionId !== undefined || o.value !== undefined || o.blockId !== undefined)) {
    const blocks = message.blocks as Json[];
    const actionsBlock = blocks.find((b) => b.type === 'actions') as Json;
    const button = (actionsBlock.elements as Json[])[0] as Json;
    actionsBlock.block_id = action.block_id;
    button.action_id = action.action_id;
    button.value = action.value;
  }
  return payload;
}

/** The wire body of a block_actions interaction: `payload=` + the URL-encoded compact JSON. */
export function blockActionsBody(overrides: BlockActionsOverrides = {}): string {
  return `payload=${encodeURIComponent(JSON.stringify(blockActionsPayload(overrides)))}`;
}

export interface PostSignedOptions {
  secret: string;
  /** Request timestamp (seconds). Default now; pass an old one to test replay protection. */
  ts?: number;
  /** Sign with a different secret, so the signature does not verify. */
  forge?: boolean;
  /** Content type to send instead of the form type (e.g. `application/json` for Events API bodies). */
  contentType?: string;
  /** A retry, as Slack marks it: `x-slack-retry-num` (and `x-slack-retry-reason: http_timeout`). */
  retryNum?: number;
}

/**
 * POSTs a signed body to the app. `appUrl` is the events endpoint (`http://127.0.0.1:PORT/slack/events`);
 * a bare origin gets `/slack/events` appended.
 */
export async function postSigned(appUrl: string, body: string, options: PostSignedOptions): Promise<Response> {
  const url = new URL(appUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/slack/events';
  const secret = options.forge ? `${options.secret}-forged` : options.secret;
  const headers = signSlackRequest(body, secret, options.ts);
  if (options.contentType) headers['content-type'] = options.contentType;
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body });
}

/** An Events API `event_callback` body for `app_home_opened` (JSON; post it with `contentType: 'application/json'`). */
export function appHomeOpenedBody(input: { userId: string; teamId: string; tab?: 'home' | 'messages' }): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: input.teamId,
    api_app_id: 'A04STUVWX89',
    event: {
      type: 'app_home_opened',
      user: input.userId,
      channel: 'D0APPHOME01',
      tab: input.tab ?? 'home',
      event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    },
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
  });
}

export interface ViewSubmissionOverrides {
  callbackId: string;
  privateMetadata: string;
  userId: string;
  teamId: string;
  viewId?: string;
  /** `view.state.values`: block_id → action_id → element state, e.g. `{ type: 'plain_text_input', value: '…' }`. */
  values?: Record<string, Record<string, { type: string; value?: string | null }>>;
}

/** A `view_submission` interaction (a modal's submit button), form-encoded as `payload=` like Slack sends it. */
export function viewSubmissionBody(o: ViewSubmissionOverrides): string {
  const payload = {
    type: 'view_submission',
    team: { id: o.teamId, domain: 'example-ops' },
    user: { id: o.userId, username: 'someone', name: 'someone', team_id: o.teamId },
    api_app_id: 'A04STUVWX89',
    token: 'legacy-verification-token',
    trigger_id: '1234567890.123456789012.abcdef0123456789abcdef0123456789',
    view: {
      id: o.viewId ?? 'V0MODAL0001',
      team_id: o.teamId,
      type: 'modal',
      blocks: [],
      private_metadata: o.privateMetadata,
      callback_id: o.callbackId,
      state: { values: o.values ?? {} },
      hash: '1700000000.abcdef12',
      title: { type: 'plain_text', text: 'Run now?' },
      close: null,
      submit: { type: 'plain_text', text: 'Run now' },
      previous_view_id: null,
      root_view_id: o.viewId ?? 'V0MODAL0001',
      app_id: 'A04STUVWX89',
      external_id: '',
      app_installed_team_id: o.teamId,
      bot_id: 'B05YZABCD01',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
