// A target's (already redacted) output as plain text: the file uploaded to Slack when the output is long,
// and what `npm run investigate -- <id> --show-output` prints. Pure.
import type { CommandInvocationFacts } from '../domain/facts.ts';
import type { OutputContext, OutputLocations, TargetOutput } from './show-output.ts';

/** GetCommandInvocation keeps the first 24,000 characters of stdout and 8,000 of stderr. */
export const SSM_STDOUT_LIMIT = 24_000;
export const SSM_STDERR_LIMIT = 8_000;

const n = (value: number) => value.toLocaleString('en-US');

export function statusLabel(target: { status: string; detailedStatus?: string }): string {
  return target.detailedStatus && target.detailedStatus !== target.status
    ? `${target.status} / ${target.detailedStatus}`
    : target.status;
}

export function formatDuration(start?: Date, end?: Date): string | undefined {
  if (!start || !end) return undefined;
  const ms = end.getTime() - start.getTime();
  if (ms < 0) return undefined;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return minutes < 60
    ? `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function titleOf(context: OutputContext): string {
  const { target } = context;
  const others = target.groupCount > 1 ? ` (${n(target.groupCount)} targets with this status)` : '';
  return `Output of ${target.resourceId} — ${statusLabel(target)}${others}`;
}

/** `stdout (1,234 characters — SSM keeps only the first 24,000)`. */
export function streamLabel(stream: 'stdout' | 'stderr', text: string): string {
  const limit = stream === 'stdout' ? SSM_STDOUT_LIMIT : SSM_STDERR_LIMIT;
  const cut =
    text.length >= limit
      ? ` — SSM keeps only the first ${n(limit)}; the rest is in S3 or CloudWatch when configured`
      : '';
  return `${stream} (${n(text.length)} characters${cut})`;
}

export function pluginHeadline(p: CommandInvocationFacts): string {
  const parts = [
    `Status: ${p.status ?? '?'}`,
    ...(p.statusDetails && p.statusDetails !== p.status ? [`status details: ${p.statusDetails}`] : []),
    `exit code: ${p.responseCode ?? '?'}`,
  ];
  return `${p.pluginName ?? 'command'} — ${parts.join(' · ')}`;
}

export function timingLine(start?: Date, end?: Date): string | undefined {
  if (!start) return undefined;
  const took = formatDuration(start, end);
  return `Started ${start.toISOString()}${end ? ` · ended ${end.toISOString()}` : ''}${took ? ` (${took})` : ''}`;
}

export function locationLines(locations: OutputLocations): string[] {
  const lines: string[] = [];
  if (locations.stdoutUrl) lines.push(`stdout in S3: ${locations.stdoutUrl}`);
  if (locations.stderrUrl) lines.push(`stderr in S3: ${locations.stderrUrl}`);
  if (locations.s3) lines.push(`S3 output folder: ${locations.s3.uri} (${locations.s3.consoleUrl})`);
  if (locations.cloudWatchLogGroup) lines.push(`CloudWatch Logs group: ${locations.cloudWatchLogGroup}`);
  if (locations.consoleUrl) lines.push(`Console: ${locations.consoleUrl}`);
  if (locations.cliCommand) lines.push(`AWS CLI: ${locations.cliCommand}`);
  return lines;
}

function contextLine(context: OutputContext): string {
  const { investigation, target } = context;
  const source = target.outputSource ? ` · ${target.outputSource.type} ${target.outputSource.id}` : '';
  return `Association ${investigation.associationId} · account ${investigation.accountName} · ${investigation.region}${source}`;
}

const REDACTION_NOTE = 'Secrets are masked by ssm-why as [REDACTED:<kind>]; Slack mentions are made inert.';

/** The whole redacted output as text (every plugin, full length). */
export function outputText(output: TargetOutput): string {
  const lines = [titleOf(output.context), contextLine(output.context), ''];
  if (output.kind === 'command') {
    for (const p of output.plugins) {
      lines.push(`== ${pluginHeadline(p)} ==`);
      const timing = timingLine(p.startedAt, p.endedAt);
      if (timing) lines.push(timing);
      lines.push(`--- ${streamLabel('stderr', p.stderr)} ---`, p.stderr || '(empty)');
      lines.push(`--- ${streamLabel('stdout', p.stdout)} ---`, p.stdout || '(empty)', '');
    }
  } else if (output.kind === 'automation') {
    const a = output.automation;
    lines.push(`Automation ${a.executionId}${a.documentName ? ` (${a.documentName})` : ''} — ${a.status ?? '?'}`);
    const timing = timingLine(a.startedAt, a.endedAt);
    if (timing) lines.push(timing);
    if (a.failureMessage) lines.push(`FailureMessage: ${a.failureMessage}`);
    for (const step of a.failedSteps) {
      lines.push('', `== Step ${step.stepName}${step.action ? ` (${step.action})` : ''} — ${step.status ?? '?'} ==`);
      if (step.failureType || step.failureStage) {
        lines.push(`FailureType: ${step.failureType ?? '?'} · FailureStage: ${step.failureStage ?? '?'}`);
      }
      if (step.failureMessage) lines.push(`FailureMessage: ${step.failureMessage}`);
      if (step.failureDetails) lines.push(`FailureDetails: ${step.failureDetails}`);
      for (const [name, values] of Object.entries(step.outputs ?? {}))
        lines.push(`Output ${name}: ${values.join('\n')}`);
    }
    lines.push('');
  } else {
    lines.push(`Not available: ${output.reason}`);
    if (output.executionSummary) lines.push('', 'ExecutionSummary on the node:', output.executionSummary.raw);
    if (output.outputUrl) lines.push(`Output URL: ${output.outputUrl}`);
    lines.push('', 'Where else to look:');
    for (const logs of output.logPaths) lines.push(`Agent logs (${logs.platform}): ${logs.paths.join(', ')}`);
    for (const folder of output.orchestrationFolders) lines.push(`Run folder on the node: ${folder}`);
    lines.push('');
  }
  const where = locationLines(output.locations);
  if (where.length > 0) lines.push(...where, '');
  lines.push(REDACTION_NOTE);
  return `${lines.join('\n')}\n`;
}
