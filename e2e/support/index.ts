export { AdminApi } from './admin-api';
export { startLiveConnector } from './live-connector';
export type { LiveConnector } from './live-connector';
export { postTelephonyHook, previewRequest, telephonyRequest } from './okta-hook';
export type { HookAnswer, Json } from './okta-hook';
export { freePort, startConnector, startSandboxConnector } from './running-connector';
export type { AdminCredentials, RunningConnector, SandboxConnector } from './running-connector';
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
