/** The six services; each gets its own database and login role. */
export const SERVICES = ['user', 'account', 'card', 'fraud', 'reporting', 'audit'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** What `pnpm dev` runs: the services, and the dashboard, which owns no data and so gets no database. */
export const APPS = [...SERVICES, 'dashboard'] as const;
export type AppName = (typeof APPS)[number];

/** Database and role share a name, so a connection string says whose data it reaches. */
export const databaseOf = (service: ServiceName): string => `microbank_${service}`;
export const roleOf = (service: ServiceName): string => `microbank_${service}`;

/** Where each app listens when run locally (`pnpm dev`). */
export const SERVICE_PORTS: Readonly<Record<AppName, number>> = {
  user: 3001,
  account: 3002,
  card: 3003,
  fraud: 3004,
  reporting: 3005,
  audit: 3006,
  dashboard: 3007,
};
