// An investigation asked for in Japanese, run by the real runner against the fake AWS: its steps are stored in
// Japanese (titles, facts, findings), a run resumed after a crash keeps Japanese, and the thread it posts — every
// step reply and the verdict — holds no English sentence of ours, while AWS's own values appear exactly as AWS
// wrote them.
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/domain/finding.ts';
import { type Lang, texts } from '../../src/i18n/index.ts';
import type { StoredStep } from '../../src/investigation/ports.ts';
import { STEPS, TOTAL_STEPS } from '../../src/investigation/runner.ts';
import type { SlackMessage } from '../../src/slack/views/limits.ts';
import { renderStepReply } from '../../src/slack/views/step-reply.view.ts';
import { renderVerdict } from '../../src/slack/views/verdict.view.ts';
import type { AwsHarness } from '../support/aws-harness.ts';
import { expectJapanese } from '../support/checks.ts';
import { newInvestigation, recordingSink, runnerRig, SLACK_DOWN, startScenarioNow } from '../support/runner-rig.ts';
import {
  accessDeniedOnOneOperation,
  connectionLost,
  nodeNotManaged,
  scriptExitCode1,
} from '../support/scenarios/index.ts';
import type { NamedScenario } from '../support/scenarios/named/common.ts';
import { allText } from '../unit/views/assert-limits.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Every string AWS (or the node) gave the investigation: what its facts were built from. */
function awsStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(awsStrings);
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).flatMap(awsStrings);
  return [];
}

/** The visible text of a message as a reader sees it: entities decoded, code, links and mentions left out. */
function prose(message: SlackMessage): string {
  return allText(message)
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/<(?:https?:[^|>]*)\|([^>]*)>/g, '$1')
    .replace(/<[@!#][^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');
}

/** Runs of three or more English words left once AWS's own strings are taken out: sentences of ours in English. */
function englishSentences(text: string, fromAws: readonly string[]): string[] {
  let rest = text;
  const pieces = fromAws
    .flatMap((s) => s.split('\n'))
    .map((s) => s.trim())
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const piece of pieces) rest = rest.split(piece).join(' ');
  return rest.match(/[A-Za-z][A-Za-z'’-]+(?:[ ,]+[A-Za-z][A-Za-z'’-]+){2,}/g) ?? [];
}

interface Run {
  steps: StoredStep[];
  diagnosis: Diagnosis;
  messages: SlackMessage[];
  fromAws: string[];
}

describe('an investigation in Japanese', () => {
  let aws: AwsHarness | undefined;
  afterEach(async () => {
    await aws?.close();
    aws = undefined;
  });

  async function runIn(lang: Lang, scenario: NamedScenario, options: { crashAtStep?: number } = {}): Promise<Run> {
    aws = await startScenarioNow(scenario);
    const first = runnerRig(aws, scenario.associationId, {
      sink: recordingSink(options.crashAtStep ? { failFromStep: options.crashAtStep } : {}),
    });
    const record = await first.store.create({
      ...newInvestigation(scenario.associationId, aws.account, aws.region),
      lang,
    });
    let diagnosis: Diagnosis | undefined;
    if (options.crashAtStep) {
      await expect(first.runner.run(record.id)).rejects.toThrow(SLACK_DOWN);
      // Another process picks the job up: a new runner over the same store.
      diagnosis = await runnerRig(aws, scenario.associationId, { store: first.store }).runner.run(record.id);
    } else {
      diagnosis = await first.runner.run(record.id);
    }
    expect(diagnosis).toBeDefined();
    const steps = await first.store.listSteps(record.id);
    const done = diagnosis as Diagnosis;
    const messages = [
      ...steps.filter((s) => s.key !== 'diagnosis').map((s) => renderStepReply(s, TOTAL_STEPS, { lang })),
      renderVerdict(done, { lang, investigationId: record.id, associationId: record.associationId }),
    ];
    return { steps, diagnosis: done, messages, fromAws: steps.flatMap((s) => awsStrings(s.patch)) };
  }

  it('stores every step title, fact and finding in Japanese, and a run resumed after a crash keeps Japanese', async () => {
    const { steps, diagnosis } = await runIn('ja', scriptExitCode1, { crashAtStep: 3 });
    const say = texts('ja').thread;
    expect(steps.map((s) => s.title)).toEqual([...STEPS.map((d) => say.stepTitles[d.key]), say.stepTitles.diagnosis]);
    for (const step of steps) {
      for (const fact of step.facts) expect(`${fact.label} ${fact.value}`, step.key).toMatch(JAPANESE);
      expectJapanese(step.findings);
    }
    expect(steps.flatMap((s) => s.findings).length).toBeGreaterThan(0);
    expect(diagnosis.outcome).toBe('fault');
    expect(diagnosis.summary).toMatch(JAPANESE);
    expectJapanese(diagnosis.findings);
    for (const line of diagnosis.checked) expect(line).toMatch(JAPANESE);
  });

  it.each([scriptExitCode1, connectionLost, nodeNotManaged, accessDeniedOnOneOperation])(
    '$name: the step replies and the verdict say no English sentence of ours; AWS values stay as AWS wrote them',
    async (scenario) => {
      const { messages, fromAws, diagnosis } = await runIn('ja', scenario);
      for (const message of messages) {
        expect(englishSentences(prose(message), fromAws), message.text).toEqual([]);
        expect(message.text).toMatch(JAPANESE);
      }
      const thread = messages.map(allText).join('\n');
      // The values AWS gave, verbatim: the association, the evidence of every finding shown in full.
      expect(thread).toContain(scenario.associationId);
      for (const finding of diagnosis.findings.slice(0, 3)) {
        for (const evidence of finding.evidence.slice(0, 3)) expect(thread).toContain(evidence.field);
      }
    },
  );

  it('the check finds English: the same investigation in English is full of it', async () => {
    const { messages, fromAws } = await runIn('en', scriptExitCode1);
    expect(messages.flatMap((m) => englishSentences(prose(m), fromAws)).length).toBeGreaterThan(10);
  });
});
