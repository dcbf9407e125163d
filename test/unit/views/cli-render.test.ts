import { describe, expect, it } from 'vitest';
import { renderHeaderText, renderStepText, renderVerdictText } from '../../../src/cli/render.ts';
import {
  ASSOCIATION_ID,
  accessDeniedGap,
  diagnosis,
  healthyDiagnosis,
  hugeDiagnosis,
  hugeStep,
  infoFinding,
  investigation,
  step,
} from './samples.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes is the point.
const ANSI = /\u001b\[/;

describe('CLI text rendering', () => {
  it.each([
    { color: false, ansi: false },
    { color: true, ansi: true },
  ])('color: $color → ANSI escapes: $ansi', ({ color, ansi }) => {
    const outputs = [
      renderHeaderText({ ...investigation(), documentName: 'AWS-RunPatchBaseline' }, { lang: 'en', color }),
      renderStepText(step(), 8, { lang: 'en', color }),
      renderVerdictText(diagnosis(), { lang: 'en', color }),
    ];
    for (const output of outputs) expect(ANSI.test(output)).toBe(ansi);
  });

  it('header names the association, document, account and region', () => {
    const text = renderHeaderText(
      { ...investigation(), documentName: 'AWS-RunPatchBaseline' },
      { lang: 'en', color: false },
    );
    expect(text).toBe(
      `Investigating association ${ASSOCIATION_ID}\ndocument AWS-RunPatchBaseline · account prod (111122223333) · region eu-west-1`,
    );
  });

  it('step: status, "Step n/N — title", duration, facts, findings and gaps', () => {
    const text = renderStepText(step({ gaps: [accessDeniedGap] }), 8, { lang: 'en', color: false });
    expect(text.split('\n')[0]).toBe('✖ Step 4/8 — Execution targets (1.2 s)');
    expect(text).toContain('    Targets: 40 (28 Success, 12 Failed)');
    expect(text).toContain('    ● The aws:runShellScript step exited with status 1 on 12 targets');
    expect(text).toContain('      GetCommandInvocation.Status = Failed');
    expect(text).toContain(
      '    Could not check: AccessDenied on ssm:DescribeInstanceInformation — User: arn:aws:sts::',
    );
  });

  it.each([
    ['verdict line', '✖ Verdict: Fault — The script failed on 12 targets; 1 node lost its connection.'],
    ['ranked finding', '1. [critical] The aws:runShellScript step exited with status 1 on 12 targets'],
    ['evidence', '     DescribeInstanceInformation.PingStatus = ConnectionLost'],
    ['numbered fix', '     1. Check that the amazon-ssm-agent service is running'],
    ['CLI command', '     $ aws ssm start-associations-once --association-ids'],
    ['agent logs', '     Linux/macOS: /var/log/amazon/ssm/amazon-ssm-agent.log, /var/log/amazon/ssm/errors.log'],
    ['links', 'Managed node i-0abc1234def567890: https://eu-west-1.console.aws.amazon.com/'],
    ['one-liners', '  4. [info] Informational finding number 4'],
    ['checked', '  - The last 10 executions'],
  ])('verdict shows the %s', (_name, expected) => {
    const text = renderVerdictText(diagnosis({ findings: [...diagnosis().findings, infoFinding(4)] }), {
      lang: 'en',
      color: false,
    });
    expect(text).toContain(expected);
  });

  it('healthy verdict says no fault found', () => {
    const text = renderVerdictText(healthyDiagnosis(), { lang: 'en', color: false });
    expect(text).toContain('✔ Verdict: Healthy');
    expect(text).toContain('No fault found.');
  });

  it('strips control characters from AWS text, so output cannot recolour the terminal', () => {
    const evil = '\u001b[31mred\u001b[0m\u0007\rdone';
    const text = renderStepText(step({ title: evil, facts: [{ label: 'Status', value: evil }] }), 8, {
      lang: 'en',
      color: false,
    });
    expect(ANSI.test(text)).toBe(false);
    expect(text.includes('\u0007') || text.includes('\r')).toBe(false);
    expect(text).toContain('[31mred[0mdone');
  });

  it('bounds huge input', () => {
    expect(renderStepText(hugeStep(), 8, { lang: 'en', color: true }).length).toBeLessThan(200_000);
    const verdict = renderVerdictText(hugeDiagnosis(), { lang: 'en', color: false });
    expect(verdict.length).toBeLessThan(300_000);
    expect(verdict).toContain('… and 67 more findings');
    expect(verdict).toContain('… (truncated)');
  });
});
