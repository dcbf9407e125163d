// Ready-made scenarios, one per cause family, for the diagnosis scenario tests.
import {
  automationExecutionLimitExceeded,
  automationMissingAssumeRole,
  automationPassRoleDenied,
  automationRoleNotAssumable,
  automationTargetParameterMissing,
} from './automation.ts';
import type { NamedScenario } from './common.ts';
import {
  allStepsSkipped,
  applyOnlyAtCronNeverRan,
  associationNotFound,
  documentDeleted,
  invalidAssocParameter,
  invalidPlatform,
  invalidSchedule,
  missingRequiredParameter,
  neverRanNoTargetMatch,
  noTargetsMatched,
  pinnedVersionMissing,
} from './documents-and-schedule.ts';
import { large } from './large.ts';
import {
  agentTooOld,
  connectionLost,
  deliveryTimedOut,
  healthy,
  instanceProfileMissing,
  nodeNotManaged,
  undeliverable,
} from './nodes.ts';
import { firstRunInProgress, recoveredAfterFailure } from './recency.ts';
import {
  accessDeniedOnOneOperation,
  duplicateInventory,
  executionTimedOutLinux,
  executionTimedOutWindows,
  maxErrorsReached,
  s3OutputBucketMissing,
  scriptExitCode1,
  stuckAtInProgress,
} from './run-command.ts';

export * from './automation.ts';
export * from './common.ts';
export * from './documents-and-schedule.ts';
export * from './large.ts';
export * from './nodes.ts';
export * from './recency.ts';
export * from './run-command.ts';

/** Every named scenario, in catalogue order. */
export const NAMED_SCENARIOS: readonly NamedScenario[] = [
  healthy,
  nodeNotManaged,
  connectionLost,
  instanceProfileMissing,
  agentTooOld,
  noTargetsMatched,
  neverRanNoTargetMatch,
  applyOnlyAtCronNeverRan,
  invalidSchedule,
  maxErrorsReached,
  scriptExitCode1,
  executionTimedOutLinux,
  executionTimedOutWindows,
  deliveryTimedOut,
  undeliverable,
  invalidPlatform,
  allStepsSkipped,
  documentDeleted,
  pinnedVersionMissing,
  missingRequiredParameter,
  invalidAssocParameter,
  automationMissingAssumeRole,
  automationRoleNotAssumable,
  automationPassRoleDenied,
  automationTargetParameterMissing,
  automationExecutionLimitExceeded,
  s3OutputBucketMissing,
  duplicateInventory,
  stuckAtInProgress,
  accessDeniedOnOneOperation,
  associationNotFound,
  large,
  recoveredAfterFailure,
  firstRunInProgress,
];

/** A named scenario by its `name`. */
export function namedScenario(name: string): NamedScenario {
  const found = NAMED_SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`No named scenario ${name}; known: ${NAMED_SCENARIOS.map((s) => s.name).join(', ')}`);
  return found;
}
