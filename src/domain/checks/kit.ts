// Small shared helpers for checks: finding defaults, time and selector wording, target-group access.
import type {
  AssociationFacts,
  ExecutionTargetFacts,
  InvestigationFacts,
  NodeFacts,
  TargetGroupFacts,
} from '../facts.ts';
import type { Evidence, Finding, Link } from '../finding.ts';
import { cli, consoleLinks } from '../references.ts';
import { clipText } from '../text.ts';

/** At most this many resources are named in one finding. */
export const MAX_RESOURCES = 10;
/** At most this many evidence items come from a per-resource loop. */
export const MAX_PER_RESOURCE_EVIDENCE = 3;

type FindingInput = Omit<Finding, 'links' | 'cli'> & Partial<Pick<Finding, 'links' | 'cli'>>;

/** A finding with empty links/cli filled in and its resources bounded. */
export function finding(input: FindingInput): Finding {
  const resources = input.resources ? unique(input.resources).slice(0, MAX_RESOURCES) : undefined;
  return { links: [], cli: [], ...input, ...(resources ? { resources } : {}) };
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Evidence without repeated field/value pairs, in first-seen order. */
export function uniqueEvidence(items: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const key = `${e.field}\u0000${e.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `3 h ago`, `12 min ago`, `2 d ago` — judged against the injected now. */
export function since(now: Date, then: Date): string {
  const minutes = Math.round((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** `2025-06-09 07:00 UTC`. */
export function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

/** `i-1, i-2, i-3 (+4 more)`. */
export function idList(ids: readonly string[], max = 3): string {
  const shown = ids.slice(0, max).join(', ');
  return ids.length > max ? `${shown} (+${ids.length - max} more)` : shown;
}

/** The Targets selector in words: `tag:Env = prod AND tag:Role = web`. */
export function selectorText(association: AssociationFacts): string {
  if (association.targets.length === 0) {
    return association.instanceId ? `InstanceId = ${association.instanceId}` : '(no targets)';
  }
  return association.targets.map((t) => `${t.key} = ${t.values.join(' OR ')}`).join(' AND ');
}

/** The node's platform for agentLogPaths; EC2 reports `windows` for Windows instances. */
export function nodePlatform(node: NodeFacts): string | undefined {
  if (node.platformType) return node.platformType;
  if (node.ec2?.platform) return /windows/i.test(node.ec2.platform) ? 'Windows' : 'Linux';
  return undefined;
}

/** The platform shared by all nodes, or undefined (both log locations) when they differ. */
export function commonPlatform(nodes: readonly NodeFacts[]): string | undefined {
  const platforms = unique(nodes.map(nodePlatform));
  return platforms.length === 1 ? platforms[0] : undefined;
}

/** Links to the association and its execution history, when the association is known. */
export function associationLinks(facts: InvestigationFacts): Link[] {
  const id = facts.association?.associationId;
  return id ? [consoleLinks.association(facts.scope, id), consoleLinks.associationHistory(facts.scope, id)] : [];
}

/** Console links for the first few nodes. */
export function nodeLinks(facts: InvestigationFacts, nodes: readonly NodeFacts[]): Link[] {
  return nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => consoleLinks.node(facts.scope, n.instanceId));
}

export function nodeCli(facts: InvestigationFacts, nodes: readonly NodeFacts[]): string[] {
  return nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => cli.instanceInformation(facts.scope, n.instanceId));
}

/** A target group together with the execution it belongs to. */
export interface ExecutionTargetGroup {
  executionId: string;
  group: TargetGroupFacts;
}

/** Target groups of the newest execution and of the newest failed one (when different). */
export function targetGroups(facts: InvestigationFacts): ExecutionTargetGroup[] {
  const { latestTargets: latest, failedTargets: failed } = facts;
  const sets = [latest, failed?.executionId === latest?.executionId ? undefined : failed].filter(
    (s) => s !== undefined,
  );
  return sets.flatMap((s) => s.groups.map((group) => ({ executionId: s.executionId, group })));
}

/** Groups whose Status or DetailedStatus is `status`. */
export function groupsWithStatus(facts: InvestigationFacts, status: string): ExecutionTargetGroup[] {
  return targetGroups(facts).filter(({ group }) => group.status === status || group.detailedStatus === status);
}

export function sampleIds(groups: readonly ExecutionTargetGroup[]): string[] {
  return unique(groups.flatMap(({ group }) => group.samples.map((s: ExecutionTargetFacts) => s.resourceId)));
}

/** True when the node cannot take commands: not managed, or not pinging Online (unknown when it could not be read). */
export function isOffline(node: NodeFacts): boolean {
  return (
    node.managed === false || (node.managed === true && node.pingStatus !== undefined && node.pingStatus !== 'Online')
  );
}

const STOPPED_STATES = new Set(['stopped', 'stopping']);
const TERMINATED_STATES = new Set(['terminated', 'shutting-down']);

export function isStopped(node: NodeFacts): boolean {
  return STOPPED_STATES.has(node.ec2?.state ?? '');
}

export function isTerminated(node: NodeFacts): boolean {
  return TERMINATED_STATES.has(node.ec2?.state ?? '');
}

/** The association looks healthy: Overview.Status Success and the newest execution succeeded (when known). */
export function associationSucceeding(facts: InvestigationFacts): boolean {
  const latest = facts.executions?.[0];
  return facts.association?.status === 'Success' && (latest === undefined || latest.status === 'Success');
}

/** First line of `text` matching `pattern`, trimmed to a readable length. */
export function matchingLine(text: string | undefined, pattern: RegExp): string | undefined {
  if (!text) return undefined;
  const line = text.split(/\r?\n/).find((l) => pattern.test(l));
  return line === undefined ? undefined : clip(line.trim(), 240);
}

/** `text` cut to at most `max` code units on a grapheme boundary, with an ellipsis when it cuts. */
export function clip(text: string, max: number): string {
  return clipText(text, max);
}
