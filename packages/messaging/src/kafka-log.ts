import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import { JsonLogger } from '@microbank/logging';

// what a cluster says while it starts, elects a leader or moves a group: KafkaJS retries each of these by itself
const TRANSIENT_ERRORS = [
  'The group coordinator is not available',
  "The coordinator is loading and hence can't process requests",
  'This is not the correct coordinator for this group',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server is not the leader for that topic-partition',
  'The group is rebalancing, so a rejoin is needed',
  'The coordinator is not aware of this member',
];

/** The level a KafkaJS log entry is written at: an error KafkaJS recovers from by itself is not an error. */
export function kafkaLogLevel(level: logLevel, entry: LogEntry['log']): 'error' | 'warn' | 'info' | 'debug' {
  const text = `${entry.message} ${typeof entry.error === 'string' ? entry.error : ''}`;
  if (level <= logLevel.WARN && TRANSIENT_ERRORS.some((transient) => text.includes(transient))) return 'info';
  if (level === logLevel.ERROR) return 'error';
  if (level === logLevel.WARN) return 'warn';
  return level === logLevel.INFO ? 'info' : 'debug';
}

/** KafkaJS's own log lines as the service's JSON lines (context `kafkajs.<namespace>`), not console JSON of its own. */
export function kafkaLogCreator(service: string): logCreator {
  const loggers = new Map<string, JsonLogger>();
  return () =>
    ({ namespace, level, log }) => {
      // the line has a time of its own, and "kafkajs" is in its context
      const fields: Record<string, unknown> = { ...log };
      delete fields.message;
      delete fields.timestamp;
      delete fields.logger;
      const message = log.message;
      const context = namespace ? `kafkajs.${namespace}` : 'kafkajs';
      const logger = loggers.get(context) ?? new JsonLogger(service, context);
      loggers.set(context, logger);
      const written = kafkaLogLevel(level, log);
      const downgraded = level <= logLevel.WARN && written === 'info';
      logger.event(written, message, downgraded ? { ...fields, transient: true } : fields);
    };
}
