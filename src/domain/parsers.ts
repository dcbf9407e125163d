// Pure parsers for the strings AWS hands us in ad-hoc formats. They never throw: malformed input
// yields what could be read (AWS changes these strings without notice).
import type { ExecutionSummaryFacts } from './facts.ts';

const TRUNCATED = '--output truncated--';

/** `ResourceCountByStatus` of DescribeAssociationExecutions: `{Success=1, Failed=2}` (not JSON). */
export function parseResourceCountByStatus(raw: string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!raw) return counts;
  const text = raw.trim();
  if (text.startsWith('{"')) return parseAggregatedCountJson(text); // tolerate a JSON variant
  const inner = text.replace(/^\{/, '').replace(/\}$/, '');
  for (const part of inner.split(',')) {
    const m = /^\s*([^=\s][^=]*?)\s*=\s*(\d+)\s*$/.exec(part);
    if (m?.[1] && m[2] !== undefined) counts[m[1]] = (counts[m[1]] ?? 0) + Number(m[2]);
  }
  return counts;
}

/** A double-encoded count map from EventBridge, e.g. `association-status-aggregated-count`: `{"Success":1}`. */
export function parseAggregatedCountJson(raw: string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  if (!raw) return counts;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return counts;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return counts;
  for (const [key, n] of Object.entries(value)) {
    const num = typeof n === 'string' && /^\d+$/.test(n) ? Number(n) : n;
    if (typeof num === 'number' && Number.isFinite(num) && num >= 0) counts[key] = num;
  }
  return counts;
}

const HEADER =
  /^\s*(\d+) out of (\d+) plugins? processed, (\d+) success, (\d+) failed, (\d+) timedout, (\d+) skipped\.[ \t]?/;
const FAILURE = /(?:^|\n)The operation (\S+) failed because /g;

/**
 * The agent's ExecutionSummary (DescribeInstanceAssociationsStatus): the template
 * `%v out of %v plugin%v processed, %v success, %v failed, %v timedout, %v skipped. %v`, where the tail
 * holds `\nThe operation <plugin> failed because <stderr>.` per failed plugin, cut at 510 characters
 * with `--output truncated--`. Other texts (e.g. `Association stuck at InProgress …`) keep only `raw`.
 */
export function parseExecutionSummary(raw: string): ExecutionSummaryFacts {
  const truncated = raw.includes(TRUNCATED);
  const text = truncated ? raw.slice(0, raw.indexOf(TRUNCATED)) : raw;
  const facts: ExecutionSummaryFacts = { raw, failures: [], truncated };
  const header = HEADER.exec(text);
  if (!header) return facts;
  const [, processed, plugins, success, failed, timedOut, skipped] = header.map(Number);
  Object.assign(facts, { processed, plugins, success, failed, timedOut, skipped });

  const tail = text.slice(header[0].length);
  const starts = [...tail.matchAll(FAILURE)];
  starts.forEach((match, i) => {
    const from = (match.index ?? 0) + match[0].length;
    const to = starts[i + 1]?.index ?? tail.length;
    let reason = tail.slice(from, to).replace(/\s+$/, '');
    const isLast = i === starts.length - 1;
    // The template closes each reason with a period; a truncated last reason has none to strip.
    if (!(isLast && truncated) && reason.endsWith('.')) reason = reason.slice(0, -1);
    facts.failures.push({ plugin: match[1] ?? '', reason });
  });
  return facts;
}

/** ListCommandInvocations' CommandPlugins[].Output: stdout, then stderr after AWS's `----------ERROR-------` marker. */
export function splitPluginOutput(output: string | undefined): { stdout: string; stderr: string } {
  if (!output) return { stdout: '', stderr: '' };
  const marker = /\n?-{5,}ERROR-{5,}\n?/.exec(output);
  if (!marker) return { stdout: output, stderr: '' };
  return { stdout: output.slice(0, marker.index), stderr: output.slice(marker.index + marker[0].length) };
}
