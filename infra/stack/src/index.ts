export { Stack } from './stack';
export { readConnections } from './connections-file';
export type { StackConnections } from './connections-file';
export type { StackStatus, ProcessStatus } from './stack-status';
export { loadStackConfig, StackError, PROFILES, REPO_ROOT } from './stack-config';
export type { StackConfig, ProfileName } from './stack-config';
export { PROFILE_DEFINITIONS } from './profiles';
export type { Profile, KafkaBroker, ZooKeeperNode } from './profiles';
export { APPS, SERVICES, SERVICE_PORTS, databaseOf, roleOf } from './services';
export type { AppName, ServiceName } from './services';
export { ConsoleReporter, SilentReporter } from './reporter';
export type { Reporter } from './reporter';
export { fourLetterWord, zookeeperMode } from './zookeeper';
export type { ZooKeeperMode } from './zookeeper';
export { builtServices, startServices, stopServices } from './dev-services';
export type { RunningService, StartServicesOptions } from './dev-services';
export {
  withAdmin,
  describeCluster,
  describeTopics,
  ensureTopics,
  topicConfig,
  isHealthy,
  awaitTopicsOnEveryBroker,
} from './kafka-admin';
export type { TopicState, PartitionState, ClusterState } from './kafka-admin';
export { waitFor } from './wait-for';
