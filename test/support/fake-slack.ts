// A fake Slack Web API over real HTTP, for tests. Point the app's WebClient at `apiUrl`
// (Bolt: `clientOptions.slackApiUrl`), point fixtures' response_url at `responseUrl()`, and assert on
// what the app sent. It answers the methods ssm-why uses the way Slack does (shapes, ts, error bodies,
// 429 + Retry-After) and records every request with its parsed body.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `method` of a recorded POST to a `responseUrl()`. */
export const RESPONSE_URL = 'response_url';
/** `method` of a recorded upload POST to an `upload_url` from files.getUploadURLExternal. */
export const FILE_UPLOAD = 'file_upload';

/** The token's scopes unless `scopes` says otherwise (what the app asks for in manifest.yml). */
const DEFAULT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'files:write', 'users:read'];

/** Form fields that Slack clients send as JSON strings; the fake parses them into objects. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'files', 'view', 'metadata', 'unfurls']);

/** One HTTP request the fake received. */
export interface RecordedCall {
  /** Increasing across the fake's lifetime (not reset by `reset()`). */
  seq: number;
  /** Web API method (`chat.postMessage`), or `RESPONSE_URL`, or `FILE_UPLOAD`. */
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  contentType: string;
  /** Bearer token from the Authorization header, else the `token` form field. */
  token: string | undefined;
  /** Parsed body: form fields (strings, with `blocks`/`attachments`/`files`/`view`/`metadata` JSON-parsed) or JSON. */
  body: Record<string, unknown>;
  /** Raw body as UTF-8 text (the multipart text for uploads). */
  rawBody: string;
  /** For `RESPONSE_URL` calls: the id in `responseUrl(id)`. */
  responseUrlId?: string;
  /** For `FILE_UPLOAD` calls. */
  upload?: { fileId: string; filename: string; bytes: Buffer };
  /** What the fake answered. */
  response: { status: number; body: unknown };
  /** When the fake received it (ms since the epoch). */
  at: number;
}

/** A failure to serve instead of the next successful answer for a method. */
export type FakeFailure =
  /** HTTP 200 `{ ok: false, error, ...data }` — WebClient throws WebAPIPlatformError. */
  | { error: string; data?: Record<string, unknown> }
  /** Any status, e.g. `{ status: 429, retryAfter: 1 }` (sets `Retry-After`) or `{ status: 404 }` for a response_url. */
  | { status: number; retryAfter?: number; body?: string }
  /** Destroy the socket without answering — WebClient throws WebAPIRequestError. */
  | { disconnect: true };

/** Custom answer for a method: return the JSON body; `ok: true` is added when absent. */
export type FakeHandler = (call: {
  body: Record<string, unknown>;
  token: string | undefined;
}) => Record<string, unknown>;

/** A message as the fake stores it (latest version after chat.update). */
export interface FakeMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown;
  attachments?: unknown;
  metadata?: unknown;
  user: string;
  bot_id: string;
  /** How many times chat.update changed it. */
  edits: number;
}

/** A file that went through the files.uploadV2 flow. */
export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  bytes?: Buffer;
  title?: string;
  channelId?: string;
  threadTs?: string;
  initialComment?: string;
  completed: boolean;
}

export interface FakeSlackOptions {
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Answer `not_authed` to Web API calls that carry no token (as Slack does). Default true. */
  requireToken?: boolean;
  /** chat.update / chat.getPermalink of a ts the fake never issued → `message_not_found`. Default false. */
  strictMessages?: boolean;
  /** conversations.info overrides per channel id (merged over a default public channel the bot is in). */
  channels?: Record<string, Record<string, unknown>>;
  /** Custom answers per method; these win over the built-in ones. */
  handlers?: Record<string, FakeHandler>;
  /**
   * users.info overrides per user id, merged over a default member (`locale` `en-US`, `tz` `Europe/London`);
   * `null` → `user_not_found`. `locale` is only answered with `include_locale=true`, as Slack does.
   */
  users?: Record<string, Record<string, unknown> | null>;
  /** User groups (`S…` id → member user ids) for usergroups.users.list; others → `no_such_subteam`. */
  userGroups?: Record<string, string[]>;
  /** The token's scopes, sent as Slack does in `x-oauth-scopes`. Default: manifest.yml's bot scopes. */
  scopes?: string[];
  /** Listen on this port (e.g. one an app was already pointed at); default a free one. */
  port?: number;
}

export interface WaitForOptions {
  /** How many matching calls to wait for. Default 1. */
  count?: number;
  /** Default 5000. */
  timeoutMs?: number;
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT/api/` — for `slackApiUrl`. */
  apiUrl: string;
  /** Base URL of the fake, without a trailing slash. */
  baseUrl: string;
  teamId: string;
  botUserId: string;
  botId: string;
  /** A URL on the fake that records posts as `RESPONSE_URL` calls; a fresh id when none is given. */
  responseUrl(id?: string): string;
  /** Snapshot of every request since the last `reset()`, in arrival order. */
  readonly calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Resolves with the matching calls once at least `count` exist; rejects after `timeoutMs`. */
  waitFor(match: string | ((call: RecordedCall) => boolean), options?: WaitForOptions): Promise<RecordedCall[]>;
  /** Serve this failure for the next call to `method` (queued: call twice to fail twice). */
  failNext(method: string, failure: FakeFailure): void;
  /** Replace the answer for a method until `reset()`. */
  setHandler(method: string, handler: FakeHandler): void;
  /**
   * Consulted on every call to `method` until `reset()` (or until replaced with `undefined`): a failure to serve
   * instead of the answer, e.g. a 429 storm. Returning undefined serves the call normally.
   */
  setFaults(method: string, decide: ((call: RecordedCall) => FakeFailure | undefined) | undefined): void;
  /** Serve the next call to `method` normally (a message is stored), but hold the answer back for `ms`. */
  delayNextAnswer(method: string, ms: number): void;
  /** Messages posted (chat.postMessage) in a channel, latest versions, in posting order. */
  messages(channel?: string): FakeMessage[];
  /** One message by channel and ts, latest version (one forgotten by `reset()` too). */
  message(channel: string, ts: string): FakeMessage | undefined;
  /** Replies in a thread (not including the parent), in posting order. */
  thread(channel: string, threadTs: string): FakeMessage[];
  /** Files from the files.uploadV2 flow, in request order. */
  files(): FakeFile[];
  /**
   * Forget calls, queued failures, handlers set with `setHandler`, messages and files. ts and ids keep increasing.
   * A forgotten message stays out of `messages()` and `thread()`, even when a late chat.update of it arrives (work
   * of an earlier test still finishing); `message(channel, ts)` still finds it, updated.
   */
  reset(): void;
  close(): Promise<void>;
}

interface Waiter {
  match: (call: RecordedCall) => boolean;
  count: number;
  resolve: (calls: RecordedCall[]) => void;
}

/** First ts is "1767225600.000100", then "1767225601.000200", …: unique and increasing, like the fixtures. */
function tsFor(n: number): string {
  return `${1767225600 + n - 1}.${String((n * 100) % 1_000_000).padStart(6, '0')}`;
}

function parseJsonFields(fields: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(fields)) {
    if (JSON_FIELDS.has(key) && typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        fields[key] = JSON.parse(value);
      } catch {
        // Leave malformed JSON as the string the client sent; assertions will show it.
      }
    }
  }
  return fields;
}

async function parseBody(
  raw: Buffer,
  contentType: string,
  query: URLSearchParams,
): Promise<{ body: Record<string, unknown>; file?: { filename: string; bytes: Buffer } }> {
  const body: Record<string, unknown> = Object.fromEntries(query);
  let file: { filename: string; bytes: Buffer } | undefined;
  if (contentType.startsWith('application/json')) {
    const text = raw.toString('utf8');
    if (text.trim() !== '') Object.assign(body, JSON.parse(text));
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(body, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  } else if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(raw),
    }).formData();
    for (const [key, value] of form) {
      if (typeof value === 'string') body[key] = value;
      else if (file === undefined) file = { filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) };
    }
  }
  return { body: parseJsonFields(body), ...(file ? { file } : {}) };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T01ABCDEF23';
  const teamDomain = options.teamDomain ?? 'example-ops';
  const botUserId = options.botUserId ?? 'U06BOTUSER1';
  const botId = options.botId ?? 'B05YZABCD01';
  const appId = options.appId ?? 'A04STUVWX89';
  const requireToken = options.requireToken ?? true;
  const strictMessages = options.strictMessages ?? false;

  let seq = 0;
  let tsCounter = 0;
  let idCounter = 0;
  let calls: RecordedCall[] = [];
  let waiters: Waiter[] = [];
  let failures = new Map<string, FakeFailure[]>();
  let handlers = new Map<string, FakeHandler>(Object.entries(options.handlers ?? {}));
  let faultDeciders = new Map<string, (call: RecordedCall) => FakeFailure | undefined>();
  let answerDelays = new Map<string, number[]>();
  let messages = new Map<string, FakeMessage>();
  /** Messages dropped by `reset()` (channel/ts): Slack still has them, the test no longer looks at them. */
  const forgotten = new Map<string, FakeMessage>();
  let files = new Map<string, FakeFile>();
  let baseUrl = '';

  const nextTs = () => tsFor(++tsCounter);
  const nextId = (prefix: string) => `${prefix}${String(++idCounter).padStart(8, '0')}`;
  const messageKey = (channel: string, ts: string) => `${channel}/${ts}`;

  function record(call: RecordedCall): void {
    calls.push(call);
    waiters = waiters.filter((w) => {
      const matched = calls.filter(w.match);
      if (matched.length < w.count) return true;
      w.resolve(matched);
      return false;
    });
  }

  function toClientMessage(m: FakeMessage): Record<string, unknown> {
    return {
      type: 'message',
      text: m.text ?? '',
      user: m.user,
      bot_id: m.bot_id,
      app_id: appId,
      team: teamId,
      ts: m.ts,
      ...(m.thread_ts ? { thread_ts: m.thread_ts, parent_user_id: botUserId } : {}),
      ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
      ...(m.attachments !== undefined ? { attachments: m.attachments } : {}),
      ...(m.metadata !== undefined ? { metadata: m.metadata } : {}),
    };
  }

  function page(list: FakeMessage[], body: Record<string, unknown>): Record<string, unknown> {
    const limit = Math.min(Math.max(Number(str(body.limit) ?? '100') || 100, 1), 1000);
    const start = Number(str(body.cursor)?.replace(/^next:/, '') ?? '0') || 0;
    const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
    const slice = list.slice(start, start + limit).map((m) => {
      const shown = toClientMessage(m);
      if (!withMetadata) delete shown.metadata;
      return shown;
    });
    const more = start + limit < list.length;
    return {
      ok: true,
      messages: slice,
      has_more: more,
      response_metadata: { next_cursor: more ? `next:${start + limit}` : '' },
    };
  }

  const builtIn: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({
      ok: true,
      url: `https://${teamDomain}.slack.com/`,
      team: teamDomain,
      user: 'ssm-why',
      team_id: teamId,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (body) => {
      const channel = str(body.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!str(body.text) && body.blocks === undefined && body.attachments === undefined) {
        return { ok: false, error: 'no_text' };
      }
      const threadTs = str(body.thread_ts);
      const m: FakeMessage = {
        channel,
        ts: nextTs(),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...(typeof body.text === 'string' ? { text: body.text } : {}),
        ...(body.blocks !== undefined ? { blocks: body.blocks } : {}),
        ...(body.attachments !== undefined ? { attachments: body.attachments } : {}),
        ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
        user: botUserId,
        bot_id: botId,
        edits: 0,
      };
      messages.set(messageKey(channel, m.ts), m);
      return { ok: true, channel, ts: m.ts, message: toClientMessage(m) };
    },
    'chat.update': (body) => {
      const channel = str(body.channel);
      const ts = str(body.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts) return { ok: false, error: 'message_not_found' };
      const key = messageKey(channel, ts);
      let m = messages.get(key) ?? forgotten.get(key);
      if (!m) {
        if (strictMessages) return { ok: false, error: 'message_not_found' };
        m = { channel, ts, user: botUserId, bot_id: botId, edits: 0 };
        messages.set(key, m);
      }
      // Slack keeps the old blocks when `blocks` is left out (B.5).
      if (typeof body.text === 'string') m.text = body.text;
      if (body.blocks !== undefined) m.blocks = body.blocks;
      if (body.attachments !== undefined) m.attachments = body.attachments;
      if (body.metadata !== undefined) m.metadata = body.metadata;
      m.edits += 1;
      return { ok: true, channel, ts, text: m.text ?? '', message: toClientMessage(m) };
    },
    'chat.postEphemeral': (body) => {
      if (!str(body.channel)) return { ok: false, error: 'channel_not_found' };
      if (!str(body.user)) return { ok: false, error: 'user_not_in_channel' };
      return { ok: true, message_ts: nextTs() };
    },
    'chat.getPermalink': (body) => {
      const channel = str(body.channel);
      const ts = str(body.message_ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts) return { ok: false, error: 'message_not_found' };
      const m = messages.get(messageKey(channel, ts));
      if (!m && strictMessages) return { ok: false, error: 'message_not_found' };
      const thread = m?.thread_ts ? `?thread_ts=${m.thread_ts}&cid=${channel}` : '';
      return {
        ok: true,
        channel,
        permalink: `https://${teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}${thread}`,
      };
    },
    // Slack's shapes: newest first for history, parent first then replies oldest first for replies; `metadata`
    // only with include_all_metadata; cursor pagination through response_metadata.next_cursor.
    'conversations.history': (body) => {
      const channel = str(body.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const oldest = Number(str(body.oldest) ?? '0');
      const all = [...messages.values()]
        .filter((m) => m.channel === channel && !m.thread_ts && Number(m.ts) > oldest)
        .sort((a, b) => Number(b.ts) - Number(a.ts));
      return page(all, body);
    },
    'conversations.replies': (body) => {
      const channel = str(body.channel);
      const ts = str(body.ts);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      if (!ts) return { ok: false, error: 'thread_not_found' };
      const parent = messages.get(messageKey(channel, ts));
      const replies = [...messages.values()]
        .filter((m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts)
        .sort((a, b) => Number(a.ts) - Number(b.ts));
      if (!parent && replies.length === 0) return { ok: false, error: 'thread_not_found' };
      return page(parent ? [parent, ...replies] : replies, body);
    },
    'conversations.info': (body) => {
      const channel = str(body.channel);
      if (!channel) return { ok: false, error: 'channel_not_found' };
      const isIm = channel.startsWith('D');
      return {
        ok: true,
        channel: {
          id: channel,
          name: isIm ? undefined : `channel-${channel.toLowerCase()}`,
          is_channel: !isIm,
          is_group: false,
          is_im: isIm,
          is_mpim: false,
          is_private: isIm,
          is_archived: false,
          is_general: false,
          is_member: true,
          is_ext_shared: false,
          is_org_shared: false,
          context_team_id: teamId,
          created: 1700000000,
          creator: 'U03MNOPQR67',
          ...options.channels?.[channel],
        },
      };
    },
    'views.publish': (body) => {
      // Slack: user_id and a `home` view are required; a Home tab holds at most 100 blocks.
      const userId = str(body.user_id);
      const view = body.view as { type?: string; blocks?: unknown[] } | undefined;
      if (!userId || typeof view !== 'object' || view === null) return { ok: false, error: 'invalid_arguments' };
      if (view.type !== 'home') return { ok: false, error: 'invalid_arguments' };
      if (!Array.isArray(view.blocks) || view.blocks.length > 100) return { ok: false, error: 'invalid_blocks' };
      return {
        ok: true,
        view: { id: nextId('V'), team_id: teamId, app_id: appId, bot_id: botId, state: { values: {} }, ...view },
      };
    },
    // Slack's shape (api.slack.com/methods/users.info); needs users:read.
    'users.info': (body) => {
      const granted = options.scopes ?? DEFAULT_SCOPES;
      if (!granted.includes('users:read')) {
        return { ok: false, error: 'missing_scope', needed: 'users:read', provided: granted.join(',') };
      }
      const id = str(body.user);
      const override = id ? options.users?.[id] : null;
      if (!id || !/^[UW][A-Z0-9]+$/.test(id) || override === null) return { ok: false, error: 'user_not_found' };
      const withLocale = body.include_locale === true || body.include_locale === 'true';
      const { locale, ...fields } = { locale: 'en-US', ...override };
      const name = id.toLowerCase();
      return {
        ok: true,
        user: {
          id,
          team_id: teamId,
          name,
          deleted: false,
          color: '9f69e7',
          real_name: name,
          tz: 'Europe/London',
          tz_label: 'Greenwich Mean Time',
          tz_offset: 0,
          profile: { real_name: name, display_name: name, team: teamId },
          is_admin: false,
          is_owner: false,
          is_primary_owner: false,
          is_restricted: false,
          is_ultra_restricted: false,
          is_bot: false,
          is_app_user: false,
          updated: 1700000000,
          ...fields,
          ...(withLocale ? { locale } : {}),
        },
      };
    },
    'usergroups.users.list': (body) => {
      const members = options.userGroups?.[str(body.usergroup) ?? ''];
      return members ? { ok: true, users: members } : { ok: false, error: 'no_such_subteam' };
    },
    'views.open': (body) => {
      if (!str(body.trigger_id)) return { ok: false, error: 'invalid_trigger_id' };
      const view = body.view;
      if (typeof view !== 'object' || view === null) return { ok: false, error: 'invalid_arguments' };
      return {
        ok: true,
        view: {
          id: nextId('V'),
          team_id: teamId,
          app_id: appId,
          bot_id: botId,
          state: { values: {} },
          hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
          previous_view_id: null,
          root_view_id: null,
          ...view,
        },
      };
    },
    'files.getUploadURLExternal': (body) => {
      const filename = str(body.filename);
      const length = Number(body.length);
      if (!filename || !Number.isInteger(length) || length < 0) return { ok: false, error: 'invalid_arguments' };
      const id = nextId('F0FAKE');
      files.set(id, { id, filename, length, completed: false });
      return { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (body) => {
      const list = body.files;
      if (!Array.isArray(list) || list.length === 0) return { ok: false, error: 'invalid_arguments' };
      const done: Record<string, unknown>[] = [];
      for (const entry of list as { id?: string; title?: string }[]) {
        const f = entry.id ? files.get(entry.id) : undefined;
        if (!f) return { ok: false, error: 'file_not_found' };
        if (!f.bytes) return { ok: false, error: 'file_upload_not_found' };
        f.completed = true;
        f.title = entry.title ?? f.filename;
        const channelId = str(body.channel_id);
        const threadTs = str(body.thread_ts);
        const initialComment = str(body.initial_comment);
        if (channelId) f.channelId = channelId;
        if (threadTs) f.threadTs = threadTs;
        if (initialComment) f.initialComment = initialComment;
        done.push({ id: f.id, name: f.filename, title: f.title, size: f.bytes.length, user: botUserId });
      }
      return { ok: true, files: done };
    },
  };

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const isText = typeof body === 'string';
    res.writeHead(status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'x-oauth-scopes': (options.scopes ?? DEFAULT_SCOPES).join(','),
      ...headers,
    });
    res.end(isText ? body : JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', baseUrl);
    const contentType = String(req.headers['content-type'] ?? '');
    const auth = String(req.headers.authorization ?? '');

    let method: string;
    let responseUrlId: string | undefined;
    let fileId: string | undefined;
    const [, area, rest] = /^\/(api|response|upload)\/(.+)$/.exec(url.pathname) ?? [];
    if (area === 'api' && rest) method = decodeURIComponent(rest);
    else if (area === 'response' && rest) {
      method = RESPONSE_URL;
      responseUrlId = decodeURIComponent(rest);
    } else if (area === 'upload' && rest) {
      method = FILE_UPLOAD;
      fileId = decodeURIComponent(rest);
    } else {
      send(res, 404, 'not found');
      return;
    }

    let parsed: Awaited<ReturnType<typeof parseBody>>;
    try {
      parsed = await parseBody(raw, contentType, url.searchParams);
    } catch (error) {
      send(res, 400, `unparseable body: ${(error as Error).message}`);
      return;
    }
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : str(parsed.body.token);

    const call: RecordedCall = {
      seq: ++seq,
      method,
      path: url.pathname,
      headers: req.headers,
      contentType,
      token,
      body: parsed.body,
      rawBody: raw.toString('utf8'),
      ...(responseUrlId !== undefined ? { responseUrlId } : {}),
      response: { status: 200, body: undefined },
      at: Date.now(),
    };

    let delay: number | undefined;
    const answer = (status: number, body: unknown, headers?: Record<string, string>) => {
      call.response = { status, body };
      record(call);
      if (delay) setTimeout(() => send(res, status, body, headers), delay);
      else send(res, status, body, headers);
    };

    const failure = failures.get(method)?.shift() ?? faultDeciders.get(method)?.(call);
    delay = answerDelays.get(method)?.shift();
    if (failure) {
      if ('disconnect' in failure) {
        call.response = { status: 0, body: 'disconnected' };
        record(call);
        req.socket.destroy();
        return;
      }
      if ('error' in failure) {
        answer(200, { ok: false, error: failure.error, ...failure.data });
        return;
      }
      const headers: Record<string, string> = {};
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
      const body =
        failure.body ??
        (failure.status === 429 ? { ok: false, error: 'ratelimited' } : { ok: false, error: `http_${failure.status}` });
      answer(failure.status, body, headers);
      return;
    }

    if (method === RESPONSE_URL) {
      answer(200, 'ok');
      return;
    }

    if (method === FILE_UPLOAD) {
      const f = fileId ? files.get(fileId) : undefined;
      if (!f) {
        answer(404, 'file not found');
        return;
      }
      const bytes = parsed.file?.bytes ?? raw;
      f.bytes = bytes;
      call.upload = { fileId: f.id, filename: f.filename, bytes };
      answer(200, `OK - ${bytes.length}`);
      return;
    }

    if (requireToken && !token) {
      answer(200, { ok: false, error: 'not_authed' });
      return;
    }
    const custom = handlers.get(method);
    if (custom) {
      answer(200, { ok: true, ...custom({ body: parsed.body, token }) });
      return;
    }
    const impl = builtIn[method];
    answer(200, impl ? impl(parsed.body) : { ok: false, error: 'unknown_method' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `fake-slack error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    teamId,
    botUserId,
    botId,
    responseUrl: (id) => `${baseUrl}/response/${encodeURIComponent(id ?? nextId('R'))}`,
    get calls() {
      return [...calls];
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    setFaults(method, decide) {
      if (decide) faultDeciders.set(method, decide);
      else faultDeciders.delete(method);
    },
    delayNextAnswer(method, ms) {
      const queue = answerDelays.get(method) ?? [];
      queue.push(ms);
      answerDelays.set(method, queue);
    },
    waitFor(match, { count = 1, timeoutMs = 5000 } = {}) {
      const predicate = typeof match === 'string' ? (c: RecordedCall) => c.method === match : match;
      const already = calls.filter(predicate);
      if (already.length >= count) return Promise.resolve(already);
      return new Promise<RecordedCall[]>((resolve, reject) => {
        const waiter: Waiter = {
          match: predicate,
          count,
          resolve: (found) => {
            clearTimeout(timer);
            resolve(found);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          const what = typeof match === 'string' ? match : 'predicate';
          reject(
            new Error(
              `fake-slack: waited ${timeoutMs} ms for ${count} call(s) matching ${what}; ` +
                `got ${calls.filter(predicate).length}. Calls so far: ${seen}`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    failNext(method, failure) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    setHandler(method, handler) {
      handlers.set(method, handler);
    },
    messages: (channel) => [...messages.values()].filter((m) => channel === undefined || m.channel === channel),
    // A message looked up by its ts is found even when reset() dropped it from the listings.
    message: (channel, ts) => messages.get(messageKey(channel, ts)) ?? forgotten.get(messageKey(channel, ts)),
    thread: (channel, threadTs) =>
      [...messages.values()].filter((m) => m.channel === channel && m.thread_ts === threadTs && m.ts !== threadTs),
    files: () => [...files.values()],
    reset() {
      calls = [];
      failures = new Map();
      handlers = new Map(Object.entries(options.handlers ?? {}));
      faultDeciders = new Map();
      answerDelays = new Map();
      for (const [key, m] of messages) forgotten.set(key, m);
      messages = new Map();
      files = new Map();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
