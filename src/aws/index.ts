// The AWS adapters' public surface for the composition root.
export { ACCESS_PROBES, ALWAYS_ALLOWED_ACTIONS } from './access-probes.ts';
export { createAgentReleaseSource, DEFAULT_AGENT_RELEASE_URL } from './agent-release.ts';
export {
  type AwsGatewayOptions,
  type ClosableAwsGateway,
  createAwsGateway,
  DOCTOR_USER_ID,
} from './gateway.ts';
