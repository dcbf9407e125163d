// The AWS adapters' public surface for the composition root.
export { createAgentReleaseSource, DEFAULT_AGENT_RELEASE_URL } from './agent-release.ts';
export { type AwsGatewayOptions, type ClosableAwsGateway, createAwsGateway } from './gateway.ts';
