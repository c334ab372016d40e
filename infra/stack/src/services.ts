/** The six services; each gets its own database and login role. */
export const SERVICES = ['user', 'account', 'card', 'fraud', 'reporting', 'audit'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Database and role share a name, so a connection string says whose data it reaches. */
export const databaseOf = (service: ServiceName): string => `microbank_${service}`;
export const roleOf = (service: ServiceName): string => `microbank_${service}`;
