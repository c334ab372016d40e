import { runService } from '@microbank/service-kit';
import { auditService } from './service-definition';

runService(auditService);
