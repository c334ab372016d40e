export { testKafka, uniqueName, createTestTopics, deleteTestTopics, withAdmin } from './kafka';
export { stackConnections, stackFor } from './stack-connections';
export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
export { TopicRecorder } from './topic-recorder';
export type { RecordedMessage } from './topic-recorder';
export { waitFor } from '@microbank/stack';
export { testKeys, signTestToken } from './test-tokens';
export type { TestKeys, TestTokenClaims } from './test-tokens';
