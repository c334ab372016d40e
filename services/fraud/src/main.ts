import { runService } from '@microbank/service-kit';
import { fraudService } from './service-definition';

runService(fraudService);
