export { Topics, TOPIC_SPECS, deadLetterTopicOf } from './topics';
export type { TopicName, TopicSpec } from './topics';
