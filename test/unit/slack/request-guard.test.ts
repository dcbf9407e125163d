import { createHmac } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installProcessFaultHandlers } from '../../../src/process-faults.ts';
import { screenSlackRequest } from '../../../src/slack/request-guard.ts';

const SECRET = 'test-signing-secret';
const NOW = 1_800_000_000_000;
const sign = (body: string, ts: number) =>
  `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
const FORM = 'application/x-www-form-urlencoded';

function screen(body: string, options: { ts?: number; contentType?: string; forge?: boolean } = {}) {
  const ts = options.ts ?? NOW / 1000;
  return screenSlackRequest({
    body,
    contentType: options.contentType ?? FORM,
    timestamp: String(ts),
    signature: options.forge ? sign(`${body}x`, ts) : sign(body, ts),
    signingSecret: SECRET,
    nowMs: NOW,
  });
}

describe('screenSlackRequest', () => {
  it('passes a signed command and a signed block_actions payload', () => {
    expect(screen('command=%2Fssm-why&text=help')).toEqual({ ok: true });
    expect(screen(`payload=${encodeURIComponent('{"type":"block_actions"}')}`)).toEqual({ ok: true });
    expect(screen('{"type":"url_verification"}', { contentType: 'application/json' })).toEqual({ ok: true });
  });

  it.each([
    ['-6 min', -360],
    ['+6 min', 360],
    ['+1 h', 3_600],
  ])('refuses a timestamp %s away with 401', (_label, delta) => {
    expect(screen('text=help', { ts: NOW / 1000 + delta })).toMatchObject({ ok: false, status: 401 });
  });

  it('accepts ±4 minutes', () => {
    expect(screen('text=help', { ts: NOW / 1000 + 240 })).toEqual({ ok: true });
    expect(screen('text=help', { ts: NOW / 1000 - 240 })).toEqual({ ok: true });
  });

  it('refuses a forged signature with 401 before looking at the body', () => {
    expect(screen('payload=null', { forge: true })).toMatchObject({ ok: false, status: 401 });
  });

  it.each([
    ['payload=null', FORM],
    ['payload=42', FORM],
    ['payload=%5B%5D', FORM],
    ['payload=%7Bbroken', FORM],
    ['null', 'application/json'],
    ['[]', 'application/json'],
    ['"text"', 'application/json'],
  ])('refuses the signed non-object body %s with 400', (body, contentType) => {
    expect(screen(body, { contentType })).toMatchObject({ ok: false, status: 400 });
  });

  it('lets an unsigned ssl_check through (Bolt answers it and strips the rest)', () => {
    expect(
      screenSlackRequest({
        body: 'ssl_check=1',
        contentType: FORM,
        timestamp: String(NOW / 1000),
        signature: undefined,
        signingSecret: SECRET,
        nowMs: NOW,
      }),
    ).toEqual({ ok: true });
  });
});

describe('process fault handlers', () => {
  const logger = () => {
    const lines: string[] = [];
    return {
      lines,
      error: (_o: object, m: string) => lines.push(m),
      fatal: (_o: object, m: string) => lines.push(`FATAL ${m}`),
    };
  };

  it('logs an unhandled rejection and an uncaught exception and keeps going', () => {
    const target = new EventEmitter();
    const log = logger();
    const exits: number[] = [];
    const { counts, remove } = installProcessFaultHandlers(log as never, { exit: (c) => exits.push(c) }, target);
    target.emit('unhandledRejection', new Error('boom'));
    target.emit('uncaughtException', new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    expect(counts).toEqual({ unhandledRejections: 1, uncaughtExceptions: 1 });
    expect(exits).toEqual([]);
    expect(log.lines).toHaveLength(2);
    remove();
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });

  it('exits with 1 on a storm of uncaught exceptions', () => {
    const target = new EventEmitter();
    const exits: number[] = [];
    let now = 0;
    installProcessFaultHandlers(
      logger() as never,
      { maxUncaught: 3, windowMs: 1_000, exit: (c) => exits.push(c), clock: () => now },
      target,
    );
    for (let i = 0; i < 3; i++) target.emit('uncaughtException', new Error('x'));
    expect(exits).toEqual([]);
    now = 2_000; // the window has moved on
    for (let i = 0; i < 3; i++) target.emit('uncaughtException', new Error('x'));
    expect(exits).toEqual([]);
    target.emit('uncaughtException', new Error('x'));
    expect(exits).toEqual([1]);
  });
});
