export { parseEnv, ConfigError, brokerList, port, postgresUrl, pemFrom } from './parse-env';
export { loadEnvFile } from './load-env-file';
