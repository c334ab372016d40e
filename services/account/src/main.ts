import { runService } from '@microbank/service-kit';
import { accountService } from './service-definition';

runService(accountService);
