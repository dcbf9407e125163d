// Where the agent says what went wrong in words, a check looks for its own pattern line by line: in the node's
// association ExecutionSummary and in what a command printed.
import type { CommandInvocationFacts, ExecutionSummaryFacts, OutputSampleFacts } from '../facts.ts';
import { lineMatching } from './kit.ts';

/** The first matching line of the agent's ExecutionSummary: the whole text, else each failed plugin's reason. */
export function summaryLineMatching(summary: ExecutionSummaryFacts | undefined, pattern: RegExp): string | undefined {
  return (
    lineMatching(summary?.raw, pattern) ??
    summary?.failures.map((x) => lineMatching(x.reason, pattern)).find((x) => x !== undefined)
  );
}

/** The first matching line of what the command printed: stderr, else stdout. */
export function outputLineMatching(command: CommandInvocationFacts | undefined, pattern: RegExp): string | undefined {
  return lineMatching(command?.stderr, pattern) ?? lineMatching(command?.stdout, pattern);
}

/** The output samples whose command printed a matching line, with that line. */
export function samplesPrinting(
  samples: readonly OutputSampleFacts[] | undefined,
  pattern: RegExp,
): { resourceId: string; command: CommandInvocationFacts; line: string }[] {
  return (samples ?? []).flatMap(({ resourceId, command }) => {
    const line = outputLineMatching(command, pattern);
    return command && line ? [{ resourceId, command, line }] : [];
  });
}
