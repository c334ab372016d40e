export { testKafka, uniqueName } from './kafka';
export { stackConnections, stackFor } from './stack-connections';
