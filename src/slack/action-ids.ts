// Action ids of every interactive element the app renders. Views and listeners import these; nobody
// spells an action id by hand. Slack requires action ids to be unique within their block, so a block
// with several buttons of one kind numbers them with `indexedActionId`; listeners match `actionIdPattern`.

/** Re-run an investigation; value = the investigation id. */
export const RERUN = 'investigation.rerun';
/** Reveal the output of a failed target; value = an opaque output id. */
export const SHOW_OUTPUT = 'output.show';
/** List every sampled failed target of a step (ephemeral, with a Show output button each); value = an opaque id. */
export const SHOW_MORE_OUTPUT = 'output.show-more';
/** Pick one location of an association found in several accounts/regions; value = an opaque token. */
export const CHOOSE_ACCOUNT = 'investigation.choose-account';
/** Start a fresh investigation from an alert; value = an opaque id. */
export const INVESTIGATE_AGAIN = 'investigation.investigate-again';
/** Mute an alert subscription for a while; value = an opaque id. */
export const MUTE_ALERT = 'alert.mute';
/** Investigate the example of a failure group of `/ssm-why failing` or App Home; value = a location token. */
export const FLEET_INVESTIGATE = 'fleet.investigate';
/** Run the association once now (opens the confirmation dialog); value = the investigation id. */
export const RUN_NOW = 'remediation.run-now';

/** "Was this right?" 👍 on a verdict; value = the investigation id. */
export const FEEDBACK_UP = 'feedback.up';
/** "Was this right?" 👎 on a verdict (opens the optional "what was it really?" dialog); value = the investigation id. */
export const FEEDBACK_DOWN = 'feedback.down';

/** "Tell me when it finishes" on a running verdict; value = `<investigation id> <execution id>`. */
export const WATCH_EXECUTION = 'investigation.watch';

export const ACTION_IDS = [
  RERUN,
  SHOW_OUTPUT,
  SHOW_MORE_OUTPUT,
  CHOOSE_ACCOUNT,
  INVESTIGATE_AGAIN,
  MUTE_ALERT,
  FLEET_INVESTIGATE,
  RUN_NOW,
  FEEDBACK_UP,
  FEEDBACK_DOWN,
  WATCH_EXECUTION,
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

/** The action id of the `index`-th button of one kind in a block: the bare id for the first, `id#n` after it. */
export function indexedActionId(actionId: ActionId, index: number): string {
  return index === 0 ? actionId : `${actionId}#${index}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches an action id and its indexed forms (`output.show`, `output.show#3`), for `app.action(…)`. */
export function actionIdPattern(actionId: ActionId): RegExp {
  return new RegExp(`^${escapeRegExp(actionId)}(?:#\\d+)?$`);
}
