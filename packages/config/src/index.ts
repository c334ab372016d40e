export { parseEnv, ConfigError, brokerList, originList, port, postgresUrl, pemFrom } from './parse-env';
export { loadEnvFile } from './load-env-file';
