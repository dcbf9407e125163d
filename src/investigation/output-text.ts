// A target's (already redacted) output as plain text: the file uploaded to Slack when the output is long,
// and what `npm run investigate -- <id> --show-output` prints. Pure; the words are the investigation's language.
import type { CommandInvocationFacts } from '../domain/facts.ts';
import { type Lang, texts } from '../i18n/index.ts';
import type { OutputContext, OutputLocations, TargetOutput } from './show-output.ts';

/** GetCommandInvocation keeps the first 24,000 characters of stdout and 8,000 of stderr. */
export const SSM_STDOUT_LIMIT = 24_000;
export const SSM_STDERR_LIMIT = 8_000;

export function statusLabel(target: { status: string; detailedStatus?: string }): string {
  return target.detailedStatus && target.detailedStatus !== target.status
    ? `${target.status} / ${target.detailedStatus}`
    : target.status;
}

export function formatDuration(start: Date | undefined, end: Date | undefined, lang: Lang): string | undefined {
  if (!start || !end) return undefined;
  const say = texts(lang).thread.output.file;
  const ms = end.getTime() - start.getTime();
  if (ms < 0) return undefined;
  if (ms < 60_000) return say.seconds((ms / 1000).toFixed(1));
  const minutes = Math.floor(ms / 60_000);
  return minutes < 60
    ? say.minutesSeconds(minutes, Math.round((ms % 60_000) / 1000))
    : say.hoursMinutes(Math.floor(minutes / 60), minutes % 60);
}

export function titleOf(context: OutputContext, lang: Lang): string {
  const { target } = context;
  return texts(lang).thread.output.title(target.resourceId, statusLabel(target), target.groupCount);
}

/** `stdout (1,234 characters — SSM keeps only the first 24,000)`. */
export function streamLabel(stream: 'stdout' | 'stderr', text: string, lang: Lang): string {
  const limit = stream === 'stdout' ? SSM_STDOUT_LIMIT : SSM_STDERR_LIMIT;
  return texts(lang).thread.output.stream(stream, text.length, text.length >= limit ? limit : undefined);
}

export function pluginHeadline(p: CommandInvocationFacts, lang: Lang): string {
  const details = p.statusDetails && p.statusDetails !== p.status ? p.statusDetails : undefined;
  return texts(lang).thread.output.plugin(p.pluginName, p.status ?? '?', details, `${p.responseCode ?? '?'}`);
}

export function timingLine(start: Date | undefined, end: Date | undefined, lang: Lang): string | undefined {
  if (!start) return undefined;
  return texts(lang).thread.output.file.timing(
    start.toISOString(),
    end?.toISOString(),
    formatDuration(start, end, lang),
  );
}

export function locationLines(locations: OutputLocations, lang: Lang): string[] {
  const say = texts(lang).thread.output.file;
  const lines: string[] = [];
  if (locations.stdoutUrl) lines.push(say.stdoutInS3(locations.stdoutUrl));
  if (locations.stderrUrl) lines.push(say.stderrInS3(locations.stderrUrl));
  if (locations.s3) lines.push(say.s3Folder(locations.s3.uri, locations.s3.consoleUrl));
  if (locations.cloudWatchLogGroup) lines.push(say.logGroup(locations.cloudWatchLogGroup));
  if (locations.consoleUrl) lines.push(say.console(locations.consoleUrl));
  if (locations.cliCommand) lines.push(say.cli(locations.cliCommand));
  return lines;
}

function contextLine(context: OutputContext, lang: Lang): string {
  const { investigation, target } = context;
  const source = target.outputSource ? ` · ${target.outputSource.type} ${target.outputSource.id}` : '';
  return texts(lang).thread.output.file.context(
    investigation.associationId,
    investigation.accountName,
    investigation.region,
    source,
  );
}

/** The whole redacted output as text (every plugin, full length), in `lang`. */
export function outputText(output: TargetOutput, lang: Lang): string {
  const say = texts(lang).thread.output;
  const lines = [titleOf(output.context, lang), contextLine(output.context, lang), ''];
  if (output.kind === 'command') {
    for (const p of output.plugins) {
      lines.push(`== ${pluginHeadline(p, lang)} ==`);
      const timing = timingLine(p.startedAt, p.endedAt, lang);
      if (timing) lines.push(timing);
      lines.push(`--- ${streamLabel('stderr', p.stderr, lang)} ---`, p.stderr || say.empty);
      lines.push(`--- ${streamLabel('stdout', p.stdout, lang)} ---`, p.stdout || say.empty, '');
    }
  } else if (output.kind === 'automation') {
    const a = output.automation;
    lines.push(say.file.automation(a.executionId, a.documentName, a.status ?? '?'));
    const timing = timingLine(a.startedAt, a.endedAt, lang);
    if (timing) lines.push(timing);
    if (a.failureMessage) lines.push(`FailureMessage: ${a.failureMessage}`);
    for (const step of a.failedSteps) {
      lines.push('', say.file.step(step.stepName, step.action, step.status ?? '?'));
      if (step.failureType || step.failureStage) {
        lines.push(`FailureType: ${step.failureType ?? '?'} · FailureStage: ${step.failureStage ?? '?'}`);
      }
      if (step.failureMessage) lines.push(`FailureMessage: ${step.failureMessage}`);
      if (step.failureDetails) lines.push(`FailureDetails: ${step.failureDetails}`);
      for (const [name, values] of Object.entries(step.outputs ?? {}))
        lines.push(say.file.stepOutput(name, values.join('\n')));
    }
    lines.push('');
  } else {
    lines.push(say.file.notAvailable(output.reason));
    if (output.executionSummary) lines.push('', say.file.executionSummary, output.executionSummary.raw);
    if (output.outputUrl) lines.push(say.file.outputUrl(output.outputUrl));
    lines.push('', say.file.whereElse);
    for (const logs of output.logPaths) lines.push(say.file.agentLogs(logs.platform, logs.paths.join(', ')));
    for (const folder of output.orchestrationFolders) lines.push(say.file.runFolder(folder));
    lines.push('');
  }
  const where = locationLines(output.locations, lang);
  if (where.length > 0) lines.push(...where, '');
  lines.push(say.file.redactionNote);
  return `${lines.join('\n')}\n`;
}
