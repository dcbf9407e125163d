// Issue 16.1: text from AWS (emoji, ZWJ sequences, combining marks, RTL) and text cut by our own caps must
// always be storable. A lone surrogate (half an emoji) used to reach the jsonb columns as `\ud83d`, which
// PostgreSQL and PGlite reject: the step was never stored and the thread stalled. Property-based: random
// Unicode strings, cut at random places by every cap in the domain, through the real store on each backend.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cap } from '../../src/domain/checks/kit.ts';
import type { InvestigationStore, StepResult } from '../../src/investigation/ports.ts';
import { createInvestigationStore } from '../../src/store/investigation.repository.ts';
import { databaseBackends, type TestDatabase } from '../support/test-database.ts';
import { isWellFormed, unicodeText } from '../support/unicode.ts';

function stepWith(texts: string[], ordinal: number): StepResult {
  return {
    key: 'output',
    ordinal,
    title: 'Output',
    status: 'failed',
    facts: texts.map((value, i) => ({ label: `Fact ${i}`, value })),
    findings: [
      {
        id: 'command.script-failed',
        severity: 'error',
        title: texts[0] ?? '',
        evidence: texts.map((value) => ({ field: 'GetCommandInvocation.StandardErrorContent', value })),
        remediation: texts,
        links: [],
      },
    ],
    gaps: texts.map((message) => ({ step: 'output', kind: 'error', message })),
    durationMs: 1,
    patch: { outputSamples: [] },
  } as unknown as StepResult;
}

describe.each(databaseBackends())('Unicode text is always storable ($name)', (backend) => {
  let db: TestDatabase;
  let store: InvestigationStore;

  beforeAll(async () => {
    db = await backend.create();
    store = createInvestigationStore((await db.open()).prisma);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const newInvestigation = () =>
    store.create({
      associationId: randomUUID(),
      accountId: '111122223333',
      accountName: 'prod',
      region: 'eu-west-1',
      trigger: 'command',
      teamId: 'T1',
      channelId: 'C1',
      userId: 'U1',
    });

  it('stores a step holding half of an emoji (cut by a naive slice) and reads it back well-formed', async () => {
    const investigation = await newInvestigation();
    const half = '🚀'.slice(0, 1);
    await store.appendStep(investigation.id, stepWith([`launch ${half}`, `${'🚀'.slice(1)} tail`], 1));
    const [stored] = await store.listSteps(investigation.id);
    expect(stored?.facts.map((f) => f.value)).toEqual(['launch \ufffd', '\ufffd tail']);
  });

  it('stores a NUL character from binary output (jsonb has no \\u0000) as U+FFFD', async () => {
    const investigation = await newInvestigation();
    await store.appendStep(investigation.id, stepWith(['ELF\u0000\u0001 binary'], 1));
    const [stored] = await store.listSteps(investigation.id);
    expect(stored?.facts.map((f) => f.value)).toEqual(['ELF\ufffd\u0001 binary']);
  });

  it('stores every cap of random Unicode text, and its verdict', async () => {
    const investigation = await newInvestigation();
    let ordinal = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(unicodeText(), { minLength: 1, maxLength: 4 }), fc.nat(60), async (texts, max) => {
        ordinal += 1;
        const capped = texts.flatMap((t) => [cap(t, max + 1), t]);
        await store.appendStep(investigation.id, stepWith(capped, ordinal));
        const stored = (await store.listSteps(investigation.id)).find((s) => s.ordinal === ordinal);
        for (const fact of stored?.facts ?? []) expect(isWellFormed(fact.value)).toBe(true);
        expect(stored?.facts.map((f) => f.value)).toEqual(capped.map((t) => t.replace(/\p{Cs}/gu, '\ufffd')));
      }),
      { numRuns: 40 },
    );
    const summary = `Root cause: ${'👩🏽‍💻'.repeat(30).slice(0, 41)}\u0000`;
    await store.finish(investigation.id, {
      status: 'done',
      verdictSummary: summary,
      diagnosis: { outcome: 'fault', findings: [], checked: [], gaps: [], summary },
    });
    const stored = (await store.get(investigation.id))?.verdictSummary ?? '';
    expect(isWellFormed(stored)).toBe(true);
    expect(stored.startsWith('Root cause: 👩🏽‍💻')).toBe(true);
  });
});
