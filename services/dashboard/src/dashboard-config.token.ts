import { Inject } from '@nestjs/common';

export const DASHBOARD_CONFIG = Symbol('DASHBOARD_CONFIG');

/** Injects the DashboardConfig parsed at start. */
export const InjectDashboardConfig = () => Inject(DASHBOARD_CONFIG);
