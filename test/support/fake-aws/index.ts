// Fake AWS over real HTTP for tests: the real SDK talks to it. Start with `startFakeAws(scenario)`;
// build scenarios with test/support/scenarios/.
export { FakeAwsError } from './errors.ts';
export { validateInput, validateOutput } from './model-shapes.ts';
export { type FakeAws, startFakeAws } from './server.ts';
export { DHMC_SETTING_ID, resourceCountString, SSM_OPERATIONS } from './ssm.ts';
export type * from './types.ts';
export type * from './wire.ts';
