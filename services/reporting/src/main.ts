import { runService } from '@microbank/service-kit';
import { reportingService } from './service-definition';

runService(reportingService);
