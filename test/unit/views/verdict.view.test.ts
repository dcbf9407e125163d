import { describe, expect, it } from 'vitest';
import { FEEDBACK_DOWN, FEEDBACK_UP, RERUN } from '../../../src/slack/action-ids.ts';
import { TRUNCATION_MARKER } from '../../../src/slack/views/limits.ts';
import { renderVerdict } from '../../../src/slack/views/verdict.view.ts';
import { allText, buttons, expectNoInjection, expectWithinLimits } from './assert-limits.ts';
import {
  ASSOCIATION_ID,
  accessDeniedGap,
  agentOutdated,
  connectionLost,
  diagnosis,
  healthyDiagnosis,
  hugeDiagnosis,
  INJECTION,
  INVESTIGATION_ID,
  infoFinding,
  scriptFailed,
  throttledGap,
} from './samples.ts';

const context = { lang: 'en' as const, investigationId: INVESTIGATION_ID, associationId: ASSOCIATION_ID };

describe('renderVerdict', () => {
  const fault = diagnosis({
    findings: [scriptFailed(), connectionLost(), agentOutdated(), infoFinding(4), infoFinding(5)],
    gaps: [accessDeniedGap, throttledGap],
  });
  const message = renderVerdict(fault, context);
  const text = allText(message);

  it('stays within limits and has a fallback naming the top finding', () => {
    expectWithinLimits(message);
    expect(message.text).toBe(
      `❌ Fault for association ${ASSOCIATION_ID}: The aws:runShellScript step exited with status 1 on 12 targets (+ 4 more findings)`,
    );
  });

  it.each([
    ['headline', `❌ *Verdict for association \`${ASSOCIATION_ID}\`: Fault*`],
    ['rank 1 with severity emoji', '🛑 *1. The aws:runShellScript step exited with status 1 on 12 targets*'],
    ['rank 2', '❌ *2. i-0abc1234def567890 lost its connection to Systems Manager*'],
    ['rank 3', '⚠️ *3. SSM Agent 3.0.1124.0 is older than the latest 3.3.1142.0*'],
    ['summary', 'The SSM Agent on the node has not checked in for 3 hours'],
    ['evidence as code', '• `DescribeInstanceInformation.PingStatus` = `ConnectionLost`'],
    ['numbered fix', '*Fix*\n1. Check that the amazon-ssm-agent service is running'],
    [
      'links as mrkdwn links',
      '<https://eu-west-1.console.aws.amazon.com/systems-manager/fleet-manager/managed-nodes/i-0abc1234def567890/general?region=eu-west-1|Managed node i-0abc1234def567890>',
    ],
    [
      'CLI in a code block',
      '*Check it yourself*\n```\naws ssm describe-instance-information --filters Key=InstanceIds,Values=i-0abc1234def567890 --region eu-west-1\n',
    ],
    ['Linux agent logs', '• Linux/macOS: `/var/log/amazon/ssm/amazon-ssm-agent.log`, `/var/log/amazon/ssm/errors.log`'],
    ['Windows agent logs', '• Windows: `%PROGRAMDATA%\\Amazon\\SSM\\Logs\\amazon-ssm-agent.log`'],
    [
      'every link',
      '|Managed node i-0abc1234def567890> · <https://eu-west-1.console.aws.amazon.com/systems-manager/state-manager/',
    ],
    ['resources', '_Resources:_ `i-0abc1234def567890`, `i-0def5678abc123456`'],
    [
      'the rest as one-liners',
      '*Other findings*\n4. ℹ️ Informational finding number 4\n5. ℹ️ Informational finding number 5',
    ],
    ['what was checked', '• The last 10 executions'],
    ['gaps', '*Could not check*\n• Could not check: AccessDenied on `ssm:DescribeInstanceInformation`'],
    ['throttled gap', 'Could not check DescribeAssociationExecutions: throttled by AWS — Rate exceeded'],
  ])('shows %s', (_name, expected) => {
    expect(text).toContain(expected);
  });

  it('shows the evidence, fix and commands of the top 3 only', () => {
    expect(text.match(/\*Evidence\*/g)).toHaveLength(3);
    expect(text).not.toContain('DescribeAssociation.AssociationVersion');
  });

  it('has Re-run, 👍 and 👎 buttons whose value is the bare investigation id', () => {
    const all = buttons(message);
    expect(all.map((b) => b.action_id)).toEqual([RERUN, FEEDBACK_UP, FEEDBACK_DOWN]);
    for (const b of all) expect(b.value).toBe(INVESTIGATION_ID);
  });

  it('healthy: "No fault found" and the checked list', () => {
    const healthy = renderVerdict(healthyDiagnosis(), context);
    expectWithinLimits(healthy);
    const healthyText = allText(healthy);
    expect(healthyText).toContain('✅ *No fault found.* What was checked:');
    expect(healthyText).toContain('• The association exists and its document is Active');
    expect(healthyText).toContain('The last execution succeeded on all 40 targets.');
    expect(healthy.text).toBe(`✅ No fault found for association ${ASSOCIATION_ID}`);
    expect(buttons(healthy)[0]?.value).toBe(INVESTIGATION_ID);
  });

  it.each([
    { name: 'titles', diag: diagnosis({ findings: [scriptFailed({ title: INJECTION })] }) },
    { name: 'summaries', diag: diagnosis({ findings: [scriptFailed({ summary: INJECTION })] }) },
    {
      name: 'evidence',
      diag: diagnosis({ findings: [scriptFailed({ evidence: [{ field: INJECTION, value: INJECTION }] })] }),
    },
    { name: 'remediation', diag: diagnosis({ findings: [scriptFailed({ remediation: [INJECTION] })] }) },
    {
      name: 'link labels',
      diag: diagnosis({ findings: [scriptFailed({ links: [{ label: INJECTION, url: 'https://example.com' }] })] }),
    },
    { name: 'CLI commands', diag: diagnosis({ findings: [scriptFailed({ cli: [INJECTION] })] }) },
    { name: 'resources', diag: diagnosis({ findings: [scriptFailed({ resources: [INJECTION] })] }) },
    {
      name: 'one-liners',
      diag: diagnosis({ findings: [...diagnosis().findings, infoFinding(4), { ...infoFinding(5), title: INJECTION }] }),
    },
    { name: 'checked list', diag: diagnosis({ checked: [INJECTION] }) },
    { name: 'gaps', diag: diagnosis({ gaps: [{ ...accessDeniedGap, action: INJECTION, message: INJECTION }] }) },
    { name: 'summary', diag: diagnosis({ summary: INJECTION }) },
  ])('escapes AWS text in $name', ({ diag }) => {
    const rendered = renderVerdict(diag, context);
    expectWithinLimits(rendered);
    expectNoInjection(rendered);
    expect(allText(rendered)).toContain('&lt;!channel&gt;');
  });

  it('100 findings with 50 KB evidence: within limits, truncation marked, Re-run kept, the rest counted', () => {
    const huge = renderVerdict(hugeDiagnosis(), context);
    expectWithinLimits(huge);
    expectNoInjection(huge);
    const hugeText = allText(huge);
    expect(hugeText).toContain(TRUNCATION_MARKER);
    expect(hugeText).toMatch(/… and \d+ more findings/);
    // Built within budget: the safety net in enforceMessageLimits did not have to drop anything.
    expect(hugeText).not.toContain('more not shown');
    expect(hugeText).toContain('*Could not check*');
    expect(hugeText).toContain('*Checked:*');
    expect(huge.blocks.at(-1)?.type).toBe('actions');
    expect(buttons(huge)[0]?.value).toBe(INVESTIGATION_ID);
  });

  it('a verdict without an association id still renders', () => {
    const rendered = renderVerdict(diagnosis(), { lang: 'en', investigationId: INVESTIGATION_ID });
    expectWithinLimits(rendered);
    expect(rendered.text.startsWith('❌ Fault: ')).toBe(true);
  });
});
