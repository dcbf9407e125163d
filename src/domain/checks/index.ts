// Every check the diagnosis runs, in catalogue order; diagnose() ranks the findings, so order is not priority.
import type { Check } from '../finding.ts';
import { agentStateChecks } from './agent-state.check.ts';
import { agentVersionChecks } from './agent-version.check.ts';
import { automationChecks } from './automation.check.ts';
import { documentChecks } from './document.check.ts';
import { duplicateChecks } from './duplicates.check.ts';
import { instanceProfileChecks } from './instance-profile.check.ts';
import { maxErrorsChecks } from './max-errors.check.ts';
import { nodeChecks } from './node.check.ts';
import { outputLocationChecks } from './output-location.check.ts';
import { parameterChecks } from './parameters.check.ts';
import { reachabilityChecks } from './reachability.check.ts';
import { runCommandDispatchChecks } from './run-command-dispatch.check.ts';
import { runCommandScriptChecks } from './run-command-script.check.ts';
import { runCommandTimeoutChecks } from './run-command-timeout.check.ts';
import { scheduleChecks } from './schedule.check.ts';
import { targetChecks } from './targets.check.ts';

export const ALL_CHECKS: readonly Check[] = [
  ...reachabilityChecks,
  ...nodeChecks,
  ...instanceProfileChecks,
  ...agentVersionChecks,
  ...targetChecks,
  ...scheduleChecks,
  ...agentStateChecks,
  ...duplicateChecks,
  ...runCommandScriptChecks,
  ...runCommandTimeoutChecks,
  ...runCommandDispatchChecks,
  ...documentChecks,
  ...parameterChecks,
  ...automationChecks,
  ...outputLocationChecks,
  ...maxErrorsChecks,
];
